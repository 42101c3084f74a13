package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.pytorch.jni.IValue;
import dev.kabar.checkpoint.ModelConfig;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A MarianMT or BART encoder-decoder with its weights, turning token ids into next-token logits.
 *
 * <p>Inputs and outputs are NDArrays owned by the caller's manager: callers run each call inside
 * an {@link ai.djl.ndarray.NDScope} and keep only what must survive. The model itself holds no
 * state between calls and is safe to share between threads.
 */
public final class EncoderDecoderModel implements AutoCloseable {

    /** {@code torch.finfo(torch.float32).min}, the value transformers adds at masked positions. */
    static final float MASK_VALUE = -Float.MAX_VALUE;

    private final ModelConfig config;
    private final ArchitectureFlags flags;
    private final NDManager manager;
    private final NDArray encoderEmbed;
    private final NDArray decoderEmbed;
    private final NDArray encoderPositions;
    private final NDArray decoderPositions;
    private final LayerNormLayer encoderEmbedNorm;
    private final LayerNormLayer decoderEmbedNorm;
    private final EncoderLayer[] encoderLayers;
    private final DecoderLayer[] decoderLayers;
    private final NDArray lmHead;
    private final NDArray finalLogitsBias;
    /** The packed products dense layers use, or null for PyTorch's plain float32 products. */
    private final PackedProducts products;
    /**
     * LM-head slices by chunk size, made on first use; the whole head is the one slicing of
     * {@code vocab} rows. Plain, a slice is a view; packed, a copy, so a packed head is packed only
     * in the slicings asked for.
     */
    private final ConcurrentMap<Integer, HeadSlicing> slicedHeads = new ConcurrentHashMap<>();

    /**
     * One slicing of the LM head: its slices and, when packed, their weights and biases as
     * TorchScript lists, so that all slices are computed in one native call
     * ({@link PackedProducts#linearAll}).
     */
    private record HeadSlicing(List<LinearLayer> slices, IValue weights, IValue biases) {

        void close() {
            if (weights != null) {
                weights.close();
                biases.close();
            }
        }
    }
    /** The decoder layers as one native call per step, or null when the model has no decoder layers. */
    private final DecoderStep decoderStep;
    /** The bfloat16-screened head for greedy arg-maxes, made on first use. */
    private ScreenedHead screenedHead;

    private EncoderDecoderModel(ModelConfig config, WeightStore root, NDManager manager, ArchitectureFlags flags) {
        this.config = config;
        this.flags = flags;
        this.manager = manager;
        int d = config.dModel();
        int vocab = config.vocabSize();
        WeightStore model = root.pp("model");
        // save_pretrained drops tied copies, so model.shared.weight is the one name every checkpoint has;
        // untied embeddings are taken only when shared is absent.
        NDArray shared = model.contains("shared.weight") ? model.get("shared.weight", vocab, d) : null;
        this.encoderEmbed = shared != null ? shared : model.get("encoder.embed_tokens.weight", vocab, d);
        this.decoderEmbed = shared != null ? shared : model.get("decoder.embed_tokens.weight", vocab, d);
        this.lmHead = config.tieWordEmbeddings() ? decoderEmbed : root.get("lm_head.weight", vocab, d);
        // A registered buffer initialised to zeros in transformers; checkpoints normally carry it.
        this.finalLogitsBias = root.contains("final_logits_bias")
                ? root.get("final_logits_bias", 1, vocab).reshape(vocab)
                : manager.zeros(new Shape(vocab), DataType.FLOAT32);
        this.products = root.packedProducts();
        int maxPos = config.maxPositionEmbeddings();
        if (flags.positions() == ArchitectureFlags.PositionScheme.SINUSOIDAL) {
            NDArray table = sinusoidalTable(manager, maxPos, d);
            this.encoderPositions = table;
            this.decoderPositions = table;
        } else {
            long rows = maxPos + flags.positionOffset();
            this.encoderPositions = model.get("encoder.embed_positions.weight", rows, d);
            this.decoderPositions = model.get("decoder.embed_positions.weight", rows, d);
        }
        this.encoderEmbedNorm = flags.embeddingLayerNorm() ? LayerNormLayer.load(model.pp("encoder.layernorm_embedding"), d) : null;
        this.decoderEmbedNorm = flags.embeddingLayerNorm() ? LayerNormLayer.load(model.pp("decoder.layernorm_embedding"), d) : null;
        this.encoderLayers = new EncoderLayer[config.encoderLayers()];
        for (int i = 0; i < encoderLayers.length; i++) {
            encoderLayers[i] = new EncoderLayer(model.pp("encoder.layers").pp(i), d,
                    config.encoderAttentionHeads(), config.encoderFfnDim(), flags);
        }
        this.decoderLayers = new DecoderLayer[config.decoderLayers()];
        for (int i = 0; i < decoderLayers.length; i++) {
            decoderLayers[i] = new DecoderLayer(i, model.pp("decoder.layers").pp(i), d,
                    config.decoderAttentionHeads(), config.decoderFfnDim(), flags);
        }
        this.decoderStep = decoderLayers.length == 0 ? null : DecoderStep.create(manager, decoderLayers, flags, products);
    }

