package dev.kabar.checkpoint;

import java.util.Arrays;

/**
 * Where a tensor comes from and what it holds: its name, element type and shape.
 *
 * @param name the full tensor name as the checkpoint spells it, e.g. {@code model.shared.weight}
 * @param dtype the element type
 * @param shape the dimensions, outermost first; empty for a scalar
 */
public record TensorInfo(String name, TensorDType dtype, long[] shape) {

    /** Returns the number of elements. */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Returns the size of the data in bytes. */
    public long byteSize() {
        return numel() * dtype.byteSize();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
