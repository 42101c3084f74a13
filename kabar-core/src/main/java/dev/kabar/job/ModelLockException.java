package dev.kabar.job;

/**
 * A job's hub model cannot be locked, or its lock does not match the cache: the message names the
 * lock file, the model and the file, and says what to run.
 */
public class ModelLockException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code cause} may be null. */
    public ModelLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
