package dev.kabar.job;

import java.nio.file.Path;

/**
 * A run that stopped for a reason that concerns every article (an unwritable or full output
 * folder, a model that cannot be loaded, a broken state database). What was committed before stays
 * committed; the next run resumes from there.
 */
public final class JobFailedException extends JobException {

    private static final long serialVersionUID = 1L;

    private final transient Path report;

    /** Creates the exception with a message, its cause and the run report written, or null. */
    public JobFailedException(String message, Throwable cause, Path report) {
        super(message, cause);
        this.report = report;
    }

    /** The run report of the failed run, or null when the run had not been recorded yet. */
    public Path report() {
        return report;
    }
}