    /**
     * Builds the model from a checkpoint's tensors.
     *
     * @param manager owner of the weights; closing the model closes it
     * @throws dev.kabar.checkpoint.CheckpointException naming a missing or misshapen tensor
     */
    public static EncoderDecoderModel load(ModelConfig config, WeightStore weights, NDManager manager) {
        return new EncoderDecoderModel(config, weights, manager, ArchitectureFlags.of(config));
    }

    /** Loads the network with other family flags than its config's, for tests of variants no supported family has. */
    static EncoderDecoderModel load(ModelConfig config, WeightStore weights, NDManager manager, ArchitectureFlags flags) {
        return new EncoderDecoderModel(config, weights, manager, flags);
    }

    /** Returns the config the model was built from. */
    public ModelConfig config() {
        return config;
    }

    /** Returns the family flags in force. */
    public ArchitectureFlags flags() {
        return flags;
    }

    /** Returns the manager that owns the weights. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Runs the encoder.
     *
     * @param inputIds int64 {@code [batch, srcLen]}
     * @param attentionMask int64 or float {@code [batch, srcLen]}, 1 for real tokens, 0 for padding
     * @return the last hidden state {@code [batch, srcLen, d]}
     */
    public NDArray encode(NDArray inputIds, NDArray attentionMask) {
        long len = inputIds.getShape().get(1);
        checkLength(len, "source");
        NDArray x = embed(encoderEmbed, inputIds).add(encoderPositions.get(new NDIndex("{}:{}",
                flags.positionOffset(), flags.positionOffset() + len)));
        if (encoderEmbedNorm != null) {
            x = encoderEmbedNorm.forward(x);
        }
        NDArray mask = additiveMask(attentionMask);
        for (EncoderLayer layer : encoderLayers) {
            x = layer.forward(x, mask);
        }
        return x;
    }

    /**
     * Encodes a padded batch and returns the decoder's initial state, running the encoder in
     * chunks of consecutive inputs of at most {@code tokenBudget} padded tokens each.
     *
     * <p>A decoding batch wants many rows (large matrix products), the encoder wants little
     * padding; chunking gives both. Each chunk is trimmed to its own longest input, and its
     * cross-attention keys and values are padded back with zeros at masked positions, which
     * attention gives exactly zero weight, so the result equals encoding the batch at once.
     *
     * @param inputIds int64 {@code [batch, srcLen]}, padded on the right
     * @param lengths the number of real tokens of each input
     */
    public DecoderState encodeForDecoding(NDArray inputIds, int[] lengths, int beams, int tokenBudget) {
        long batch = inputIds.getShape().get(0);
        NDManager m = inputIds.getManager();
        List<SourceGroup> groups = new ArrayList<>();
        int start = 0;
        while (start < batch) {
            int end = start;
            int longest = 0;
            long real = 0;
            while (end < batch) {
                int len = Math.max(1, lengths[end]);
                int next = Math.max(longest, len);
                long padded = (long) next * (end - start + 1);
                // A chunk ends at the token budget, or when padding would outgrow the real tokens by
                // more than an eighth (plus some slack, as each encoder call has a fixed cost).
                // Measured on news-256 in file order, 128 rows: encoder 3.3-3.5 s against 4.2-4.7 s
                // with a quarter and 256 tokens of slack.
                if (end > start && (padded > tokenBudget || padded > (real + len) * 9 / 8 + PADDING_SLACK)) {
                    break;
                }
                longest = next;
                real += len;
                end++;
            }
            NDArray ids = inputIds.get(new NDIndex("{}:{}, 0:{}", start, end, longest));
            long[][] mask = new long[end - start][longest];
            for (int i = start; i < end; i++) {
                Arrays.fill(mask[i - start], 0, Math.min(lengths[i], longest), 1L);
            }
            NDArray maskArray = m.create(mask);
            groups.add(sourceGroup(encode(ids, maskArray), maskArray));
            start = end;
        }
        return DecoderState.fresh(groups, beams);
    }

