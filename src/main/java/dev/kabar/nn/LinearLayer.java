package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * A dense layer y = x·Wᵀ + b with the weight stored {@code [out, in]} as in PyTorch checkpoints.
 *
 * @param weight the weight: float32, or bfloat16 when {@code bfloat16} is given
 * @param bias the float32 bias, or null
 * @param bfloat16 the bfloat16 products when the weight is bfloat16, else null (float32 products)
 */
record LinearLayer(NDArray weight, NDArray bias, BFloat16Products bfloat16) {

    /** Loads {@code weight} and {@code bias} under the store's prefix, in the store's product precision. */
    static LinearLayer load(WeightStore store, long in, long out) {
        NDArray weight = store.get("weight", out, in);
        NDArray bias = store.get("bias", out);
        BFloat16Products products = store.bfloat16Products();
        if (products == null) {
            return new LinearLayer(weight, bias, null);
        }
        NDArray narrow = products.toBFloat16(weight);
        store.release("weight");
        return new LinearLayer(narrow, bias, products);
    }

    /** A float32 layer over the given arrays. */
    LinearLayer(NDArray weight, NDArray bias) {
        this(weight, bias, null);
    }

    NDArray forward(NDArray x) {
        return bfloat16 == null ? Linear.linear(x, weight, bias).singletonOrThrow() : bfloat16.linear(x, weight, bias);
    }
}
