package dev.kabar.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.kabar.generate.StepScores;
import java.util.Arrays;
import java.util.List;

/**
 * {@link StepScores} kept in native memory: sparse edits are index puts; selection reduces the
 * scores natively to the maximum of each block of {@link ScoreKernels#BLOCK} tokens and fetches
 * only the blocks that can hold a winner, so only those cross to Java. Owns its arrays through its
 * own manager, released on {@link #close()}.
 *
 * <p>The scores may be held as consecutive vocabulary chunks {@code [rows, len_i]} rather than one
 * {@code [rows, vocab]} array: the LM head is faster computed per chunk, and joining the chunks
 * would cost what that gained. Every operation therefore works chunk by chunk and combines the
 * per-chunk results (a log-sum-exp across chunks, block maxima chunk by chunk), so that no
 * {@code [rows, vocab]} array is ever made.
 */
final class NativeScores implements StepScores {

    private final NDManager manager;
    private final int rows;
    private final int vocab;
    private final NDArray[] chunks;
    /** {@code starts[c]} is the first token of chunk c; {@code starts[chunks.length] == vocab}. */
    private final int[] starts;
    /**
     * {@code blockStarts[c]} is the first of chunk c's blocks of {@link ScoreKernels#BLOCK} tokens
     * in a row of {@link ScoreKernels#blockMaxima}; the last entry is the number of blocks a row has.
     */
    private final int[] blockStarts;

    /** Takes ownership of {@code scores [rows, vocab]}, attaching it to a fresh manager. */
    NativeScores(NDManager parent, NDArray scores) {
        this(parent, List.of(scores));
    }

