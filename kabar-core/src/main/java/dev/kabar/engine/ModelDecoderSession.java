package dev.kabar.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.kabar.generate.DecoderSession;
import dev.kabar.generate.StepScores;
import dev.kabar.nn.DecoderState;
import dev.kabar.nn.EncoderDecoderModel;
import dev.kabar.nn.ScreenedHead;
import dev.kabar.runtime.Profile;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link DecoderSession} over the encoder-decoder model: encodes the sources once, then decodes
 * one token per row and step with an explicit KV cache.
 *
 * <p>Each call runs in its own {@link NDScope}; only the decoder state and the step's scores
 * survive it, and the arrays of the state it replaces are closed at once, so native memory stays
 * flat however long the run.
 */
final class ModelDecoderSession implements DecoderSession {

    private final EncoderDecoderModel model;
    private final NDManager manager;
    private final int vocab;
    private final Profile profile;
    private final int[][] inputIds;
    private final int[] lengths;
    private final int beams;
    private final LmHeadPlan lmHead;
    private DecoderState state;

    /** A session whose LM head is computed as {@code lmHead} plans. */
    ModelDecoderSession(EncoderDecoderModel model, int[][] inputIds, int[][] attentionMask, int beams, Profile profile,
                        LmHeadPlan lmHead) {
        this.model = model;
        this.manager = model.manager().newSubManager();
        this.vocab = model.config().vocabSize();
        this.profile = profile;
        this.inputIds = inputIds;
        this.lengths = lengths(attentionMask);
        this.beams = beams;
        this.lmHead = lmHead;
    }

    @Override
    public int[] admit(int[] inputs) {
        if (inputs.length == 0) {
            return inputs;
        }
        long t = profile.start();
        // Rows join shortest source first, so that each encoder chunk holds sources of similar
        // length (little padding) and the rows need no reordering afterwards.
        int[] order = Arrays.stream(inputs).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> lengths[i]))
                .mapToInt(Integer::intValue).toArray();
        int width = 0;
        for (int i : order) {
            width = Math.max(width, Math.max(1, lengths[i]));
        }
        long[][] ids = new long[order.length][width];
        int[] lens = new int[order.length];
        for (int j = 0; j < order.length; j++) {
            int[] row = inputIds[order[j]];
            lens[j] = lengths[order[j]];
            for (int c = 0; c < width; c++) {
                ids[j][c] = c < row.length ? row[c] : 0;
            }
        }
        try (NDScope scope = new NDScope()) {
            DecoderState fresh = model.encodeForDecoding(manager.create(ids), lens, beams, ENCODER_TOKEN_BUDGET);
            profile.stop(Profile.Phase.ENCODER, t);
            t = profile.start();
            if (state == null) {
                NDScope.unregister(fresh.arrays());
                state = fresh;
            } else {
                replace(state.admit(fresh));
            }
            profile.stop(Profile.Phase.STATE_REORDER, t);
        }
        return order;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public StepScores step(int[] tokens, boolean logSoftmax) {
        if (state == null || tokens.length != state.rows()) {
            throw new IllegalArgumentException("step() got " + tokens.length + " tokens for "
                    + (state == null ? 0 : state.rows()) + " live rows.");
        }
        try (NDScope scope = new NDScope()) {
            long t = profile.start();
            long[] ids = new long[tokens.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokens[i];
            }
            NDArray input = manager.create(ids, new Shape(ids.length, 1));
            profile.stop(Profile.Phase.HOST_NATIVE_COPY, t);
            t = profile.start();
            EncoderDecoderModel.Step step = model.decodeLayers(state, input);
            profile.stop(Profile.Phase.DECODER_LAYERS, t);
            t = profile.start();
            NDArray hidden = step.logits();
            hidden = hidden.reshape(ids.length, hidden.getShape().get(hidden.getShape().dimension() - 1));
            ScreenedHead screened = !logSoftmax && lmHead.screenGreedy() ? model.screenedHead() : null;
            if (screened != null) {
                StepScores scores = new ScreenedScores(manager, screened, hidden, vocab, h -> lmHead.logits(model, h));
                profile.stop(Profile.Phase.LM_HEAD, t);
                replace(step.state());
                return scores;
            }
            List<NDArray> logits = lmHead.logits(model, hidden);
            profile.stop(Profile.Phase.LM_HEAD, t);
            t = profile.start();
            NDScope.unregister(logits.toArray(new NDArray[0]));
            StepScores scores = new NativeScores(manager, logits);
            if (logSoftmax) {
                scores.logSoftmax();
            }
            profile.stop(Profile.Phase.SEARCH, t);
            replace(step.state());
            return scores;
        }
    }

    @Override
    public void selectRows(int[] keep) {
        long t = profile.start();
        if (keep.length == 0) {
            state.closeExcept(null);
            state = null;
        } else {
            try (NDScope scope = new NDScope()) {
                replace(state.select(keep, manager));
            }
        }
        profile.stop(Profile.Phase.STATE_REORDER, t);
    }

    private void replace(DecoderState next) {
        NDScope.unregister(next.arrays());
        state.closeExcept(next);
        state = next;
    }

    /**
     * Padded source tokens per encoder call. Measured on the opus-mt architecture: larger chunks
     * gain nothing once the matrix products are this size, while padding grows with the spread of
     * lengths in a chunk.
     */
    static final int ENCODER_TOKEN_BUDGET = 4096;

    /**
     * Vocabulary rows per LM-head product. On 2 CPU cores with the opus-mt head (54796 × 512) a
     * product against a few thousand rows runs at 90-140 GFLOP/s against 64-95 for the whole head,
     * since its output stays in cache; the scores then stay chunked (see {@link NativeScores}).
     * Measured on news-256 with the full-size random checkpoint (2 runs each, noisy machine): the
     * LM head took 10.7-11.8 s against 14.4-14.9 s unchunked with 4 beams (4096: 11.3-11.9, 8192:
     * 11.9) and 3.4-4.5 s against 4.5-4.9 s greedy; search costs 0.2 s more greedy, since each chunk
     * is a few native calls. With oneDNN's packed products (the float32 default) the product itself
     * gains little from slicing, but search still does: news-256 with 4 beams spent 6.7-9.5 s in
     * search with 4096-row slices against 12.8-14.0 s with the head in two halves. A packed head
     * takes every product in these slices, a single row's too, since each slicing is a packed copy;
     * one row against 4096-row slices took 7.9 ms on one thread against 12.0 with 2048-row ones
     * (microbenchmark). Tests split the tiny vocabularies too ({@code Seq2SeqEngine.withLmHeadChunk}).
     */
    static final int LM_HEAD_CHUNK = 4096;

    /** Returns the number of real tokens per row, checking that padding only comes at the end. */
    static int[] lengths(int[][] mask) {
        int[] out = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            int n = 0;
            while (n < mask[i].length && mask[i][n] == 1) {
                n++;
            }
            for (int j = n; j < mask[i].length; j++) {
                if (mask[i][j] != 0) {
                    throw new IllegalArgumentException("Row " + i + " of the attention mask has a token after padding; pad on the right.");
                }
            }
            out[i] = n;
        }
        return out;
    }

    @Override
    public void close() {
        if (state != null) {
            state.closeExcept(null);
        }
        manager.close();
    }
}
