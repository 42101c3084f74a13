package dev.kabar.job;

/**
 * A nightly job that cannot start or had to stop. Subclasses say which: a bad job file
 * ({@link JobFileException}), another run holding the job ({@link JobLockedException}), or a run
 * stopped by a failure that concerns every article ({@link JobFailedException}). A failure of one
 * article is never one of these: it is recorded in the state store and the run goes on.
 */
public abstract class JobException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a full-sentence message. */
    protected JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
