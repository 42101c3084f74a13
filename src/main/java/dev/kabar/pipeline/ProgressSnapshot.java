package dev.kabar.pipeline;

/**
 * Where a run stands.
 *
 * @param articlesTotal articles given to the run
 * @param articlesDone articles finished, failed ones included
 * @param articlesFailed articles failed so far
 * @param textsTotal texts to send to the model known so far (grows as the run reads ahead)
 * @param textsTranslated texts the model has translated so far
 * @param sentencesDone sentence pairs of the finished articles
 * @param elapsedNanos time since the run started
 */
public record ProgressSnapshot(int articlesTotal, int articlesDone, int articlesFailed, long textsTotal,
        long textsTranslated, long sentencesDone, long elapsedNanos) {

    /** Finished articles per second, 0 before any time has passed. */
    public double articlesPerSecond() {
        return perSecond(articlesDone);
    }

    /** Sentence pairs of finished articles per second. */
    public double sentencesPerSecond() {
        return perSecond(sentencesDone);
    }

    /**
     * Texts (sentences, or pieces of split ones) the model translated per second: the live figure,
     * since articles finish together at the end of each read-ahead window.
     */
    public double textsPerSecond() {
        return perSecond(textsTranslated);
    }

    private double perSecond(long count) {
        return elapsedNanos <= 0 ? 0 : count / (elapsedNanos / 1e9);
    }
}
