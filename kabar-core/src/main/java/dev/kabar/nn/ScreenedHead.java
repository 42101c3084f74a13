package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;

/**
 * The float32 LM head's arg-max found through a bfloat16 copy of the head, exactly.
 *
 * <p>Greedy search only needs each row's best token, and at a few rows the LM head costs what
 * reading its 112 MB of float32 weights (opus-mt) costs. This class keeps a bfloat16 copy (half
 * the bytes, and the CPU's bfloat16 instructions) and computes approximate logits {@code a} with
 * it, together with a bound {@code e} per row such that every float32 logit {@code z} of the row
 * lies within {@code a ± e}. Only tokens whose approximate logit is at least {@code max(a) − 2e}
 * can be the float32 arg-max; their float32 logits are then computed exactly from the float32
 * head, and the arg-max is taken among them. The result is the float32 head's arg-max, not an
 * approximation of it. (The candidates' logits are float32 dot products summed in their own order,
 * so two candidates within float32 rounding of each other may rank as they would under another
 * float32 kernel: the same latitude as between PyTorch's plain and packed products.)
 *
 * <p>The bound, per row with input {@code h} and head rows {@code w_j} (bias {@code b_j}), where
 * {@code h'} and {@code w'_j} are the bfloat16 roundings, {@code n} the hidden size and
 * {@code γ_n = n·2⁻²⁴ / (1 − n·2⁻²⁴)} float32's summation error factor:
 * <ul>
 *   <li>bfloat16 rounding of the product's result (8 significant bits): {@code 2⁻⁸/(1 − 2⁻⁸)·|p_j|},
 *       at most that for the row's largest {@code |p|};</li>
 *   <li>float32 summation inside the bfloat16 product: {@code γ_n·‖h'‖·‖w'_j‖};</li>
 *   <li>rounding the input and the weights: {@code ‖h − h'‖·‖w'_j‖ + ‖h‖·‖w_j − w'_j‖};</li>
 *   <li>float32 summation of the exact logit itself and of the bias: {@code γ_{n+1}·(‖h‖·‖w_j‖ + |b_j|)}
 *       and {@code 2⁻²⁴·(|p| + |b|)}.</li>
 * </ul>
 * The per-row norms are computed each step; the per-head-row ones are replaced by their maxima over
 * the vocabulary, computed once. The sum is widened by 5% and a tiny absolute term, which covers
 * the rounding of the norms themselves and of the threshold, and the flushing of subnormal numbers
 * that bfloat16 dot-product instructions do.
 *
 * <p>Tests check on real and random checkpoints that every logit lies within its bound, and that
 * greedy search picks the same tokens with and without screening.
 */
public final class ScreenedHead implements AutoCloseable {

    /** PyTorch's ScalarType codes, as serialised TorchScript writes dtypes. */
    private static final int FLOAT32 = 6;
    private static final int BFLOAT16 = 15;
    /** Head rows per pass when the per-row maxima are computed at load: bounds the temporary memory. */
    private static final int PREPARE_ROWS = 4096;
    /** Tokens per block when candidates are searched: {@link #pick} reads the block maxima first. */
    private static final int BLOCK = 64;

