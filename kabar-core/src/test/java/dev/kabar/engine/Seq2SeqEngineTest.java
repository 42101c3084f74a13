package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kabar.Bfloat16Cpu;
import dev.kabar.TestData;
import dev.kabar.bench.RandomCheckpoint;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.generate.InvalidGenerationOptionException;
import dev.kabar.runtime.CpuInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end on the tiny conformance checkpoints. */
class Seq2SeqEngineTest {

    private static final List<String> TEXTS = List.of(
            "Menteri Pertahanan berbicara lewat telepon.",
            "Harga beras naik.",
            "Presiden meresmikan jalan tol baru di Sumatera Utara pada hari Jumat bersama para menteri dan gubernur.",
            "Banjir.");

    private static Seq2SeqEngine marian;
    private static Seq2SeqEngine bart;

    static Path conformance(String model) {
        return TestData.conformance(model);
    }

    @BeforeAll
    static void load() {
        marian = Seq2SeqEngine.load(conformance("marian-tiny"));
        bart = Seq2SeqEngine.load(conformance("bart-tiny"));
    }

    @AfterAll
    static void close() {
        marian.close();
        bart.close();
    }

    private static int[] strip(int[] seq, int pad) {
        int n = seq.length;
        while (n > 1 && seq[n - 1] == pad) {
            n--;
        }
        return Arrays.copyOf(seq, n);
    }

    @Test
    void aBatchOfNGivesTheSameTokensAsNSingleRuns() {
        for (Seq2SeqEngine engine : List.of(marian, bart)) {
            for (int beams : new int[] {1, 4}) {
                GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", 24));
                int[][] ids = TEXTS.stream().map(engine.tokenizer()::encode).toArray(int[][]::new);
                GenerationResult batch = engine.generateIds(ids, gen);
                for (int i = 0; i < ids.length; i++) {
                    GenerationResult single = engine.generateIds(new int[][] {ids[i]}, gen);
                    assertArrayEquals(strip(single.sequences()[0], gen.padTokenId()), strip(batch.sequences()[i], gen.padTokenId()),
                            engine.folder().getFileName() + " beams " + beams + " text " + i);
                    if (beams > 1) {
                        assertEquals(single.scores()[0], batch.scores()[i], 1e-4f);
                    }
                }
            }
        }
    }

