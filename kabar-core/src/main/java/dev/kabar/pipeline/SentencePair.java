package dev.kabar.pipeline;

/**
 * One Indonesian sentence and its English translation.
 *
 * @param indonesian the source sentence as segmented
 * @param english the translation (the sentence itself when it was already English and passed
 *     through), or null when the article failed before it was translated
 * @param split whether the sentence was longer than the model's input limit and was translated
 *     in clause-sized pieces, rejoined here with a space
 * @param trust its language, confidence, verdict and what was done; null when not known (the
 *     article failed, or the pair was read back from an earlier output)
 */
public record SentencePair(String indonesian, String english, boolean split, SentenceTrust trust) {

    /** Checks that the source sentence is present. */
    public SentencePair {
        if (indonesian == null) {
            throw new IllegalArgumentException("a sentence pair needs its Indonesian sentence");
        }
    }

    /** A pair whose trust is not known. */
    public SentencePair(String indonesian, String english, boolean split) {
        this(indonesian, english, split, null);
    }

    /** Whether the pair's English was checked and found suspect. */
    public boolean suspect() {
        return trust != null && trust.suspect();
    }
}
