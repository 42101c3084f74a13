package dev.kabar.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.kabar.generate.StepScores;

/**
 * {@link StepScores} kept in native memory: sparse edits are index puts, selection is a native
 * arg-max or top-k, and only the winners are copied to Java. Owns its arrays through its own
 * manager, released on {@link #close()}.
 */
final class NativeScores implements StepScores {

    private final NDManager manager;
    private final int rows;
    private final int vocab;
    private NDArray scores;

    /** Takes ownership of {@code scores [rows, vocab]}, attaching it to a fresh manager. */
    NativeScores(NDManager parent, NDArray scores) {
        this.manager = parent.newSubManager();
        scores.attach(manager);
        this.scores = scores;
        this.rows = (int) scores.getShape().get(0);
        this.vocab = (int) scores.getShape().get(1);
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
        NDArray next = scores.logSoftmax(-1);
        scores.close();
        scores = next;
    }

    private NDArray flatIndex(int[] r, int[] t) {
        long[] idx = new long[r.length];
        for (int i = 0; i < r.length; i++) {
            idx[i] = (long) r[i] * vocab + t[i];
        }
        return manager.create(idx);
    }

    @Override
    public float[] get(int[] r, int[] t) {
        if (r.length == 0) {
            return new float[0];
        }
        try (NDArray flat = scores.reshape(-1); NDArray idx = flatIndex(r, t); NDArray picked = flat.get(idx)) {
            return picked.toFloatArray();
        }
    }

    @Override
    public void set(int[] r, int[] t, float[] values) {
        if (r.length == 0) {
            return;
        }
        // reshape of a contiguous array is a view, so the index put lands in the scores themselves.
        try (NDArray flat = scores.reshape(-1); NDArray idx = flatIndex(r, t); NDArray v = manager.create(values)) {
            flat.set(new NDIndex("{}", idx), v);
        }
    }

    @Override
    public void ban(int[] r, int[] t) {
        if (r.length == 0) {
            return;
        }
        try (NDArray flat = scores.reshape(-1); NDArray idx = flatIndex(r, t)) {
            flat.set(new NDIndex("{}", idx), Float.NEGATIVE_INFINITY);
        }
    }

    @Override
    public void forceOnly(int[] r, int token) {
        if (r.length == 0) {
            return;
        }
        long[] rowIdx = new long[r.length];
        for (int i = 0; i < r.length; i++) {
            rowIdx[i] = r[i];
        }
        try (NDArray idx = manager.create(rowIdx)) {
            if (r.length == rows) {
                scores.set(new NDIndex(":"), Float.NEGATIVE_INFINITY);
            } else {
                scores.set(new NDIndex("{}", idx), Float.NEGATIVE_INFINITY);
            }
        }
        int[] tokens = new int[r.length];
        java.util.Arrays.fill(tokens, token);
        set(r, tokens, new float[r.length]);
    }

    @Override
    public int[] argmax() {
        try (NDArray best = scores.argMax(1)) {
            long[] ids = best.toLongArray();
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = (int) ids[i];
            }
            return out;
        }
    }

    @Override
    public TopK topK(float[] rowOffsets, int group, int n) {
        int groups = rows / group;
        try (NDArray offsets = manager.create(rowOffsets).reshape(rows, 1);
             NDArray total = scores.add(offsets);
             NDArray grouped = total.reshape(groups, (long) group * vocab)) {
            NDList top = grouped.topK(n, 1, true, true);
            float[] values = top.get(0).toFloatArray();
            long[] ids = top.get(1).toLongArray();
            top.close();
            int[][] outIds = new int[groups][n];
            float[][] outScores = new float[groups][n];
            for (int g = 0; g < groups; g++) {
                for (int j = 0; j < n; j++) {
                    outIds[g][j] = (int) ids[g * n + j];
                    outScores[g][j] = values[g * n + j];
                }
            }
            return new TopK(outIds, outScores);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
