package dev.kabar.cli;

import dev.kabar.engine.Precision;
import picocli.CommandLine.Option;

/** {@code --dtype}: the precision of the matrix products, shared by the commands that load a model. */
final class PrecisionOption {

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "float32|bfloat16",
            description = "Precision of the models' matrix products: float32 (default; the same tokens as transformers) or "
                    + "bfloat16 (faster on CPUs with bfloat16 instructions; some tokens differ).")
    String dtype;

    /**
     * Returns the precision asked for.
     *
     * @throws IllegalArgumentException naming a value that is neither float32 nor bfloat16
     */
    Precision precision() {
        try {
            return Precision.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dtype must be float32 or bfloat16, but is '" + dtype + "'.", e);
        }
    }
}
