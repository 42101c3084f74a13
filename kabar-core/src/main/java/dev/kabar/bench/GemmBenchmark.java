package dev.kabar.bench;

import dev.kabar.runtime.CpuInfo;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kabar.nn.PackedProducts;
import java.util.ArrayList;
import java.util.List;

/** Measures the matrix-multiply rate of this machine through the same engine the model runs on. */
public final class GemmBenchmark {

    /**
     * The products measured, as the model's dense layers run them ({@link PackedProducts}).
     * bfloat16 rounds the left operand to bfloat16 for each product and widens the bfloat16 result
     * to float32, so its rate includes those conversions. float16 is left out: PyTorch's CPU kernels
     * for it are not vectorised here and take minutes.
     */
    public enum Precision {
        /** float32 through PyTorch's own product (MKL), the weight as a plain {@code [k, n]} matrix. */
        FLOAT32_PLAIN("float32", "plain"),
        /** float32 through oneDNN with the weight packed once, as kabar's float32 default runs. */
        FLOAT32_PACKED("float32", "packed"),
        /** bfloat16 weights, as kabar's bfloat16 mode runs. */
        BFLOAT16("bfloat16", "packed");

        private final String dtype;
        private final String products;

        Precision(String dtype, String products) {
            this.dtype = dtype;
            this.products = products;
        }

        /** Returns the element type's lower-case name used in outputs. */
        public String label() {
            return dtype;
        }

        /** Returns how the product runs: {@code plain} or {@code packed}. */
        public String products() {
            return products;
        }
    }

    /** Returns a description of the engine, for benchmark output. */
    public static String engineDescription() {
        return "kabar (DJL " + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch "
                + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " CPU)";
    }

    /** One measured shape: C[m×n] = A[m×k] · B[k×n]. */
    public record Measurement(String dtype, String products, int m, int k, int n, double gflopsPerSecond) { }

    private GemmBenchmark() {
    }

    /**
     * Returns why products of {@code precision} cannot run on this machine, or null when they can:
     * bfloat16 needs the CPU's bfloat16 instructions ({@link CpuInfo#bfloat16Refusal}).
     */
    public static String unavailable(Precision precision) {
        return precision == Precision.BFLOAT16 ? CpuInfo.current().bfloat16Refusal() : null;
    }

    /**
     * Runs square and model-shaped products for a while each and returns their rates.
     *
     * @param precision the element type and how the product runs
     * @param secondsPerShape how long to repeat each shape
     */
    public static List<Measurement> run(Precision precision, double secondsPerShape) {
        int[][] shapes = {
            {1024, 1024, 1024},
            {2048, 2048, 2048},
            // Model-shaped: 512 decoder rows against an FFN and against a 54,796-word LM head.
            {512, 512, 2048},
            {512, 512, 54796},
        };
        String refusal = unavailable(precision);
        if (refusal != null) {
            throw new IllegalStateException("This CPU has no bfloat16 products: " + refusal + ".");
        }
        List<Measurement> out = new ArrayList<>();
        PackedProducts.Format format = switch (precision) {
            case FLOAT32_PLAIN -> null;
            case FLOAT32_PACKED -> PackedProducts.Format.FLOAT32;
            case BFLOAT16 -> PackedProducts.Format.BFLOAT16;
        };
        try (NDManager manager = NDManager.newBaseManager();
             PackedProducts packed = format == null ? null : PackedProducts.create(manager, format)) {
            for (int[] s : shapes) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = scope.randomNormal(new Shape(s[0], s[1]));
                    // Packed, B is held as its transpose [n, k], as a dense layer holds its weight.
                    NDArray b = packed != null ? packed.pack(scope.randomNormal(new Shape(s[2], s[1])))
                            : scope.randomNormal(new Shape(s[1], s[2]));
                    Runnable product = packed != null ? () -> packed.linear(a, b, s[2]).close() : () -> a.matMul(b).close();
                    product.run();
                    long reps = 0;
                    long start = System.nanoTime();
                    long deadline = start + (long) (secondsPerShape * 1e9);
                    while (System.nanoTime() < deadline || reps < 3) {
                        product.run();
                        reps++;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double gflops = 2.0 * s[0] * s[1] * s[2] * reps / seconds / 1e9;
                    out.add(new Measurement(precision.label(), precision.products(), s[0], s[1], s[2], gflops));
                }
            }
        }
        return out;
    }

    /** Returns the best rate of a list of measurements. */
    public static double best(List<Measurement> ms) {
        return ms.stream().mapToDouble(Measurement::gflopsPerSecond).max().orElse(0);
    }
}
