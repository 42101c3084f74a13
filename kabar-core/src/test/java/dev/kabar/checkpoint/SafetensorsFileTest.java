package dev.kabar.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    /** A valid file: a 2x3 F32 matrix, a 1-D I64 vector and a F16 scalar, data in a different order. */
    static final String HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[16,40]},"
            + "\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"s\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[40,42]}}";

    static byte[] data() {
        ByteBuffer b = ByteBuffer.allocate(42).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(-7L).putLong(1L << 40);
        for (float f : new float[] {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, -1e30f}) {
            b.putFloat(f);
        }
        b.putShort((short) 0x3C00); // 1.0 in IEEE half precision
        return b.array();
    }

    /** Lays out a safetensors file byte by byte: length, header, data. */
    static byte[] safetensors(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.writeBytes(json);
        out.writeBytes(data);
        return out.toByteArray();
    }

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static float[] floats(ByteBuffer b) {
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    @Test
    void readsValuesShapesAndMetadata() throws IOException {
        Path path = write("ok.safetensors", safetensors(HEADER, data()));
        try (SafetensorsFile f = SafetensorsFile.open(path)) {
            // Names come in data order, not header order.
            assertEquals(List.of("ids", "w", "s"), List.copyOf(f.names()));
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(new TensorInfo("w", TensorDType.F32, new long[] {2, 3}), f.info("w"));
            assertArrayEquals(new float[] {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, -1e30f}, floats(f.data("w")));
            ByteBuffer ids = f.data("ids");
            assertEquals(ByteOrder.LITTLE_ENDIAN, ids.order());
            assertEquals(0, ids.position());
            assertEquals(16, ids.remaining());
            assertEquals(-7L, ids.getLong(0));
            assertEquals(1L << 40, ids.getLong(8));
            assertEquals(new TensorInfo("s", TensorDType.F16, new long[0]), f.info("s"));
            assertEquals(1, f.info("s").numel());
            assertEquals((short) 0x3C00, f.data("s").getShort(0));
            assertTrue(f.data("w").isReadOnly());
        }
    }

    @Test
    void tensorsStraddlingMappedRegionsReadTheSame() throws IOException {
        Path path = write("regions.safetensors", safetensors(HEADER, data()));
        // Regions of 7 bytes put every tensor across a boundary, as 1 GiB regions do in files over 2 GiB.
        try (SafetensorsFile small = SafetensorsFile.open(path, 7); SafetensorsFile whole = SafetensorsFile.open(path)) {
            for (String name : whole.names()) {
                assertEquals(whole.data(name), small.data(name), name);
            }
        }
    }

    @Test
    void unknownTensorNamesTensorAndFile() throws IOException {
        Path path = write("ok.safetensors", safetensors(HEADER, data()));
        try (SafetensorsFile f = SafetensorsFile.open(path)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> f.data("lm_head.weight"));
            assertMentions(e, "ok.safetensors", "lm_head.weight");
        }
    }

    @Test
    void fileShorterThanLengthFieldIsTruncated() throws IOException {
        Path path = write("tiny.safetensors", new byte[] {1, 2, 3});
        assertMentions(assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path)), "tiny.safetensors", "truncated");
    }

    @Test
    void truncatedDataNamesTheTensor() throws IOException {
        byte[] full = safetensors(HEADER, data());
        Path path = write("cut.safetensors", Arrays.copyOf(full, full.length - 1));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
        assertMentions(e, "cut.safetensors", "'s'", "truncated", "re-download");
    }

    @Test
    void headerLengthBeyondFile() throws IOException {
        byte[] bytes = safetensors(HEADER, data());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 20);
        Path path = write("long.safetensors", bytes);
        assertMentions(assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path)), "long.safetensors", "1048576");
    }

    @Test
    void nonJsonHeader() throws IOException {
        Path path = write("junk.safetensors", safetensors("{\"w\": [1, 2", new byte[0]));
        assertMentions(assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path)), "junk.safetensors", "not valid JSON");
    }

    @Test
    void dataOffsetsNotMatchingShape() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}";
        Path path = write("bad.safetensors", safetensors(header, new byte[24]));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
        assertMentions(e, "bad.safetensors", "'w'", "24 bytes", "20 bytes");
    }

    @Test
    void unknownDtype() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}";
        Path path = write("fp8.safetensors", safetensors(header, new byte[4]));
        assertMentions(assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path)), "fp8.safetensors", "'w'", "F8_E4M3");
    }

    @Test
    void missingFile() {
        assertMentions(assertThrows(CheckpointException.class, () -> SafetensorsFile.open(dir.resolve("none.safetensors"))),
                "none.safetensors", "does not exist");
    }

    static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message should mention " + part + ": " + e.getMessage());
        }
    }
}
