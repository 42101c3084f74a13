package dev.kabar.checkpoint;

/** Element types found in safetensors headers and PyTorch storages, with their byte sizes. */
public enum TensorDType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Returns the size of one element in bytes. */
    public int byteSize() {
        return byteSize;
    }
}
