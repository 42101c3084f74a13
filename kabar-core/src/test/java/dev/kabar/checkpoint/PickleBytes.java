package dev.kabar.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes pickle opcodes by hand, and torch.save-style zip archives around them, for tests. */
final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBytes proto(int version) {
        return op(0x80, version);
    }

    PickleBytes global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    PickleBytes str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X').u32(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    PickleBytes shortStr(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op(0x8c, utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /** Writes an int with the smallest of BININT1, BININT2, BININT. */
    PickleBytes integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K', (int) v);
        }
        if (v >= 0 && v < 65536) {
            return op('M', (int) v & 0xFF, (int) (v >> 8));
        }
        return op('J').u32((int) v);
    }

    /** Writes a tuple of ints: MARK ... TUPLE. */
    PickleBytes ints(long... values) {
        op('(');
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes emptyDict() {
        return op('}');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes put(int index) {
        return op('q', index);
    }

    PickleBytes get(int index) {
        return op('h', index);
    }

    PickleBytes setItems() {
        return op('u');
    }

    PickleBytes stop() {
        return op('.');
    }

    /** Writes the persistent id torch.save gives a storage, and BINPERSID. */
    PickleBytes storage(String type, String key, long numel) {
        return mark().str("storage").global("torch", type).str(key).str("cpu").integer(numel).tuple().op('Q');
    }

    /** Writes {@code _rebuild_tensor_v2(<storage written by storageOps>, offset, size, stride, False, OrderedDict())}. */
    PickleBytes tensor(Runnable storageOps, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        storageOps.run();
        integer(offset).ints(size).ints(stride).op(0x89);
        return global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
    }

    private PickleBytes u32(int v) {
        return op(v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, (v >>> 24));
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Writes a zip of stored entries (or deflated ones, to test refusal), names relative to {@code prefix}. */
    static Path zip(Path file, String prefix, Map<String, byte[]> entries, int method) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file)))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(prefix + e.getKey());
                entry.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
