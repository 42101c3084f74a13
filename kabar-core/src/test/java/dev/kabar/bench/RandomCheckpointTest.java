package dev.kabar.bench;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.SafetensorsFile;
import dev.kabar.checkpoint.TensorInfo;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.nn.ParameterManifest;
import dev.kabar.runtime.Profile;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random-weight checkpoints have the real layout, load, and run the exact-length workload. */
class RandomCheckpointTest {

    static Path conformance(String model) {
        return TestData.conformance(model);
    }

    @Test
    void theManifestNamesWhatSavePretrainedWrites() {
        for (String name : List.of("marian-tiny", "bart-tiny")) {
            Path dir = conformance(name);
            Set<String> manifest = new TreeSet<>();
            for (ParameterManifest.Entry e : ParameterManifest.of(ModelConfig.read(dir))) {
                manifest.add(e.info().name());
            }
            try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
                assertEquals(new TreeSet<>(file.names()), manifest, name);
                for (ParameterManifest.Entry e : ParameterManifest.of(ModelConfig.read(dir))) {
                    assertArrayEquals(file.info(e.info().name()).shape(), e.info().shape(), e.info().name());
                }
            }
        }
    }

    @Test
    void writesAnInitialisedCheckpointThatLoadsAndRunsExactLengths(@TempDir Path out) throws Exception {
        long params = RandomCheckpoint.write(conformance("marian-tiny").resolve("config.json"), out, 7);
        assertTrue(params > 0);
        try (SafetensorsFile file = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            FloatBuffer ln = file.data("model.encoder.layers.0.final_layer_norm.weight").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            assertEquals(1f, ln.get(0));
            TensorInfo shared = file.info("model.shared.weight");
            FloatBuffer emb = file.data("model.shared.weight").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            long d = shared.shape()[1];
            assertEquals(0f, emb.get((int) (725 * d)), "the padding row is zero");
            double sumSq = 0;
            for (int i = 0; i < 32 * d; i++) {
                sumSq += emb.get(i) * emb.get(i);
            }
            double std = Math.sqrt(sumSq / (32 * d));
            assertTrue(std > 0.015 && std < 0.025, "init_std 0.02, measured " + std);
        }
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(out, WeightFormat.AUTO, false)) {
            GenerationConfig gen = engine.generationConfig(Map.of("num_beams", 3, "max_new_tokens", 9));
            int[][] ids = {{5, 6, 7, 0}, {9, 0}};
            GenerationResult r = engine.generateIdsExactLengths(ids, gen, new int[] {8, 3}, Profile.OFF);
            assertEquals(0, r.sequences()[0][9]);
            assertEquals(0, r.sequences()[1][4]);
            Workload w = new Workload(List.of(new Workload.Sentence(0, ids[0], 8), new Workload.Sentence(1, ids[1], 3)));
            WorkloadRunner.Result res = WorkloadRunner.run(engine, w, 2, new WorkloadRunner.Batching(0, 64, true), Profile.recording());
            assertEquals(11, res.generatedTokens());
            assertTrue(res.flops() > 0);
            assertEquals(0, res.constrained());

            // Half the workload with a glossary-like phrase: the second sentence (of two) must hold its ids 9.
            WorkloadRunner.Result half = WorkloadRunner.run(engine, w, 2, new WorkloadRunner.Batching(0, 64, true), Profile.OFF,
                    0.5, 2);
            assertEquals(1, half.constrained());
            assertEquals(1, half.constraintsMet(), "constrained search put the phrase in");
            assertThrows(IllegalArgumentException.class, () -> WorkloadRunner.run(engine, w, 1,
                    new WorkloadRunner.Batching(0, 64, true), Profile.OFF, 0.5, 2), "constraints need beams");
        }
    }
}
