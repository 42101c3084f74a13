package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import java.util.Arrays;
import java.util.List;


/**
 * Dense-layer products with weights packed once at load, through oneDNN, the CPU library PyTorch
 * ships beside MKL. Two formats:
 *
 * <ul>
 *   <li>{@link Format#FLOAT32}, the default: weights reordered into oneDNN's blocked layout
 *       ({@code mkldnn::_reorder_linear_weight}, as PyTorch's own compiler does for CPU inference),
 *       products in float32. The results are float32 products like MKL's, summed in another
 *       order (largest difference 1e-4 to 2e-4 on the opus-mt shapes).</li>
 *   <li>{@link Format#BFLOAT16}: weights narrowed to bfloat16 and packed likewise; each product
 *       rounds its input to bfloat16 and its bfloat16 result is widened back to float32, so
 *       everything around the product stays float32. Uses the CPU's bfloat16 instructions where it
 *       has them.</li>
 * </ul>
 *
 * <p>Why float32 goes through oneDNN: PyTorch's own float32 products call the bundled MKL, which on
 * AMD processors runs its generic code path: the opus-mt LM head (54796 × 512) at 64 rows took
 * 77.1 ms on one thread against oneDNN's 37.0, and 45.4 against 18.5 on two; at 384 rows 377.8
 * against 243.5 on one thread (kabar's microbenchmark, 2-core AMD EPYC, best of four). oneDNN picks
 * its kernels by the CPU's instruction sets, not its vendor.
 *
 * <p>Why a TorchScript module: DJL 0.36's PyTorch binding has no call for these oneDNN operators,
 * maps no DJL data type to PyTorch's bfloat16 and aborts the process when asked for one. This class
 * writes a small TorchScript module ({@link ScriptModule}) and calls its methods. Packed weights
 * therefore only ever pass through these methods: neither their DJL data type nor any other
 * operation may be asked of them.
 *
 * <p>Thread-safe: module methods may run on several threads at once.
 */
public final class PackedProducts implements AutoCloseable {

    /** How weights are packed and products computed. */
    public enum Format {
        /** oneDNN's blocked float32 layout; float32 products. */
        FLOAT32,
        /** bfloat16 weights; products with bfloat16 inputs and outputs around float32. */
        BFLOAT16
    }

    /** PyTorch's ScalarType codes, as the serialised TorchScript source writes dtypes. */
    private static final int FLOAT32 = 6;
    private static final int BFLOAT16 = 15;
    /**
     * Rows of a product beyond {@link #EXACT_ROWS} are padded to a multiple of this. oneDNN keeps a
     * compiled kernel per product shape (up to 1,024 of them); without buckets a long run with
     * varied batch and sentence lengths keeps adding kernels, and resident memory grew for tens of
     * thousands of sentences (bfloat16, marian-tiny: 676 to 780 MB from 5,000 to 40,000 sentences;
     * with buckets 530 to 538 MB from 2,500 to 20,000).
     */
    private static final int ROW_BUCKET = 16;
    /**
     * Products of at most this many rows keep their shape: padding a decode step of a few rows to
     * 16 costs more than its kernels take memory (bfloat16, batch 1: 23.2 ms a token padded against
     * 16.2).
     */
    private static final int EXACT_ROWS = 64;
    /**
     * Products of fewer rows are padded to this many. oneDNN's kernels for one or two rows read the
     * weights more slowly than those for four: with weights streamed from memory (opus-mt shapes,
     * one thread, kabar's microbenchmark) 2048 × 512 took 0.317 ms at one row, 0.347 at two and 0.244
     * at four; a 4096-row head slice 0.593, 0.663 and 0.432; bfloat16 likewise (0.309 against 0.241).
     */
    private static final int MIN_ROWS = 4;
    /**
     * Packed weights have a multiple of this many output rows: {@link #pack} adds zero rows, and
     * the products drop their columns again. Why: with PyTorch 2.7.1's oneDNN 3.7.1, a float32
     * weight whose output rows are not a multiple of the block oneDNN's reorder picks (16 to 64
     * rows) is packed with a padded last block, and the AVX-512 inner product reads that block
     * wrongly on some CPUs: on an AMD EPYC of family 26 (Zen 5), every output column of the last
     * block came out wrong (48 × 64: columns 32 to 47 off by up to 20 at scale 18), for any row
     * count, while every multiple of 64 tested (64 to 4,096 rows, 64 and 512 wide) was right. The
     * padding costs nothing where a model's widths are multiples of 64 (opus-mt, BART) and one
     * narrowing copy on the LM head's last slice. Whatever the CPU, {@link ProductCheck} checks
     * packed products against plain ones before a model uses them.
     */
    static final int PACK_ROWS = 64;

