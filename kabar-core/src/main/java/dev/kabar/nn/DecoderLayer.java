package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * One decoder layer: causal self-attention, cross-attention over the encoder output, feed-forward;
 * each with a residual add and layer norm.
 *
 * <p>Decoding runs all layers as one TorchScript call ({@link DecoderStep}); {@link #forward} is the
 * same computation operation by operation through DJL, which the tests hold the script to.
 */
final class DecoderLayer {

    private final Attention selfAttn;
    private final LayerNormLayer selfAttnLayerNorm;
    private final Attention encoderAttn;
    private final LayerNormLayer encoderAttnLayerNorm;
    private final LinearLayer fc1;
    private final LinearLayer fc2;
    private final LayerNormLayer finalLayerNorm;
    private final ArchitectureFlags flags;
    private final int index;

    DecoderLayer(int index, WeightStore store, int dModel, int heads, int ffnDim, ArchitectureFlags flags) {
        this.selfAttn = Attention.self(store.pp("self_attn"), dModel, heads);
        this.selfAttnLayerNorm = LayerNormLayer.load(store.pp("self_attn_layer_norm"), dModel);
        this.encoderAttn = Attention.cross(store.pp("encoder_attn"), dModel, heads);
        this.encoderAttnLayerNorm = LayerNormLayer.load(store.pp("encoder_attn_layer_norm"), dModel);
        this.fc1 = LinearLayer.load(store.pp("fc1"), dModel, ffnDim);
        this.fc2 = LinearLayer.load(store.pp("fc2"), ffnDim, dModel);
        this.finalLayerNorm = LayerNormLayer.load(store.pp("final_layer_norm"), dModel);
        this.flags = flags;
        this.index = index;
    }

    Attention encoderAttention() {
        return encoderAttn;
    }

    Attention selfAttention() {
        return selfAttn;
    }

    /** Tensors per layer in {@link #stepWeights()}. */
    static final int STEP_WEIGHTS = 18;

    /**
     * The layer's tensors in the order {@link DecoderStep}'s script reads them: self-attention's
     * fused q, k, v and its output (weight, bias each) and its layer norm; cross-attention's q and
     * output and its layer norm; fc1, fc2 and the final layer norm.
     */
    List<NDArray> stepWeights() {
        List<NDArray> w = new ArrayList<>(STEP_WEIGHTS);
        for (LinearLayer l : selfAttn.stepProjections()) {
            w.add(l.weight());
            w.add(l.bias());
        }
        w.add(selfAttnLayerNorm.gamma());
        w.add(selfAttnLayerNorm.beta());
        for (LinearLayer l : encoderAttn.stepProjections()) {
            w.add(l.weight());
            w.add(l.bias());
        }
        w.add(encoderAttnLayerNorm.gamma());
        w.add(encoderAttnLayerNorm.beta());
        for (LinearLayer l : List.of(fc1, fc2)) {
            w.add(l.weight());
            w.add(l.bias());
        }
        w.add(finalLayerNorm.gamma());
        w.add(finalLayerNorm.beta());
        return w;
    }

    /** The output of one layer and its self-attention key and value caches, now holding the new positions. */
    record Output(NDArray hidden, NDArray keys, NDArray values) { }

    /**
     * Runs the layer on {@code x [n, t, d]}.
     *
     * @param pastKeys the self-attention key cache {@code [n, heads, capacity, headDim]}, or null
     *     before the first step
     * @param pastValues the matching value cache
     * @param cacheWrite where the step's keys and values go in the cache buffers
     * @param window positions attended after this step: at least the longest row's length plus t;
     *     when it is the cache's whole capacity ({@link #capacityFor}) the buffer is attended as it is
     * @param selfMask additive mask over the attended cache positions {@code [t, window]} or
     *     {@code [n, 1, 1, window]}, or null when every position may be attended
     * @param sources the projected encoder keys and values of the inputs, in groups in row order
     */
    Output forward(NDArray x, NDArray pastKeys, NDArray pastValues, CacheWrite cacheWrite, int window,
                   NDArray selfMask, List<SourceGroup> sources) {
        NDArray h = flags.preNorm() ? selfAttnLayerNorm.forward(x) : x;
        Attention.Projected projected = selfAttn.projectAll(h);
        NDArray keyCache = write(pastKeys, projected.keys(), cacheWrite);
        NDArray valueCache = write(pastValues, projected.values(), cacheWrite);
        NDArray keys = keyCache;
        NDArray values = valueCache;
        if (keyCache.getShape().get(2) != window) {
            NDIndex filled = new NDIndex().addAllDim(2).addSliceDim(0, window);
            keys = keyCache.get(filled);
            values = valueCache.get(filled);
        }
        x = selfAttn.attend(projected.query(), keys, values, selfMask).addi(x);
        if (!flags.preNorm()) {
            x = selfAttnLayerNorm.forward(x);
        }
        h = flags.preNorm() ? encoderAttnLayerNorm.forward(x) : x;
        x = crossAttend(h, sources).addi(x);
        if (!flags.preNorm()) {
            x = encoderAttnLayerNorm.forward(x);
        }
        h = flags.preNorm() ? finalLayerNorm.forward(x) : x;
        x = fc2.forward(flags.activation().applyInPlace(fc1.forward(h))).addi(x);
        return new Output(flags.preNorm() ? x : finalLayerNorm.forward(x), keyCache, valueCache);
    }

    /**
     * Attends from rows {@code [inputs × beams, t, d]} to keys and values held once per input, in
     * groups: the beams of an input are folded into its query axis ({@code [inputs, heads,
     * beams × t, headDim]}), which gives the same result as repeating the keys per beam without
     * copying them, and each group of inputs is attended at its own source width. The query and
     * output projections run once over all rows.
     */
    private NDArray crossAttend(NDArray h, List<SourceGroup> sources) {
        long[] s = h.getShape().getShape();
        long inputs = SourceGroup.inputs(sources);
        long queries = s[0] / inputs * s[1];
        NDArray query = encoderAttn.query(h).reshape(inputs, queries, encoderAttn.heads(), encoderAttn.headDim())
                .transpose(0, 2, 1, 3);
        NDArray context;
        if (sources.size() == 1) {
            SourceGroup g = sources.get(0);
            context = Attention.attendHeads(query, g.keys()[index], g.values()[index], g.mask());
        } else {
            NDList parts = new NDList(sources.size());
            long offset = 0;
            for (SourceGroup g : sources) {
                NDArray q = query.get(new NDIndex().addSliceDim(offset, offset + g.inputs()));
                parts.add(Attention.attendHeads(q, g.keys()[index], g.values()[index], g.mask()));
                offset += g.inputs();
            }
            context = NDArrays.concat(parts, 0);
        }
        return encoderAttn.project(context).reshape(s[0], s[1], s[2]);
    }

    /**
     * Writes {@code fresh [n, heads, t, headDim]} into a cache buffer in place, at positions
     * {@code [length, length + t)} of each row, so a step costs O(t) instead of the O(past) of
     * concatenating. A buffer too small for {@code window} positions is replaced by one with
     * {@link #CACHE_GROWTH} more positions: beam search gathers the whole buffer every step, so
     * slack costs more than the occasional copy on growth.
     */
    /** Positions added to a self-attention cache when it is full. */
    static final int CACHE_GROWTH = 16;

    /** Returns the capacity a cache of {@code capacity} positions has once it holds {@code window}. */
    static int capacityFor(int capacity, int window) {
        return window > capacity ? (window + CACHE_GROWTH - 1) / CACHE_GROWTH * CACHE_GROWTH : capacity;
    }

    /**
     * Where one step writes its new keys and values into the self-attention cache buffers; the
     * same for every layer, so it is worked out once per step.
     *
     * @param capacity positions each buffer has after the step (grown when too small)
     * @param positions the positions written, the same for every row, or null
     * @param rows for rows at different positions: one flat index per (row, head) into the
     *     buffer viewed as {@code [rows × heads × capacity, headDim]}, else null
     * @param past the positions every row has decoded, when they are the same
     * @param rowIndex the array behind {@code rows}, or null
     */
    record CacheWrite(int capacity, NDIndex positions, NDIndex rows, int past, NDArray rowIndex) {

        /** Plans a step of {@code t} positions after {@code lengths}, into buffers of {@code capacity} positions. */
        static CacheWrite of(NDManager manager, int capacity, int[] lengths, boolean uniform, long t, long heads) {
            if (uniform) {
                int past = lengths.length == 0 ? 0 : lengths[0];
                return new CacheWrite(capacity, new NDIndex().addAllDim(2).addSliceDim(past, past + t), null, past, null);
            }
            // Rows sit at different positions: one vector per (row, head) is scattered into the flat buffer.
            long[] idx = new long[(int) (lengths.length * heads)];
            for (int r = 0; r < lengths.length; r++) {
                for (int hd = 0; hd < heads; hd++) {
                    idx[(int) (r * heads + hd)] = (r * heads + hd) * capacity + lengths[r];
                }
            }
            NDArray rowIndex = manager.create(idx);
            return new CacheWrite(capacity, null, new NDIndex("{}", rowIndex), 0, rowIndex);
        }
    }

    /**
     * Returns {@code cache} when it holds the plan's capacity, else a zeroed buffer {@code [rows,
     * heads, capacity, headDim]} of that capacity with the cache's positions copied in (none when
     * {@code cache} is null, before the first step).
     */
    static NDArray grown(NDArray cache, CacheWrite plan, NDManager manager, long rows, long heads, long headDim) {
        long capacity = cache == null ? 0 : cache.getShape().get(2);
        if (plan.capacity() <= capacity) {
            return cache;
        }
        NDArray bigger = manager.zeros(new Shape(rows, heads, plan.capacity(), headDim), DataType.FLOAT32);
        if (capacity > 0) {
            bigger.set(new NDIndex().addAllDim(2).addSliceDim(0, capacity), cache);
        }
        return bigger;
    }

    /**
     * Writes {@code fresh [n, heads, t, headDim]} into a cache buffer in place, where {@code plan}
     * says, first replacing a buffer smaller than the plan's capacity by a zeroed one that large.
     */
    static NDArray write(NDArray cache, NDArray fresh, CacheWrite plan) {
        long[] s = fresh.getShape().getShape();
        cache = grown(cache, plan, fresh.getManager(), s[0], s[1], s[3]);
        long capacity = plan.capacity();
        if (plan.positions() != null) {
            cache.set(plan.positions(), fresh);
        } else {
            NDArray flat = cache.reshape(s[0] * s[1] * capacity, s[3]);
            flat.set(plan.rows(), fresh.reshape(s[0] * s[1], s[3]));
        }
        return cache;
    }
}
