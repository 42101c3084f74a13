package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/** A dense layer y = x·Wᵀ + b with the weight stored {@code [out, in]} as in PyTorch checkpoints. */
record LinearLayer(NDArray weight, NDArray bias) {

    static LinearLayer load(WeightStore store, long in, long out) {
        return new LinearLayer(store.get("weight", out, in), store.get("bias", out));
    }

    NDArray forward(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
