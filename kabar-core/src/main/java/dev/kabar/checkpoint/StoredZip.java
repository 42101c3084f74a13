package dev.kabar.checkpoint;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of a zip archive read from its central directory, with stored (uncompressed) entries
 * handed out as slices of the file mapping.
 *
 * <p>{@code java.util.zip} can only copy entries onto the heap; parsing the directory ourselves
 * lets tensor data stay in the mapping. Zip64 archives (over 4 GiB or 65535 entries) are supported.
 */
final class StoredZip {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int ZIP64_END_OF_DIRECTORY = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final long U32_MAX = 0xFFFFFFFFL;
    private static final int MAX_COMMENT = 0xFFFF;

    /** One entry as the central directory describes it. */
    record Entry(String name, int method, long compressedSize, long size, long localHeaderOffset) {}

    private final MappedFile file;
    private final Map<String, Entry> entries;

    private StoredZip(MappedFile file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads the central directory of a mapped archive.
     *
     * @throws CheckpointException when the file is not a zip archive, is truncated or its directory is corrupt
     */
    static StoredZip read(MappedFile file) {
        try {
            return new StoredZip(file, readDirectory(file));
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            throw fail(file, "its zip central directory points outside the file; the file is truncated or corrupt, re-download it.");
        }
    }

    private static Map<String, Entry> readDirectory(MappedFile file) {
        long size = file.size();
        if (size < 22) {
            throw fail(file, "it is " + size + " bytes long, too short for a zip archive; the file is truncated, re-download it.");
        }
        // The end record is 22 bytes plus a comment of up to 64 KiB, so search backwards from the end.
        long tailStart = Math.max(0, size - 22 - MAX_COMMENT);
        ByteBuffer tail = file.slice(tailStart, size - tailStart);
        int end = -1;
        for (int i = tail.limit() - 22; i >= 0; i--) {
            if (tail.getInt(i) == END_OF_DIRECTORY) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw fail(file, "no zip end-of-directory record was found; the file is truncated or not a torch.save archive, re-download it.");
        }
        long count = Short.toUnsignedLong(tail.getShort(end + 10));
        long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
        long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
        if (count == 0xFFFF || directorySize == U32_MAX || directoryOffset == U32_MAX) {
            long endPosition = tailStart + end;
            if (endPosition < 20 || file.slice(endPosition - 20, 20).getInt(0) != ZIP64_LOCATOR) {
                throw fail(file, "its zip end record announces zip64 but the zip64 locator is missing; the file is corrupt, re-download it.");
            }
            long zip64End = file.slice(endPosition - 20, 20).getLong(8);
            ByteBuffer record = file.slice(zip64End, 56);
            if (record.getInt(0) != ZIP64_END_OF_DIRECTORY) {
                throw fail(file, "its zip64 end record is missing; the file is corrupt, re-download it.");
            }
            count = record.getLong(32);
            directorySize = record.getLong(40);
            directoryOffset = record.getLong(48);
        }
        ByteBuffer directory = file.slice(directoryOffset, directorySize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (directory.getInt(p) != CENTRAL_HEADER) {
                throw fail(file, "zip directory entry " + i + " has a bad signature; the file is corrupt, re-download it.");
            }
            int method = Short.toUnsignedInt(directory.getShort(p + 10));
            long compressedSize = Integer.toUnsignedLong(directory.getInt(p + 20));
            long uncompressedSize = Integer.toUnsignedLong(directory.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(directory.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(p + 32));
            long localOffset = Integer.toUnsignedLong(directory.getInt(p + 42));
            byte[] nameBytes = new byte[nameLength];
            directory.get(p + 46, nameBytes);
            // Zip64 extra field: only the values saturated in the fixed header follow, in this order.
            for (int x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; ) {
                int id = Short.toUnsignedInt(directory.getShort(x));
                int length = Short.toUnsignedInt(directory.getShort(x + 2));
                if (id == 0x0001) {
                    int v = x + 4;
                    if (uncompressedSize == U32_MAX) {
                        uncompressedSize = directory.getLong(v);
                        v += 8;
                    }
                    if (compressedSize == U32_MAX) {
                        compressedSize = directory.getLong(v);
                        v += 8;
                    }
                    if (localOffset == U32_MAX) {
                        localOffset = directory.getLong(v);
                    }
                }
                x += 4 + length;
            }
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            entries.put(name, new Entry(name, method, compressedSize, uncompressedSize, localOffset));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return Collections.unmodifiableMap(entries);
    }

    /** Returns the entries by name, in directory order. */
    Map<String, Entry> entries() {
        return entries;
    }

    /**
     * Returns a stored entry's bytes as a slice of the mapping.
     *
     * @throws CheckpointException when the entry is compressed or its data lies outside the file
     */
    ByteBuffer stored(Entry entry) {
        return file.slice(dataStart(entry), entry.size());
    }

    /**
     * Returns the file offset of a stored entry's first byte, after checking that all its bytes are in the file.
     *
     * @throws CheckpointException when the entry is compressed or its data lies outside the file
     */
    long dataStart(Entry entry) {
        if (entry.method() != 0) {
            throw fail(file, "zip entry " + entry.name() + " is compressed (method " + entry.method()
                    + "); torch.save stores every entry uncompressed, which is what lets the weights be mapped, so the file was "
                    + "re-packed by another tool. Save it again with torch.save or convert it to safetensors.");
        }
        try {
            ByteBuffer local = file.slice(entry.localHeaderOffset(), 30);
            if (local.getInt(0) != LOCAL_HEADER) {
                throw fail(file, "zip entry " + entry.name() + " has no local header where the directory says; the file is corrupt, re-download it.");
            }
            // torch.save pads the local extra field so that data starts on a 64-byte boundary.
            long start = entry.localHeaderOffset() + 30 + Short.toUnsignedInt(local.getShort(26)) + Short.toUnsignedInt(local.getShort(28));
            if (entry.size() != entry.compressedSize() || start > file.size() - entry.size()) {
                throw fail(file, "zip entry " + entry.name() + " extends past the end of the file; the file is truncated, re-download it.");
            }
            return start;
        } catch (IndexOutOfBoundsException e) {
            throw fail(file, "zip entry " + entry.name() + " points outside the file; the file is truncated or corrupt, re-download it.");
        }
    }

    private static CheckpointException fail(MappedFile file, String what) {
        return new CheckpointException("PyTorch weight file " + file.path() + ": " + what);
    }
}
