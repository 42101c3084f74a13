package dev.kabar.checkpoint;

import static dev.kabar.checkpoint.SafetensorsFileTest.assertMentions;
import static dev.kabar.checkpoint.SafetensorsFileTest.safetensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSafetensorsTest {

    static final String SHARD_1 = "model-00001-of-00002.safetensors";
    static final String SHARD_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    @BeforeEach
    void writeShards() throws IOException {
        Files.write(dir.resolve(SHARD_1), safetensors(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
                le(ByteBuffer.allocate(12)).putFloat(0.5f).putFloat(-4f).putInt(77).array()));
        Files.write(dir.resolve(SHARD_2), safetensors(
                "{\"c\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}}",
                le(ByteBuffer.allocate(4)).putFloat(9f).array()));
    }

    Path index(String weightMap) throws IOException {
        return Files.writeString(dir.resolve(WeightFiles.SAFETENSORS_INDEX),
                "{\"metadata\":{\"total_size\":16},\"weight_map\":{" + weightMap + "}}");
    }

    static ByteBuffer le(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void routesEachTensorToItsShard() throws IOException {
        Path index = index("\"c\":\"" + SHARD_2 + "\",\"a\":\"" + SHARD_1 + "\",\"b\":\"" + SHARD_1 + "\"");
        try (ShardedSafetensors s = ShardedSafetensors.open(index)) {
            assertEquals(List.of("c", "a", "b"), List.copyOf(s.names()));
            assertEquals(List.of(SHARD_2, SHARD_1), List.copyOf(s.shardNames()));
            assertEquals(-4f, s.data("a").getFloat(4));
            assertEquals(77, s.data("b").getInt(0));
            assertEquals(9f, s.data("c").getFloat(0));
            assertEquals(new TensorInfo("c", TensorDType.F32, new long[] {1, 1}), s.info("c"));
            assertMentions(assertThrows(CheckpointException.class, () -> s.info("d")), "'d'", "index.json");
        }
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Files.delete(dir.resolve(SHARD_2));
        Path index = index("\"a\":\"" + SHARD_1 + "\",\"c\":\"" + SHARD_2 + "\"");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ShardedSafetensors.open(index));
        assertMentions(e, SHARD_2, "'c'", "missing");
    }

    @Test
    void tensorAbsentFromItsShardIsNamed() throws IOException {
        Path index = index("\"a\":\"" + SHARD_2 + "\"");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ShardedSafetensors.open(index));
        assertMentions(e, "'a'", SHARD_2, "does not contain");
    }

    @Test
    void shardOutsideTheFolderIsRefused() throws IOException {
        Path index = index("\"a\":\"../" + SHARD_1 + "\"");
        assertMentions(assertThrows(CheckpointException.class, () -> ShardedSafetensors.open(index)), "../" + SHARD_1, "plain file name");
    }
}
