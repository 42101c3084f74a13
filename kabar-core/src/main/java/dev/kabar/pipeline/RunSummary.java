package dev.kabar.pipeline;

/**
 * Figures for a whole translation run.
 *
 * @param articles articles given to the run
 * @param articlesFailed articles reported as failed
 * @param sentences sentence pairs produced, titles included
 * @param translatedTexts distinct texts (sentences, or pieces of split sentences) sent to the model
 * @param reusedTexts texts that were not sent because the same text had been translated earlier in
 *     the run (pieces of split sentences count one by one)
 * @param reusedSentences sentences whose every piece had been translated earlier in the run: the sum
 *     of the articles' {@code reused_sentences}, the figure the run's summary line reports
 * @param splitSentences sentences translated in clause-sized pieces
 * @param sourceTokens model input tokens of all sentence pairs
 * @param targetTokens tokens generated for them
 * @param wallNanos wall time of the run
 * @param trust verdicts and actions of the sentences of the articles that did not fail
 */
public record RunSummary(int articles, int articlesFailed, long sentences, long translatedTexts, long reusedTexts,
        long reusedSentences, long splitSentences, long sourceTokens, long targetTokens, long wallNanos, TrustTally trust) {

    /** Replaces a missing tally by {@link TrustTally#NONE}. */
    public RunSummary {
        trust = trust == null ? TrustTally.NONE : trust;
    }

    /** Figures without trust counts. */
    public RunSummary(int articles, int articlesFailed, long sentences, long translatedTexts, long reusedTexts,
            long reusedSentences, long splitSentences, long sourceTokens, long targetTokens, long wallNanos) {
        this(articles, articlesFailed, sentences, translatedTexts, reusedTexts, reusedSentences, splitSentences, sourceTokens,
                targetTokens, wallNanos, TrustTally.NONE);
    }

    /** Articles translated without failure. */
    public int articlesOk() {
        return articles - articlesFailed;
    }

    /** Wall time in seconds. */
    public double seconds() {
        return wallNanos / 1e9;
    }
}
