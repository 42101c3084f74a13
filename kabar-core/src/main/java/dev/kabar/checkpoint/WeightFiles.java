package dev.kabar.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens the weights of a Hugging Face checkpoint folder under the names the hub uses. */
public final class WeightFiles {

    /** A single safetensors file, as {@code save_pretrained} writes for models under its shard size. */
    public static final String SAFETENSORS = "model.safetensors";
    /** The index of a sharded safetensors checkpoint. */
    public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    /** A {@code torch.save} state dict, as older hub repositories publish. */
    public static final String PYTORCH_BIN = "pytorch_model.bin";

    private WeightFiles() {}

    /**
     * Opens the weight file of a checkpoint folder in the requested format.
     *
     * <p>{@link WeightFormat#SAFETENSORS} reads {@value #SAFETENSORS}, else {@value #SAFETENSORS_INDEX};
     * {@link WeightFormat#PYTORCH_BIN} reads only {@value #PYTORCH_BIN}; {@link WeightFormat#AUTO}
     * tries all three in that order. An explicit format never falls back to another one, so that a
     * request for safetensors cannot end up decoding a pickle.
     *
     * @throws CheckpointException naming the folder and the files looked for when none is present,
     *     or the file when it cannot be read
     */
    public static TensorSource open(Path folder, WeightFormat format) {
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException("Checkpoint folder " + folder + " does not exist or is not a folder; download the model first.");
        }
        List<String> candidates = switch (format) {
            case SAFETENSORS -> List.of(SAFETENSORS, SAFETENSORS_INDEX);
            case PYTORCH_BIN -> List.of(PYTORCH_BIN);
            case AUTO -> List.of(SAFETENSORS, SAFETENSORS_INDEX, PYTORCH_BIN);
        };
        for (String name : candidates) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                return switch (name) {
                    case SAFETENSORS -> SafetensorsFile.open(file);
                    case SAFETENSORS_INDEX -> ShardedSafetensors.open(file);
                    default -> TorchPickleFile.open(file);
                };
            }
        }
        List<String> present = new ArrayList<>();
        for (String name : List.of(SAFETENSORS, SAFETENSORS_INDEX, PYTORCH_BIN)) {
            if (!candidates.contains(name) && Files.isRegularFile(folder.resolve(name))) {
                present.add(name);
            }
        }
        throw new CheckpointException("Checkpoint folder " + folder + " has no " + String.join(" or ", candidates)
                + " (weight format " + format + ")"
                + (present.isEmpty() ? "; download the model's weights into it." : "; it has " + String.join(", ", present)
                        + ", so choose another weight format."));
    }
}