    /**
     * Takes ownership of consecutive vocabulary chunks {@code [rows, len_i]}, each contiguous,
     * attaching them to a fresh manager; the vocabulary is the sum of their lengths.
     */
    NativeScores(NDManager parent, List<NDArray> chunks) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("No score chunks.");
        }
        this.manager = parent.newSubManager();
        this.chunks = chunks.toArray(new NDArray[0]);
        this.starts = new int[this.chunks.length + 1];
        this.rows = (int) this.chunks[0].getShape().get(0);
        for (int c = 0; c < this.chunks.length; c++) {
            NDArray chunk = this.chunks[c];
            if (chunk.getShape().dimension() != 2 || chunk.getShape().get(0) != rows) {
                throw new IllegalArgumentException("Chunk " + c + " has shape " + chunk.getShape() + ", not [" + rows + ", n].");
            }
            chunk.attach(manager);
            starts[c + 1] = starts[c] + (int) chunk.getShape().get(1);
        }
        this.vocab = starts[this.chunks.length];
        this.blockStarts = new int[this.chunks.length + 1];
        for (int c = 0; c < this.chunks.length; c++) {
            blockStarts[c + 1] = blockStarts[c] + ScoreKernels.blocks(length(c));
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int vocab() {
        return vocab;
    }

    private int length(int c) {
        return starts[c + 1] - starts[c];
    }

    /** Returns the chunk holding {@code token}. */
    private int chunkOf(int token) {
        int c = Arrays.binarySearch(starts, token);
        return c >= 0 ? Math.min(c, chunks.length - 1) : -c - 2;
    }

    @Override
    public void logSoftmax() {
        if (chunks.length == 1) {
            NDArray next = chunks[0].logSoftmax(-1);
            // Called inside a caller's scope (the session's step) the result must outlive it.
            NDScope.unregister(next);
            chunks[0].close();
            chunks[0] = next;
            return;
        }
        // One native call for every row's log-sum-exp over all chunks; the chunks are then shifted
        // in place, keeping their own storage.
        try (NDArray logSum = ScoreKernels.logSumExp(chunks, manager)) {
            for (NDArray chunk : chunks) {
                chunk.subi(logSum);
            }
        }
    }

    /** The positions of a batch of (row, token) pairs, grouped by chunk. */
    private final class Split {
        /** Per chunk, the indices into the caller's arrays of the pairs that fall in it. */
        final int[][] which;

        Split(int[] r, int[] t) {
            int[] counts = new int[chunks.length];
            int[] chunkOfPair = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                chunkOfPair[i] = chunkOf(t[i]);
                counts[chunkOfPair[i]]++;
            }
            which = new int[chunks.length][];
            for (int c = 0; c < chunks.length; c++) {
                which[c] = new int[counts[c]];
                counts[c] = 0;
            }
            for (int i = 0; i < t.length; i++) {
                int c = chunkOfPair[i];
                which[c][counts[c]++] = i;
            }
        }

        /** Flat positions in chunk c's {@code reshape(-1)} view of its pairs. */
        NDArray flatIndex(int c, int[] r, int[] t) {
            long len = length(c);
            long[] idx = new long[which[c].length];
            for (int j = 0; j < idx.length; j++) {
                int i = which[c][j];
                idx[j] = r[i] * len + (t[i] - starts[c]);
            }
            return manager.create(idx);
        }
    }

    @Override
    public float[] get(int[] r, int[] t) {
        if (r.length == 0) {
            return new float[0];
        }
        Split split = new Split(r, t);
        float[] out = new float[r.length];
        for (int c = 0; c < chunks.length; c++) {
            int[] which = split.which[c];
            if (which.length == 0) {
                continue;
            }
            try (NDArray flat = chunks[c].reshape(-1); NDArray idx = split.flatIndex(c, r, t); NDArray picked = flat.get(idx)) {
                float[] values = picked.toFloatArray();
                for (int j = 0; j < which.length; j++) {
                    out[which[j]] = values[j];
                }
            }
        }
        return out;
    }

    @Override
    public void set(int[] r, int[] t, float[] values) {
        if (r.length == 0) {
            return;
        }
        Split split = new Split(r, t);
        for (int c = 0; c < chunks.length; c++) {
            int[] which = split.which[c];
            if (which.length == 0) {
                continue;
            }
            float[] mine = new float[which.length];
            for (int j = 0; j < which.length; j++) {
                mine[j] = values[which[j]];
            }
            // reshape of a contiguous array is a view, so the index put lands in the scores themselves.
            try (NDArray flat = chunks[c].reshape(-1); NDArray idx = split.flatIndex(c, r, t); NDArray v = manager.create(mine)) {
                flat.set(new NDIndex("{}", idx), v);
            }
        }
    }

    @Override
    public void ban(int[] r, int[] t) {
        if (r.length == 0) {
            return;
        }
        Split split = new Split(r, t);
        for (int c = 0; c < chunks.length; c++) {
            if (split.which[c].length == 0) {
                continue;
            }
            try (NDArray flat = chunks[c].reshape(-1); NDArray idx = split.flatIndex(c, r, t)) {
                flat.set(new NDIndex("{}", idx), Float.NEGATIVE_INFINITY);
            }
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
            for (NDArray chunk : chunks) {
                if (r.length == rows) {
                    chunk.set(new NDIndex(":"), Float.NEGATIVE_INFINITY);
                } else {
                    chunk.set(new NDIndex("{}", idx), Float.NEGATIVE_INFINITY);
                }
            }
        }
        int[] tokens = new int[r.length];
        Arrays.fill(tokens, token);
        set(r, tokens, new float[r.length]);
    }

    /**
     * The arg-max from block maxima: the first block holding a row's maximum holds its first
     * occurrence, so only that block's tokens are fetched. One native reduction over the scores
     * (vectorised, unlike PyTorch's arg-max: 64 rows of opus-mt's scores took 5.1 ms to arg-max on
     * one thread) and one small gather. Falls back to the native arg-max when a maximum is NaN.
     */
    @Override
    public int[] argmax() {
        int nb = blockStarts[chunks.length];
        float[] maxima = blockMaxima();
        int[] rowIdx = new int[rows];
        int[] blocks = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int b = 0; b < nb; b++) {
                float v = maxima[r * nb + b];
                if (Float.isNaN(v)) {
                    return argmaxFull();
                }
                if (v > maxima[r * nb + best]) {
                    best = b;
                }
            }
            rowIdx[r] = r;
            blocks[r] = best;
        }
        float[][] values = gatherBlocks(rowIdx, blocks);
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            float max = maxima[r * nb + blocks[r]];
            int j = 0;
            while (values[r][j] != max) {
                j++;
            }
            out[r] = firstToken(blocks[r]) + j;
        }
        return out;
    }

    /** One native log-sum-exp over every chunk, then the tokens' scores gathered; the scores stay as they are. */
    @Override
    public float[] logProbabilities(int[] tokens) {
        float[] logSums;
        try (NDArray logSum = ScoreKernels.logSumExp(chunks, manager)) {
            logSums = logSum.toFloatArray();
        }
        int[] rowIdx = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowIdx[r] = r;
        }
        float[] values = get(rowIdx, tokens);
        for (int r = 0; r < rows; r++) {
            values[r] -= logSums[r];
        }
        return values;
    }

    /** Returns every row's block maxima ({@link ScoreKernels#blockMaxima}), row after row. */
    private float[] blockMaxima() {
        try (NDArray m = ScoreKernels.blockMaxima(chunks, manager)) {
            return m.toFloatArray();
        }
    }

    /** Returns the first token of global block {@code block}. */
    private int firstToken(int block) {
        int c = chunkOfBlock(block);
        return starts[c] + (block - blockStarts[c]) * ScoreKernels.BLOCK;
    }

    /** Returns the chunk holding global block {@code block}. */
    private int chunkOfBlock(int block) {
        int c = Arrays.binarySearch(blockStarts, block);
        return c >= 0 ? c : -c - 2;
    }

    /**
     * Fetches the tokens of the given (row, global block) pairs through {@link #get}: for each
     * pair, the block's scores, as many as the block has tokens.
     */
    private float[][] gatherBlocks(int[] r, int[] blocks) {
        int[] first = new int[r.length];
        int[] size = new int[r.length];
        int total = 0;
        for (int i = 0; i < r.length; i++) {
            int c = chunkOfBlock(blocks[i]);
            first[i] = firstToken(blocks[i]);
            size[i] = Math.min(ScoreKernels.BLOCK, starts[c + 1] - first[i]);
            total += size[i];
        }
        int[] pairRows = new int[total];
        int[] tokens = new int[total];
        for (int i = 0, k = 0; i < r.length; i++) {
            for (int j = 0; j < size[i]; j++, k++) {
                pairRows[k] = r[i];
                tokens[k] = first[i] + j;
            }
        }
        float[] values = get(pairRows, tokens);
        float[][] out = new float[r.length][];
        for (int i = 0, k = 0; i < r.length; k += size[i], i++) {
            out[i] = Arrays.copyOfRange(values, k, k + size[i]);
        }
        return out;
    }

    /** The arg-max with PyTorch's own reduction, chunk by chunk. */
    private int[] argmaxFull() {
        if (chunks.length == 1) {
            try (NDArray best = chunks[0].argMax(1)) {
                long[] ids = best.toLongArray();
                int[] out = new int[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    out[i] = (int) ids[i];
                }
                return out;
            }
        }
        // Each chunk's first arg-max, natively, and the values there; the best chunk per row is
        // picked here, the earlier one on ties, which with the native first-index rule keeps "first
        // on ties" overall. The values are gathered rather than reduced again: a second pass over
        // [rows, vocab] would cost more than the chunked LM head saves.
        float[] maxima;
        long[] positions;
        try (NDScope scope = new NDScope()) {
            NDList maxList = new NDList(chunks.length);
            NDList argList = new NDList(chunks.length);
            // Few native calls per chunk: with thousands of rows per chunk their fixed cost is what
            // the search phase feels.
            for (NDArray chunk : chunks) {
                NDArray arg = chunk.argMax(1).reshape(rows, 1);
                maxList.add(chunk.gather(arg, 1));
                argList.add(arg);
            }
            maxima = NDArrays.concat(maxList, 1).toFloatArray();
            positions = NDArrays.concat(argList, 1).toLongArray();
        }
        int n = chunks.length;
        int[] out = new int[rows];
        for (int row = 0; row < rows; row++) {
            int best = 0;
            for (int c = 1; c < n; c++) {
                if (maxima[row * n + c] > maxima[row * n + best]) {
                    best = c;
                }
            }
            out[row] = starts[best] + (int) positions[row * n + best];
        }
        return out;
    }

    /**
     * The top-k from block maxima. A block's best score is its maximum plus the row's offset. Let
     * t be a group's n-th best block score: n blocks each hold an entry scoring at least t, so the
     * group's n best entries all score at least t, and every entry scoring that much lies in a block
     * scoring at least t. Only those blocks are fetched and ranked here, by score and then by the
     * lower flat id, as the reference ranks. One native reduction over the scores and one small
     * gather replace PyTorch's top-k over every entry, which copies each row first (beam 6 at 384
     * rows, opus-mt, one thread: about 36 ms a step against 6 for this). Falls back to the native
     * top-k when fewer than n blocks of a group are finite, when ties make more than twice n
     * blocks candidates, or on NaN.
     */
    @Override
    public TopK topK(float[] rowOffsets, int group, int n) {
        TopK byBlocks = topKByBlocks(rowOffsets, group, n);
        return byBlocks != null ? byBlocks : topKFull(rowOffsets, group, n);
    }

    /** The top-k from block maxima, or null where it falls back (see {@link #topK}). */
    TopK topKByBlocks(float[] rowOffsets, int group, int n) {
        int nb = blockStarts[chunks.length];
        int groups = rows / group;
        if ((long) group * nb < n) {
            return null;
        }
        float[] maxima = blockMaxima();
        // Candidate blocks, group after group: at most 2n a group.
        int cap = 2 * n;
        int[] candRows = new int[groups * cap];
        int[] candBlocks = new int[groups * cap];
        int[] candEnd = new int[groups];
        int total = 0;
        float[] best = new float[n];
        int[] bestIds = new int[n];
        for (int g = 0; g < groups; g++) {
            int filled = 0;
            for (int r = g * group; r < (g + 1) * group; r++) {
                for (int b = 0; b < nb; b++) {
                    float score = maxima[r * nb + b] + rowOffsets[r];
                    if (Float.isNaN(score)) {
                        return null;
                    }
                    filled = offer(best, bestIds, filled, score, 0);
                }
            }
            float threshold = best[n - 1];
            if (threshold == Float.NEGATIVE_INFINITY) {
                return null;
            }
            int limit = total + cap;
            for (int r = g * group; r < (g + 1) * group; r++) {
                for (int b = 0; b < nb; b++) {
                    if (maxima[r * nb + b] + rowOffsets[r] >= threshold) {
                        if (total == limit) {
                            return null;
                        }
                        candRows[total] = r;
                        candBlocks[total++] = b;
                    }
                }
            }
            candEnd[g] = total;
        }
        float[][] values = gatherBlocks(Arrays.copyOf(candRows, total), Arrays.copyOf(candBlocks, total));
        int[][] outIds = new int[groups][n];
        float[][] outScores = new float[groups][n];
        for (int g = 0, k = 0; g < groups; g++) {
            int filled = 0;
            for (; k < candEnd[g]; k++) {
                int r = candRows[k];
                int base = (r - g * group) * vocab + firstToken(candBlocks[k]);
                for (int j = 0; j < values[k].length; j++) {
                    filled = offer(outScores[g], outIds[g], filled, values[k][j] + rowOffsets[r], base + j);
                }
            }
        }
        return new TopK(outIds, outScores);
    }

    /**
     * Offers an entry to the best-first lists {@code scores}/{@code ids}, of which {@code filled}
     * are in use: higher scores first, then lower ids, as the reference ranks. Returns how many are
     * in use afterwards.
     */
    private static int offer(float[] scores, int[] ids, int filled, float score, int id) {
        int n = scores.length;
        if (filled == n && !(score > scores[n - 1] || (score == scores[n - 1] && id < ids[n - 1]))) {
            return filled;
        }
        int pos = filled < n ? filled++ : n - 1;
        while (pos > 0 && (score > scores[pos - 1] || (score == scores[pos - 1] && id < ids[pos - 1]))) {
            scores[pos] = scores[pos - 1];
            ids[pos] = ids[pos - 1];
            pos--;
        }
        scores[pos] = score;
        ids[pos] = id;
        return filled;
    }

    /** The top-k with PyTorch's own, over every entry. */
    private TopK topKFull(float[] rowOffsets, int group, int n) {
        int groups = rows / group;
        if (chunks.length == 1) {
            try (NDArray offsets = manager.create(rowOffsets).reshape(rows, 1);
                 NDArray total = chunks[0].add(offsets);
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
        // Each chunk's n best per group, natively over [groups, group·len]; a group's overall n best
        // are among those candidates, merged here with the reference order (higher score, then the
        // lower flat id beam·vocab + token).
        float[][] candScores = new float[chunks.length][];
        long[][] candIds = new long[chunks.length][];
        int[] ks = new int[chunks.length];
        try (NDScope scope = new NDScope()) {
            NDArray offsets = manager.create(rowOffsets).reshape(rows, 1);
            for (int c = 0; c < chunks.length; c++) {
                long width = (long) group * length(c);
                ks[c] = (int) Math.min(n, width);
                NDList top = chunks[c].add(offsets).reshape(groups, width).topK(ks[c], 1, true, true);
                candScores[c] = top.get(0).toFloatArray();
                candIds[c] = top.get(1).toLongArray();
            }
        }
        int[][] outIds = new int[groups][n];
        float[][] outScores = new float[groups][n];
        int[] cursor = new int[chunks.length];
        for (int g = 0; g < groups; g++) {
            // Each chunk's candidates come best first, so an n-way merge of their heads suffices.
            Arrays.fill(cursor, 0);
            for (int j = 0; j < n; j++) {
                int bestChunk = -1;
                float bestScore = 0;
                int bestId = 0;
                for (int c = 0; c < chunks.length; c++) {
                    if (cursor[c] >= ks[c]) {
                        continue;
                    }
                    int at = g * ks[c] + cursor[c];
                    float score = candScores[c][at];
                    int local = (int) candIds[c][at];
                    int len = length(c);
                    int id = (local / len) * vocab + starts[c] + local % len;
                    if (bestChunk < 0 || score > bestScore || (score == bestScore && id < bestId)) {
                        bestChunk = c;
                        bestScore = score;
                        bestId = id;
                    }
                }
                cursor[bestChunk]++;
                outIds[g][j] = bestId;
                outScores[g][j] = bestScore;
            }
        }
        return new TopK(outIds, outScores);
    }

    @Override
    public void close() {
        manager.close();
    }
}
