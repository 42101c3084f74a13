package dev.kabar.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.kabar.generate.DecoderSession;
import dev.kabar.nn.DecoderState;
import dev.kabar.nn.EncoderDecoderModel;

/**
 * A {@link DecoderSession} over the encoder-decoder model: encodes the sources once, then decodes
 * one token per row and step with an explicit KV cache.
 *
 * <p>Each call runs in its own {@link NDScope}; only the decoder state survives a step, and the
 * arrays of the state it replaces are closed at once, so native memory stays flat however long
 * the run.
 */
final class ModelDecoderSession implements DecoderSession {

    private final EncoderDecoderModel model;
    private final NDManager manager;
    private final int vocab;
    private DecoderState state;
    private long rows;

    ModelDecoderSession(EncoderDecoderModel model, int[][] inputIds, int[][] attentionMask, int beams) {
        this.model = model;
        this.manager = model.manager().newSubManager();
        this.vocab = model.config().vocabSize();
        try (NDScope scope = new NDScope()) {
            NDArray ids = manager.create(toLong(inputIds));
            NDArray mask = manager.create(toLong(attentionMask));
            NDArray hidden = model.encode(ids, mask);
            DecoderState start = model.startDecoding(hidden, mask);
            if (beams > 1) {
                // Each source repeated for its beams, consecutively (repeat_interleave in the reference).
                long[] expand = new long[inputIds.length * beams];
                for (int i = 0; i < expand.length; i++) {
                    expand[i] = i / beams;
                }
                start = start.select(manager.create(expand));
            }
            NDScope.unregister(start.arrays());
            this.state = start;
        }
        this.rows = (long) inputIds.length * beams;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public float[] step(int[] tokens, boolean logSoftmax) {
        if (tokens.length != rows) {
            throw new IllegalArgumentException("step() got " + tokens.length + " tokens for " + rows + " live rows.");
        }
        try (NDScope scope = new NDScope()) {
            long[] t = new long[tokens.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = tokens[i];
            }
            NDArray input = manager.create(t, new Shape(t.length, 1));
            EncoderDecoderModel.Step step = model.decode(state, input);
            NDArray logits = step.logits().reshape(t.length, vocab);
            if (logSoftmax) {
                logits = logits.logSoftmax(-1);
            }
            float[] out = logits.toFloatArray();
            replace(step.state());
            return out;
        }
    }

    @Override
    public void selectRows(int[] keep) {
        boolean identity = keep.length == rows;
        for (int i = 0; identity && i < keep.length; i++) {
            identity = keep[i] == i;
        }
        if (identity) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            long[] idx = new long[keep.length];
            for (int i = 0; i < keep.length; i++) {
                idx[i] = keep[i];
            }
            replace(state.select(manager.create(idx)));
        }
        rows = keep.length;
    }

    private void replace(DecoderState next) {
        NDScope.unregister(next.arrays());
        state.closeExcept(next);
        state = next;
    }

    private static long[][] toLong(int[][] a) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new long[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j];
            }
        }
        return out;
    }

    @Override
    public void close() {
        state.closeExcept(null);
        manager.close();
    }
}
