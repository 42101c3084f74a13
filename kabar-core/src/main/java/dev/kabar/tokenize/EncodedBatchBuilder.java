package dev.kabar.tokenize;

import java.util.Arrays;
import java.util.List;

/** Right-pads encoded rows into an {@link EncodedBatch}. */
final class EncodedBatchBuilder {

    private EncodedBatchBuilder() {
    }

    /**
     * Pads each row to the longest with {@code padId}; the mask comes from the row lengths, not from
     * the ids, because a literal {@code <pad>} in a text is a real token with mask 1.
     */
    static EncodedBatch pad(List<int[]> rows, int padId) {
        int width = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[][] ids = new int[rows.size()][];
        int[][] mask = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            int[] row = rows.get(i);
            ids[i] = Arrays.copyOf(row, width);
            Arrays.fill(ids[i], row.length, width, padId);
            mask[i] = new int[width];
            Arrays.fill(mask[i], 0, row.length, 1);
        }
        return new EncodedBatch(ids, mask);
    }
}