    /**
     * The module source for one format: {@code forward} packs a weight, and the product methods of
     * {@link #productMethods}.
     */
    private static String source(Format format, boolean misordered) {
        String pack = format == Format.FLOAT32
                ? "ops.mkldnn._reorder_linear_weight(torch.contiguous(padded), None)"
                // Packed too: the same products as torch.linear on the plain bfloat16 weight, bit for bit,
                // but twice as fast for a few rows (opus-mt head, one row: 2.9 against 6.8 ms).
                : "ops.mkldnn._reorder_linear_weight(torch.to(padded, " + BFLOAT16 + "), None)";
        return String.join("\n",
                "  def forward(self: __torch__.PackedProducts,",
                "    x: Tensor) -> Tensor:",
                "    extra = (" + PACK_ROWS + " - x.size(0) % " + PACK_ROWS + ") % " + PACK_ROWS,
                "    padded = " + (misordered ? "torch.flip(x, [0])" : "x"),
                "    if extra > 0:",
                "      padded = torch.constant_pad_nd(padded, [0, 0, 0, extra], 0.)",
                "    return " + pack,
                "  def unpadded(self: __torch__.PackedProducts,",
                "    x: Tensor) -> Tensor:",
                "    return ops.mkldnn._reorder_linear_weight(torch.contiguous(x), None)",
                productMethods("PackedProducts", format));
    }

    /**
     * TorchScript methods of class {@code className} that multiply as {@code format} does, for any
     * module that runs dense layers: {@code linear(x, weight)} and {@code linear_bias(x, weight,
     * bias)}, through {@code product}, which pads fewer than {@link #MIN_ROWS} rows to that many and
     * more than {@link #EXACT_ROWS} to a bucket. A null format gives PyTorch's plain float32
     * {@code torch.linear} on unpacked weights.
     */
    static String productMethods(String className, Format format) {
        String self = "self: __torch__." + className;
        // Every slice of a sliced layer (the LM head) in one call.
        String all = String.join("\n",
                "  def linear_all(" + self + ",",
                "    x: Tensor, weights: List[Tensor], biases: List[Tensor]) -> List[Tensor]:",
                "    out: List[Tensor] = []",
                "    for i in range(len(weights)):",
                "      out.append(self.linear_bias(x, weights[i], biases[i]))",
                "    return out",
                "");
        return all + productOnly(self, format);
    }

    private static String productOnly(String self, Format format) {
        if (format == null) {
            return String.join("\n",
                    "  def linear(" + self + ",",
                    "    x: Tensor, weight: Tensor, out: int) -> Tensor:",
                    "    return torch.linear(x, weight)",
                    "  def linear_bias(" + self + ",",
                    "    x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:",
                    "    return torch.linear(x, weight, bias)",
                    "");
        }
        String multiply;
        if (format == Format.FLOAT32) {
            multiply = "ops.mkldnn._linear_pointwise(torch.contiguous(%s), weight, bias, \"none\", "
                    + "annotate(List[Optional[number]], []), \"\")";
        } else {
            multiply = "torch.to(ops.mkldnn._linear_pointwise(torch.to(%s, " + BFLOAT16 + "), weight, None, \"none\", "
                    + "annotate(List[Optional[number]], []), \"\"), " + FLOAT32 + ")";
        }
        // float32 passes the bias into oneDNN's product; bfloat16 adds it in float32, after widening.
        String withBias = format == Format.FLOAT32 ? "self.product(x, weight, bias, bias.size(0))"
                : "torch.add(self.product(x, weight, None, bias.size(0)), bias)";
        return String.join("\n",
                // The weight may have more output rows than the layer (PACK_ROWS): the bias is padded
                // to match, and the extra columns are dropped.
                "  def product(" + self + ",",
                "    x: Tensor, weight: Tensor, bias: Optional[Tensor], out: int) -> Tensor:",
                "    if bias is not None and weight.size(0) > out:",
                "      bias = torch.constant_pad_nd(bias, [0, weight.size(0) - out], 0.)",
                "    y = self.rows(x, weight, bias)",
                "    if y.size(-1) > out:",
                "      y = torch.contiguous(y.narrow(-1, 0, out))",
                "    return y",
                "  def rows(" + self + ",",
                "    x: Tensor, weight: Tensor, bias: Optional[Tensor]) -> Tensor:",
                "    shape = x.size()",
                "    n = x.numel() // shape[-1]",
                "    if n >= " + MIN_ROWS + " and (n <= " + EXACT_ROWS + " or n % " + ROW_BUCKET + " == 0):",
                "      return " + String.format(multiply, "x"),
                "    extra = " + MIN_ROWS + " - n",
                "    if n > " + EXACT_ROWS + ":",
                "      extra = " + ROW_BUCKET + " - n % " + ROW_BUCKET,
                "    flat = x.reshape([n, shape[-1]])",
                "    padded = torch.constant_pad_nd(flat, [0, 0, 0, extra], 0.)",
                "    y = " + String.format(multiply, "padded"),
                "    return y.narrow(0, 0, n).reshape(shape[:-1] + [y.size(-1)])",
                "  def linear(" + self + ",",
                "    x: Tensor, weight: Tensor, out: int) -> Tensor:",
                "    bias : Optional[Tensor] = None",
                "    return self.product(x, weight, bias, out)",
                "  def linear_bias(" + self + ",",
                "    x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:",
                "    return " + withBias,
                "");
    }

