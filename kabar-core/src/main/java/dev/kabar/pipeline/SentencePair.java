package dev.kabar.pipeline;

import java.util.List;

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
 * @param terms the glossary terms found in the sentence, in order of first occurrence, each with
 *     whether the English has it; empty without a glossary or without a term
 */
public record SentencePair(String indonesian, String english, boolean split, SentenceTrust trust, List<TermUse> terms) {

    /** Checks that the source sentence is present and copies the terms. */
    public SentencePair {
        if (indonesian == null) {
            throw new IllegalArgumentException("a sentence pair needs its Indonesian sentence");
        }
        terms = terms == null ? List.of() : List.copyOf(terms);
    }

    /** A pair without glossary terms. */
    public SentencePair(String indonesian, String english, boolean split, SentenceTrust trust) {
        this(indonesian, english, split, trust, List.of());
    }

    /** A pair whose trust is not known. */
    public SentencePair(String indonesian, String english, boolean split) {
        this(indonesian, english, split, null, List.of());
    }

    /** Whether the pair's English was checked and found suspect. */
    public boolean suspect() {
        return trust != null && trust.suspect();
    }
}
