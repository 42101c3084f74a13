package dev.kabar.pipeline;

/**
 * Figures for one translated article.
 *
 * @param sentences sentence pairs, the title's included
 * @param splitSentences sentences longer than the input limit, translated in clause-sized pieces
 * @param reusedSentences sentences whose every piece had already been translated earlier in the run
 * @param sourceTokens model input tokens of all sentences, special tokens left out
 * @param targetTokens tokens the model generated for them (reused translations counted again; both
 *     attempts of a text tried a second time)
 * @param translationNanos this article's share of model time: each batch's time divided among its
 *     texts by their source tokens, second tries included; a reused translation costs nothing
 * @param trust verdicts and actions of the article's sentences
 */
public record ArticleStats(int sentences, int splitSentences, int reusedSentences, long sourceTokens,
        long targetTokens, long translationNanos, TrustTally trust) {

    /** Replaces a missing tally by {@link TrustTally#NONE}. */
    public ArticleStats {
        trust = trust == null ? TrustTally.NONE : trust;
    }

    /** Figures without trust counts. */
    public ArticleStats(int sentences, int splitSentences, int reusedSentences, long sourceTokens, long targetTokens,
            long translationNanos) {
        this(sentences, splitSentences, reusedSentences, sourceTokens, targetTokens, translationNanos, TrustTally.NONE);
    }

    /** Figures of an article that has none, such as one that failed before translation. */
    public static ArticleStats none() {
        return new ArticleStats(0, 0, 0, 0, 0, 0);
    }
}
