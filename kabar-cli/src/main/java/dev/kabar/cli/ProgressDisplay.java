package dev.kabar.cli;

import dev.kabar.pipeline.LoggedProgress;
import dev.kabar.pipeline.TerminalProgressBar;
import dev.kabar.pipeline.TranslationProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How {@code kabar translate} and {@code kabar run} show a run's progress on standard error: a bar
 * redrawn in place when standard error is a terminal, a plain {@code kabar: progress: ...} line
 * every interval otherwise (a log file, a pipe, cron), and the command's own messages printed so
 * that they never land on the bar's line. Not thread-safe.
 */
final class ProgressDisplay {

    /** Where Linux shows what standard error is; a terminal is a {@code /dev/pts/N} or {@code /dev/ttyN}. */
    static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

    private final PrintWriter err;
    private final TranslationProgress progress;
    private final TerminalProgressBar bar;

    private ProgressDisplay(PrintWriter err, TranslationProgress progress, TerminalProgressBar bar) {
        this.err = err;
        this.progress = progress;
        this.bar = bar;
    }

    /** Progress on {@code err}, which is the process's standard error, a bar if that is a terminal. */
    static ProgressDisplay forStandardError(PrintWriter err, int intervalSeconds) {
        return of(isTerminal(STANDARD_ERROR, () -> System.console() != null), err, intervalSeconds, System::nanoTime);
    }

    /**
     * Progress on {@code err}: a bar when {@code terminal}, else a line every {@code intervalSeconds}
     * of {@code clock} (nanoseconds).
     */
    static ProgressDisplay of(boolean terminal, PrintWriter err, int intervalSeconds, LongSupplier clock) {
        if (terminal) {
            TerminalProgressBar bar = new TerminalProgressBar(err, clock);
            return new ProgressDisplay(err, bar, bar);
        }
        LoggedProgress lines = new LoggedProgress(line -> {
            err.println("kabar: " + line);
            err.flush();
        }, intervalSeconds, clock);
        return new ProgressDisplay(err, lines, null);
    }

    /** The reporter to give the run. */
    TranslationProgress progress() {
        return progress;
    }

    /** Prints a message met during the run (a warning, a failed article) on a line of its own. */
    void message(String line) {
        if (bar != null) {
            bar.println(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    /** Ends the bar's line, if one is drawn, so that a closing message (an error) gets a line of its own. */
    void end() {
        if (bar != null) {
            bar.end();
        }
    }

    /**
     * Whether the file descriptor that {@code descriptor} links to is a terminal. Without such a link
     * (no {@code /proc}: macOS, Windows), {@code console} decides: the JVM's own test, which looks
     * at standard input and output rather than standard error, so a redirected output turns the bar
     * into lines there.
     */
    static boolean isTerminal(Path descriptor, BooleanSupplier console) {
        Path target;
        try {
            target = Files.readSymbolicLink(descriptor);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return console.getAsBoolean();
        }
        String name = target.toString();
        return name.startsWith("/dev/pts/") || name.startsWith("/dev/tty") || name.equals("/dev/console");
    }
}
