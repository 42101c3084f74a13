package dev.kabar.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Measures the matrix-multiply rate of this machine through the same engine the model runs on. */
public final class GemmBenchmark {

    /**
     * The element types measured. bfloat16 is not among them: DJL 0.36's PyTorch binding aborts the
     * process on any bfloat16 tensor, so that mode cannot be measured through this engine. float16
     * is left out too: PyTorch's CPU kernels for it are not vectorised here and take minutes.
     */
    public enum Precision {
        FLOAT32(DataType.FLOAT32);

        final DataType type;

        Precision(DataType type) {
            this.type = type;
        }

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
        DataType dtype = precision.type;
        int[][] shapes = {
            {1024, 1024, 1024},
            {2048, 2048, 2048},
            // Model-shaped: 512 decoder rows against an FFN and against a 54,796-word LM head.
            {512, 512, 2048},
            {512, 512, 54796},
        };
        List<Measurement> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] s : shapes) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = scope.randomNormal(new Shape(s[0], s[1])).toType(dtype, false);
                    NDArray b = scope.randomNormal(new Shape(s[1], s[2])).toType(dtype, false);
                    a.matMul(b).close();
                    long reps = 0;
                    long start = System.nanoTime();
                    long deadline = start + (long) (secondsPerShape * 1e9);
                    while (System.nanoTime() < deadline || reps < 3) {
                        a.matMul(b).close();
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
