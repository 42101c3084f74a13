package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;

/**
 * Multi-head attention with q, k, v and output projections ({@code BartAttention}).
 *
 * <p>Projections of the same input run as one product: a self-attention's q, k and v
 * ({@code [3d, d]}), a cross-attention's k and v of the encoder output ({@code [2d, d]}); its q
 * projects the decoder's states alone. Each projection is a column range of the fused product, the
 * same values as its own product (one call instead of three, and one read of the input; at batch 1
 * the decoder's fused products took 3.8-4.3 ms a step against 4.3-4.6 as separate ones, opus-mt
 * shapes, kabar's microbenchmark). Keys and values come out separately so that callers can cache
 * them: the decoder's self-attention appends one step at a time, its cross-attention projects the
 * encoder output once per source.
 */
final class Attention {

    /** Self-attention: q, k and v stacked; cross-attention: k and v stacked. */
    private final LinearLayer fused;
    /** Cross-attention's own query projection; null in self-attention, whose q is in {@link #fused}. */
    private final LinearLayer q;
    private final LinearLayer out;
    private final int heads;
    private final int headDim;
    private final float scaling;

    private Attention(LinearLayer fused, LinearLayer q, LinearLayer out, int dModel, int heads) {
        this.fused = fused;
        this.q = q;
        this.out = out;
        this.heads = heads;
        this.headDim = dModel / heads;
        this.scaling = (float) Math.pow(headDim, -0.5);
    }

    /** Loads a self-attention: q, k and v of the same states, as one product. */
    static Attention self(WeightStore store, int dModel, int heads) {
        LinearLayer qkv = LinearLayer.loadFused(List.of(store.pp("q_proj"), store.pp("k_proj"), store.pp("v_proj")), dModel, dModel);
        return new Attention(qkv, null, LinearLayer.load(store.pp("out_proj"), dModel, dModel), dModel, heads);
    }

    /** Loads a cross-attention: k and v of the encoder output as one product, q of the decoder's states apart. */
    static Attention cross(WeightStore store, int dModel, int heads) {
        LinearLayer kv = LinearLayer.loadFused(List.of(store.pp("k_proj"), store.pp("v_proj")), dModel, dModel);
        return new Attention(kv, LinearLayer.load(store.pp("q_proj"), dModel, dModel),
                LinearLayer.load(store.pp("out_proj"), dModel, dModel), dModel, heads);
    }

    /** A self-attention's projections of {@code hidden [batch, len, d]}: the scaled query {@code [batch, len, d]}, keys and values split into heads. */
    record Projected(NDArray query, NDArray keys, NDArray values) { }

    /** Returns a self-attention's query, keys and values for {@code hidden [batch, len, d]}, from one product. */
    Projected projectAll(NDArray hidden) {
        if (q != null) {
            throw new IllegalStateException("A cross-attention projects its query and its keys and values from different states.");
        }
        NDArray all = fused.forward(hidden);
        long d = (long) heads * headDim;
        // transformers scales q after its bias, before the product (BartAttention.forward).
        NDArray query = all.get(new NDIndex("..., {}:{}", 0, d)).mul(scaling);
        return new Projected(query, splitHeads(all.get(new NDIndex("..., {}:{}", d, 2 * d))),
                splitHeads(all.get(new NDIndex("..., {}:{}", 2 * d, 3 * d))));
    }

    /** Returns a cross-attention's keys and values {@code [batch, heads, len, headDim]} for encoder states {@code [batch, len, d]}. */
    NDArray[] projectKeysValues(NDArray encoderHidden) {
        if (q == null) {
            throw new IllegalStateException("A self-attention projects keys and values with its query (projectAll).");
        }
        NDArray kv = fused.forward(encoderHidden);
        long d = (long) heads * headDim;
        return new NDArray[] {splitHeads(kv.get(new NDIndex("..., {}:{}", 0, d))), splitHeads(kv.get(new NDIndex("..., {}:{}", d, 2 * d)))};
    }

    /**
     * Attends with a scaled query {@code [batch, t, d]} to the given keys and values.
     *
     * @param mask additive mask broadcastable to {@code [batch, heads, t, s]}, or null
     */
    NDArray attend(NDArray query, NDArray keys, NDArray values, NDArray mask) {
        return project(attendHeads(splitHeads(query), keys, values, mask));
    }

    /** Returns a cross-attention's scaled query projection {@code [batch, t, d]} of {@code hidden [batch, t, d]}. */
    NDArray query(NDArray hidden) {
        // transformers scales q after its bias, before the product (BartAttention.forward).
        return q.forward(hidden).muli(scaling);
    }

    /**
     * Returns the attention context {@code [batch, heads, t, headDim]} of queries already split
     * into heads, {@code [batch, heads, t, headDim]}.
     */
    static NDArray attendHeads(NDArray query, NDArray keys, NDArray values, NDArray mask) {
        NDArray scores = query.matMul(keys.transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = scores.addi(mask);
        }
        return scores.softmax(-1).matMul(values);
    }

    /** Merges the heads of a context {@code [batch, heads, t, headDim]} and applies the output projection. */
    NDArray project(NDArray context) {
        long[] s = context.getShape().getShape();
        return out.forward(context.transpose(0, 2, 1, 3).reshape(s[0], s[2], (long) heads * headDim));
    }

    int heads() {
        return heads;
    }

    /** The scale applied to queries after their bias. */
    float scaling() {
        return scaling;
    }

    /**
     * The projections in the order {@link DecoderStep} reads them: a self-attention's fused q, k,
     * v and its output; a cross-attention's query and output (its keys and values are projected
     * once per source).
     */
    List<LinearLayer> stepProjections() {
        return q == null ? List.of(fused, out) : List.of(q, out);
    }

    int headDim() {
        return headDim;
    }

    /**
     * Returns {@code x [batch, heads, len, headDim]} laid out contiguously: a head split is a
     * transposed view, which every batched product would otherwise copy first.
     */
    static NDArray contiguous(NDArray x) {
        long[] s = x.getShape().getShape();
        if (s[2] == 1) {
            return x;
        }
        // Merging the first two axes of a transposed view cannot be a view, so reshape copies.
        return x.reshape(s[0] * s[1], s[2], s[3]).reshape(s);
    }

    private NDArray splitHeads(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.reshape(s[0], s[1], heads, headDim).transpose(0, 2, 1, 3);
    }
}
