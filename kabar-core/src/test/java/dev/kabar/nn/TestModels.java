package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.TensorSource;
import dev.kabar.checkpoint.WeightFiles;
import dev.kabar.checkpoint.WeightFormat;
import java.nio.file.Path;

/** Loading checkpoints and comparing outputs, for the tests of this package. */
final class TestModels {

    private TestModels() {
    }

    /** Loads the network of a checkpoint folder, its weights owned by {@code manager}. */
    static EncoderDecoderModel load(Path dir, NDManager manager) {
        try (TensorSource weights = WeightFiles.open(dir, WeightFormat.AUTO)) {
            return EncoderDecoderModel.load(ModelConfig.read(dir), new WeightStore(weights, manager, dir.toString()), manager);
        }
    }

    /** Loads the network of a checkpoint folder with its dense layers on {@code products}, its weights owned by {@code manager}. */
    static EncoderDecoderModel load(Path dir, NDManager manager, PackedProducts products) {
        try (TensorSource weights = WeightFiles.open(dir, WeightFormat.AUTO)) {
            return EncoderDecoderModel.load(ModelConfig.read(dir),
                    new WeightStore(weights, manager, dir.toString()).withPackedProducts(products), manager);
        }
    }

    /** The largest absolute difference between two arrays of the same shape. */
    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
