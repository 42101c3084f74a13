package dev.kabar.pipeline;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Reports progress as plain log lines, one every interval at most, for runs whose standard error
 * is a file or a pipe (a nightly job's log), where a redrawn bar would be noise. Not thread-safe.
 */
public final class LoggedProgress implements TranslationProgress {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastLine;
    private boolean started;

    /**
     * Creates a reporter.
     *
     * @param log where the lines go
     * @param intervalSeconds least time between two lines, at least 1
     */
    public LoggedProgress(Logger log, int intervalSeconds) {
        this(log, intervalSeconds, System::nanoTime);
    }

    /** Creates a reporter with a clock in nanoseconds, for tests. */
    LoggedProgress(Logger log, int intervalSeconds, LongSupplier clock) {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("the progress interval must be at least 1 second, but is "
                    + intervalSeconds + ".");
        }
        this.log = log;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.clock = clock;
    }

    @Override
    public void advanced(ProgressSnapshot snapshot) {
        long now = clock.getAsLong();
        if (!started) {
            // The first call only starts the clock: a line right away would say nothing.
            started = true;
            lastLine = now;
            return;
        }
        if (now - lastLine >= intervalNanos) {
            lastLine = now;
            log.info(line(snapshot));
        }
    }

    /** The text of one line. */
    static String line(ProgressSnapshot s) {
        return String.format(Locale.ROOT,
                "translated %d/%d articles%s, %d/%d texts; %.1f articles/s, %.1f sentences/s",
                s.articlesDone(), s.articlesTotal(), s.articlesFailed() > 0 ? " (" + s.articlesFailed() + " failed)" : "",
                s.textsTranslated(), s.textsTotal(), s.articlesPerSecond(), s.textsPerSecond());
    }
}
