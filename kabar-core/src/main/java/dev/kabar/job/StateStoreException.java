package dev.kabar.job;

/**
 * The state database cannot be read or written. It stops the run (nothing can be recorded, so
 * nothing can be trusted to resume); the runner turns it into a {@link JobFailedException}.
 */
public final class StateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the database and what was being done. */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
