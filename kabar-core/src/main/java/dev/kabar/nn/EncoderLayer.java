package dev.kabar.nn;

import ai.djl.ndarray.NDArray;

/** One encoder layer: self-attention and feed-forward, each with a residual add and layer norm. */
final class EncoderLayer {

    private final Attention selfAttn;
    private final LayerNormLayer selfAttnLayerNorm;
    private final LinearLayer fc1;
    private final LinearLayer fc2;
    private final LayerNormLayer finalLayerNorm;
    private final ArchitectureFlags flags;

    EncoderLayer(WeightStore store, int dModel, int heads, int ffnDim, ArchitectureFlags flags) {
        this.selfAttn = Attention.self(store.pp("self_attn"), dModel, heads);
        this.selfAttnLayerNorm = LayerNormLayer.load(store.pp("self_attn_layer_norm"), dModel);
        this.fc1 = LinearLayer.load(store.pp("fc1"), dModel, ffnDim);
        this.fc2 = LinearLayer.load(store.pp("fc2"), ffnDim, dModel);
        this.finalLayerNorm = LayerNormLayer.load(store.pp("final_layer_norm"), dModel);
        this.flags = flags;
    }

    NDArray forward(NDArray x, NDArray mask) {
        NDArray h = flags.preNorm() ? selfAttnLayerNorm.forward(x) : x;
        Attention.Projected p = selfAttn.projectAll(h);
        x = selfAttn.attend(p.query(), p.keys(), p.values(), mask).addi(x);
        if (!flags.preNorm()) {
            x = selfAttnLayerNorm.forward(x);
        }
        h = flags.preNorm() ? finalLayerNorm.forward(x) : x;
        x = fc2.forward(flags.activation().applyInPlace(fc1.forward(h))).addi(x);
        return flags.preNorm() ? x : finalLayerNorm.forward(x);
    }
}
