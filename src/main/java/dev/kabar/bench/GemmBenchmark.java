package dev.kabar.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kabar.nn.BFloat16Products;
import java.util.ArrayList;
import java.util.List;

/** Measures the matrix-multiply rate of this machine through the same engine the model runs on. */
public final class GemmBenchmark {

    /**
     * The element types measured. bfloat16 runs as the engine's bfloat16 mode does
     * ({@link BFloat16Products}): the left operand is rounded to bfloat16 for each product and the
     * bfloat16 result widened to float32, so the rate includes those conversions. float16 is left
     * out: PyTorch's CPU kernels for it are not vectorised here and take minutes.
     */
    public enum Precision {
        FLOAT32,
        BFLOAT16;

        /** Returns the lower-case name used in outputs. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Returns a description of the engine, for benchmark output. */
    public static String engineDescription() {
        return "kabar (DJL " + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch "
                + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " CPU)";
    }

    /** One measured shape: C[m×n] = A[m×k] · B[k×n]. */
    public record Measurement(String dtype, int m, int k, int n, double gflopsPerSecond) { }

    private GemmBenchmark() {
    }

    /**
     * Runs square and model-shaped products for a while each and returns their rates.
     *
     * @param precision the element type
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
        List<Measurement> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
             BFloat16Products bfloat16 = precision == Precision.BFLOAT16 ? BFloat16Products.create(manager) : null) {
            for (int[] s : shapes) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = scope.randomNormal(new Shape(s[0], s[1]));
                    // In bfloat16, B is held as its transpose [n, k], as a dense layer holds its weight.
                    NDArray b = bfloat16 != null ? bfloat16.toBFloat16(scope.randomNormal(new Shape(s[2], s[1])))
                            : scope.randomNormal(new Shape(s[1], s[2]));
                    Runnable product = bfloat16 != null ? () -> bfloat16.linear(a, b, null).close() : () -> a.matMul(b).close();
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
                    out.add(new Measurement(precision.label(), s[0], s[1], s[2], gflops));
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
