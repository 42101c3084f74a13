package dev.kabar.generate;

import java.util.Arrays;

/**
 * {@link StepScores} over a Java array: the reference implementation of every operation, used by
 * tests and by sessions that compute logits in Java.
 */
public final class HostScores implements StepScores {

    private final float[] scores;
    private final int rows;
    private final int vocab;

    /** Wraps {@code rows × vocab} scores, row-major; the array is modified in place. */
    public HostScores(float[] scores, int rows, int vocab) {
        if (scores.length != rows * vocab) {
            throw new IllegalArgumentException(scores.length + " scores for " + rows + " rows of " + vocab);
        }
        this.scores = scores;
        this.rows = rows;
        this.vocab = vocab;
    }

    /** Returns the underlying array. */
    public float[] array() {
        return scores;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int vocab() {
        return vocab;
    }

    @Override
    public void logSoftmax() {
        for (int r = 0; r < rows; r++) {
            logSoftmax(scores, r * vocab, vocab);
        }
    }

    static void logSoftmax(float[] s, int offset, int n) {
        float[] maxAndLogSum = logSumExp(s, offset, n);
        for (int i = 0; i < n; i++) {
            s[offset + i] = s[offset + i] - maxAndLogSum[0] - maxAndLogSum[1];
        }
    }

    /**
     * The log-sum-exp of {@code s[offset, offset + n)} as its two parts: the maximum, and the
     * log-sum-exp of the values less the maximum.
     */
    private static float[] logSumExp(float[] s, int offset, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, s[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(s[offset + i] - max);
        }
        return new float[] {max, (float) Math.log(sum)};
    }

    @Override
    public float[] get(int[] r, int[] t) {
        float[] out = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = scores[r[i] * vocab + t[i]];
        }
        return out;
    }

    @Override
    public void set(int[] r, int[] t, float[] values) {
        for (int i = 0; i < r.length; i++) {
            scores[r[i] * vocab + t[i]] = values[i];
        }
    }

    @Override
    public void ban(int[] r, int[] t) {
        for (int i = 0; i < r.length; i++) {
            scores[r[i] * vocab + t[i]] = Float.NEGATIVE_INFINITY;
        }
    }

    @Override
    public void forceOnly(int[] r, int token) {
        for (int row : r) {
            Arrays.fill(scores, row * vocab, (row + 1) * vocab, Float.NEGATIVE_INFINITY);
            scores[row * vocab + token] = 0f;
        }
    }

    @Override
    public int[] argmax() {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int off = r * vocab;
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (scores[off + v] > scores[off + best]) {
                    best = v;
                }
            }
            out[r] = best;
        }
        return out;
    }

    @Override
    public float[] logProbabilities(int[] tokens) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            float[] maxAndLogSum = logSumExp(scores, r * vocab, vocab);
            out[r] = scores[r * vocab + tokens[r]] - maxAndLogSum[0] - maxAndLogSum[1];
        }
        return out;
    }

    @Override
    public TopK topK(float[] rowOffsets, int group, int n) {
        int groups = rows / group;
        int[][] ids = new int[groups][n];
        float[][] best = new float[groups][n];
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vocab; v++) {
                scores[r * vocab + v] += rowOffsets[r];
            }
        }
        for (int g = 0; g < groups; g++) {
            topK(scores, g * group * vocab, group * vocab, best[g], ids[g]);
        }
        return new TopK(ids, best);
    }

    /**
     * Writes the {@code outScores.length} largest of {@code s[offset, offset + n)} in descending order,
     * with their positions relative to {@code offset}; equal values keep the lower position first.
     */
    static void topK(float[] s, int offset, int n, float[] outScores, int[] outIds) {
        int k = outScores.length;
        int filled = 0;
        for (int i = 0; i < n; i++) {
            float v = s[offset + i];
            if (filled == k && !(v > outScores[k - 1])) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && v > outScores[pos - 1]) {
                outScores[pos] = outScores[pos - 1];
                outIds[pos] = outIds[pos - 1];
                pos--;
            }
            outScores[pos] = v;
            outIds[pos] = i;
        }
    }

    @Override
    public void close() {
    }
}
