package dev.kabar.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both weight files of each shared fixture hold the same tensors, byte for byte. */
class ConformanceWeightsTest {

    /** save_pretrained drops these tied copies from safetensors; torch.save keeps them (README section 1). */
    static final List<String> TIED = List.of("lm_head.weight", "model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight");

    /** Returns a fixture folder, failing (never skipping) when the shared fixtures are not there. */
    static Path fixture(String model) {
        String root = System.getProperty("conformance.dir");
        assertTrue(root != null, "system property conformance.dir is not set; run the tests through Maven");
        Path folder = Path.of(root, model);
        assertTrue(Files.isDirectory(folder), "conformance fixture folder is missing: " + folder);
        return folder;
    }

    @ParameterizedTest
    @ValueSource(strings = {"marian-tiny", "marian-tiny-b", "bart-tiny"})
    void safetensorsAndBinHoldIdenticalTensors(String model) {
        Path folder = fixture(model);
        try (TensorSource st = WeightFiles.open(folder, WeightFormat.SAFETENSORS);
                TensorSource bin = WeightFiles.open(folder, WeightFormat.PYTORCH_BIN)) {
            assertInstanceOf(SafetensorsFile.class, st);
            assertInstanceOf(TorchPickleFile.class, bin);
            assertEquals("pt", ((SafetensorsFile) st).metadata().get("format"));
            int common = 0;
            for (String name : st.names()) {
                if (bin.contains(name)) {
                    assertEquals(st.info(name), bin.info(name), name);
                    assertEquals(st.data(name), bin.data(name), name);
                    common++;
                }
            }
            assertTrue(common > 20, model + ": only " + common + " tensors in common");
            assertTrue(bin.contains("model.shared.weight") && bin.contains("final_logits_bias"), model);
            for (String tied : TIED) {
                assertTrue(bin.contains(tied), model + " bin lacks " + tied);
                assertFalse(st.contains(tied), model + " safetensors should not store " + tied);
                assertEquals(bin.info("model.shared.weight").dtype(), bin.info(tied).dtype(), tied);
                assertEquals(bin.data("model.shared.weight"), bin.data(tied), tied);
                // Tied copies share the storage: the same bytes of the file, not a second copy.
                assertEquals(((TorchPickleFile) bin).fileOffset("model.shared.weight"), ((TorchPickleFile) bin).fileOffset(tied), tied);
            }
        }
    }
}
