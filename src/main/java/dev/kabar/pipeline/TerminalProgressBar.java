package dev.kabar.pipeline;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws a one-line progress bar for a person at a terminal, redrawn in place with a carriage
 * return at most every {@link #REDRAW_NANOS}: articles done of all, failures, articles/s and
 * sentences/s. Not for logs or pipes, where the carriage returns would pile up; see
 * {@link LoggedProgress}. Not thread-safe.
 */
public final class TerminalProgressBar implements TranslationProgress {

    /** Shortest time between two redraws, so that drawing never slows the run. */
    public static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final LongSupplier clock;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    /** Creates a bar that draws on {@code terminal}. */
    public TerminalProgressBar(PrintWriter terminal) {
        this(terminal, System::nanoTime);
    }

    /** Creates a bar with a clock in nanoseconds, for tests. */
    TerminalProgressBar(PrintWriter terminal, LongSupplier clock) {
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public void advanced(ProgressSnapshot snapshot) {
        long now = clock.getAsLong();
        boolean last = snapshot.articlesDone() == snapshot.articlesTotal();
        if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        terminal.print("\r" + line(snapshot));
        terminal.flush();
        drawn = true;
    }

    @Override
    public void finished(RunSummary summary) {
        if (drawn) {
            terminal.println();
            terminal.flush();
        }
    }

    /** The bar's text for a snapshot, without the carriage return. */
    static String line(ProgressSnapshot s) {
        double share = s.articlesTotal() == 0 ? 1 : (double) s.articlesDone() / s.articlesTotal();
        int filled = (int) Math.round(share * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        return String.format(Locale.ROOT, "[%s] %d/%d articles%s, %d sentences translated | %.1f articles/s, %.1f sentences/s",
                bar, s.articlesDone(), s.articlesTotal(), s.articlesFailed() > 0 ? " (" + s.articlesFailed() + " failed)" : "",
                s.textsTranslated(), s.articlesPerSecond(), s.textsPerSecond());
    }
}
