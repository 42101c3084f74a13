package dev.kabar.job;

/**
 * A job file that cannot be used: malformed YAML, an unknown key, a wrong type, a missing value or a
 * missing input file. The message names the key and the file. Raised before any work starts.
 */
public final class JobFileException extends JobException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file and the key. */
    public JobFileException(String message) {
        super(message, null);
    }

    /** Creates the exception with a message and the parser's failure behind it. */
    public JobFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
