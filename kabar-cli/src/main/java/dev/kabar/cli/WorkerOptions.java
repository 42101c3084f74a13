package dev.kabar.cli;

import dev.kabar.engine.Seq2SeqEngine;
import picocli.CommandLine.Option;

/** The {@code --workers} option of the commands that translate: how many parts the engine decodes side by side. */
final class WorkerOptions {

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Parts each batch is split into and decoded side by side, sharing the cores "
                    + "(default: one per core, at most 4).")
    int workers;

    /**
     * Checks the value before any work.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    void check() {
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be at least 1 (or 0 for one per core, at most 4), but is "
                    + workers + ".");
        }
    }

    /** Gives a loaded engine the workers asked for; without the option it keeps its default. */
    void applyTo(Seq2SeqEngine engine) {
        if (workers > 0) {
            engine.withWorkers(workers);
        }
    }
}
