package dev.kabar.pipeline;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Draws a one-line progress bar for a person at a terminal, redrawn in place with a carriage
 * return at most every {@link #REDRAW_NANOS}: sentences done of all (which fill the bar), articles
 * done of all, failures, the rate and the ETA ({@link ProgressSnapshot#describe()}). Not for logs
 * or pipes, where the carriage returns would pile up; see {@link LoggedProgress}. Messages printed
 * during the run go through {@link #println(String)}, so that they do not land on the bar's line.
 * Not thread-safe.
 */
public final class TerminalProgressBar implements TranslationProgress {

    /** Shortest time between two redraws, so that drawing never slows the run. */
    public static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 20;

    private final PrintWriter terminal;
    private final LongSupplier clock;
    private long lastDraw;
    private String drawn = "";

    /** Creates a bar that draws on {@code terminal}. */
    public TerminalProgressBar(PrintWriter terminal) {
        this(terminal, System::nanoTime);
    }

    /** Creates a bar that reads time from {@code clock} (nanoseconds), for tests. */
    public TerminalProgressBar(PrintWriter terminal, LongSupplier clock) {
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public void started(ProgressSnapshot snapshot) {
        draw(snapshot, clock.getAsLong());
    }

    @Override
    public void advanced(ProgressSnapshot snapshot) {
        long now = clock.getAsLong();
        if (!snapshot.complete() && !drawn.isEmpty() && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        draw(snapshot, now);
    }

    @Override
    public void finished(RunSummary summary) {
        end();
    }

    /**
     * Ends the bar's line, so that what follows starts on a line of its own; for a run that stopped
     * before {@link #finished}. Does nothing when the line is ended already.
     */
    public void end() {
        if (!drawn.isEmpty()) {
            terminal.println();
            terminal.flush();
            drawn = "";
        }
    }

    /**
     * Prints a message on a line of its own: the bar is wiped, the message printed, and the bar
     * drawn again below it, so that warnings and failures met during the run stay readable.
     */
    public void println(String message) {
        if (drawn.isEmpty()) {
            terminal.println(message);
        } else {
            terminal.print("\r" + " ".repeat(drawn.length()) + "\r");
            terminal.println(message);
            terminal.print(drawn);
        }
        terminal.flush();
    }

    private void draw(ProgressSnapshot snapshot, long now) {
        lastDraw = now;
        String line = line(snapshot);
        // A shorter line (the ETA shrinks) must cover what the longer one left.
        String padding = " ".repeat(Math.max(0, drawn.length() - line.length()));
        terminal.print("\r" + line + padding);
        terminal.flush();
        drawn = line;
    }

    /** The bar's text for a snapshot, without the carriage return. */
    static String line(ProgressSnapshot s) {
        int filled = (int) Math.floor(s.share() * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + s.describe();
    }
}
