package dev.kabar.pipeline;

/**
 * Hears how a run advances, to show progress. Called on the run's thread after each batch and
 * after each finished article; implementations should be quick and must not throw.
 */
@FunctionalInterface
public interface TranslationProgress {

    /** Does nothing. */
    TranslationProgress NONE = snapshot -> { };

    /** Called when the run has advanced. */
    void advanced(ProgressSnapshot snapshot);

    /** Called once when the run has finished. */
    default void finished(RunSummary summary) {
    }
}
