package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The terminal bar and the log lines show rates, and the bar does not redraw more often than it should. */
class ProgressReportersTest {

    private static ProgressSnapshot snapshot(int done, long texts, double seconds) {
        return new ProgressSnapshot(10, done, done > 4 ? 1 : 0, 40, texts, done * 3L, (long) (seconds * 1e9));
    }

    @Test
    void theBarShowsArticlesAndRates() {
        String line = TerminalProgressBar.line(snapshot(5, 20, 2.0));
        assertTrue(line.startsWith("[" + "#".repeat(15) + "-".repeat(15) + "] 5/10 articles (1 failed)"), line);
        assertTrue(line.contains("2.5 articles/s"), line);
        assertTrue(line.contains("10.0 sentences/s"), line);
    }

    @Test
    void theBarRedrawsAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        StringWriter screen = new StringWriter();
        long[] now = {0};
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(screen), () -> now[0]);
        bar.advanced(snapshot(1, 4, 0.1));
        now[0] += TerminalProgressBar.REDRAW_NANOS / 2;
        bar.advanced(snapshot(2, 8, 0.15));
        now[0] += TerminalProgressBar.REDRAW_NANOS / 10;
        bar.advanced(snapshot(10, 40, 0.16));
        bar.finished(null);
        String drawn = screen.toString();
        assertEquals(2, drawn.chars().filter(c -> c == '\r').count(), drawn);
        assertTrue(drawn.contains("10/10 articles") && drawn.endsWith(System.lineSeparator()), drawn);
    }

    @Test
    void theLogLineSaysTheSameInWords() {
        String line = LoggedProgress.line(snapshot(4, 16, 4.0));
        assertEquals("translated 4/10 articles, 16/40 texts; 1.0 articles/s, 4.0 sentences/s", line);
    }
}
