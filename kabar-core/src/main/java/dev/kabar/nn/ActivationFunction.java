package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.kabar.checkpoint.CheckpointException;

/** The feed-forward activations named by {@code activation_function} in Hugging Face configs. */
public enum ActivationFunction {
    /** {@code gelu}: the exact form, x·Φ(x) with the error function (torch's default). */
    GELU,
    /** {@code gelu_new}, {@code gelu_pytorch_tanh}: the tanh approximation. */
    GELU_TANH,
    /** {@code swish}, {@code silu}: x·sigmoid(x). */
    SILU,
    /** {@code relu}. */
    RELU,
    /** {@code tanh}. */
    TANH;

    /** Returns the activation for a config value, or throws naming it. */
    public static ActivationFunction of(String name) {
        return switch (name) {
            case "gelu" -> GELU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "swish", "silu" -> SILU;
            case "relu" -> RELU;
            case "tanh" -> TANH;
            default -> throw new CheckpointException("Unsupported activation_function \"" + name
                    + "\"; supported: gelu, gelu_new, swish, silu, relu, tanh.");
        };
    }

    /**
     * Applies the activation element-wise, overwriting {@code x} where that saves an array (the
     * residual adds and activations of a layer work on fresh intermediates; writing in place spares
     * allocating and first-touching a new buffer for each). {@code x} must not be used afterwards.
     */
    public NDArray applyInPlace(NDArray x) {
        if (this == SILU) {
            return x.muli(Activation.sigmoid(x));
        }
        return apply(x);
    }

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case GELU -> Activation.gelu(x);
            case GELU_TANH -> {
                // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), as transformers' NewGELUActivation.
                NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2.0 / Math.PI));
                yield x.mul(0.5f).mul(inner.tanh().add(1f));
            }
            case SILU -> x.mul(Activation.sigmoid(x));
            case RELU -> Activation.relu(x);
            case TANH -> x.tanh();
        };
    }
}
