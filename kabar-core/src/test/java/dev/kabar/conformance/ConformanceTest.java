package dev.kabar.conformance;

import static dev.kabar.tokenize.TokenizerCaseChecks.conformanceDir;
import static dev.kabar.tokenize.TokenizerCaseChecks.ints;
import static dev.kabar.tokenize.TokenizerCaseChecks.label;
import static dev.kabar.tokenize.TokenizerCaseChecks.modelDirsWith;
import static dev.kabar.tokenize.TokenizerCaseChecks.readJsonl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.TestData;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.engine.Precision;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.ForcedWords;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.nn.DecoderState;
import dev.kabar.nn.EncoderDecoderModel;
import dev.kabar.tokenize.TokenizerCaseChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reproduces the reference outputs of Hugging Face transformers in {@code conformance.dir}
 * (default {@code ../shared/conformance}; its README defines the format).
 *
 * <p>Every case of every {@code *}/golden.jsonl runs three times: with the weights read from
 * {@code model.safetensors} and from {@code pytorch_model.bin} on the default packed products (greedy
 * steps screening the LM head through bfloat16 in the first, not in the second), and from
 * {@code model.safetensors} on PyTorch's plain float32 products. Input ids, output ids and
 * texts must be identical, beam scores and the debug values within the README's tolerances. Every case of
 * every {@code tokenizer_cases.jsonl} runs too. Each case is its own test, named by its case_id.
 *
 * <p>The constrained beam search cases ({@code golden_constrained.jsonl}, CONSTRAINED.md beside the
 * README) run the same way, on the same three engines. Their {@code sequences_scores} may be the bare
 * token {@code -Infinity}, which must come back exactly; {@code num_return_sequences} rows are
 * grouped by input. Every model folder with a {@code golden.jsonl} must have one; a missing file
 * fails.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads Python's {@code json} output, which writes an infinite score as the bare token {@code -Infinity}. */
    private static final ObjectMapper PYTHON_JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Map<String, Seq2SeqEngine> ENGINES = new HashMap<>();

    @AfterAll
    static void closeEngines() {
        ENGINES.values().forEach(Seq2SeqEngine::close);
        ENGINES.clear();
    }

    /**
     * The engine on the default packed products. Greedy steps screen the LM head through bfloat16
     * with the weights from safetensors, and compute it whole in float32 with those from
     * pytorch_model.bin, whatever the CPU, so that the golden outputs check both.
     */
    private static Seq2SeqEngine engine(Path dir, WeightFormat format) {
        return ENGINES.computeIfAbsent(dir + "|" + format, k -> {
            String old = System.getProperty("kabar.screen-head");
            System.setProperty("kabar.screen-head", format == WeightFormat.SAFETENSORS ? "on" : "off");
            try {
                return Seq2SeqEngine.load(dir, format);
            } finally {
                TestData.restoreProperty("kabar.screen-head", old);
            }
        });
    }

    /** An engine on PyTorch's plain float32 products (MKL) instead of the default packed oneDNN ones. */
    private static Seq2SeqEngine plainEngine(Path dir) {
        return ENGINES.computeIfAbsent(dir + "|plain", k -> Seq2SeqEngine.load(dir, WeightFormat.SAFETENSORS, true, Precision.FLOAT32, null));
    }

    @TestFactory
    Stream<DynamicNode> goldenCases() {
        Path root = conformanceDir();
        List<DynamicNode> models = new ArrayList<>();
        for (Path dir : modelDirsWith(root, "golden.jsonl")) {
            List<JsonNode> cases = readJsonl(dir.resolve("golden.jsonl"));
            for (WeightFormat format : List.of(WeightFormat.SAFETENSORS, WeightFormat.PYTORCH_BIN)) {
                List<DynamicTest> tests = new ArrayList<>();
                for (JsonNode c : cases) {
                    Path modelDir = c.hasNonNull("model") ? root.resolve(c.get("model").asText()) : dir;
                    tests.add(DynamicTest.dynamicTest(c.get("case_id").asText() + " [" + format + "]",
                            () -> runGoldenCase(engine(modelDir, format), c)));
                }
                // The name says which products the guard let the engine use on this CPU.
                Seq2SeqEngine used = engine(dir, format);
                models.add(DynamicContainer.dynamicContainer(dir.getFileName() + " golden " + format + " (" + used.products() + " products, "
                        + used.greedyHead() + " greedy head)", tests));
            }
            List<DynamicTest> plain = new ArrayList<>();
            for (JsonNode c : cases) {
                Path modelDir = c.hasNonNull("model") ? root.resolve(c.get("model").asText()) : dir;
                plain.add(DynamicTest.dynamicTest(c.get("case_id").asText() + " [plain products]",
                        () -> runGoldenCase(plainEngine(modelDir), c)));
            }
            models.add(DynamicContainer.dynamicContainer(dir.getFileName() + " golden, plain float32 products", plain));
        }
        return models.stream();
    }

    @TestFactory
    Stream<DynamicNode> constrainedCases() {
        Path root = conformanceDir();
        List<DynamicNode> models = new ArrayList<>();
        for (Path dir : modelDirsWith(root, "golden.jsonl")) {
            Path file = dir.resolve("golden_constrained.jsonl");
            if (!Files.isRegularFile(file)) {
                models.add(DynamicTest.dynamicTest(dir.getFileName() + " golden_constrained.jsonl",
                        () -> fail("Missing " + file.toAbsolutePath() + ": every conformance model needs its constrained beam "
                                + "search goldens (CONSTRAINED.md); restore the test data.")));
                continue;
            }
            List<JsonNode> cases = readPythonJsonl(file);
            for (WeightFormat format : List.of(WeightFormat.SAFETENSORS, WeightFormat.PYTORCH_BIN)) {
                List<DynamicTest> tests = new ArrayList<>();
                for (JsonNode c : cases) {
                    Path modelDir = c.hasNonNull("model") ? root.resolve(c.get("model").asText()) : dir;
                    tests.add(DynamicTest.dynamicTest(c.get("case_id").asText() + " [" + format + "]",
                            () -> runGoldenCase(engine(modelDir, format), c)));
                }
                models.add(DynamicContainer.dynamicContainer(dir.getFileName() + " golden_constrained " + format, tests));
            }
            List<DynamicTest> plain = new ArrayList<>();
            for (JsonNode c : cases) {
                Path modelDir = c.hasNonNull("model") ? root.resolve(c.get("model").asText()) : dir;
                plain.add(DynamicTest.dynamicTest(c.get("case_id").asText() + " [plain products]",
                        () -> runGoldenCase(plainEngine(modelDir), c)));
            }
            models.add(DynamicContainer.dynamicContainer(dir.getFileName() + " golden_constrained, plain float32 products", plain));
        }
        return models.stream();
    }

    /**
     * The engine's per-input constraints: a golden constrained case's sentence with its words as its
     * own constraints, beside two unconstrained sentences, gives the golden output, and the others
     * what plain beam search gives them, whatever worker and batch each lands in.
     */
    @Test
    void perInputConstraintsTravelWithTheirInputs() {
        Path dir = conformanceDir().resolve("marian-tiny");
        JsonNode c = readPythonJsonl(dir.resolve("golden_constrained.jsonl")).stream()
                .filter(n -> n.get("case_id").asText().equals("cb-beam4-single-jakarta")).findFirst().orElseThrow();
        Seq2SeqEngine engine = engine(dir, WeightFormat.SAFETENSORS);
        Map<String, Object> kwargs = new HashMap<>(JSON.convertValue(c.get("generate_kwargs"), Map.class));
        Object words = kwargs.remove("force_words_ids");
        GenerationConfig plain = engine.generationConfig(kwargs);
        List<ForcedWords> mine = engine.generationConfig(Map.of("num_beams", 4, "force_words_ids", words)).forceWordsIds();
        int[] sentence = ints(c.get("input_ids").get(0));
        int[][] others = {engine.tokenizer().encode("Presiden berbicara di Jakarta."), engine.tokenizer().encode("Harga minyak naik.")};
        // Last, so that it is not first in its worker's part: its constraints must follow its index, not its place.
        int[][] ids = {others[0], others[1], sentence};
        GenerationResult mixed = engine.generateIds(ids, plain, List.of(List.of(), List.of(), mine));
        GenerationResult alone = engine.generateIds(others, plain);
        assertArrayEquals(ints(c.get("output_ids").get(0)), strip(mixed.sequences()[2], plain.padTokenId()), "constrained input");
        assertEquals(c.get("sequences_scores").get(0).asDouble(), mixed.scores()[2], 1e-4);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(strip(alone.sequences()[i], plain.padTokenId()), strip(mixed.sequences()[i], plain.padTokenId()),
                    "unconstrained input " + i);
            // The batches' shapes differ (padding, rows per product), so float32 sums may differ in the last bits.
            assertEquals(alone.scores()[i], mixed.scores()[i], 1e-4);
        }
    }

    private static int[] strip(int[] seq, int pad) {
        int n = seq.length;
        while (n > 1 && seq[n - 1] == pad) {
            n--;
        }
        return java.util.Arrays.copyOf(seq, n);
    }

    private static List<JsonNode> readPythonJsonl(Path file) {
        List<JsonNode> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    cases.add(PYTHON_JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (cases.isEmpty()) {
            fail(file + " holds no cases.");
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicNode> tokenizerCases() {
        Path root = conformanceDir();
        List<DynamicNode> models = new ArrayList<>();
        for (Path dir : modelDirsWith(root, "tokenizer_cases.jsonl")) {
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : readJsonl(dir.resolve("tokenizer_cases.jsonl"))) {
                Path modelDir = c.hasNonNull("model") ? root.resolve(c.get("model").asText()) : dir;
                tests.add(DynamicTest.dynamicTest(c.get("case_id").asText(),
                        () -> TokenizerCaseChecks.checkTokenizerCase(engine(modelDir, WeightFormat.AUTO).tokenizer(), c)));
            }
            models.add(DynamicContainer.dynamicContainer(dir.getFileName() + " tokenizer", tests));
        }
        return models.stream();
    }

    private static void runGoldenCase(Seq2SeqEngine engine, JsonNode c) {
        TokenizerCaseChecks.checkGoldenInputs(engine.tokenizer(), c);
        int[][] inputIds = matrix(c.get("input_ids"));
        int[][] mask = matrix(c.get("attention_mask"));
        Map<String, Object> kwargs = JSON.convertValue(c.get("generate_kwargs"), Map.class);
        GenerationConfig gen = engine.generationConfig(kwargs);
        GenerationResult result = engine.generateIds(inputIds, mask, gen);
        int[][] expected = matrix(c.get("output_ids"));
        assertEquals(expected.length, result.sequences().length, label(c) + ": number of output rows");
        for (int row = 0; row < expected.length; row++) {
            assertArrayEquals(expected[row], result.sequences()[row], label(c) + ": output_ids row " + row);
            assertEquals(c.get("output_texts").get(row).asText(),
                    engine.tokenizer().decode(result.sequences()[row], true, true), label(c) + ": output_texts row " + row);
        }
        if (c.hasNonNull("sequences_scores")) {
            assertNotNull(result.scores(), label(c) + ": beam search must return sequences_scores");
            for (int row = 0; row < expected.length; row++) {
                double want = c.get("sequences_scores").get(row).asDouble();
                if (Double.isInfinite(want)) {
                    assertEquals(want, (double) result.scores()[row], label(c) + ": sequences_scores row " + row);
                } else {
                    assertEquals(want, result.scores()[row], 1e-4, label(c) + ": sequences_scores row " + row);
                }
            }
        } else if (gen.numBeams() == 1) {
            assertNull(result.scores(), label(c) + ": greedy search has no sequences_scores");
        }
        if (c.has("debug")) {
            checkDebug(engine.model(), inputIds, mask, c.get("debug"), label(c));
        }
    }

    private static void checkDebug(EncoderDecoderModel model, int[][] ids, int[][] mask, JsonNode debug, String label) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray idArray = manager.create(toLong(ids));
            NDArray maskArray = manager.create(toLong(mask));
            NDArray hidden = model.encode(idArray, maskArray);
            JsonNode enc = debug.get("encoder_last_hidden_state");
            if (enc != null) {
                assertArrayEquals(longs(enc.get("shape")), hidden.getShape().getShape(), label + ": encoder shape");
                int batch = ids.length;
                int len = ids[0].length;
                int d = (int) hidden.getShape().get(2);
                float[] h = hidden.toFloatArray();
                double total = 0;
                for (int b = 0; b < batch; b++) {
                    double rowSum = 0;
                    for (int t = 0; t < len; t++) {
                        if (mask[b][t] == 1) {
                            for (int j = 0; j < d; j++) {
                                rowSum += h[(b * len + t) * d + j];
                            }
                        }
                    }
                    total += rowSum;
                    assertEquals(enc.get("row_masked_sums").get(b).asDouble(), rowSum, 2e-3, label + ": encoder row_masked_sums " + b);
                }
                assertEquals(enc.get("masked_sum").asDouble(), total, 2e-3, label + ": encoder masked_sum");
                int lastReal = 0;
                for (int t = 0; t < len; t++) {
                    if (mask[0][t] == 1) {
                        lastReal = t;
                    }
                }
                for (int j = 0; j < 5; j++) {
                    assertEquals(enc.get("first5").get(j).asDouble(), h[j], 1e-4, label + ": encoder first5[" + j + "]");
                    assertEquals(enc.get("last_real_token_first5").get(j).asDouble(), h[lastReal * d + j], 1e-4,
                            label + ": encoder last_real_token_first5[" + j + "]");
                }
            }
            JsonNode first = debug.get("first_step_logits");
            if (first != null) {
                DecoderState state = model.startDecoding(hidden, maskArray);
                int[][] start = matrix(first.get("decoder_input_ids"));
                NDArray logits = model.decode(state, manager.create(toLong(start))).logits();
                int vocab = (int) logits.getShape().get(2);
                float[] l = logits.toFloatArray();
                for (int b = 0; b < start.length; b++) {
                    double sum = 0;
                    for (int v = 0; v < vocab; v++) {
                        sum += l[b * vocab + v];
                    }
                    assertEquals(first.get("row_sums").get(b).asDouble(), sum, 2e-3, label + ": first_step_logits row_sums " + b);
                    int[] top = ints(first.get("top5_ids").get(b));
                    for (int j = 0; j < top.length; j++) {
                        assertEquals(first.get("top5_values").get(b).get(j).asDouble(), l[b * vocab + top[j]], 1e-4,
                                label + ": logit of top5 id " + top[j] + " row " + b);
                    }
                    for (int j = 1; j < top.length; j++) {
                        if (!(l[b * vocab + top[j - 1]] >= l[b * vocab + top[j]])) {
                            fail(label + ": top5 ids out of order in row " + b);
                        }
                    }
                    float fifth = l[b * vocab + top[top.length - 1]];
                    int above = 0;
                    for (int v = 0; v < vocab; v++) {
                        if (l[b * vocab + v] > fifth + 1e-4f) {
                            above++;
                        }
                    }
                    assertEquals(true, above < top.length, label + ": a token outside top5_ids scores above them in row " + b);
                }
            }
        }
    }

    private static int[][] matrix(JsonNode rows) {
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints(rows.get(i));
        }
        return out;
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static long[][] toLong(int[][] a) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new long[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j];
            }
        }
        return out;
    }

}
