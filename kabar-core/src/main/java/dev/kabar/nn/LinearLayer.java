package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * A dense layer y = x·Wᵀ + b with the weight stored {@code [out, in]} as in PyTorch checkpoints.
 *
 * @param weight the float32 weight, or the weight as {@code products} packed it
 * @param bias the float32 bias, or null
 * @param products the packed products the weight was packed for, else null (PyTorch's plain float32 products)
 */
record LinearLayer(NDArray weight, NDArray bias, PackedProducts products) {

    /** Loads {@code weight} and {@code bias} under the store's prefix, packed as the store's products want. */
    static LinearLayer load(WeightStore store, long in, long out) {
        NDArray weight = store.get("weight", out, in);
        NDArray bias = store.get("bias", out);
        PackedProducts products = store.packedProducts();
        if (products == null) {
            return new LinearLayer(weight, bias, null);
        }
        NDArray packed = products.pack(weight);
        store.release("weight");
        return new LinearLayer(packed, bias, products);
    }

    /**
     * Loads several layers of the same input as one: their weights stacked by output rows
     * {@code [Σ out, in]} and their biases likewise, packed as the store's products want. One
     * product then computes all of them; its columns for each layer equal that layer's own product
     * (each output is the same dot product; checked bit for bit for oneDNN's packed products).
     */
    static LinearLayer loadFused(List<WeightStore> stores, long in, long out) {
        NDList weights = new NDList(stores.size());
        NDList biases = new NDList(stores.size());
        for (WeightStore store : stores) {
            weights.add(store.get("weight", out, in));
            biases.add(store.get("bias", out));
        }
        NDArray weight = NDArrays.concat(weights, 0);
        NDArray bias = NDArrays.concat(biases, 0);
        for (WeightStore store : stores) {
            store.release("weight");
            store.release("bias");
        }
        PackedProducts products = stores.get(0).packedProducts();
        if (products == null) {
            return new LinearLayer(weight, bias, null);
        }
        NDArray packed = products.pack(weight);
        weight.close();
        return new LinearLayer(packed, bias, products);
    }

    /** A float32 layer over the given arrays. */
    LinearLayer(NDArray weight, NDArray bias) {
        this(weight, bias, null);
    }

    NDArray forward(NDArray x) {
        return products == null ? Linear.linear(x, weight, bias).singletonOrThrow() : products.linear(x, weight, bias);
    }
}
