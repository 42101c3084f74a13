package dev.kabar.checkpoint;

import static dev.kabar.checkpoint.SafetensorsFileTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {

    @TempDir
    Path dir;

    @Test
    void emptyFolderNamesFolderAndFilesLookedFor() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> WeightFiles.open(dir, WeightFormat.AUTO));
        assertMentions(e, dir.toString(), "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin");
    }

    @Test
    void autoPrefersSafetensorsAndFallsBackToBin() throws IOException {
        Path fixture = ConformanceWeightsTest.fixture("marian-tiny");
        Files.copy(fixture.resolve(WeightFiles.PYTORCH_BIN), dir.resolve(WeightFiles.PYTORCH_BIN));
        try (TensorSource s = WeightFiles.open(dir, WeightFormat.AUTO)) {
            assertInstanceOf(TorchPickleFile.class, s);
        }
        // An explicit safetensors request does not silently decode the pickle instead.
        assertMentions(assertThrows(CheckpointException.class, () -> WeightFiles.open(dir, WeightFormat.SAFETENSORS)),
                "model.safetensors", "pytorch_model.bin", "another weight format");
        Files.copy(fixture.resolve(WeightFiles.SAFETENSORS), dir.resolve(WeightFiles.SAFETENSORS));
        try (TensorSource s = WeightFiles.open(dir, WeightFormat.AUTO)) {
            assertInstanceOf(SafetensorsFile.class, s);
        }
    }

    @Test
    void shardedIndexIsOpenedWhenNoSingleFile() throws IOException {
        Files.write(dir.resolve("model-00001-of-00001.safetensors"), SafetensorsFileTest.safetensors(SafetensorsFileTest.HEADER,
                SafetensorsFileTest.data()));
        Files.writeString(dir.resolve(WeightFiles.SAFETENSORS_INDEX),
                "{\"weight_map\":{\"w\":\"model-00001-of-00001.safetensors\"}}");
        try (TensorSource s = WeightFiles.open(dir, WeightFormat.SAFETENSORS)) {
            assertInstanceOf(ShardedSafetensors.class, s);
        }
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("opus-mt-id-en");
        assertMentions(assertThrows(CheckpointException.class, () -> WeightFiles.open(missing, WeightFormat.AUTO)), "opus-mt-id-en");
    }
}
