package dev.kabar.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups items of known token lengths into batches, as CTranslate2's {@code rebatch_input}: sort by
 * length so that a batch holds sentences of similar length (little padding), cap each batch by a
 * budget of padded tokens (longest × count) and a count, and let callers restore the original
 * order from the indices each batch carries.
 */
public final class TokenBudgetBatcher {

    private final int maxTokens;
    private final int maxItems;
    private final boolean sortByLength;

    /**
     * Creates a batcher.
     *
     * @param maxTokens most padded tokens per batch (longest item × items), or 0 for no budget
     * @param maxItems most items per batch, or 0 for no limit
     * @param sortByLength sort by length first (else keep input order)
     */
    public TokenBudgetBatcher(int maxTokens, int maxItems, boolean sortByLength) {
        if (maxTokens < 0 || maxItems < 0 || (maxTokens == 0 && maxItems == 0)) {
            throw new IllegalArgumentException("A batch needs a token budget or an item limit of at least 1, but got "
                    + maxTokens + " tokens and " + maxItems + " items.");
        }
        this.maxTokens = maxTokens;
        this.maxItems = maxItems;
        this.sortByLength = sortByLength;
    }

    /**
     * Returns the batches as lists of indices into {@code lengths}. An item longer than the budget
     * gets a batch of its own rather than being dropped.
     */
    public List<int[]> batches(int[] lengths) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (sortByLength) {
            // Stable, so equal lengths keep input order and runs are reproducible.
            Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        }
        List<int[]> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int longest = 0;
        for (int idx : order) {
            int len = Math.max(1, lengths[idx]);
            int newLongest = Math.max(longest, len);
            boolean overTokens = maxTokens > 0 && !current.isEmpty() && (long) newLongest * (current.size() + 1) > maxTokens;
            boolean overItems = maxItems > 0 && current.size() >= maxItems;
            if (overTokens || overItems) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                newLongest = len;
            }
            current.add(idx);
            longest = newLongest;
        }
        if (!current.isEmpty()) {
            out.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
