package dev.kabar.tokenize;

import java.util.Arrays;

/** Truncation as Hugging Face's {@code truncation=True, max_length=N} does it for Marian and BART. */
final class Truncation {

    private Truncation() {
    }

    /**
     * Keeps the first {@code maxLength - 1} ids and the last one, the closing special token
     * ({@code </s>} for both families; BART's {@code <s>} stays at the front).
     */
    static int[] keepClosingToken(int[] ids, int maxLength) {
        if (ids.length <= maxLength) {
            return ids;
        }
        int[] out = Arrays.copyOf(ids, maxLength);
        out[maxLength - 1] = ids[ids.length - 1];
        return out;
    }
}
