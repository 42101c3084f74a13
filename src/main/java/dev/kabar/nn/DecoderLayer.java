package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * One decoder layer: causal self-attention, cross-attention over the encoder output, feed-forward;
 * each with a residual add and layer norm.
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

    DecoderLayer(WeightStore store, int dModel, int heads, int ffnDim, ArchitectureFlags flags) {
        this.selfAttn = new Attention(store.pp("self_attn"), dModel, heads);
        this.selfAttnLayerNorm = LayerNormLayer.load(store.pp("self_attn_layer_norm"), dModel);
        this.encoderAttn = new Attention(store.pp("encoder_attn"), dModel, heads);
        this.encoderAttnLayerNorm = LayerNormLayer.load(store.pp("encoder_attn_layer_norm"), dModel);
        this.fc1 = LinearLayer.load(store.pp("fc1"), dModel, ffnDim);
        this.fc2 = LinearLayer.load(store.pp("fc2"), ffnDim, dModel);
        this.finalLayerNorm = LayerNormLayer.load(store.pp("final_layer_norm"), dModel);
        this.flags = flags;
    }

    Attention encoderAttention() {
        return encoderAttn;
    }

    /** The output of one layer and its self-attention key and value caches, now holding the new positions. */
    record Output(NDArray hidden, NDArray keys, NDArray values) { }

    /**
     * Runs the layer on {@code x [n, t, d]}.
     *
     * @param pastKeys the self-attention key cache {@code [n, heads, capacity, headDim]} whose first
     *     {@code past} positions are filled, or null
     * @param pastValues cached self-attention values, or null
     * @param causalMask additive mask {@code [t, past + t]}, or null when t is 1
     * @param crossKeys projected encoder keys {@code [n, heads, s, headDim]}
     * @param crossValues projected encoder values
     * @param crossMask additive padding mask {@code [n, 1, 1, s]}
     */
    /**
     * Attends from rows {@code [inputs × beams, t, d]} to keys and values held once per input
     * {@code [inputs, heads, s, headDim]}: the beams of an input are folded into its query axis
     * ({@code [inputs, beams × t, d]}), which gives the same result as repeating the keys per beam
     * without copying them.
     */
    private NDArray crossAttend(NDArray h, NDArray keys, NDArray values, NDArray mask) {
        long[] s = h.getShape().getShape();
        long inputs = keys.getShape().get(0);
        if (inputs == s[0]) {
            return encoderAttn.attend(h, keys, values, mask);
        }
        NDArray folded = h.reshape(inputs, s[0] / inputs * s[1], s[2]);
        return encoderAttn.attend(folded, keys, values, mask).reshape(s[0], s[1], s[2]);
    }

    Output forward(NDArray x, NDArray pastKeys, NDArray pastValues, int past, NDArray causalMask,
                   NDArray crossKeys, NDArray crossValues, NDArray crossMask) {
        NDArray h = flags.preNorm() ? selfAttnLayerNorm.forward(x) : x;
        NDArray fresh = selfAttn.projectKeys(h);
        long t = fresh.getShape().get(2);
        NDArray keyCache = append(pastKeys, fresh, past);
        NDArray valueCache = append(pastValues, selfAttn.projectValues(h), past);
        NDIndex filled = new NDIndex(":, :, 0:{}", past + t);
        x = x.add(selfAttn.attend(h, keyCache.get(filled), valueCache.get(filled), causalMask));
        if (!flags.preNorm()) {
            x = selfAttnLayerNorm.forward(x);
        }
        h = flags.preNorm() ? encoderAttnLayerNorm.forward(x) : x;
        x = x.add(crossAttend(h, crossKeys, crossValues, crossMask));
        if (!flags.preNorm()) {
            x = encoderAttnLayerNorm.forward(x);
        }
        h = flags.preNorm() ? finalLayerNorm.forward(x) : x;
        x = x.add(fc2.forward(flags.activation().apply(fc1.forward(h))));
        return new Output(flags.preNorm() ? x : finalLayerNorm.forward(x), keyCache, valueCache);
    }

    /**
     * Writes {@code fresh [n, heads, t, headDim]} at positions {@code [past, past + t)} of a cache
     * buffer, in place. A full buffer is replaced by one of twice the capacity, so a step costs
     * O(t) instead of the O(past) of concatenating, and growth is amortised.
     */
    static NDArray append(NDArray cache, NDArray fresh, int past) {
        long[] s = fresh.getShape().getShape();
        long t = s[2];
        long capacity = cache == null ? 0 : cache.getShape().get(2);
        if (past + t > capacity) {
            long grown = Math.max(Math.max(16, 2 * capacity), past + t);
            NDArray bigger = fresh.getManager().zeros(new Shape(s[0], s[1], grown, s[3]), fresh.getDataType());
            if (past > 0) {
                bigger.set(new NDIndex(":, :, 0:{}", past), cache.get(new NDIndex(":, :, 0:{}", past)));
            }
            cache = bigger;
        }
        cache.set(new NDIndex(":, :, {}:{}", past, past + t), fresh);
        return cache;
    }
}
