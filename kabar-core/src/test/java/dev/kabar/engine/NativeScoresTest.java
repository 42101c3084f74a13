package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kabar.generate.HostScores;
import dev.kabar.generate.StepScores;
import dev.kabar.runtime.DjlOffline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The native scores do exactly what the plain Java reference does, operation by operation. */
class NativeScoresTest {

    private static final int ROWS = 6;
    private static final int VOCAB = 37;

    @BeforeAll
    static void offline() {
        DjlOffline.ensure();
    }

    private static float[] randomScores(long seed) {
        return randomScores(seed, ROWS, VOCAB);
    }

    private static float[] randomScores(long seed, int rows, int vocab) {
        Random r = new Random(seed);
        float[] s = new float[rows * vocab];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (r.nextGaussian() * 3);
        }
        return s;
    }

    /** Applies the same sequence of edits to both implementations. */
    private static void edit(StepScores s) {
        s.logSoftmax();
        float[] got = s.get(new int[] {0, 1, 5}, new int[] {3, 3, 36});
        for (int i = 0; i < got.length; i++) {
            got[i] = got[i] < 0 ? got[i] * 1.2f : got[i] / 1.2f;
        }
        s.set(new int[] {0, 1, 5}, new int[] {3, 3, 36}, got);
        s.ban(new int[] {2, 2, 4}, new int[] {0, 7, 11});
        s.forceOnly(new int[] {3}, 9);
    }

    @Test
    void editsArgmaxAndTopKMatchTheJavaReference() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] data = randomScores(42);
            HostScores host = new HostScores(data.clone(), ROWS, VOCAB);
            NativeScores nat = new NativeScores(manager, manager.create(data.clone(), new Shape(ROWS, VOCAB)));
            edit(host);
            edit(nat);
            int[] allRows = {0, 1, 2, 3, 4, 5};
            int[] allTokens = new int[ROWS];
            for (int t = 0; t < VOCAB; t++) {
                java.util.Arrays.fill(allTokens, t);
                assertArrayEquals(host.get(allRows, allTokens), nat.get(allRows, allTokens), 1e-6f, "token " + t);
            }
            assertArrayEquals(host.argmax(), nat.argmax());
            float[] offsets = {0f, -1f, -2.5f, 0.5f, -1e9f, -3f};
            StepScores.TopK a = host.topK(offsets, 3, 4);
            StepScores.TopK b = nat.topK(offsets, 3, 4);
            for (int g = 0; g < 2; g++) {
                assertArrayEquals(a.ids()[g], b.ids()[g], "group " + g);
                assertArrayEquals(a.scores()[g], b.scores()[g], 1e-5f, "group " + g);
            }
            assertEquals(0f, nat.get(new int[] {3}, new int[] {9})[0]);
            nat.close();
        }
    }

    /**
     * Returns group g's ids with each run of equal scores sorted, so that tie order does not
     * matter, and those scoring negative infinity blanked.
     */
    private static int[] tiesSorted(StepScores.TopK top, int g) {
        int[] ids = top.ids()[g].clone();
        float[] scores = top.scores()[g];
        for (int i = 0; i < ids.length; ) {
            int j = i;
            while (j < ids.length && Float.compare(scores[j], scores[i]) == 0) {
                j++;
            }
            Arrays.sort(ids, i, j);
            if (scores[i] == Float.NEGATIVE_INFINITY) {
                // Which of many banned entries fill the tail is as arbitrary as any tie.
                Arrays.fill(ids, i, j, -1);
            }
            i = j;
        }
        return ids;
    }

    /** Splits row-major {@code [ROWS, VOCAB]} scores into vocabulary chunks of {@code chunk} columns. */
    private static NativeScores chunked(NDManager manager, float[] data, int chunk) {
        return chunked(manager, data, ROWS, VOCAB, chunk);
    }

    /** Splits row-major {@code [rows, vocab]} scores into vocabulary chunks of {@code chunk} columns. */
    private static NativeScores chunked(NDManager manager, float[] data, int rows, int vocab, int chunk) {
        List<NDArray> chunks = new ArrayList<>();
        for (int s = 0; s < vocab; s += chunk) {
            int len = Math.min(chunk, vocab - s);
            float[] part = new float[rows * len];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(data, r * vocab + s, part, r * len, len);
            }
            chunks.add(manager.create(part, new Shape(rows, len)));
        }
        return new NativeScores(manager, chunks);
    }

    /**
     * Scores wide enough for many blocks of {@link ScoreKernels#BLOCK} tokens, whole, in chunks and
     * in ragged chunks: the arg-max and top-k found from block maxima are the reference's, ties
     * included (the lower id first), and so are those of the cases that fall back to PyTorch's
     * own top-k (a group with fewer finite blocks than entries asked for, or too many blocks tied
     * at the threshold).
     */
    @ParameterizedTest
    @ValueSource(ints = {1000, 256, 100, 63})
    void blockSelectionMatchesTheJavaReference(int chunk) {
        int rows = 8;
        int vocab = 1000;
        float[] data = randomScores(11, rows, vocab);
        // Row maxima tied: in neighbouring blocks (row 0), in blocks of different chunks (row 1),
        // within one block (row 2), and in the ragged last block (row 3).
        data[63] = 30f;
        data[64] = 30f;
        data[vocab + 100] = 30f;
        data[vocab + 900] = 30f;
        data[2 * vocab + 10] = 30f;
        data[2 * vocab + 12] = 30f;
        data[3 * vocab + 999] = 30f;
        data[3 * vocab + 990] = 30f;
        float[] offsets = {0f, -0.5f, -1f, -2f, 0f, 0f, -1f, -3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            HostScores host = new HostScores(data.clone(), rows, vocab);
            NativeScores nat = chunked(manager, data.clone(), rows, vocab, chunk);
            assertArrayEquals(host.argmax(), nat.argmax());
            assertEquals(63, nat.argmax()[0]);
            assertEquals(990, nat.argmax()[3]);
            // Every group has enough finite blocks and distinct maxima: found from blocks, the
            // reference's order exactly (no tie-sorting).
            for (int[] groupAndN : new int[][] {{4, 8}, {2, 5}, {1, 3}, {8, 40}}) {
                StepScores.TopK a = host.topK(offsets.clone(), groupAndN[0], groupAndN[1]);
                StepScores.TopK b = nat.topKByBlocks(offsets.clone(), groupAndN[0], groupAndN[1]);
                assertNotNull(b, "found from blocks");
                for (int g = 0; g < rows / groupAndN[0]; g++) {
                    assertArrayEquals(a.ids()[g], b.ids()[g], "group " + g + " of " + groupAndN[0]);
                    assertArrayEquals(a.scores()[g], b.scores()[g], "group " + g + " of " + groupAndN[0]);
                }
                // The reference adds the offsets in place; the native scores are left as they were.
                host = new HostScores(data.clone(), rows, vocab);
            }
            // Row 5 keeps two finite entries and row 4 one: a group of them has fewer finite blocks
            // than the 4 entries asked for. Row 6 has 20 blocks tied at its maximum, and row 7's
            // offset (search's start for a beam not yet live) rounds its scores into ties.
            offsets[7] = -1e9f;
            host.forceOnly(new int[] {4}, 500);
            nat.forceOnly(new int[] {4}, 500);
            int[] banned = new int[vocab - 2];
            int[] rowFive = new int[vocab - 2];
            for (int t = 0, i = 0; t < vocab; t++) {
                if (t != 7 && t != 700) {
                    banned[i] = t;
                    rowFive[i++] = 5;
                }
            }
            host.ban(rowFive, banned);
            nat.ban(rowFive, banned);
            int[] tiedRows = new int[20];
            int[] tiedTokens = new int[20];
            float[] tiedValues = new float[20];
            for (int i = 0; i < 20; i++) {
                tiedRows[i] = 6;
                tiedTokens[i] = i * 50;
                tiedValues[i] = 40f;
            }
            host.set(tiedRows, tiedTokens, tiedValues);
            nat.set(tiedRows, tiedTokens, tiedValues);
            assertArrayEquals(host.argmax(), nat.argmax());
            float[] edited = nat.get(allRows(rows, vocab), allTokens(rows, vocab));
            assertNull(nat.topKByBlocks(offsets.clone(), 2, 4), "rows 4 and 5 have three finite blocks");
            assertNull(nat.topKByBlocks(offsets.clone(), 1, 3), "row 6 has 20 blocks tied at its maximum");
            for (int[] groupAndN : new int[][] {{2, 4}, {1, 3}, {8, 10}}) {
                int group = groupAndN[0];
                StepScores.TopK a = host.topK(offsets.clone(), group, groupAndN[1]);
                StepScores.TopK b = nat.topK(offsets.clone(), group, groupAndN[1]);
                for (int g = 0; g < rows / group; g++) {
                    // The same best scores; among more tied entries than asked for, which ones come
                    // back is the native top-k's choice, so each id is checked against its score.
                    assertArrayEquals(a.scores()[g], b.scores()[g], "group " + g + " of " + group);
                    for (int j = 0; j < b.ids()[g].length; j++) {
                        int row = g * group + b.ids()[g][j] / vocab;
                        int token = b.ids()[g][j] % vocab;
                        assertEquals(b.scores()[g][j], edited[row * vocab + token] + offsets[row], "group " + g + " entry " + j);
                    }
                }
                host = new HostScores(edited.clone(), rows, vocab);
            }
            nat.close();
        }
    }

    /** Row indices of every (row, token) pair of a {@code [rows, vocab]} array, row-major. */
    private static int[] allRows(int rows, int vocab) {
        int[] r = new int[rows * vocab];
        for (int i = 0; i < r.length; i++) {
            r[i] = i / vocab;
        }
        return r;
    }

    /** Token indices of every (row, token) pair of a {@code [rows, vocab]} array, row-major. */
    private static int[] allTokens(int rows, int vocab) {
        int[] t = new int[rows * vocab];
        for (int i = 0; i < t.length; i++) {
            t[i] = i % vocab;
        }
        return t;
    }

    /**
     * Scores split into vocabulary chunks (ragged last one included) behave exactly like the
     * reference, with ties across chunk boundaries and rows that are all negative infinity.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 36, 37})
    void chunkedScoresMatchTheJavaReference(int chunk) {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] data = randomScores(7);
            // Ties for the row maximum: in different chunks (row 0), across a chunk boundary (row 1),
            // and in the ragged last chunk (row 2).
            data[4] = 20f;
            data[24] = 20f;
            data[VOCAB + 9] = 20f;
            data[VOCAB + 10] = 20f;
            data[2 * VOCAB + 30] = 15f;
            data[2 * VOCAB + 36] = 15f;
            HostScores host = new HostScores(data.clone(), ROWS, VOCAB);
            NativeScores nat = chunked(manager, data.clone(), chunk);
            assertEquals(VOCAB, nat.vocab());
            for (StepScores s : new StepScores[] {host, nat}) {
                edit(s);
                // Row 4 ends all negative infinity; row 3 keeps a single finite entry.
                s.forceOnly(new int[] {4}, 20);
                s.ban(new int[] {4, 1, 0}, new int[] {20, 12, 35});
            }
            int[] allRows = {0, 1, 2, 3, 4, 5};
            int[] allTokens = new int[ROWS];
            for (int t = 0; t < VOCAB; t++) {
                java.util.Arrays.fill(allTokens, t);
                float[] expected = host.get(allRows, allTokens);
                float[] actual = nat.get(allRows, allTokens);
                for (int r = 0; r < ROWS; r++) {
                    // 1e-6 relative: the tied maxima push log-probabilities past 16, where one float ulp is 2e-6.
                    assertEquals(expected[r], actual[r], 1e-6f * Math.max(1f, Math.abs(expected[r])), "row " + r + " token " + t);
                }
            }
            int[] argmax = nat.argmax();
            assertArrayEquals(host.argmax(), argmax);
            assertEquals(4, argmax[0]);
            assertEquals(9, argmax[1]);
            assertEquals(30, argmax[2]);
            assertEquals(0, argmax[4]);
            float[] offsets = {0f, -1f, -2.5f, 0.5f, -1e9f, -3f};
            for (int[] groupAndN : new int[][] {{3, 4}, {1, 3}, {2, 5}}) {
                int group = groupAndN[0];
                int n = groupAndN[1];
                StepScores.TopK a = host.topK(offsets.clone(), group, n);
                StepScores.TopK b = nat.topK(offsets.clone(), group, n);
                for (int g = 0; g < ROWS / group; g++) {
                    assertArrayEquals(a.scores()[g], b.scores()[g], 1e-5f, "group " + g + " of " + group);
                    // Within one chunk the order of equal scores is the native top-k's, which does
                    // not promise the reference's lower-id-first; across chunks the merge keeps it.
                    assertArrayEquals(tiesSorted(a, g), tiesSorted(b, g), "group " + g + " of " + group);
                }
                if (group == 1 && chunk <= 10) {
                    assertArrayEquals(new int[] {4, 24}, Arrays.copyOf(b.ids()[0], 2), "tie across chunks, row 0");
                    assertArrayEquals(new int[] {VOCAB + 9, VOCAB + 10}, new int[] {VOCAB + b.ids()[1][0], VOCAB + b.ids()[1][1]},
                            "tie across a chunk boundary, row 1");
                }
                // The reference adds the offsets in place; undo that so both see the same scores next.
                for (int r = 0; r < ROWS; r++) {
                    for (int t = 0; t < VOCAB; t++) {
                        host.array()[r * VOCAB + t] -= offsets[r];
                    }
                }
            }
            nat.close();
        }
    }
}
