package dev.kabar.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@code .safetensors} file as {@code save_pretrained} does: header JSON with
 * {@code __metadata__ = {"format": "pt"}}, tensors in the order given, data aligned to 8 bytes.
 *
 * <p>Tensor data is produced by a callback as it is written, so a large checkpoint never sits
 * whole in memory. The file appears atomically: it is written beside the target and renamed.
 */
public final class SafetensorsWriter {

    /** Fills a little-endian buffer with the data of one tensor. */
    @FunctionalInterface
    public interface TensorData {
        /** Writes exactly {@code info.byteSize()} bytes into {@code out}. */
        void write(TensorInfo info, ByteBuffer out);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 24;

    private SafetensorsWriter() {
    }

    /**
     * Writes the tensors to {@code file}.
     *
     * @param tensors name to dtype and shape, in file order
     * @param data produces each tensor's bytes
     * @throws UncheckedIOException when the file cannot be written; no partial file is left behind
     */
    public static void write(Path file, Map<String, TensorInfo> tensors, TensorData data) {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (TensorInfo t : tensors.values()) {
            ObjectNode n = header.putObject(t.name());
            n.put("dtype", t.dtype().name());
            ArrayNode shape = n.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            n.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = new byte[padded];
        System.arraycopy(json, 0, head, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            head[i] = ' ';
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            len.flip();
            writeFully(ch, len);
            writeFully(ch, ByteBuffer.wrap(head));
            for (TensorInfo t : tensors.values()) {
                long size = t.byteSize();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("Tensor " + t.name() + " is larger than 2 GiB; split it.");
                }
                ByteBuffer buf = ByteBuffer.allocateDirect((int) size).order(ByteOrder.LITTLE_ENDIAN);
                data.write(t, buf);
                if (buf.position() != size) {
                    throw new IllegalStateException("Tensor " + t.name() + ": " + buf.position() + " bytes written, " + size + " expected.");
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    ByteBuffer part = buf.slice();
                    part.limit(Math.min(CHUNK, part.remaining()));
                    int n = ch.write(part);
                    buf.position(buf.position() + n);
                }
            }
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot move " + tmp + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns an ordered map of the given infos by name, a convenience for callers. */
    public static Map<String, TensorInfo> byName(Iterable<TensorInfo> infos) {
        Map<String, TensorInfo> m = new LinkedHashMap<>();
        for (TensorInfo t : infos) {
            m.put(t.name(), t);
        }
        return m;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // The original failure is what the caller needs to see.
        }
    }
}
