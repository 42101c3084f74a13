package dev.kabar.tokenize;

/**
 * Encoder inputs for several texts, right-padded to the longest row with the pad id, as Hugging
 * Face's {@code tokenizer(texts, padding=True)} returns them.
 *
 * @param inputIds one row of ids per text, all of the same length
 * @param attentionMask 1 for a real token, 0 for padding; same shape as {@code inputIds}
 */
public record EncodedBatch(int[][] inputIds, int[][] attentionMask) {

    /** Returns the number of rows. */
    public int size() {
        return inputIds.length;
    }
}
