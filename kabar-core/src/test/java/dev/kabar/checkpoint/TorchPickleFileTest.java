package dev.kabar.checkpoint;

import static dev.kabar.checkpoint.SafetensorsFileTest.assertMentions;
import static dev.kabar.checkpoint.SafetensorsFileTest.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchPickleFileTest {

    @TempDir
    Path dir;

    /** Storage 0: six floats 0..5; storage 1: three longs. */
    static final float[] FLOATS = {0f, 1f, 2f, 3f, 4f, 5f};
    static final long[] LONGS = {10L, -20L, 30L};

    /**
     * A state dict as torch.save writes it: {@code OrderedDict(a=[2,3] view of storage 0, b=storage 0
     * from element 2, c=a transposed, ids=a Parameter over storage 1 from element 1)}.
     */
    static byte[] stateDictPickle() {
        PickleBytes p = new PickleBytes().proto(2);
        p.global("collections", "OrderedDict").emptyTuple().reduce().put(0).mark();
        // The first persistent id is memoized and reused, as torch.save does for a storage seen twice.
        p.str("a").tensor(() -> p.mark().str("storage").global("torch", "FloatStorage").put(1).str("0").str("cpu").integer(6)
                .tuple().put(2).op('Q'), 0, new long[] {2, 3}, new long[] {3, 1});
        p.str("b").tensor(() -> p.get(2).op('Q'), 2, new long[] {4}, new long[] {1});
        p.str("c").tensor(() -> p.storage("FloatStorage", "0", 6), 0, new long[] {3, 2}, new long[] {1, 3});
        p.str("ids").global("torch._utils", "_rebuild_parameter").mark()
                .tensor(() -> p.storage("LongStorage", "1", 3), 1, new long[] {2}, new long[] {1})
                .op(0x89).global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        return p.setItems().stop().bytes();
    }

    static Map<String, byte[]> archive(byte[] pickle) {
        ByteBuffer floats = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : FLOATS) {
            floats.putFloat(f);
        }
        ByteBuffer longs = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (long l : LONGS) {
            longs.putLong(l);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data.pkl", pickle);
        entries.put("byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        entries.put("data/0", floats.array());
        entries.put("data/1", longs.array());
        entries.put("version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    Path writeArchive(String name, byte[] pickle) throws IOException {
        return PickleBytes.zip(dir.resolve(name), "archive/", archive(pickle), ZipEntry.STORED);
    }

    @Test
    void readsSharedOffsetAndTransposedTensors() throws IOException {
        Path path = writeArchive("pytorch_model.bin", stateDictPickle());
        // Tiny regions make storages straddle mapping boundaries, as in files over 2 GiB.
        for (long region : new long[] {MappedFile.DEFAULT_REGION_SIZE, 5}) {
            try (TorchPickleFile f = TorchPickleFile.open(path, region)) {
                assertEquals(List.of("a", "b", "c", "ids"), List.copyOf(f.names()));
                assertEquals(new TensorInfo("a", TensorDType.F32, new long[] {2, 3}), f.info("a"));
                assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, floats(f.data("a")));
                assertArrayEquals(new float[] {2, 3, 4, 5}, floats(f.data("b")));
                assertEquals(new TensorInfo("c", TensorDType.F32, new long[] {3, 2}), f.info("c"));
                assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, floats(f.data("c")));
                assertEquals(new TensorInfo("ids", TensorDType.I64, new long[] {2}), f.info("ids"));
                ByteBuffer ids = f.data("ids");
                assertEquals(ByteOrder.LITTLE_ENDIAN, ids.order());
                assertEquals(-20L, ids.getLong(0));
                assertEquals(30L, ids.getLong(8));
            }
        }
    }

    @Test
    void sharedStoragesAreViewsOfTheMappingNotCopies() throws IOException {
        Path path = writeArchive("tied.bin", stateDictPickle());
        try (TorchPickleFile f = TorchPickleFile.open(path)) {
            ByteBuffer a = f.data("a");
            ByteBuffer b = f.data("b");
            ByteBuffer c = f.data("c");
            assertEquals(f.fileOffset("a") + 8, f.fileOffset("b"));
            // Change storage 0 in the file: views of the mapping see it, a gathered copy does not.
            byte[] bytes = Files.readAllBytes(path);
            int storage = indexOf(bytes, archive(new byte[0]).get("data/0"));
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 42f), storage + 8);
            }
            assertArrayEquals(new float[] {0, 1, 42, 3, 4, 5}, floats(a));
            assertArrayEquals(new float[] {42, 3, 4, 5}, floats(b));
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, floats(c));
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void forbiddenGlobalIsRefusedByName() throws IOException {
        byte[] pickle = new PickleBytes().proto(2).global("os", "system").str("touch /tmp/pwned").op(0x85).reduce().stop().bytes();
        Path path = writeArchive("evil.bin", pickle);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path));
        assertMentions(e, "os.system", "evil.bin", "refuses to run code");
    }

    @Test
    void forbiddenStackGlobalIsRefusedByName() throws IOException {
        byte[] pickle = new PickleBytes().proto(4).shortStr("builtins").shortStr("eval").op(0x93).stop().bytes();
        Path path = writeArchive("evil4.bin", pickle);
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "builtins.eval", "evil4.bin");
    }

    @Test
    void truncatedZipIsReported() throws IOException {
        byte[] full = Files.readAllBytes(writeArchive("full.bin", stateDictPickle()));
        Path path = Files.write(dir.resolve("half.bin"), Arrays.copyOf(full, full.length / 2));
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "half.bin", "truncated", "re-download");
    }

    @Test
    void compressedEntryIsRefused() throws IOException {
        Path path = PickleBytes.zip(dir.resolve("deflated.bin"), "archive/", archive(stateDictPickle()), ZipEntry.DEFLATED);
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "deflated.bin", "compressed");
    }

    @Test
    void bigEndianArchiveIsRefused() throws IOException {
        Map<String, byte[]> entries = archive(stateDictPickle());
        entries.put("byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        Path path = PickleBytes.zip(dir.resolve("big.bin"), "archive/", entries, ZipEntry.STORED);
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "big.bin", "\"big\"");
    }

    @Test
    void topLevelMustBeADictOfTensors() throws IOException {
        Path list = writeArchive("list.bin", new PickleBytes().proto(2).op(']').stop().bytes());
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(list)), "list.bin", "state dict");
        Path ints = writeArchive("ints.bin", new PickleBytes().proto(2).emptyDict().str("step").integer(5).op('s').stop().bytes());
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(ints)), "ints.bin", "step");
    }

    @Test
    void viewBeyondItsStorageIsReported() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyDict();
        p.str("w").tensor(() -> p.storage("FloatStorage", "0", 6), 4, new long[] {2, 2}, new long[] {2, 1}).op('s').stop();
        Path path = writeArchive("short.bin", p.bytes());
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "short.bin", "'w'", "holds only 6");
    }

    @Test
    void truncatedPickleIsReported() throws IOException {
        byte[] pickle = stateDictPickle();
        Path path = writeArchive("cut.bin", Arrays.copyOf(pickle, pickle.length - 10));
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "cut.bin", "data.pkl", "truncated");
    }

    @Test
    void legacyFormatIsNamed() throws IOException {
        Path path = Files.write(dir.resolve("old.bin"), new PickleBytes().proto(2).integer(0).stop().bytes());
        assertMentions(assertThrows(CheckpointException.class, () -> TorchPickleFile.open(path)), "old.bin", "legacy");
    }

    @Test
    void readsZip64Archives() throws IOException {
        // Over 65535 entries forces the zip64 end record, as archives over 4 GiB do.
        // The tensor entries come last, so that reading them needs the zip64 entry count.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 65_536; i++) {
            entries.put("extra/" + i, new byte[0]);
        }
        entries.putAll(archive(stateDictPickle()));
        Path path = PickleBytes.zip(dir.resolve("zip64.bin"), "pytorch_model/", entries, ZipEntry.STORED);
        try (TorchPickleFile f = TorchPickleFile.open(path)) {
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, floats(f.data("c")));
        }
    }
}
