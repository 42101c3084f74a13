package dev.kabar.checkpoint;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Named tensors read from a checkpoint's weight files, exposed as little-endian byte views.
 *
 * <p>Implementations map the files into memory and hand out slices of the mapping, so reading a
 * tensor does not copy it onto the Java heap. A source stays valid until it is closed; buffers it
 * returned must not be used afterwards. Not thread-safe for concurrent {@link #close()}.
 */
public interface TensorSource extends AutoCloseable {

    /** Returns the names of all tensors in this source, in file order. */
    Set<String> names();

    /** Returns true when a tensor of this name exists. */
    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * Returns the dtype and shape of a tensor.
     *
     * @throws CheckpointException naming the tensor and the file when it does not exist
     */
    TensorInfo info(String name);

    /**
     * Returns the tensor's elements in row-major (C) order as a little-endian buffer positioned at 0.
     *
     * <p>The buffer is a read-only view of the mapped file whenever the stored layout is
     * contiguous; a strided layout is gathered into a fresh direct buffer.
     *
     * @throws CheckpointException naming the tensor and the file when it does not exist
     */
    ByteBuffer data(String name);

    /** Releases the file mappings. */
    @Override
    void close();
}
