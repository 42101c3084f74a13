package dev.kabar.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.kabar.checkpoint.CheckpointException;
import dev.kabar.checkpoint.SafetensorsFile;
import dev.kabar.checkpoint.SafetensorsWriter;
import dev.kabar.checkpoint.TensorDType;
import dev.kabar.checkpoint.TensorInfo;
import dev.kabar.runtime.DjlOffline;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Half-precision checkpoints load as exact float32; shapes and names are checked. */
class WeightStoreTest {

    @BeforeAll
    static void offline() {
        DjlOffline.ensure();
    }

    @Test
    void bfloat16AndFloat16WeightsWidenExactly(@TempDir Path dir) {
        Path file = dir.resolve("model.safetensors");
        TensorInfo bf = new TensorInfo("bf", TensorDType.BF16, new long[] {2, 2});
        TensorInfo hf = new TensorInfo("hf", TensorDType.F16, new long[] {3});
        SafetensorsWriter.write(file, SafetensorsWriter.byName(List.of(bf, hf)), (info, out) -> {
            if (info.name().equals("bf")) {
                // 1.0, -2.0, 0.5, 3.140625 in bfloat16.
                for (int bits : new int[] {0x3F80, 0xC000, 0x3F00, 0x4049}) {
                    out.putShort((short) bits);
                }
            } else {
                // 1.0, -0.5, 65504 (largest float16) in float16.
                for (int bits : new int[] {0x3C00, 0xB800, 0x7BFF}) {
                    out.putShort((short) bits);
                }
            }
        });
        try (SafetensorsFile source = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            WeightStore store = new WeightStore(source, manager, dir.toString());
            assertArrayEquals(new float[] {1f, -2f, 0.5f, 3.140625f}, store.get("bf", 2, 2).toFloatArray());
            assertArrayEquals(new float[] {1f, -0.5f, 65504f}, store.get("hf", 3).toFloatArray());
            CheckpointException shape = assertThrows(CheckpointException.class, () -> store.get("hf", 4));
            assertTrue(shape.getMessage().contains("\"hf\"") && shape.getMessage().contains("[3]"), shape.getMessage());
            CheckpointException missing = assertThrows(CheckpointException.class, () -> store.pp("model").get("nothing", 1));
            assertTrue(missing.getMessage().contains("model.nothing"), missing.getMessage());
        }
    }
}
