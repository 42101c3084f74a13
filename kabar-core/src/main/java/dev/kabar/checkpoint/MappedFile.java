package dev.kabar.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * A read-only memory mapping of a whole file of any size, handing out little-endian slices by
 * absolute offset.
 *
 * <p>One {@link MappedByteBuffer} cannot exceed 2 GiB, so the file is mapped in regions; a slice
 * that straddles two regions gets a mapping of its own. Slicing is thread-safe. Java 17 has no
 * public way to unmap, so {@link #close()} only closes the channel: the pages are released when
 * the last buffer referring to them is garbage-collected.
 */
final class MappedFile implements AutoCloseable {

    /** Region size for real files: large enough that few tensors straddle, well under 2 GiB. */
    static final long DEFAULT_REGION_SIZE = 1L << 30;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final long regionSize;
    private final MappedByteBuffer[] regions;
    private volatile boolean closed;

    private MappedFile(Path path, FileChannel channel, long regionSize) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.regionSize = regionSize;
        int count = (int) ((size + regionSize - 1) / regionSize);
        this.regions = new MappedByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long start = i * regionSize;
            regions[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(regionSize, size - start));
        }
    }

    /**
     * Maps a file and hands it to {@code reader}; the mapping is released if reading fails, and
     * otherwise belongs to what the reader returns.
     */
    static <T> T read(Path path, long regionSize, Function<MappedFile, T> reader) {
        MappedFile file = open(path, regionSize);
        try {
            return reader.apply(file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Maps a file in regions of {@code regionSize} bytes (at most 2 GiB; tests use tiny ones). */
    static MappedFile open(Path path, long regionSize) {
        if (regionSize <= 0 || regionSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("regionSize must be in 1 .. 2^31-1, got " + regionSize);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            return new MappedFile(path, channel, regionSize);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(path + " does not exist; check the checkpoint folder or download it again.");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CheckpointException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Returns the mapped file's path. */
    Path path() {
        return path;
    }

    /** Returns the file size in bytes. */
    long size() {
        return size;
    }

    /**
     * Returns a read-only little-endian view of {@code length} bytes at {@code offset}, positioned at 0.
     * The caller has checked that the range lies inside the file.
     */
    ByteBuffer slice(long offset, long length) {
        if (closed) {
            throw new IllegalStateException(path + " was closed");
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + path + " (" + size + " bytes)");
        }
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointException(path + ": a block of " + length
                    + " bytes is larger than one Java buffer can hold (2 GiB); split the checkpoint into smaller shards.");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        int region = (int) (offset / regionSize);
        long start = region * regionSize;
        if (offset + length <= start + regions[region].capacity()) {
            return regions[region].slice((int) (offset - start), (int) length).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new CheckpointException("Cannot map " + length + " bytes at " + offset + " of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code length} bytes at {@code offset} onto the heap, for headers and directories. */
    byte[] bytes(long offset, int length) {
        byte[] out = new byte[length];
        slice(offset, length).get(out);
        return out;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Read-only channel: nothing was written that closing could lose.
            }
        }
    }
}
