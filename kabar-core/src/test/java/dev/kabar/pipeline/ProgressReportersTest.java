package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's words (sentences first, articles second, rate, ETA), the terminal bar and the
 * log lines, on hand-made snapshots and a hand-turned clock.
 */
class ProgressReportersTest {

    private static final long SECOND = 1_000_000_000L;

    private static ProgressSnapshot snapshot(long sentencesDone, int articlesDone, long seconds) {
        return new ProgressSnapshot(sentencesDone, 4000, articlesDone, 200, articlesDone > 10 ? 1 : 0, seconds * SECOND);
    }

    @Test
    void theSnapshotCountsSentencesDoneOfAllWithArticlesAsASecondFigure() {
        assertEquals("1000/4000 sentences (25%), 12/200 articles (1 failed); 50.0 sentences/s, ETA 1m00s",
                snapshot(1000, 12, 20).describe());
        // 3999 of 4000 is not 100%: the figure is rounded down, so that 100% means done.
        assertEquals("3999/4000 sentences (99%), 199/200 articles (1 failed); 50.0 sentences/s, ETA 1s",
                new ProgressSnapshot(3999, 4000, 199, 200, 1, 7998 * SECOND / 100).describe());
    }

    @Test
    void thereIsNoRateNorEtaBeforeTheFirstSentenceAndNoEtaAtTheEnd() {
        ProgressSnapshot start = snapshot(0, 0, 0);
        assertEquals(Optional.empty(), start.eta());
        assertEquals("0/4000 sentences (0%), 0/200 articles", start.describe());
        ProgressSnapshot slowStart = snapshot(0, 0, 30);
        assertEquals(Optional.empty(), slowStart.eta(), "no rate yet, so no guess");
        ProgressSnapshot end = new ProgressSnapshot(4000, 4000, 200, 200, 0, 80 * SECOND);
        assertEquals(Optional.empty(), end.eta());
        assertEquals("4000/4000 sentences (100%), 200/200 articles; 50.0 sentences/s", end.describe());
        ProgressSnapshot lastWindow = new ProgressSnapshot(4000, 4000, 150, 200, 0, 80 * SECOND);
        assertEquals("4000/4000 sentences (100%), 150/200 articles; 50.0 sentences/s", lastWindow.describe(),
                "the last window's articles are being written: no sentences left, no ETA");
    }

    @Test
    void theEtaIsTheSentencesLeftAtTheRateSoFar() {
        assertEquals(Optional.of(Duration.ofSeconds(60)), snapshot(1000, 0, 20).eta());
        assertEquals(Optional.of(Duration.ofSeconds(3 * 20)), snapshot(1000, 199, 20).eta(),
                "articles finish late (at the end of each read-ahead window); the ETA follows sentences alone");
        assertEquals("42s", ProgressSnapshot.duration(Duration.ofMillis(41_200)), "rounded up");
        assertEquals("3m05s", ProgressSnapshot.duration(Duration.ofSeconds(185)));
        assertEquals("1h02m", ProgressSnapshot.duration(Duration.ofSeconds(3720)));
    }

    @Test
    void theBarIsFilledBySentencesNotArticles() {
        String line = TerminalProgressBar.line(snapshot(2000, 0, 40));
        assertTrue(line.startsWith("[" + "#".repeat(10) + "-".repeat(10) + "] 2000/4000 sentences (50%), 0/200 articles"),
                line);
    }

    @Test
    void theBarDrawsAtTheStartThenAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        StringWriter screen = new StringWriter();
        long[] now = {0};
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(screen), () -> now[0]);
        bar.started(snapshot(0, 0, 0));
        now[0] += TerminalProgressBar.REDRAW_NANOS / 2;
        bar.advanced(snapshot(100, 0, 1));
        now[0] += TerminalProgressBar.REDRAW_NANOS;
        bar.advanced(snapshot(200, 0, 2));
        now[0] += TerminalProgressBar.REDRAW_NANOS / 10;
        bar.advanced(new ProgressSnapshot(4000, 4000, 200, 200, 0, 3 * SECOND));
        bar.finished(null);
        String drawn = screen.toString();
        assertEquals(3, drawn.chars().filter(c -> c == '\r').count(), drawn);
        assertTrue(drawn.contains("\r[--------------------] 0/4000 sentences"), drawn);
        assertFalse(drawn.contains("100/4000"), "drawn too soon after the start: " + drawn);
        assertTrue(drawn.contains("4000/4000 sentences") && drawn.endsWith(System.lineSeparator()), drawn);
    }

    @Test
    void aShorterLineCoversTheLongerOneAndMessagesGetALineOfTheirOwn() {
        StringWriter screen = new StringWriter();
        long[] now = {0};
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(screen), () -> now[0]);
        ProgressSnapshot longer = new ProgressSnapshot(10, 4000, 0, 200, 0, 6000 * SECOND); // ETA in hours
        ProgressSnapshot shorter = new ProgressSnapshot(3990, 4000, 0, 200, 0, 600 * SECOND); // ETA in seconds
        bar.advanced(longer);
        int longLength = TerminalProgressBar.line(longer).length();
        now[0] += TerminalProgressBar.REDRAW_NANOS;
        bar.advanced(shorter);
        String secondDraw = screen.toString().substring(screen.toString().lastIndexOf('\r') + 1);
        assertTrue(TerminalProgressBar.line(shorter).length() < longLength);
        assertEquals(longLength, secondDraw.length(), "padded with spaces: '" + secondDraw + "'");

        screen.getBuffer().setLength(0);
        bar.println("kabar: a.txt: translation failed");
        String shorterLine = TerminalProgressBar.line(shorter);
        assertEquals("\r" + " ".repeat(shorterLine.length()) + "\r" + "kabar: a.txt: translation failed"
                + System.lineSeparator() + shorterLine, screen.toString());
    }

    @Test
    void logLinesStartWithTheTotalsThenComeOncePerInterval() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        LoggedProgress logged = new LoggedProgress(lines::add, 10, () -> now[0]);
        logged.started(snapshot(0, 0, 0));
        assertEquals(List.of("progress: 0/4000 sentences (0%), 0/200 articles"), lines, "at once, before the first batch");
        now[0] += 9 * SECOND;
        logged.advanced(snapshot(450, 0, 9));
        assertEquals(1, lines.size(), "not before the interval");
        now[0] += SECOND;
        logged.advanced(snapshot(500, 0, 10));
        now[0] += SECOND;
        logged.advanced(snapshot(550, 0, 11));
        assertEquals(List.of("progress: 0/4000 sentences (0%), 0/200 articles",
                "progress: 500/4000 sentences (12%), 0/200 articles; 50.0 sentences/s, ETA 1m10s"), lines);
    }
}
