package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks a fast product against PyTorch's plain float32 products on this machine, on random
 * inputs of the shapes a model will multiply: the guard every fast path passes before a model
 * uses it.
 *
 * <p>Each probe multiplies random weights {@code [out, in]} with a bias by random inputs of
 * {@link #PROBE_ROWS} rows (one row, which the products pad to four; a few rows; a row count they
 * pad to a bucket; a large block), and compares every output with the plain product. The allowed
 * difference is a rigorous bound, not a tolerance picked to pass: with {@code T = ‖x‖·‖w_j‖ + |b_j|}
 * (which bounds {@code |x|·|w_j| + |b_j|}) and {@code γ_n = n·2⁻²⁴/(1 − n·2⁻²⁴)}, two float32
 * evaluations of the same dot product in any order differ by at most {@code 2·γ_{in+1}·T}. For bfloat16 products the rounding of the input,
 * the weights and the result are added: {@code (2u + u² + γ_in·(1+u)² + γ_{in+1})·T + (u + 2⁻²⁴)·(|y| + T)}
 * with {@code u = 2⁻⁸}. Both are widened by 1% for the rounding of {@code T} itself. A layout
 * mix-up is off by the size of the outputs, hundreds to millions of bounds.
 *
 * <p>Each check makes its own arrays in a manager of its own and releases them. Not thread-safe
 * per call; calls may run side by side.
 */
public final class ProductCheck {

    /** Rows of the probe inputs: one (padded to four by the products), a few, one padded to a bucket, a large block. */
    static final int[] PROBE_ROWS = {1, 5, 70, 128};
    /** Rows of the screened head's probes (its products see one row per greedy input). */
    private static final int[] HEAD_ROWS = {1, 5, 70};
    /** Head rows the screened head is probed with at most (plus the vocabulary's ragged tail). */
    static final int HEAD_PROBE_ROWS = 4096;
    private static final double U24 = Math.scalb(1.0, -24);
    private static final double U8 = Math.scalb(1.0, -8);
    private static final double WIDEN = 1.01;

    private ProductCheck() {
    }

    /** A dense layer's shape: {@code out} rows of {@code in} weights. */
    public record Dense(int out, int in) {
        /** Rejects empty shapes. */
        public Dense {
            if (out < 1 || in < 1) {
                throw new IllegalArgumentException("A dense layer needs at least one row and one column, not " + out + " × " + in + ".");
            }
        }

        @Override
        public String toString() {
            return out + "×" + in;
        }
    }

    /**
     * What a check found.
     *
     * @param available false when the products could not run at all here (PyTorch or oneDNN refused them)
     * @param worstRatio the largest difference divided by its bound, over every output probed ({@code ≤ 1} passes); infinite for a NaN or a missing candidate
     * @param worstError that output's difference from the plain product
     * @param worstScale the size of that output's terms ({@code T}), to read the error against
     * @param where the shape and row count of that output, e.g. {@code 1548×512 at 70 rows}
     * @param note why the products could not run, or what else failed; empty when nothing did
     * @param seconds how long the check took
     */
    public record Outcome(boolean available, double worstRatio, double worstError, double worstScale, String where, String note,
                          double seconds) {

        /** Returns whether the products ran and stayed within the bound everywhere. */
        public boolean passed() {
            return available && worstRatio <= 1.0;
        }

        /** Returns the outcome of products that could not run: PyTorch or oneDNN threw {@code e}. */
        public static Outcome unavailable(RuntimeException e, double seconds) {
            return new Outcome(false, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, "", reason(e), seconds);
        }

        static Outcome refused(RuntimeException e, long start) {
            return unavailable(e, elapsed(start));
        }
    }

    /**
     * Checks {@code products} on every shape: packed products of random weights against plain
     * float32 ones, within float32 rounding (bfloat16 rounding for bfloat16 products).
     */
    public static Outcome packed(PackedProducts products, List<Dense> shapes) {
        return probe(products, shapes, false, products.format() == PackedProducts.Format.BFLOAT16, System.nanoTime());
    }

