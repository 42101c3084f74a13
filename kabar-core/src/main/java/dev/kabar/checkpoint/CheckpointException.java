package dev.kabar.checkpoint;

/**
 * A checkpoint folder or weight file that cannot be used: missing, truncated, corrupt, unsafe or of
 * an unsupported kind. The message names the file (and tensor, key or global) and what to do.
 */
public class CheckpointException extends RuntimeException {

    /** Creates an exception with a message that names the file and the problem. */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
