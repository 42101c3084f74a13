package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** Layer normalisation over the last dimension, with PyTorch's default epsilon of 1e-5. */
record LayerNormLayer(NDArray gamma, NDArray beta, Shape normalizedShape) {

    static final float EPS = 1e-5f;

    static LayerNormLayer load(WeightStore store, long dim) {
        return new LayerNormLayer(store.get("weight", dim), store.get("bias", dim), new Shape(dim));
    }

    NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, normalizedShape, gamma, beta, EPS).singletonOrThrow();
    }
}
