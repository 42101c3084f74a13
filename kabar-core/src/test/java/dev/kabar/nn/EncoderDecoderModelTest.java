package dev.kabar.nn;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.kabar.checkpoint.CheckpointException;
import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.TensorSource;
import dev.kabar.checkpoint.WeightFiles;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.runtime.DjlOffline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network on the tiny conformance checkpoints and on hand-made tensors. */
class EncoderDecoderModelTest {

    static Path conformance(String model) {
        return TestData.conformance(model);
    }

    @BeforeAll
    static void offline() {
        DjlOffline.ensure();
    }

    @Test
    void cachedDecodingEqualsUncachedRecomputation() {
        for (String name : List.of("marian-tiny", "marian-tiny-b", "bart-tiny")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                EncoderDecoderModel model = TestModels.load(conformance(name), manager);
                long[][] src = {{47, 70, 481, 59, 254, 0, 1}, {661, 12, 23, 0, 1, 1, 1}};
                long[][] mask = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0}};
                if (name.startsWith("bart")) {
                    src = new long[][] {{0, 40, 41, 42, 43, 44, 2}, {0, 50, 51, 2, 1, 1, 1}};
                }
                NDArray maskArray = manager.create(mask);
                NDArray hidden = model.encode(manager.create(src), maskArray);
                long[][] prefix = {{5, 17, 33, 8, 90, 4}, {9, 9, 120, 3, 7, 60}};
                // Uncached: the whole prefix at once, with the causal mask.
                DecoderState fresh = model.startDecoding(hidden, maskArray);
                NDArray full = model.decode(fresh, manager.create(prefix)).logits();
                // Cached: one token at a time through the explicit state.
                DecoderState state = model.startDecoding(hidden, maskArray);
                for (int t = 0; t < prefix[0].length; t++) {
                    long[][] step = {{prefix[0][t]}, {prefix[1][t]}};
                    EncoderDecoderModel.Step s = model.decode(state, manager.create(step));
                    state = s.state();
                    NDArray expected = full.get(new NDIndex(":, {}:{}, :", t, t + 1));
                    float diff = TestModels.maxAbsDiff(expected, s.logits());
                    assertTrue(diff < 1e-4f, name + " step " + t + ": cached and uncached logits differ by " + diff);
                }
                assertEquals(prefix[0].length, state.length());
            }
        }
    }

    @Test
    void chunkedEncodingEqualsEncodingTheBatchAtOnce() {
        for (String name : List.of("marian-tiny", "bart-tiny")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                EncoderDecoderModel model = TestModels.load(conformance(name), manager);
                int pad = model.config().padTokenId();
                long[][] src = {{47, 70, 481, 59, 254, 33, 12, 2}, {661, 12, 2, pad, pad, pad, pad, pad},
                    {5, 6, 7, 8, 2, pad, pad, pad}, {9, 2, pad, pad, pad, pad, pad, pad}};
                int[] lengths = {8, 3, 5, 2};
                long[][] mask = new long[4][8];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < lengths[i]; j++) {
                        mask[i][j] = 1;
                    }
                }
                NDArray ids = manager.create(src);
                NDArray maskArray = manager.create(mask);
                DecoderState whole = model.startDecoding(model.encode(ids, maskArray), maskArray, 2);
                // A budget of 8 tokens puts nearly every input in a chunk of its own.
                DecoderState chunked = model.encodeForDecoding(ids, lengths, 2, 8);
                long[][] tokens = {{5}, {5}, {17}, {17}, {33}, {33}, {8}, {8}};
                for (int step = 0; step < 3; step++) {
                    EncoderDecoderModel.Step a = model.decode(whole, manager.create(tokens));
                    EncoderDecoderModel.Step b = model.decode(chunked, manager.create(tokens));
                    float diff = TestModels.maxAbsDiff(a.logits(), b.logits());
                    assertTrue(diff < 1e-4f, name + " step " + step + ": chunked encoding differs by " + diff);
                    whole = a.state();
                    chunked = b.state();
                }
            }
        }
    }

    @Test
    void sinusoidalTableEqualsTheOneStoredInOlderCheckpoints() {
        // marian-tiny-b stores the table the reference computes, as checkpoints converted from older files do.
        Path dir = conformance("marian-tiny-b");
        try (NDManager manager = NDManager.newBaseManager(); TensorSource weights = WeightFiles.open(dir, WeightFormat.SAFETENSORS)) {
            WeightStore store = new WeightStore(weights, manager, dir.toString());
            NDArray stored = store.get("model.encoder.embed_positions.weight", 512, 48);
            NDArray computed = EncoderDecoderModel.sinusoidalTable(manager, 512, 48);
            assertTrue(TestModels.maxAbsDiff(stored, computed) < 1e-6f, "sinusoidal table differs from the stored one");
        }
    }

    @Test
    void sinusoidalTableOnHandComputedValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // d = 4: columns are sin(pos), sin(pos/100), cos(pos), cos(pos/100).
            float[] t = EncoderDecoderModel.sinusoidalTable(manager, 3, 4).toFloatArray();
            assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, new float[] {t[0], t[1], t[2], t[3]}, 1e-7f);
            assertArrayEquals(new float[] {(float) Math.sin(2), (float) Math.sin(0.02), (float) Math.cos(2), (float) Math.cos(0.02)},
                    new float[] {t[8], t[9], t[10], t[11]}, 1e-7f);
        }
    }

    @Test
    void additiveMaskOnHandMadeTensor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = EncoderDecoderModel.additiveMask(manager.create(new long[][] {{1, 1, 0}}));
            assertArrayEquals(new long[] {1, 1, 1, 3}, mask.getShape().getShape());
            assertArrayEquals(new float[] {0f, 0f, -Float.MAX_VALUE}, mask.toFloatArray(), 0f);
        }
    }

    @Test
    void attentionAndLayerNormOnHandMadeTensors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // LayerNorm of [1, 3] with unit gamma and zero beta: (x - 2) / sqrt(2/3 + 1e-5).
            LayerNormLayer ln = new LayerNormLayer(manager.ones(new Shape(2)).concat(manager.ones(new Shape(1))),
                    manager.zeros(new Shape(3)), new Shape(3));
            float[] y = ln.forward(manager.create(new float[] {1f, 2f, 3f}, new Shape(1, 3))).toFloatArray();
            float s = (float) Math.sqrt(2.0 / 3.0 + 1e-5);
            assertArrayEquals(new float[] {-1f / s, 0f, 1f / s}, y, 1e-5f);
            // Linear: y = x·Wᵀ + b with W stored [out, in].
            LinearLayer lin = new LinearLayer(manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)),
                    manager.create(new float[] {0.5f, -1f}));
            assertArrayEquals(new float[] {1 + 4 + 9 + 0.5f, 4 + 10 + 18 - 1f},
                    lin.forward(manager.create(new float[] {1, 2, 3}, new Shape(1, 3))).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aMissingTensorIsNamed() throws Exception {
        Path dir = conformance("marian-tiny");
        try (NDManager manager = NDManager.newBaseManager(); TensorSource weights = WeightFiles.open(dir, WeightFormat.SAFETENSORS)) {
            TensorSource without = new FilteredSource(weights, "model.decoder.layers.1.fc2.bias");
            CheckpointException e = assertThrows(CheckpointException.class, () -> EncoderDecoderModel.load(
                    ModelConfig.read(dir), new WeightStore(without, manager, dir.toString()), manager));
            assertTrue(e.getMessage().contains("model.decoder.layers.1.fc2.bias"), e.getMessage());
        }
    }

    @Test
    void aWrongShapeIsNamed() throws Exception {
        Path dir = conformance("marian-tiny");
        Path copy = Files.createTempDirectory("kabar-shape");
        try {
            for (String f : List.of("config.json", "model.safetensors")) {
                Files.copy(dir.resolve(f), copy.resolve(f));
            }
            String cfg = Files.readString(copy.resolve("config.json")).replace("\"decoder_ffn_dim\": 64", "\"decoder_ffn_dim\": 65");
            Files.writeString(copy.resolve("config.json"), cfg);
            try (NDManager manager = NDManager.newBaseManager()) {
                CheckpointException e = assertThrows(CheckpointException.class, () -> TestModels.load(copy, manager));
                assertTrue(e.getMessage().contains("fc1.weight") && e.getMessage().contains("[64, 32]"), e.getMessage());
            }
        } finally {
            try (var files = Files.list(copy)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(copy);
        }
    }

    @Test
    void anUnsupportedModelTypeIsNamed() throws Exception {
        Path dir = Files.createTempDirectory("kabar-type");
        try {
            Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"t5\"}");
            CheckpointException e = assertThrows(CheckpointException.class, () -> ModelConfig.read(dir));
            assertTrue(e.getMessage().contains("\"t5\""), e.getMessage());
        } finally {
            Files.delete(dir.resolve("config.json"));
            Files.delete(dir);
        }
    }

    /** Hides one tensor of a source. */
    private record FilteredSource(TensorSource inner, String hidden) implements TensorSource {
        @Override
        public java.util.Set<String> names() {
            java.util.Set<String> s = new java.util.LinkedHashSet<>(inner.names());
            s.remove(hidden);
            return s;
        }

        @Override
        public dev.kabar.checkpoint.TensorInfo info(String name) {
            return inner.info(name);
        }

        @Override
        public java.nio.ByteBuffer data(String name) {
            return inner.data(name);
        }

        @Override
        public void close() {
        }
    }
}
