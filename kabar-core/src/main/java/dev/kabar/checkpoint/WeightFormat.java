package dev.kabar.checkpoint;

/** Which weight file of a checkpoint folder to read. */
public enum WeightFormat {
    /** {@code model.safetensors}, or the shards listed in {@code model.safetensors.index.json}. */
    SAFETENSORS,
    /** {@code pytorch_model.bin}, a {@code torch.save} archive. */
    PYTORCH_BIN,
    /** Safetensors when present (faster to open, cannot carry code), else {@code pytorch_model.bin}. */
    AUTO
}
