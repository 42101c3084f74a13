package dev.kabar.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run stands, in sentences first and articles second.
 *
 * <p>Sentences are the measure of work: the run counts every sentence of its articles before the
 * first batch, so {@code sentencesTotal} is final from the first snapshot and never changes, and
 * sentences are done batch by batch (articles finish only at the end of each read-ahead window,
 * all together). A sentence is done when the model has answered for all its pieces, or failed on
 * one, or when its text was translated earlier in the run; the sentences of an article that could
 * not be cut into sentences count as done when the article fails. So {@code sentencesDone} reaches
 * {@code sentencesTotal} at the end of every run.
 *
 * @param sentencesDone sentences done so far, as above
 * @param sentencesTotal sentences of all the run's articles, titles included; fixed for the run
 * @param articlesDone articles finished, failed ones included
 * @param articlesTotal articles given to the run
 * @param articlesFailed articles failed so far
 * @param elapsedNanos time since the run started
 */
public record ProgressSnapshot(long sentencesDone, long sentencesTotal, int articlesDone, int articlesTotal,
        int articlesFailed, long elapsedNanos) {

    /** Sentences done per second since the run started, 0 before any time has passed. */
    public double sentencesPerSecond() {
        return elapsedNanos <= 0 ? 0 : sentencesDone / (elapsedNanos / 1e9);
    }

    /** Whether every sentence and every article is done. */
    public boolean complete() {
        return sentencesDone >= sentencesTotal && articlesDone >= articlesTotal;
    }

    /** The share of sentences done, 0 to 1; 1 for a run without sentences. */
    public double share() {
        return sentencesTotal <= 0 ? 1 : Math.min(1.0, (double) sentencesDone / sentencesTotal);
    }

    /**
     * Time left at the rate so far: the sentences left divided by {@link #sentencesPerSecond()}.
     * Empty until a sentence is done (there is no rate before) and once every sentence is (what is
     * left then, handing the last window's articles to the output, is not measured in sentences).
     */
    public Optional<Duration> eta() {
        long left = sentencesTotal - sentencesDone;
        if (sentencesDone <= 0 || elapsedNanos <= 0 || left <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) ((double) elapsedNanos * left / sentencesDone)));
    }

    /**
     * The snapshot in words, shared by the terminal bar and the log lines, e.g.
     * {@code 1234/4000 sentences (30%), 12/200 articles (1 failed); 45.2 sentences/s, ETA 1m01s}.
     * The rate appears once a sentence is done, the ETA while sentences are left.
     */
    public String describe() {
        // Rounded down, so that 100% means done.
        long percent = sentencesTotal <= 0 ? 100 : sentencesDone * 100 / sentencesTotal;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d/%d sentences (%d%%), %d/%d articles",
                sentencesDone, sentencesTotal, percent, articlesDone, articlesTotal));
        if (articlesFailed > 0) {
            line.append(" (").append(articlesFailed).append(" failed)");
        }
        if (sentencesDone > 0 && elapsedNanos > 0) {
            line.append(String.format(Locale.ROOT, "; %.1f sentences/s", sentencesPerSecond()));
            eta().ifPresent(eta -> line.append(", ETA ").append(duration(eta)));
        }
        return line.toString();
    }

    /** A duration as a person reads it on a progress line: {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, (d.toNanos() + 999_999_999L) / 1_000_000_000L); // rounded up: never "0s" while work is left
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long minutes = (seconds + 59) / 60;
        return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }
}