    /** Padded tokens an encoder chunk may waste beyond an eighth of its real tokens. */
    static final int PADDING_SLACK = 64;

    /** Returns the initial decoder state for encoder outputs, one row per input. */
    public DecoderState startDecoding(NDArray encoderHidden, NDArray attentionMask) {
        return startDecoding(encoderHidden, attentionMask, 1);
    }

    /**
     * Returns the initial decoder state for encoder outputs with {@code beams} rows per input:
     * cross-attention keys and values are projected here, once per source.
     */
    public DecoderState startDecoding(NDArray encoderHidden, NDArray attentionMask, int beams) {
        return DecoderState.fresh(List.of(sourceGroup(encoderHidden, attentionMask)), beams);
    }

    private SourceGroup sourceGroup(NDArray encoderHidden, NDArray attentionMask) {
        int n = decoderLayers.length;
        NDArray[] ck = new NDArray[n];
        NDArray[] cv = new NDArray[n];
        for (int i = 0; i < n; i++) {
            Attention cross = decoderLayers[i].encoderAttention();
            // Laid out contiguously once here, since every decoder step reads them.
            NDArray[] kv = cross.projectKeysValues(encoderHidden);
            ck[i] = Attention.contiguous(kv[0]);
            cv[i] = Attention.contiguous(kv[1]);
        }
        return new SourceGroup(ck, cv, additiveMask(attentionMask));
    }

    /** The logits of a decoder call and the state after it. */
    public record Step(NDArray logits, DecoderState state) { }

    /**
     * Feeds {@code tokens [rows, t]} to the decoder after the positions already in {@code state}.
     *
     * @return logits {@code [rows, t, vocab]} (LM head plus {@code final_logits_bias}) and the
     *     state extended by t positions; {@code state} itself is unchanged
     */
    public Step decode(DecoderState state, NDArray tokens) {
        Step hidden = decodeLayers(state, tokens);
        return new Step(logits(hidden.logits()), hidden.state());
    }

    /**
     * Runs the decoder layers only: like {@link #decode} but {@link Step#logits()} holds the final
     * hidden states {@code [rows, t, d]}; {@link #logits(NDArray)} finishes the step. Split so
     * that the LM head can be timed on its own.
     */
    public Step decodeLayers(DecoderState state, NDArray tokens) {
        return decodeLayers(state, tokens, decoderStep != null);
    }

    /**
     * {@link #decodeLayers(DecoderState, NDArray)} in one native call ({@link DecoderStep}) or, with
     * {@code fused} false, operation by operation through DJL ({@link DecoderLayer#forward}); the
     * two give the same results bit for bit, which tests check.
     */
    Step decodeLayers(DecoderState state, NDArray tokens, boolean fused) {
        long t = tokens.getShape().get(1);
        int[] lengths = state.lengthsView();
        boolean uniform = state.uniformLength();
        if (!uniform && t != 1) {
            throw new IllegalArgumentException("Rows at different positions can only be fed one token at a time, not " + t + ".");
        }
        int longest = 0;
        for (int l : lengths) {
            longest = Math.max(longest, l);
        }
        checkLength(longest + t, "target");
        NDManager m = tokens.getManager();
        NDArray firstCache = decoderLayers.length == 0 ? null : state.selfKeys(0);
        int capacity = DecoderLayer.capacityFor(firstCache == null ? 0 : (int) firstCache.getShape().get(2), longest + (int) t);
        // One token per row attends to the whole cache buffer, its unwritten tail masked: a slice of
        // the buffer is a strided view, which the batched products copy first, and that copy cost
        // more than the masked positions (2.1 ms against 0.6 ms a layer at 128 rows).
        int window = t == 1 ? capacity : longest + (int) t;
        NDArray positions;
        NDArray selfMask = null;
        if (uniform) {
            int past = lengths.length == 0 ? 0 : lengths[0];
            positions = decoderPositions.get(new NDIndex("{}:{}", past + flags.positionOffset(), past + flags.positionOffset() + t));
            if (t > 1) {
                selfMask = causalMask(m, past, t);
            } else if (window > past + 1) {
                float[] mask = new float[window];
                Arrays.fill(mask, past + 1, window, MASK_VALUE);
                selfMask = m.create(mask, new Shape(1, 1, 1, window));
            }
        } else {
            long[] rowPositions = new long[lengths.length];
            float[] mask = new float[lengths.length * window];
            for (int r = 0; r < lengths.length; r++) {
                rowPositions[r] = lengths[r] + flags.positionOffset();
                Arrays.fill(mask, r * window + lengths[r] + 1, (r + 1) * window, MASK_VALUE);
            }
            positions = decoderPositions.get(m.create(rowPositions)).reshape(lengths.length, 1, config.dModel());
            selfMask = m.create(mask, new Shape(lengths.length, 1, 1, window));
        }
        NDArray x = embed(decoderEmbed, tokens).add(positions);
        if (decoderEmbedNorm != null) {
            x = decoderEmbedNorm.forward(x);
        }
        DecoderLayer.CacheWrite cacheWrite = DecoderLayer.CacheWrite.of(m, capacity, lengths, uniform, t, config.decoderAttentionHeads());
        NDArray[] keys = new NDArray[decoderLayers.length];
        NDArray[] values = new NDArray[decoderLayers.length];
        if (fused) {
            long rows = tokens.getShape().get(0);
            long heads = config.decoderAttentionHeads();
            long headDim = config.dModel() / heads;
            for (int i = 0; i < decoderLayers.length; i++) {
                keys[i] = DecoderLayer.grown(state.selfKeys(i), cacheWrite, m, rows, heads, headDim);
                values[i] = DecoderLayer.grown(state.selfValues(i), cacheWrite, m, rows, heads, headDim);
            }
            x = decoderStep.run(x, keys, values, cacheWrite, window, selfMask, state.groups());
            return new Step(x, state.advanced(keys, values, (int) t));
        }
        for (int i = 0; i < decoderLayers.length; i++) {
            DecoderLayer.Output out = decoderLayers[i].forward(x, state.selfKeys(i), state.selfValues(i), cacheWrite,
                    window, selfMask, state.groups());
            x = out.hidden();
            keys[i] = out.keys();
            values[i] = out.values();
        }
        return new Step(x, state.advanced(keys, values, (int) t));
    }

