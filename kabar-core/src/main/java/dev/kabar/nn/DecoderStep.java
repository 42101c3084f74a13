package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All decoder layers of a model as one TorchScript call per step ({@link ScriptModule}): the same
 * PyTorch operations, in the same order, as {@link DecoderLayer#forward} issues through DJL one by
 * one, so the results are the same bit for bit.
 *
 * <p>Why: a decoder step is about 300 small operations. Through DJL each is a JNI call that also
 * makes a Java array object and registers it with its manager; for a lone input that overhead was
 * about a quarter of the decoder's time (opus-mt, one row, one thread: 9.6-9.8 ms for the layers
 * operation by operation against 7.0-8.2 ms as one call; kabar's microbenchmark). One native call
 * per step also keeps all of a step's parallel work in one OpenMP team, so a lone input can use
 * every core (5.6-5.8 ms on two threads).
 *
 * <p>The script is written for the model's architecture (layer count, heads, pre- or post-norm,
 * activation, products) when the model loads. Cache buffers are grown in Java before the call and
 * written in place by it, as {@link DecoderLayer#write} does.
 *
 * <p>Thread-safe: steps may run on several threads at once.
 */
final class DecoderStep implements AutoCloseable {

    private static final String CLASS = "DecoderStep";

    private final ScriptModule module;
    /** Every layer's {@link DecoderLayer#stepWeights()}, as one TorchScript list made once. */
    private final IValue weights;
    /** An empty tensor: the script's "none" for the optional row index and self-attention mask. */
    private final NDArray none;
    private final int layers;

    private DecoderStep(ScriptModule module, IValue weights, NDArray none, int layers) {
        this.module = module;
        this.weights = weights;
        this.none = none;
        this.layers = layers;
    }

    /** Builds the step for {@code layers}, its arrays in {@code manager}. */
    static DecoderStep create(NDManager manager, DecoderLayer[] layers, ArchitectureFlags flags, PackedProducts products) {
        Attention self = layers[0].selfAttention();
        String source = source(layers.length, self.heads(), self.headDim(), self.scaling(),
                layers[0].encoderAttention().scaling(), flags, products == null ? null : products.format());
        ScriptModule module = ScriptModule.load(manager, CLASS, source);
        List<NDArray> all = new ArrayList<>(layers.length * DecoderLayer.STEP_WEIGHTS);
        for (DecoderLayer layer : layers) {
            all.addAll(layer.stepWeights());
        }
        IValue weights = ScriptModule.list(all);
        NDArray none = manager.create(new float[0]);
        return new DecoderStep(module, weights, none, layers.length);
    }

    /**
     * Runs every layer on {@code x [n, t, d]}, as {@link DecoderLayer#forward} does layer by layer,
     * and returns the last layer's output.
     *
     * @param keys each layer's self-attention key cache, already at the plan's capacity
     *     ({@link DecoderLayer#grown}); the step writes its positions into them in place
     * @param values the matching value caches
     */
    NDArray run(NDArray x, NDArray[] keys, NDArray[] values, DecoderLayer.CacheWrite plan, int window,
                NDArray selfMask, List<SourceGroup> sources) {
        List<NDArray> crossKeys = new ArrayList<>(sources.size() * layers);
        List<NDArray> crossValues = new ArrayList<>(sources.size() * layers);
        List<NDArray> masks = new ArrayList<>(sources.size());
        long[] inputs = new long[sources.size()];
        for (int g = 0; g < sources.size(); g++) {
            SourceGroup group = sources.get(g);
            crossKeys.addAll(Arrays.asList(group.keys()));
            crossValues.addAll(Arrays.asList(group.values()));
            masks.add(group.mask());
            inputs[g] = group.inputs();
        }
        long past = plan.past();
        NDArray rows = plan.rowIndex() == null ? none : plan.rowIndex();
        IValue[] args = {
            IValue.from((PtNDArray) x),
            weights,
            ScriptModule.list(Arrays.asList(keys)),
            ScriptModule.list(Arrays.asList(values)),
            IValue.from(past),
            IValue.from((PtNDArray) rows),
            IValue.from((long) window),
            IValue.from((PtNDArray) (selfMask == null ? none : selfMask)),
            ScriptModule.list(crossKeys),
            ScriptModule.list(crossValues),
            ScriptModule.list(masks),
            IValue.listFrom(inputs),
        };
        try (IValue out = module.run("step", args)) {
            return out.toTensor((PtNDManager) x.getManager());
        } finally {
            for (IValue arg : args) {
                // The weights' list lives as long as the step.
                if (arg != weights) {
                    arg.close();
                }
            }
        }
    }

    /**
     * The script. Each operation mirrors one DJL call of {@link DecoderLayer#forward},
     * {@link Attention} and {@link ActivationFunction#applyInPlace}; in-place updates stay in
     * place, since they decide nothing but memory. Scalars DJL passes as 0-dimensional tensors are
     * passed the same way here ({@code torch.full}), as PyTorch may round a tensor exponent or
     * factor differently from a plain number.
     */
    static String source(int layers, int heads, int headDim, float selfScaling, float crossScaling,
                         ArchitectureFlags flags, PackedProducts.Format format) {
        String self = "self: __torch__." + CLASS;
        int d = heads * headDim;
        int w = DecoderLayer.STEP_WEIGHTS;
        boolean pre = flags.preNorm();
        List<String> s = new ArrayList<>();
        s.add("  def layer_norm(" + self + ", x: Tensor, g: Tensor, b: Tensor) -> Tensor:");
        s.add("    return torch.layer_norm(x, [" + d + "], g, b, " + literal(LayerNormLayer.EPS) + ")");
        s.add("  def activation(" + self + ", x: Tensor) -> Tensor:");
        s.addAll(activation(flags.activation()));
        // Attention.splitHeads, attendHeads (an empty mask: none) and the head merge of project.
        s.add("  def split(" + self + ", x: Tensor, a: int, b: int) -> Tensor:");
        s.add("    return x.reshape([a, b, " + heads + ", " + headDim + "]).permute([0, 2, 1, 3])");
        s.add("  def attend(" + self + ", q: Tensor, keys: Tensor, values: Tensor, mask: Tensor) -> Tensor:");
        s.add("    scores = torch.matmul(q, keys.permute([0, 1, 3, 2]))");
        s.add("    if mask.numel() != 0:");
        s.add("      scores = torch.add_(scores, mask)");
        s.add("    return torch.matmul(torch.softmax(scores, -1, 6), values)");
        s.add("  def merge(" + self + ", c: Tensor, a: int, b: int) -> Tensor:");
        s.add("    return c.permute([0, 2, 1, 3]).reshape([a, b, " + d + "])");
        s.add("  def step(" + self + ", x: Tensor, w: List[Tensor], kcs: List[Tensor], vcs: List[Tensor], past: int,");
        s.add("      rows: Tensor, window: int, smask: Tensor, cks: List[Tensor], cvs: List[Tensor],");
        s.add("      cmasks: List[Tensor], ginputs: List[int]) -> Tensor:");
        s.add("    n = x.size(0)");
        s.add("    t = x.size(1)");
        s.add("    inputs = 0");
        s.add("    for g in ginputs:");
        s.add("      inputs = inputs + g");
        s.add("    queries = n // inputs * t");
        s.add("    for i in range(" + layers + "):");
        s.add("      o = i * " + w);
        // Self-attention: keys and values into the cache, then attention over the window.
        s.add("      h = " + (pre ? "self.layer_norm(x, w[o + 4], w[o + 5])" : "x"));
        s.add("      kc = kcs[i]");
        s.add("      vc = vcs[i]");
        s.add("      qkv = self.linear_bias(h, w[o], w[o + 1])");
        s.add("      k = self.split(qkv.narrow(2, " + d + ", " + d + "), n, t)");
        s.add("      v = self.split(qkv.narrow(2, " + 2 * d + ", " + d + "), n, t)");
        s.add("      cap = kc.size(2)");
        s.add("      if rows.numel() == 0:");
        s.add("        kc.slice(2, past, past + t).copy_(k)");
        s.add("        vc.slice(2, past, past + t).copy_(v)");
        s.add("      else:");
        s.add("        kc.reshape([n * " + heads + " * cap, " + headDim + "]).index_put_([rows], k.reshape([n * " + heads + ", " + headDim + "]))");
        s.add("        vc.reshape([n * " + heads + " * cap, " + headDim + "]).index_put_([rows], v.reshape([n * " + heads + ", " + headDim + "]))");
        s.add("      keys = kc");
        s.add("      values = vc");
        s.add("      if cap != window:");
        s.add("        keys = kc.slice(2, 0, window)");
        s.add("        values = vc.slice(2, 0, window)");
        s.add("      q = torch.mul(qkv.narrow(2, 0, " + d + "), torch.full([], " + literal(selfScaling) + ", dtype=6))");
        s.add("      c = self.merge(self.attend(self.split(q, n, t), keys, values, smask), n, t)");
        s.add("      x = torch.add_(self.linear_bias(c, w[o + 2], w[o + 3]), x)");
        if (!pre) {
            s.add("      x = self.layer_norm(x, w[o + 4], w[o + 5])");
        }
        // Cross-attention: the beams of an input folded into its query axis, each group at its own width.
        s.add("      h = " + (pre ? "self.layer_norm(x, w[o + 10], w[o + 11])" : "x"));
        s.add("      q = torch.mul_(self.linear_bias(h, w[o + 6], w[o + 7]), torch.full([], " + literal(crossScaling) + ", dtype=6))");
        s.add("      q = self.split(q, inputs, queries)");
        s.add("      parts: List[Tensor] = []");
        s.add("      offset = 0");
        s.add("      for g in range(len(ginputs)):");
        s.add("        qg = q");
        s.add("        if len(ginputs) != 1:");
        s.add("          qg = q.slice(0, offset, offset + ginputs[g])");
        s.add("        parts.append(self.attend(qg, cks[g * " + layers + " + i], cvs[g * " + layers + " + i], cmasks[g]))");
        s.add("        offset = offset + ginputs[g]");
        s.add("      c = parts[0]");
        s.add("      if len(parts) != 1:");
        s.add("        c = torch.cat(parts, 0)");
        s.add("      x = torch.add_(self.linear_bias(self.merge(c, inputs, queries), w[o + 8], w[o + 9]).reshape([n, t, " + d + "]), x)");
        if (!pre) {
            s.add("      x = self.layer_norm(x, w[o + 10], w[o + 11])");
        }
        // Feed-forward.
        s.add("      h = " + (pre ? "self.layer_norm(x, w[o + 16], w[o + 17])" : "x"));
        s.add("      x = torch.add_(self.linear_bias(self.activation(self.linear_bias(h, w[o + 12], w[o + 13])), w[o + 14], w[o + 15]), x)");
        if (!pre) {
            s.add("      x = self.layer_norm(x, w[o + 16], w[o + 17])");
        }
        s.add("    return x");
        s.add(PackedProducts.productMethods(CLASS, format));
        return String.join("\n", s);
    }

    /** The body of {@code activation(x)}, mirroring {@link ActivationFunction#applyInPlace}. */
    private static List<String> activation(ActivationFunction f) {
        return switch (f) {
            case SILU -> List.of("    return torch.mul_(x, torch.sigmoid(x))");
            case GELU -> List.of("    return torch.gelu(x)");
            case GELU_TANH -> List.of(
                    "    cube = torch.mul(torch.pow(x, torch.full([], 3, dtype=3)), torch.full([], " + literal(0.044715f) + ", dtype=6))",
                    "    inner = torch.mul(torch.add(x, cube), torch.full([], " + literal((float) Math.sqrt(2.0 / Math.PI)) + ", dtype=6))",
                    "    half = torch.mul(x, torch.full([], 0.5, dtype=6))",
                    "    return torch.mul(half, torch.add(torch.tanh(inner), torch.full([], 1.0, dtype=6)))");
            case RELU -> List.of("    return torch.relu(x)");
            case TANH -> List.of("    return torch.tanh(x)");
        };
    }

    /** A float as a TorchScript literal that parses back to the same float. */
    private static String literal(float f) {
        return Double.toString(f).replace('E', 'e');
    }

    /** Releases the script and its list of the weights (the weights belong to the model). */
    @Override
    public void close() {
        weights.close();
        module.close();
    }
}