    private static String source(int hidden) {
        double u24 = Math.scalb(1.0, -24);
        double gamma = hidden * u24 / (1 - hidden * u24);
        double gamma1 = (hidden + 1) * u24 / (1 - (hidden + 1) * u24);
        double u8 = Math.scalb(1.0, -8) / (1 - Math.scalb(1.0, -8));
        String self = "self: __torch__.ScreenedHead";
        return String.join("\n",
                "  def pack(" + self + ", w: Tensor) -> Tensor:",
                "    return ops.mkldnn._reorder_linear_weight(torch.to(w, " + BFLOAT16 + "), None)",
                "  def norms(" + self + ", x: Tensor) -> Tensor:",
                "    return torch.sqrt(torch.sum(torch.mul(x, x), [1]))",
                // Maxima over the head's rows of ‖w‖, ‖w'‖, ‖w − w'‖, and of |b|.
                "  def prepare(" + self + ", w: Tensor, b: Tensor) -> Tensor:",
                "    vocab = w.size(0)",
                "    parts = annotate(List[Tensor], [])",
                "    for start in range(0, vocab, " + PREPARE_ROWS + "):",
                "      rows = torch.narrow(w, 0, start, min(" + PREPARE_ROWS + ", vocab - start))",
                "      rounded = torch.to(torch.to(rows, " + BFLOAT16 + "), " + FLOAT32 + ")",
                "      parts.append(torch.stack([torch.amax(self.norms(rows), [0]), torch.amax(self.norms(rounded), [0]),",
                "          torch.amax(self.norms(torch.sub(rows, rounded)), [0])]))",
                "    maxima = torch.amax(torch.stack(parts), [0])",
                "    return torch.cat([maxima, torch.unsqueeze(torch.amax(torch.abs(b), [0]), 0)])",
                // Approximate logits [n, vocab] and their bound [n].
                "  def screen(" + self + ", h: Tensor, w: Tensor, b: Tensor, c: Tensor, biased: bool) -> List[Tensor]:",
                "    a = self.product(h, w, None, b.size(0))",
                "    largest = torch.maximum(torch.amax(a, [1]), torch.neg(torch.amin(a, [1])))",
                "    if biased:",
                "      a = torch.add_(a, b)",
                "    rounded = torch.to(torch.to(h, " + BFLOAT16 + "), " + FLOAT32 + ")",
                "    nh = self.norms(h)",
                "    nr = self.norms(rounded)",
                "    nd = self.norms(torch.sub(h, rounded))",
                "    e = torch.mul(largest, " + (u8 + u24) + ")",
                "    e = torch.add(e, torch.mul(c[3], " + u24 + "))",
                "    e = torch.add(e, torch.mul(torch.mul(nr, c[1]), " + gamma + "))",
                "    e = torch.add(e, torch.mul(nd, c[1]))",
                "    e = torch.add(e, torch.mul(nh, c[2]))",
                "    e = torch.add(e, torch.mul(torch.add(torch.mul(nh, c[0]), c[3]), " + gamma1 + "))",
                "    e = torch.add(torch.mul(e, 1.05), 1e-30)",
                "    return [a, e]",
                // Candidates (row, token) whose approximate logit reaches the row's max − 2e, with
                // their exact float32 logits; only the candidates when there are more than limit.
                // Edits first: the wiped rows become −inf, then the flat entries take their values.
                "  def pick(" + self + ", a: Tensor, e: Tensor, h: Tensor, w: Tensor, b: Tensor, limit: int,",
                "      wiped: List[int], entries: List[int], values: List[float]) -> List[Tensor]:",
                "    if len(wiped) > 0:",
                "      a = torch.index_fill_(a, 0, self.indices(wiped), float(\"-inf\"))",
                "    if len(entries) > 0:",
                "      flat = torch.reshape(a, [-1])",
                "      torch.index_put_(flat, [self.indices(entries)], torch.tensor(values, dtype=" + FLOAT32
                        + ", device=None, requires_grad=False))",
                // Each row's maxima over blocks of BLOCK tokens (one pass over the logits), then
                // only the blocks that reach the threshold are searched token by token.
                "    n = a.size(0)",
                "    vocab = a.size(1)",
                "    whole = vocab // " + BLOCK + " * " + BLOCK,
                "    maxima = torch.amax(torch.reshape(torch.narrow(a, 1, 0, whole), [n, whole // " + BLOCK + ", " + BLOCK + "]), [2])",
                "    if whole < vocab:",
                "      maxima = torch.cat([maxima, torch.amax(torch.narrow(a, 1, whole, vocab - whole), [1], True)], 1)",
                "    threshold = torch.sub(torch.amax(maxima, [1]), torch.mul(e, 2.0))",
                "    blocks = torch.nonzero(torch.ge(maxima, torch.unsqueeze(threshold, 1)))",
                "    if blocks.size(0) * " + BLOCK + " > limit:",
                "      return [blocks]",
                "    rows = torch.select(blocks, 1, 0)",
                "    tokens = torch.add(torch.unsqueeze(torch.mul(torch.select(blocks, 1, 1), " + BLOCK + "), 1),",
                "        torch.arange(" + BLOCK + ", dtype=4, layout=None, device=None, pin_memory=None))",
                "    inside = torch.lt(tokens, vocab)",
                "    tokens = torch.clamp_max(tokens, vocab - 1)",
                "    flat = torch.add(tokens, torch.unsqueeze(torch.mul(rows, vocab), 1))",
                "    scores = torch.index_select(torch.reshape(a, [-1]), 0, torch.reshape(flat, [-1])).reshape([-1, " + BLOCK + "])",
                "    keep = torch.logical_and(inside, torch.ge(scores, torch.unsqueeze(torch.index_select(threshold, 0, rows), 1)))",
                "    at = torch.nonzero(keep)",
                "    found = torch.stack([torch.index_select(rows, 0, torch.select(at, 1, 0)), torch.index(tokens, [torch.select(at, 1, 0), torch.select(at, 1, 1)])], 1)",
                "    return [found, self.exact(h, w, b, torch.select(found, 1, 0), torch.select(found, 1, 1))]",
                "  def indices(" + self + ", values: List[int]) -> Tensor:",
                "    return torch.tensor(values, dtype=4, device=None, requires_grad=False)",
                // Exact float32 logits at (row, token) pairs.
                "  def exact(" + self + ", h: Tensor, w: Tensor, b: Tensor, rows: Tensor, tokens: Tensor) -> Tensor:",
                "    dots = torch.sum(torch.mul(torch.index_select(h, 0, rows), torch.index_select(w, 0, tokens)), [1])",
                "    return torch.add(dots, torch.index_select(b, 0, tokens))",
                "  def exact_at(" + self + ", h: Tensor, w: Tensor, b: Tensor, rows: List[int], tokens: List[int]) -> Tensor:",
                "    return self.exact(h, w, b, self.indices(rows), self.indices(tokens))",
                PackedProducts.productMethods("ScreenedHead", PackedProducts.Format.BFLOAT16));
    }