    private final ScriptModule module;
    private final Format format;

    private PackedProducts(ScriptModule module, Format format) {
        this.module = module;
        this.format = format;
    }

    /** Returns how this module packs weights. */
    public Format format() {
        return format;
    }

    /**
     * Builds and loads the module for {@code format}; its arrays belong to {@code manager}.
     *
     * @throws java.io.UncheckedIOException when the module cannot be written to the temporary folder
     * @throws IllegalStateException when PyTorch refuses the module
     */
    public static PackedProducts create(NDManager manager, Format format) {
        return create(manager, format, false);
    }

    /**
     * Builds products that are wrong on every CPU: {@link #pack} reverses the order of a weight's
     * output rows, as a layout mix-up between a reorder and a kernel would. They exist to show that
     * {@link ProductCheck} catches such a product and the engine refuses it (kabar's tests and
     * {@code kabar doctor --misordered}); a model must never run on them.
     */
    public static PackedProducts createMisordered(NDManager manager, Format format) {
        return create(manager, format, true);
    }

    private static PackedProducts create(NDManager manager, Format format, boolean misordered) {
        try {
            return new PackedProducts(ScriptModule.load(manager, "PackedProducts", source(format, misordered)), format);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ". Run with -Dkabar.products=plain to multiply with "
                    + "PyTorch's own float32 products instead.", e);
        }
    }

    /**
     * Returns {@code weight [out, in]} packed for {@link #linear}, in the same manager: oneDNN's
     * blocked layout, in float32 or bfloat16, with zero rows added up to a multiple of
     * {@value #PACK_ROWS} (see there). Never ask a packed array for its DJL data type or shape,
     * nor use it outside this class.
     */
    public NDArray pack(NDArray weight) {
        return module.call("forward", weight.getManager(), weight);
    }

    /**
     * Returns {@code weight} packed as oneDNN's reorder lays it out by itself, without the rows
     * {@link #pack} adds: the packing that multiplies wrongly on some CPUs. Only for
     * {@link ProductCheck}'s diagnosis and tests; never for a model. Float32 only.
     */
    NDArray packUnpadded(NDArray weight) {
        if (format != Format.FLOAT32) {
            throw new IllegalStateException("Only float32 weights are packed unpadded.");
        }
        return module.call("unpadded", weight.getManager(), weight);
    }

    /**
     * Returns {@code x · weightᵀ + bias} in float32. In bfloat16, {@code x} is rounded to
     * bfloat16 and the product rounded to bfloat16 before widening.
     *
     * @param x float32 input {@code [..., in]}
     * @param weight the weight {@code [out, in]}, from {@link #pack}
     * @param bias float32 bias {@code [out]}: it gives the layer's output width
     */
    public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (bias == null) {
            throw new IllegalArgumentException("A packed product without a bias needs its output width: call linear(x, weight, out).");
        }
        return module.call("linear_bias", x.getManager(), x, weight, bias);
    }

    /**
     * Returns {@code x · weightᵀ} in float32 (bfloat16 rounding as for {@link #linear(NDArray, NDArray, NDArray)}).
     *
     * @param weight the weight {@code [out, in]}, from {@link #pack}
     * @param out the weight's output rows before packing
     */
    public NDArray linear(NDArray x, NDArray weight, int out) {
        try (IValue in = IValue.from((PtNDArray) x); IValue w = IValue.from((PtNDArray) weight); IValue n = IValue.from((long) out);
             IValue y = module.run("linear", in, w, n)) {
            return y.toTensor((PtNDManager) x.getManager());
        }
    }

    /**
     * Returns {@code x · weightᵀ + bias} for every slice of a layer cut by output rows, in one
     * native call: for the LM head's vocabulary slices, each otherwise a call of its own.
     *
     * @param weights the slices' packed weights, as one TorchScript list ({@code IValue.listFrom})
     * @param biases their float32 biases, likewise
     */
    public List<NDArray> linearAll(NDArray x, IValue weights, IValue biases) {
        try (IValue in = IValue.from((PtNDArray) x); IValue out = module.run("linear_all", in, weights, biases)) {
            return Arrays.asList(out.toTensorArray((PtNDManager) x.getManager()));
        }
    }

    /** Releases the module. */
    @Override
    public void close() {
        module.close();
    }
}
