package dev.kabar.digest;

/**
 * A digest input that cannot be read at all (missing, not kabar's output, malformed); the message
 * names the file and, where known, the line. Other inputs can still be read.
 */
public final class DigestInputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message naming the input. */
    public DigestInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception with a message naming the input. */
    public DigestInputException(String message) {
        super(message);
    }
}