    /**
     * Probes {@code products} on {@code shapes}, weights packed as models pack them or, when
     * {@code unpadded}, without kabar's padding rows; within bfloat16's bound when {@code bfloat16},
     * else float32's (a test checks that float32's rejects bfloat16 products).
     */
    static Outcome probe(PackedProducts products, List<Dense> shapes, boolean unpadded, boolean bfloat16, long start) {
        Worst worst = new Worst();
        try (NDManager manager = NDManager.newBaseManager()) {
            SplittableRandom random = new SplittableRandom(20261207L);
            for (Dense shape : shapes) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray w = uniform(scope, random, shape.out(), shape.in());
                    NDArray b = uniform(scope, random, shape.out());
                    NDArray packed = unpadded ? products.packUnpadded(w) : products.pack(w);
                    Columns columns = new Columns(norms(w), b.abs().toFloatArray());
                    for (int rows : PROBE_ROWS) {
                        NDArray x = uniform(scope, random, rows, shape.in());
                        NDArray actual = products.linear(x, packed, b);
                        NDArray reference = Linear.linear(x, w, b).singletonOrThrow();
                        worst.compare(actual, reference, norms(x), columns, shape.in(), bfloat16, shape + " at " + rows + " rows");
                    }
                }
            }
        } catch (RuntimeException e) {
            return Outcome.refused(e, start);
        }
        return worst.outcome(start);
    }

    /**
     * Checks fused projections: one product of the stacked weights of each group (q, k, v; or k,
     * v) on {@code products}, or PyTorch's plain product when null, against each layer's own plain
     * float32 product, within float32 rounding (bfloat16 rounding for bfloat16 products).
     */
    public static Outcome fused(PackedProducts products, List<List<Dense>> groups) {
        long start = System.nanoTime();
        Worst worst = new Worst();
        try (NDManager manager = NDManager.newBaseManager()) {
            SplittableRandom random = new SplittableRandom(20261208L);
            for (List<Dense> group : groups) {
                try (NDManager scope = manager.newSubManager()) {
                    NDList weights = new NDList();
                    NDList biases = new NDList();
                    int in = group.get(0).in();
                    for (Dense part : group) {
                        weights.add(uniform(scope, random, part.out(), part.in()));
                        biases.add(uniform(scope, random, part.out()));
                    }
                    NDArray stacked = NDArrays.concat(weights, 0);
                    NDArray bias = NDArrays.concat(biases, 0);
                    NDArray packed = products == null ? stacked : products.pack(stacked);
                    int total = group.stream().mapToInt(Dense::out).sum();
                    Columns columns = new Columns(norms(stacked), bias.abs().toFloatArray());
                    for (int rows : PROBE_ROWS) {
                        NDArray x = uniform(scope, random, rows, in);
                        NDArray actual = products == null ? Linear.linear(x, stacked, bias).singletonOrThrow() : products.linear(x, packed, bias);
                        NDList parts = new NDList();
                        for (int i = 0; i < group.size(); i++) {
                            parts.add(Linear.linear(x, weights.get(i), biases.get(i)).singletonOrThrow());
                        }
                        worst.compare(actual, NDArrays.concat(parts, 1), norms(x), columns, in,
                                products != null && products.format() == PackedProducts.Format.BFLOAT16, total + "×" + in + " (" + group.size()
                                        + " layers) at " + rows + " rows");
                    }
                }
            }
        } catch (RuntimeException e) {
            return Outcome.refused(e, start);
        }
        return worst.outcome(start);
    }

    /**
     * Checks the screened LM head ({@link ScreenedHead}) on a random head of the model's width and
     * {@code min(vocab, 4096 + vocab mod 64)} rows (the real head's ragged tail included): every
     * float32 logit must lie within the screen's bound of its approximate logit, and each row's
     * float32 arg-max must be among the candidates.
     */
    public static Outcome screenedHead(int vocab, int hidden) {
        long start = System.nanoTime();
        int rows = Math.min(vocab, HEAD_PROBE_ROWS + vocab % 64);
        Worst worst = new Worst();
        try (NDManager manager = NDManager.newBaseManager()) {
            SplittableRandom random = new SplittableRandom(20261209L);
            NDArray w = uniform(manager, random, rows, hidden).mul(0.1f);
            NDArray b = uniform(manager, random, rows);
            try (ScreenedHead head = ScreenedHead.create(manager, w, b)) {
                for (int n : HEAD_ROWS) {
                    try (NDManager scope = manager.newSubManager()) {
                        // Hidden states at two scales, row by row: the bound grows with their norms.
                        float[] scales = new float[n];
                        for (int r = 0; r < n; r++) {
                            scales[r] = r % 2 == 0 ? 40f : 1f;
                        }
                        NDArray h = uniform(scope, random, n, hidden).mul(scope.create(scales, new Shape(n, 1)));
                        ScreenedHead.Screen screen = head.screen(h);
                        float[] exact = Linear.linear(h, w, b).singletonOrThrow().toFloatArray();
                        float[] approx = screen.approx().toFloatArray();
                        float[] error = screen.error().toFloatArray();
                        String where = rows + "×" + hidden + " head at " + n + " rows";
                        for (int r = 0; r < n; r++) {
                            for (int j = 0; j < rows; j++) {
                                int k = r * rows + j;
                                worst.offer(Math.abs(exact[k] - approx[k]), error[r], Math.abs(exact[k]), where);
                            }
                        }
                        String missing = missingArgMax(head.pick(screen, h, Integer.MAX_VALUE, new long[0], new long[0], new double[0]),
                                exact, n, rows);
                        if (missing != null) {
                            worst.fail(missing + " (" + where + ")");
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return Outcome.refused(e, start);
        }
        return worst.outcome(start);
    }

    /**
     * Checks oneDNN's own packing of float32 weights, without the rows kabar adds
     * ({@link PackedProducts#PACK_ROWS}): for diagnosis, to show whether this CPU has the fault the
     * padding works around. Never used by a model.
     */
    public static Outcome unpaddedPacking(List<Dense> shapes) {
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager();
             PackedProducts products = PackedProducts.create(manager, PackedProducts.Format.FLOAT32)) {
            return probe(products, shapes, true, false, start);
        } catch (RuntimeException e) {
            return Outcome.refused(e, start);
        }
    }

    /** Returns a message naming the first row whose float32 arg-max is not among the candidates, or null. */
    private static String missingArgMax(ScreenedHead.Candidates candidates, float[] exact, int n, int vocab) {
        if (candidates.exact() == null) {
            return "the screen kept more candidates than it can search";
        }
        long[] found = candidates.found().toLongArray();
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < vocab; j++) {
                if (exact[r * vocab + j] > exact[r * vocab + best]) {
                    best = j;
                }
            }
            boolean kept = false;
            for (int i = 0; i < found.length; i += 2) {
                kept |= found[i] == r && found[i + 1] == best;
            }
            if (!kept) {
                return "row " + r + "'s float32 arg-max (token " + best + ") is not among the screen's candidates";
            }
        }
        return null;
    }

    /** The largest difference over bound seen so far, and where. */
    private static final class Worst {
        private double ratio;
        private double error;
        private double scale;
        private String where = "";
        private final List<String> failures = new ArrayList<>();

        void offer(double difference, double bound, double size, String place) {
            double r = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference / bound;
            if (r > ratio || (where.isEmpty())) {
                ratio = Math.max(ratio, r);
                error = difference;
                scale = size;
                where = place;
            }
        }

        void fail(String why) {
            failures.add(why);
            ratio = Double.POSITIVE_INFINITY;
        }

        /**
         * Compares outputs {@code [rows, out]} with their plain values within the bound for
         * {@code in} terms, where output (i, j) sums terms of size {@code T = ‖x_i‖·‖w_j‖ + |b_j|}
         * at most (Cauchy-Schwarz bounds {@code |x_i|·|w_j|} by the norms).
         */
        void compare(NDArray actual, NDArray reference, float[] rowNorms, Columns columns, int in, boolean bfloat16, String place) {
            float[] a = actual.toFloatArray();
            float[] r = reference.toFloatArray();
            int out = columns.norms().length;
            if (a.length != r.length || a.length != rowNorms.length * out) {
                fail(place + ": " + a.length + " outputs where the plain product has " + r.length);
                return;
            }
            double gamma = gamma(in);
            double gamma1 = gamma(in + 1);
            double relative = bfloat16 ? 2 * U8 + U8 * U8 + gamma * (1 + U8) * (1 + U8) + gamma1 : 2 * gamma1;
            for (int i = 0; i < rowNorms.length; i++) {
                for (int j = 0; j < out; j++) {
                    int k = i * out + j;
                    double t = (double) rowNorms[i] * columns.norms()[j] + columns.bias()[j];
                    double bound = relative * t + (bfloat16 ? (U8 + U24) * (Math.abs(a[k]) + t) : 0);
                    offer(Math.abs((double) a[k] - r[k]), bound * WIDEN + 1e-30, t, place);
                }
            }
        }

        Outcome outcome(long start) {
            return new Outcome(true, ratio, error, scale, where, String.join("; ", failures), elapsed(start));
        }
    }

    /** Per output column: the norm of its weight row and the size of its bias. */
    private record Columns(float[] norms, float[] bias) { }

    /** Returns the Euclidean norm of each row of {@code m [rows, n]}. */
    private static float[] norms(NDArray m) {
        return m.mul(m).sum(new int[] {1}).sqrt().toFloatArray();
    }

    private static double gamma(int n) {
        return n * U24 / (1 - n * U24);
    }

    private static NDArray uniform(NDManager manager, SplittableRandom random, int... shape) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return manager.create(values, new Shape(dims));
    }

    /**
     * Returns the gist of a failure: TorchScript's message opens with "The following operation
     * failed in the TorchScript interpreter" and a stack, and ends with the error itself.
     */
    static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String[] lines = message.split("\\R");
        String last = "";
        for (String line : lines) {
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        if (lines.length > 1 && lines[0].contains("TorchScript interpreter")) {
            return last;
        }
        return lines[0].strip();
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