    /** Returns the logits {@code [..., vocab]} of final decoder hidden states: LM head plus {@code final_logits_bias}. */
    public NDArray logits(NDArray hidden) {
        return slicedHeads.computeIfAbsent(config.vocabSize(), this::sliceLmHead).slices().get(0).forward(hidden);
    }

    /**
     * Whether the LM head runs on packed products. Each slicing of a packed head is a packed copy
     * of it (112 MB for opus-mt), so callers should keep to one slicing; a plain head's slices are
     * views.
     */
    public boolean packedHead() {
        return products != null;
    }

    /**
     * Returns the logits of final decoder hidden states {@code [..., d]} as consecutive vocabulary
     * slices {@code [..., min(chunk, vocab - s)]} starting at {@code s = 0, chunk, 2·chunk, ...};
     * a single array when the vocabulary fits one chunk.
     *
     * <p>Why: on CPU a product against a few thousand vocabulary rows runs much faster than one
     * against the whole [V, d] head, whose output no longer fits the caches; concatenating the
     * slices would give the gain back, so callers keep them apart (see {@code NativeScores}).
     */
    public List<NDArray> logitChunks(NDArray hidden, int chunk) {
        int slices = lmHeadSlices(chunk);
        if (slices > 1 && products != null) {
            // One native call for all slices: at batch 1 each slice's own call cost about as much
            // as a few of its products.
            HeadSlicing head = slicedHeads.computeIfAbsent(chunk, this::sliceLmHead);
            return products.linearAll(hidden, head.weights(), head.biases());
        }
        List<NDArray> out = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            out.add(logitSlice(hidden, chunk, i));
        }
        return out;
    }

    /**
     * Whether the LM head can be screened through a bfloat16 copy: only when its products are
     * oneDNN's packed float32. With plain products the head stays PyTorch's reference path, and in
     * bfloat16 there is nothing to screen.
     */
    public boolean canScreenHead() {
        return products != null && products.format() == PackedProducts.Format.FLOAT32;
    }

    /**
     * Returns the LM head screened through a bfloat16 copy ({@link ScreenedHead}), made on first
     * use (half the head's size in memory), or null when it {@linkplain #canScreenHead cannot be}.
     */
    public synchronized ScreenedHead screenedHead() {
        if (!canScreenHead()) {
            return null;
        }
        if (screenedHead == null) {
            screenedHead = ScreenedHead.create(manager, lmHead, finalLogitsBias);
        }
        return screenedHead;
    }

    /** Returns whether the screened head has been made (by a greedy call), without making it. */
    public synchronized boolean hasScreenedHead() {
        return screenedHead != null;
    }

    /** Returns how many vocabulary slices of {@code chunk} rows the LM head is cut into: {@code ceil(vocab / chunk)}. */
    public int lmHeadSlices(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("LM-head chunks need at least one vocabulary row, not " + chunk + ".");
        }
        return (config.vocabSize() + chunk - 1) / chunk;
    }

    /**
     * Returns slice {@code index} of {@link #logitChunks}: the logits of vocabulary rows
     * {@code [index·chunk, min(vocab, (index + 1)·chunk))}. Thread-safe, so slices may be computed
     * side by side.
     */
    public NDArray logitSlice(NDArray hidden, int chunk, int index) {
        int slices = lmHeadSlices(chunk);
        if (index < 0 || index >= slices) {
            throw new IndexOutOfBoundsException("LM-head slice " + index + " of " + slices + ".");
        }
        if (slices == 1) {
            return logits(hidden);
        }
        return slicedHeads.computeIfAbsent(chunk, this::sliceLmHead).slices().get(index).forward(hidden);
    }

    /** Row slices of the LM head and its bias, {@code chunk} vocabulary rows each: views made once, not per step. */
    private HeadSlicing sliceLmHead(int chunk) {
        int vocab = config.vocabSize();
        List<LinearLayer> slices = new ArrayList<>();
        for (int s = 0; s < vocab; s += chunk) {
            NDIndex rows = new NDIndex().addSliceDim(s, Math.min(vocab, s + chunk));
            NDArray w = lmHead.get(rows);
            NDArray b = finalLogitsBias.get(rows);
            if (products != null) {
                NDArray view = w;
                w = products.pack(view);
                view.close();
            }
            // Slices live as long as the model, whatever scope is open when they are made.
            NDScope.unregister(w, b);
            slices.add(new LinearLayer(w, b, products));
        }
        if (products == null) {
            return new HeadSlicing(List.copyOf(slices), null, null);
        }
        return new HeadSlicing(List.copyOf(slices), ScriptModule.list(slices.stream().map(LinearLayer::weight).toList()),
                ScriptModule.list(slices.stream().map(LinearLayer::bias).toList()));
    }

    private NDArray embed(NDArray table, NDArray ids) {
        NDArray e = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        return flags.embedScale() == 1.0f ? e : e.mul(flags.embedScale());
    }

    private void checkLength(long len, String side) {
        if (len > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("The " + side + " sequence has " + len + " tokens but the model accepts at most "
                    + config.maxPositionEmbeddings() + " (max_position_embeddings); split the text into shorter pieces.");
        }
    }

    /** Turns a 1/0 mask {@code [b, s]} into an additive one {@code [b, 1, 1, s]} (0 or the float32 minimum). */
    static NDArray additiveMask(NDArray attentionMask) {
        long[] s = attentionMask.getShape().getShape();
        NDArray m = attentionMask.toType(DataType.FLOAT32, false);
        return m.neg().add(1f).mul(MASK_VALUE).reshape(s[0], 1, 1, s[1]);
    }

    private static NDArray causalMask(NDManager manager, int past, long t) {
        float[] data = new float[(int) (t * (past + t))];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < past + t; j++) {
                data[(int) (i * (past + t) + j)] = j > past + i ? MASK_VALUE : 0f;
            }
        }
        return manager.create(data, new Shape(t, past + t));
    }

    /**
     * Returns Marian's sinusoidal table: row = position; for dimension j the angle is
     * pos / 10000^(2·⌊j/2⌋/d); the first half of the columns holds the sines of the even j, the
     * second half the cosines of the odd j (MarianSinusoidalPositionalEmbedding._init_weight).
     */
    static NDArray sinusoidalTable(NDManager manager, int positions, int dim) {
        int sentinel = dim % 2 == 0 ? dim / 2 : dim / 2 + 1;
        FloatBuffer buf = FloatBuffer.allocate(positions * dim);
        for (int pos = 0; pos < positions; pos++) {
            for (int j = 0; j < dim; j++) {
                double angle = pos / Math.pow(10000, 2.0 * (j / 2) / dim);
                int col = (j % 2 == 0) ? j / 2 : sentinel + j / 2;
                buf.put(pos * dim + col, (float) ((j % 2 == 0) ? Math.sin(angle) : Math.cos(angle)));
            }
        }
        return manager.create(buf, new Shape(positions, dim));
    }

    /** Releases the weights. */
    @Override
    public void close() {
        if (decoderStep != null) {
            decoderStep.close();
        }
        slicedHeads.values().forEach(HeadSlicing::close);
        synchronized (this) {
            if (screenedHead != null) {
                screenedHead.close();
            }
        }
        if (products != null) {
            products.close();
        }
        manager.close();
    }
}
