package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Multi-head attention with separate q, k, v and output projections ({@code BartAttention}).
 *
 * <p>Keys and values are produced by {@link #projectKeys}/{@link #projectValues} so that callers
 * can cache them: the decoder's self-attention appends one step at a time, its cross-attention
 * projects the encoder output once per source.
 */
final class Attention {

    private final LinearLayer q;
    private final LinearLayer k;
    private final LinearLayer v;
    private final LinearLayer out;
    private final int heads;
    private final int headDim;
    private final float scaling;

    Attention(WeightStore store, int dModel, int heads) {
        this.q = LinearLayer.load(store.pp("q_proj"), dModel, dModel);
        this.k = LinearLayer.load(store.pp("k_proj"), dModel, dModel);
        this.v = LinearLayer.load(store.pp("v_proj"), dModel, dModel);
        this.out = LinearLayer.load(store.pp("out_proj"), dModel, dModel);
        this.heads = heads;
        this.headDim = dModel / heads;
        this.scaling = (float) Math.pow(headDim, -0.5);
    }

    /** Returns keys {@code [batch, heads, len, headDim]} for hidden states {@code [batch, len, d]}. */
    NDArray projectKeys(NDArray hidden) {
        return splitHeads(k.forward(hidden));
    }

    /** Returns values {@code [batch, heads, len, headDim]} for hidden states {@code [batch, len, d]}. */
    NDArray projectValues(NDArray hidden) {
        return splitHeads(v.forward(hidden));
    }

    /**
     * Attends from {@code hidden [batch, t, d]} to the given keys and values.
     *
     * @param mask additive mask broadcastable to {@code [batch, heads, t, s]}, or null
     */
    NDArray attend(NDArray hidden, NDArray keys, NDArray values, NDArray mask) {
        return project(attendHeads(splitHeads(query(hidden)), keys, values, mask));
    }

    /** Returns the scaled query projection {@code [batch, t, d]} of {@code hidden [batch, t, d]}. */
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

    /** The query, key, value and output projections, in that order. */
    List<LinearLayer> projections() {
        return List.of(q, k, v, out);
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
