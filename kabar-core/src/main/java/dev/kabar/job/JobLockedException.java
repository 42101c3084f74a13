package dev.kabar.job;

/** Another run of the same job holds its lock; the message names the holder (pid, host, start time). */
public final class JobLockedException extends JobException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the holder. */
    public JobLockedException(String message) {
        super(message, null);
    }
}