    private final ScriptModule module;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray packed;
    private final NDArray maxima;
    private final boolean biased;

    private ScreenedHead(ScriptModule module, NDArray weight, NDArray bias, NDArray packed, NDArray maxima, boolean biased) {
        this.module = module;
        this.weight = weight;
        this.bias = bias;
        this.packed = packed;
        this.maxima = maxima;
        this.biased = biased;
    }

    /**
     * Prepares screening for the float32 head {@code weight [vocab, d]} and {@code bias [vocab]}:
     * packs its bfloat16 copy (half the head's size) and computes the per-row maxima. The arrays
     * made belong to {@code manager}; {@code weight} and {@code bias} are borrowed, not copied.
     */
    static ScreenedHead create(NDManager manager, NDArray weight, NDArray bias) {
        int hidden = (int) weight.getShape().get(1);
        ScriptModule module = ScriptModule.load(manager, "ScreenedHead", source(hidden));
        try (NDScope scope = new NDScope()) {
            NDArray packed = module.call("pack", manager, weight);
            NDArray maxima = module.call("prepare", manager, weight, bias);
            NDScope.unregister(packed, maxima);
            boolean biased = maxima.getFloat(3) != 0f;
            return new ScreenedHead(module, weight, bias, packed, maxima, biased);
        }
    }

    /**
     * Approximate logits of {@code hidden [rows, d]} and their bound.
     *
     * @param approx {@code [rows, vocab]}, within {@code ± error[r]} of the float32 logits of row r
     * @param error {@code [rows]}
     */
    public record Screen(NDArray approx, NDArray error) { }

    /** Returns the approximate logits and bounds of {@code hidden [rows, d]}, in {@code hidden}'s manager. */
    public Screen screen(NDArray hidden) {
        PtNDManager target = (PtNDManager) hidden.getManager();
        try (IValue h = IValue.from((PtNDArray) hidden); IValue w = IValue.from((PtNDArray) packed);
             IValue b = IValue.from((PtNDArray) bias); IValue c = IValue.from((PtNDArray) maxima);
             IValue flag = IValue.from(biased); IValue out = module.run("screen", h, w, b, c, flag)) {
            NDArray[] parts = out.toTensorArray(target);
            return new Screen(parts[0], parts[1]);
        }
    }

    /**
     * The candidates of a screen: {@code found [k, 2]} holds (row, token) pairs in row-major
     * order, {@code exact [k]} their float32 logits; or, over the limit, {@code found} holds the
     * (row, block) pairs and {@code exact} is null.
     */
    public record Candidates(NDArray found, NDArray exact) { }

    /**
     * Returns every (row, token) whose approximate logit reaches its row's maximum minus twice the
     * row's bound, in row-major order, with the exact float32 logits of those pairs; or, when the
     * blocks of 64 tokens holding candidates hold more than {@code limit} tokens, only those blocks
     * (row, block) and no logits. Edits are applied to the approximate logits first: the {@code wiped} rows
     * become negative infinity, then the flat entries {@code row · vocab + token} take their exact
     * {@code values}.
     */
    public Candidates pick(Screen screen, NDArray hidden, int limit, long[] wiped, long[] entries, double[] values) {
        PtNDManager target = (PtNDManager) hidden.getManager();
        try (IValue a = IValue.from((PtNDArray) screen.approx()); IValue e = IValue.from((PtNDArray) screen.error());
             IValue h = IValue.from((PtNDArray) hidden); IValue w = IValue.from((PtNDArray) weight);
             IValue b = IValue.from((PtNDArray) bias); IValue n = IValue.from((long) limit);
             IValue rowList = IValue.listFrom(wiped); IValue entryList = IValue.listFrom(entries);
             IValue valueList = IValue.listFrom(values);
             IValue out = module.run("pick", a, e, h, w, b, n, rowList, entryList, valueList)) {
            NDArray[] parts = out.toTensorArray(target);
            return new Candidates(parts[0], parts.length > 1 ? parts[1] : null);
        }
    }

    /** Returns the exact float32 logits of {@code hidden [rows, d]} at the (row, token) pairs. */
    public float[] exact(NDArray hidden, long[] rows, long[] tokens) {
        try (IValue h = IValue.from((PtNDArray) hidden); IValue w = IValue.from((PtNDArray) weight);
             IValue b = IValue.from((PtNDArray) bias); IValue r = IValue.listFrom(rows); IValue t = IValue.listFrom(tokens);
             IValue out = module.run("exact_at", h, w, b, r, t); NDArray values = out.toTensor((PtNDManager) hidden.getManager())) {
            return values.toFloatArray();
        }
    }

    /** Releases the bfloat16 copy and the module. */
    @Override
    public void close() {
        packed.close();
        maxima.close();
        module.close();
    }
}
