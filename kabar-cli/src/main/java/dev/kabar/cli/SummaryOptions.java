package dev.kabar.cli;

import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SummaryLength;
import picocli.CommandLine.Option;

/**
 * The length of extractive summaries, and whether to make any; a picocli mixin shared by
 * {@code translate} and {@code summarize}.
 */
final class SummaryOptions {

    @Option(names = "--summary-sentences", paramLabel = "N",
            description = "Extractive summary of the N best sentences.")
    Integer sentences;

    @Option(names = "--summary-words", paramLabel = "N",
            description = "Extractive summary of about N words, in whole sentences (default: 60).")
    Integer words;

    @Option(names = "--summary-ratio", paramLabel = "X",
            description = "Extractive summary of about this share (above 0, at most 1) of the article's words.")
    Double ratio;

    @Option(names = "--no-summary", description = "Make no summaries.")
    boolean none;

    /** Whether summaries are wanted. */
    boolean enabled() {
        return !none;
    }

    /** Whether a length was given on the command line. */
    boolean lengthGiven() {
        return sentences != null || words != null || ratio != null;
    }

    /**
     * Returns the length asked for, else the tuned default ({@link ExtractiveSummarizer#NEWS_LENGTH}).
     *
     * @throws IllegalArgumentException when more than one length, or a length with {@code --no-summary}, is given,
     *     or a value is out of range
     */
    SummaryLength length() {
        int given = (sentences == null ? 0 : 1) + (words == null ? 0 : 1) + (ratio == null ? 0 : 1);
        if (given > 1) {
            throw new IllegalArgumentException("give one of --summary-sentences, --summary-words and --summary-ratio, "
                    + "not " + given + ".");
        }
        if (none && given > 0) {
            throw new IllegalArgumentException("--no-summary makes no summary, so a summary length cannot go with it.");
        }
        if (sentences != null) {
            return SummaryLength.sentences(sentences);
        }
        if (words != null) {
            return SummaryLength.words(words);
        }
        if (ratio != null) {
            return SummaryLength.ratio(ratio);
        }
        return ExtractiveSummarizer.NEWS_LENGTH;
    }
}
