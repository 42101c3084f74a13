package dev.kabar.pipeline;

/**
 * Hears how a run advances, to show progress. Called on the run's thread: once when the run has
 * counted its sentences, after each batch and after each finished article, and once at the end;
 * implementations should be quick and must not throw.
 */
@FunctionalInterface
public interface TranslationProgress {

    /** Does nothing. */
    TranslationProgress NONE = snapshot -> { };

    /**
     * Called once before the first batch, when the run knows its totals and nothing is done yet,
     * so that a reporter can say how much there is before the first (possibly long) batch ends.
     */
    default void started(ProgressSnapshot snapshot) {
    }

    /** Called when the run has advanced. */
    void advanced(ProgressSnapshot snapshot);

    /** Called once when the run has finished. */
    default void finished(RunSummary summary) {
    }
}
