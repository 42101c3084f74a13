package dev.kabar.pipeline;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reports progress as plain lines, for runs whose standard error is a file or a pipe (a nightly
 * job's log), where a redrawn bar would be noise: one line when the run starts, with its totals,
 * then one every interval at most ({@link ProgressSnapshot#describe()}, prefixed
 * {@value #PREFIX}), e.g. {@code progress: 1234/4000 sentences (30%), 12/200 articles; 45.2
 * sentences/s, ETA 1m01s}. The run's summary line says the rest at the end. Not thread-safe.
 */
public final class LoggedProgress implements TranslationProgress {

    /** What every line starts with. */
    public static final String PREFIX = "progress: ";

    private final Consumer<String> sink;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastLine;
    private boolean started;

    /**
     * Creates a reporter.
     *
     * @param sink where the lines go
     * @param intervalSeconds least time between two lines, at least 1
     */
    public LoggedProgress(Consumer<String> sink, int intervalSeconds) {
        this(sink, intervalSeconds, System::nanoTime);
    }

    /** Creates a reporter that reads time from {@code clock} (nanoseconds), for tests. */
    public LoggedProgress(Consumer<String> sink, int intervalSeconds, LongSupplier clock) {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("the progress interval must be at least 1 second, but is "
                    + intervalSeconds + ".");
        }
        this.sink = sink;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.clock = clock;
    }

    @Override
    public void started(ProgressSnapshot snapshot) {
        // The first batch can take a while; the totals say at once how much there is to do.
        started = true;
        lastLine = clock.getAsLong();
        sink.accept(line(snapshot));
    }

    @Override
    public void advanced(ProgressSnapshot snapshot) {
        long now = clock.getAsLong();
        if (!started) {
            started = true;
            lastLine = now;
            return;
        }
        if (now - lastLine >= intervalNanos) {
            lastLine = now;
            sink.accept(line(snapshot));
        }
    }

    /** The text of one line. */
    static String line(ProgressSnapshot s) {
        return PREFIX + s.describe();
    }
}
