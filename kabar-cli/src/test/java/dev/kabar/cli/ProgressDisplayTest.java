package dev.kabar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.pipeline.ProgressSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice between the bar and log lines: what standard error is (read from a link, as in
 * {@code /proc/self/fd/2}), what each choice writes, and messages met during the run.
 */
class ProgressDisplayTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aTerminalIsTheLinkToATtyAnythingElseIsNot() throws IOException {
        Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
        Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
        Path log = Files.createSymbolicLink(dir.resolve("log"), dir.resolve("kabar.log"));
        Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[48213]"));
        assertTrue(ProgressDisplay.isTerminal(pts, () -> false));
        assertTrue(ProgressDisplay.isTerminal(tty, () -> false));
        assertFalse(ProgressDisplay.isTerminal(log, () -> true), "2>kabar.log: the console test would be wrong here");
        assertFalse(ProgressDisplay.isTerminal(pipe, () -> true), "2>&1 | tee");
        for (Path link : new Path[] {pts, tty, log, pipe}) {
            Files.delete(link); // the links point outside the temporary folder, which JUnit warns about
        }
    }

    @Test
    void withoutTheLinkTheConsoleDecides() {
        Path none = dir.resolve("no-such-descriptor");
        assertTrue(ProgressDisplay.isTerminal(none, () -> true));
        assertFalse(ProgressDisplay.isTerminal(none, () -> false));
    }

    @Test
    void onATerminalABarIsDrawnAndMessagesDoNotLandOnIt() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressDisplay display = ProgressDisplay.of(true, new PrintWriter(err), 10, () -> now[0]);
        display.progress().started(new ProgressSnapshot(0, 28, 0, 1, 0, 0));
        display.message("kabar: warning: a.txt: something");
        assertTrue(err.toString().startsWith("\r[--------------------] 0/28 sentences (0%), 0/1 articles\r"), err.toString());
        assertTrue(err.toString().contains("\rkabar: warning: a.txt: something" + System.lineSeparator() + "[---"),
                "the message on its own line, the bar drawn again below: " + err);
    }

    @Test
    void elsewhereLinesComeOncePerIntervalOfTheClock() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressDisplay display = ProgressDisplay.of(false, new PrintWriter(err), 10, () -> now[0]);
        display.progress().started(new ProgressSnapshot(0, 280, 0, 10, 0, 0));
        now[0] += 5 * SECOND;
        display.progress().advanced(new ProgressSnapshot(70, 280, 0, 10, 0, 5 * SECOND));
        display.message("kabar: a.txt: translation failed, article a skipped: broken");
        now[0] += 5 * SECOND;
        display.progress().advanced(new ProgressSnapshot(140, 280, 5, 10, 1, 10 * SECOND));
        String nl = System.lineSeparator();
        assertEquals("kabar: progress: 0/280 sentences (0%), 0/10 articles" + nl
                + "kabar: a.txt: translation failed, article a skipped: broken" + nl
                + "kabar: progress: 140/280 sentences (50%), 5/10 articles (1 failed); 14.0 sentences/s, ETA 10s" + nl,
                err.toString());
        assertFalse(err.toString().contains("\r"));
    }
}
