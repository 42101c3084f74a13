package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBudgetBatcherTest {

    @Test
    void fileOrderBatchesByCount() {
        List<int[]> b = new TokenBudgetBatcher(0, 2, false).batches(new int[] {5, 1, 9, 3, 2});
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {0, 1}, b.get(0));
        assertArrayEquals(new int[] {2, 3}, b.get(1));
        assertArrayEquals(new int[] {4}, b.get(2));
    }

    @Test
    void sortedBatchesRespectTheTokenBudgetAndCoverEveryItemOnce() {
        int[] lengths = {30, 4, 12, 12, 50, 7, 7, 100, 3};
        List<int[]> batches = new TokenBudgetBatcher(60, 0, true).batches(lengths);
        boolean[] seen = new boolean[lengths.length];
        int previousMax = 0;
        for (int[] batch : batches) {
            int max = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertTrue(max * batch.length <= 60 || batch.length == 1, "budget kept: " + Arrays.toString(batch));
            assertTrue(max >= previousMax, "sorted by length");
            previousMax = max;
            for (int i : batch) {
                assertTrue(!seen[i], "item " + i + " twice");
                seen[i] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s, "an item was dropped");
        }
        // The 100-token item is over budget and still gets a batch of its own.
        assertTrue(batches.stream().anyMatch(b -> b.length == 1 && lengths[b[0]] == 100));
    }

    @Test
    void rejectsABatcherWithoutLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenBudgetBatcher(0, 0, true));
        assertTrue(e.getMessage().contains("0 tokens"), e.getMessage());
    }
}
