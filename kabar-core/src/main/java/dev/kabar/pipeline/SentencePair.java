package dev.kabar.pipeline;

/**
 * One Indonesian sentence and its English translation.
 *
 * @param indonesian the source sentence as segmented
 * @param english the translation, or null when the article failed before it was translated
 * @param split whether the sentence was longer than the model's input limit and was translated
 *     in clause-sized pieces, rejoined here with a space
 */
public record SentencePair(String indonesian, String english, boolean split) {

    /** Checks that the source sentence is present. */
    public SentencePair {
        if (indonesian == null) {
            throw new IllegalArgumentException("a sentence pair needs its Indonesian sentence");
        }
    }
}
