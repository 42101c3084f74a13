package dev.kabar.summarize;

/**
 * Where a sentence sits in its article: the paragraph, and the sentence within that paragraph,
 * both counted from 0. Ordered by article order.
 *
 * @param paragraph index of the paragraph in the article
 * @param sentence index of the sentence in its paragraph
 */
public record SentenceId(int paragraph, int sentence) implements Comparable<SentenceId> {

    /** Rejects negative positions. */
    public SentenceId {
        if (paragraph < 0 || sentence < 0) {
            throw new IllegalArgumentException("A sentence position cannot be negative, but is (" + paragraph + ", " + sentence + ").");
        }
    }

    /** Compares by article order: paragraph first, then sentence. */
    @Override
    public int compareTo(SentenceId o) {
        return paragraph != o.paragraph ? Integer.compare(paragraph, o.paragraph) : Integer.compare(sentence, o.sentence);
    }
}