    @Test
    void continuousBatchingOnTheRealModelGivesTheSameTokens() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.addAll(TEXTS);
        }
        many.add("Kementerian pertahanan Rusia mengkonfirmasi panggilan tersebut.");
        for (Seq2SeqEngine engine : List.of(marian, bart)) {
            for (int beams : new int[] {1, 3}) {
                GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", 20, "min_new_tokens", 2));
                int[][] ids = many.stream().map(engine.tokenizer()::encode).toArray(int[][]::new);
                GenerationResult all = engine.generateIds(ids, gen);
                // Two inputs at a time: rows join and leave at different positions.
                GenerationResult continuous = engine.generateIds(ids, gen, 2 * beams);
                for (int i = 0; i < ids.length; i++) {
                    assertArrayEquals(strip(all.sequences()[i], gen.padTokenId()), strip(continuous.sequences()[i], gen.padTokenId()),
                            engine.folder().getFileName() + " beams " + beams + " input " + i);
                }
            }
        }
    }

    @Test
    void splittingACallOverWorkersChangesNoResult() {
        List<String> many = manyTexts();
        try {
            for (Seq2SeqEngine engine : List.of(marian, bart)) {
                for (int beams : new int[] {1, 3}) {
                    GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", 20));
                    int[][] ids = many.stream().map(engine.tokenizer()::encode).toArray(int[][]::new);
                    GenerationResult alone = engine.withWorkers(1).generateIds(ids, gen);
                    for (int workers : new int[] {2, 3, 8}) {
                        String what = engine.folder().getFileName() + " beams " + beams + " workers " + workers;
                        GenerationResult split = engine.withWorkers(workers).generateIds(ids, gen);
                        assertEquals(workers, engine.workers());
                        // Same rows in the same order, padded to the same width as one batch.
                        assertEquals(alone.sequences().length, split.sequences().length, what);
                        assertSameOutputs(alone, split, what);
                        // With a row budget too: each worker batches its own part continuously.
                        GenerationResult continuous = engine.generateIds(ids, gen, beams);
                        for (int i = 0; i < ids.length; i++) {
                            assertArrayEquals(strip(alone.sequences()[i], gen.padTokenId()),
                                    strip(continuous.sequences()[i], gen.padTokenId()), what + " continuous, input " + i);
                        }
                    }
                }
            }
        } finally {
            marian.withWorkers(Seq2SeqEngine.DEFAULT_WORKERS);
            bart.withWorkers(Seq2SeqEngine.DEFAULT_WORKERS);
        }
    }

    /**
     * The LM head in vocabulary slices (the path the 54k-token opus-mt vocabulary takes) gives the
     * tokens and scores of the whole head, which the conformance suite checks against
     * transformers: with beam search, processors that read, write and ban scores, and
     * renormalisation after them.
     */
    /** Greedy and beam search with processors that read, write and ban scores, and renormalisation after them. */
    private static final List<Map<String, Object>> SEARCH_SETTINGS = List.of(
            Map.of("num_beams", 1, "max_new_tokens", 16),
            Map.of("num_beams", 3, "max_new_tokens", 16),
            Map.of("num_beams", 4, "max_new_tokens", 16, "min_new_tokens", 5, "no_repeat_ngram_size", 2),
            Map.of("num_beams", 3, "max_new_tokens", 12, "repetition_penalty", 1.3, "length_penalty", 0.6),
            Map.of("num_beams", 2, "max_new_tokens", 10, "renormalize_logits", true, "min_length", 4));

    /** The test texts and one more, so that parts and slices see several lengths. */
    private static List<String> manyTexts() {
        List<String> many = new java.util.ArrayList<>(TEXTS);
        many.add("Kementerian pertahanan Rusia mengkonfirmasi panggilan tersebut.");
        return many;
    }

    /** One check over an engine, a search setting, its generation config and the encoded {@link #manyTexts()}. */
    private interface SettingCheck {
        void run(Seq2SeqEngine engine, Map<String, Object> setting, GenerationConfig gen, int[][] ids);
    }

    /** Runs {@code check} for both tiny models and every one of {@link #SEARCH_SETTINGS}. */
    private static void forEverySearchSetting(SettingCheck check) {
        List<String> many = manyTexts();
        for (Seq2SeqEngine engine : List.of(marian, bart)) {
            for (Map<String, Object> setting : SEARCH_SETTINGS) {
                int[][] ids = many.stream().map(engine.tokenizer()::encode).toArray(int[][]::new);
                check.run(engine, setting, engine.generationConfig(setting), ids);
            }
        }
    }

    /** Asserts the same sequences for every input, and the same beam scores within 1e-4 when there are any. */
    private static void assertSameOutputs(GenerationResult expected, GenerationResult actual, String what) {
        for (int i = 0; i < expected.sequences().length; i++) {
            assertArrayEquals(expected.sequences()[i], actual.sequences()[i], what + ", input " + i);
            if (expected.scores() != null) {
                assertEquals(expected.scores()[i], actual.scores()[i], 1e-4f, what + ", input " + i);
            }
        }
    }

    @Test
    void aSlicedLmHeadGivesTheTokensOfTheWholeHead() {
        try {
            forEverySearchSetting((engine, setting, gen, ids) -> {
                GenerationResult whole = engine.withLmHeadChunk(ModelDecoderSession.LM_HEAD_CHUNK).generateIds(ids, gen);
                assertTrue(engine.config().vocabSize() <= ModelDecoderSession.LM_HEAD_CHUNK, "the default is one slice here");
                for (int chunk : new int[] {7, 100}) {
                    GenerationResult sliced = engine.withLmHeadChunk(chunk).generateIds(ids, gen);
                    assertSameOutputs(whole, sliced, engine.folder().getFileName() + " " + setting + " slices of " + chunk);
                }
            });
        } finally {
            marian.withLmHeadChunk(ModelDecoderSession.LM_HEAD_CHUNK);
            bart.withLmHeadChunk(ModelDecoderSession.LM_HEAD_CHUNK);
        }
    }

    /**
     * A part with several threads either spreads its LM head over them ({@link LmHeadPlan}, plain
     * products) or lets each product use them all (packed ones), for a lone input as for parts when
     * there are more threads than workers. The tokens and scores must be those of the head computed
     * on one thread, whole or sliced, single row or several.
     */
    @Test
    void spreadingTheLmHeadOverThreadsChangesNoResult() {
        try {
            forEverySearchSetting((engine, setting, gen, ids) -> {
                for (int chunk : new int[] {ModelDecoderSession.LM_HEAD_CHUNK, 7}) {
                    engine.withLmHeadChunk(chunk);
                    for (int[][] call : List.of(ids, new int[][] {ids[0]})) {
                        GenerationResult one = engine.withWorkers(1, 1).generateIds(call, gen);
                        // {workers, threads}: one part over three threads; two parts over two each.
                        for (int[] layout : new int[][] {{1, 3}, {2, 4}}) {
                            GenerationResult spread = engine.withWorkers(layout[0], layout[1]).generateIds(call, gen);
                            assertSameOutputs(one, spread, engine.folder().getFileName() + " " + setting + " slices of " + chunk
                                    + ", " + call.length + " inputs, " + layout[0] + " workers on " + layout[1] + " threads");
                        }
                    }
                }
            });
        } finally {
            for (Seq2SeqEngine engine : List.of(marian, bart)) {
                engine.withLmHeadChunk(ModelDecoderSession.LM_HEAD_CHUNK).withWorkers(Seq2SeqEngine.DEFAULT_WORKERS);
            }
        }
    }

    /**
     * Greedy steps screen the float32 head through bfloat16 ({@link ScreenedScores}); the tokens
     * must be those of the float32 head computed whole, for every setting (beam search never
     * screens), batched or alone, and on a random checkpoint of opus-mt's hidden size, whose
     * logits lie much closer together than the tiny checkpoints'.
     */
    @Test
    void screeningTheLmHeadGivesTheTokensOfTheFloat32Head(@TempDir Path dir) throws Exception {
        try {
            forEverySearchSetting((engine, setting, gen, ids) -> {
                for (int[][] call : List.of(ids, new int[][] {ids[0]})) {
                    GenerationResult whole = engine.withHeadScreening(false).generateIds(call, gen);
                    GenerationResult screened = engine.withHeadScreening(true).generateIds(call, gen);
                    assertSameOutputs(whole, screened, engine.folder().getFileName() + " " + setting + ", " + call.length + " inputs");
                }
            });
            // Screened where the CPU multiplies bfloat16; elsewhere the guard keeps the whole head (the same tokens, above).
            assertEquals(Bfloat16Cpu.available(), marian.model().hasScreenedHead() && bart.model().hasScreenedHead(),
                    "greedy calls screened the head on " + CpuInfo.current().describeWithCap());
            assertEquals(Bfloat16Cpu.available() ? "screened" : "whole", marian.greedyHead());
            assertEquals("whole", marian.withHeadScreening(false).greedyHead());
        } finally {
            marian.withHeadScreening(HeadScreening.enabled());
            bart.withHeadScreening(HeadScreening.enabled());
        }
        // opus-mt-id-en's architecture, with a smaller vocabulary and fewer layers.
        int vocab = 6000;
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.putArray("architectures").add("MarianMTModel");
        config.put("model_type", "marian").put("vocab_size", vocab).put("decoder_vocab_size", vocab).put("d_model", 512)
                .put("encoder_layers", 1).put("decoder_layers", 2).put("encoder_attention_heads", 8)
                .put("decoder_attention_heads", 8).put("encoder_ffn_dim", 512).put("decoder_ffn_dim", 512)
                .put("activation_function", "swish").put("max_position_embeddings", 512).put("scale_embedding", true)
                .put("static_position_embeddings", true).put("normalize_before", false).put("add_final_layer_norm", false)
                .put("pad_token_id", vocab - 1).put("decoder_start_token_id", vocab - 1).put("eos_token_id", 0)
                .put("bos_token_id", 0).put("forced_eos_token_id", 0).put("max_length", 512).put("init_std", 0.02)
                .put("is_encoder_decoder", true);
        config.putArray("bad_words_ids").addArray().add(vocab - 1);
        Path json = dir.resolve("source-config.json");
        Files.writeString(json, config.toString());
        Path model = dir.resolve("random");
        RandomCheckpoint.write(json, model, 3);
        try (Seq2SeqEngine random = Seq2SeqEngine.load(model, WeightFormat.AUTO, false)) {
            java.util.Random r = new java.util.Random(5);
            int[][] ids = new int[12][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.ints(3 + r.nextInt(30), 1, vocab - 1).toArray();
                ids[i][ids[i].length - 1] = 0;
            }
            GenerationConfig gen = random.generationConfig(Map.of("num_beams", 1, "max_new_tokens", 24));
            GenerationResult whole = random.withHeadScreening(false).generateIds(ids, gen);
            GenerationResult screened = random.withHeadScreening(true).generateIds(ids, gen);
            assertSameOutputs(whole, screened, "random opus-mt-sized checkpoint");
            assertEquals(Bfloat16Cpu.available(), random.model().hasScreenedHead(), CpuInfo.current().describeWithCap());
        }
    }

    @Test
    void float32RunsOnPackedProductsUnlessAskedForPlainOnes() {
        assertEquals("packed", marian.products());
        try (Seq2SeqEngine plain = Seq2SeqEngine.load(conformance("marian-tiny"), WeightFormat.AUTO, true, Precision.FLOAT32, null)) {
            assertEquals("plain", plain.products());
            Map<String, Object> greedy = Map.of("num_beams", 1, "max_new_tokens", 8);
            assertEquals(marian.generate(TEXTS, greedy), plain.generate(TEXTS, greedy));
        }
    }

    @Test
    void textInTextOut() {
        List<String> out = marian.generate(TEXTS, Map.of("num_beams", 2, "max_new_tokens", 8));
        assertEquals(TEXTS.size(), out.size());
        assertTrue(marian.generate(List.of(), Map.of()).isEmpty());
    }

    @Test
    void badOptionsAreRejectedBeforeAnyWork() {
        InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                () -> marian.generate(TEXTS, Map.of("num_beams", -3)));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }
}
