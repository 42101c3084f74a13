package dev.kabar.tokenize;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks of a {@link TextTokenizer} against the reference's conformance cases
 * ({@code tokenizer_cases.jsonl} and the tokenizer part of {@code golden.jsonl}, see
 * {@code conformance/README.md} sections 2 and 4). Shared by the tokenizer tests and the
 * end-to-end conformance test; every check fails with the case id in its message.
 */
public final class TokenizerCaseChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerCaseChecks() {
    }

    /**
     * Returns the conformance folder named by system property {@code conformance.dir} (default
     * {@code ../shared/conformance}); fails, never skips, when it is missing.
     */
    public static Path conformanceDir() {
        return TestData.conformanceDir();
    }

    /** Returns the model folders of the conformance folder that hold {@code fileName}, sorted. */
    public static List<Path> modelDirsWith(Path conformanceDir, String fileName) {
        try (Stream<Path> dirs = Files.list(conformanceDir)) {
            List<Path> found = dirs.filter(d -> Files.isRegularFile(d.resolve(fileName))).sorted().toList();
            if (found.isEmpty()) {
                fail("No */" + fileName + " under " + conformanceDir.toAbsolutePath());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON Lines file: one object per non-blank line. */
    public static List<JsonNode> readJsonl(Path file) {
        List<JsonNode> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
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

    /** Checks one line of {@code tokenizer_cases.jsonl}: an encode or a decode case. */
    public static void checkTokenizerCase(TextTokenizer tokenizer, JsonNode c) {
        String kind = c.path("kind").asText();
        switch (kind) {
            case "encode" -> checkEncodeCase(tokenizer, c);
            case "decode" -> checkDecodeCase(tokenizer, c);
            default -> fail(label(c) + ": unknown kind '" + kind + "'");
        }
    }

    /** Checks {@code text} → {@code input_ids} and their {@code tokens}. */
    public static void checkEncodeCase(TextTokenizer tokenizer, JsonNode c) {
        int[] ids = tokenizer.encode(c.get("text").asText());
        assertArrayEquals(ints(c.get("input_ids")), ids, label(c) + ": input_ids");
        assertEquals(strings(c.get("tokens")), tokenizer.idsToTokens(ids), label(c) + ": tokens");
    }

    /** Checks {@code ids} → {@code text} with the case's two flags. */
    public static void checkDecodeCase(TextTokenizer tokenizer, JsonNode c) {
        String text = tokenizer.decode(ints(c.get("ids")), c.get("skip_special_tokens").asBoolean(),
                c.get("clean_up_tokenization_spaces").asBoolean());
        assertEquals(c.get("text").asText(), text, label(c) + ": text");
    }

    /**
     * Checks the encoder inputs of one {@code golden.jsonl} case: {@code input_ids},
     * {@code attention_mask} and {@code input_tokens}, honouring {@code tokenizer_kwargs}
     * ({@code padding}, {@code truncation} with {@code max_length}).
     */
    public static void checkGoldenInputs(TextTokenizer tokenizer, JsonNode c) {
        List<String> inputs = strings(c.get("inputs"));
        JsonNode kwargs = c.path("tokenizer_kwargs");
        boolean padding = kwargs.path("padding").asBoolean(false);
        boolean truncation = kwargs.path("truncation").asBoolean(false);
        if (truncation && !kwargs.has("max_length")) {
            fail(label(c) + ": truncation without max_length is not a case format this check knows");
        }
        int maxLength = kwargs.path("max_length").asInt();
        int[][] ids;
        int[][] mask;
        if (padding) {
            EncodedBatch batch = truncation ? tokenizer.encodeBatch(inputs, maxLength) : tokenizer.encodeBatch(inputs);
            ids = batch.inputIds();
            mask = batch.attentionMask();
        } else {
            ids = new int[inputs.size()][];
            mask = new int[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                ids[i] = truncation ? tokenizer.encode(inputs.get(i), maxLength) : tokenizer.encode(inputs.get(i));
                mask[i] = new int[ids[i].length];
                java.util.Arrays.fill(mask[i], 1);
            }
        }
        JsonNode expectedIds = c.get("input_ids");
        assertEquals(expectedIds.size(), ids.length, label(c) + ": number of input rows");
        for (int row = 0; row < ids.length; row++) {
            assertArrayEquals(ints(expectedIds.get(row)), ids[row], label(c) + ": input_ids row " + row);
            assertEquals(strings(c.get("input_tokens").get(row)), tokenizer.idsToTokens(ids[row]),
                    label(c) + ": input_tokens row " + row);
            if (c.has("attention_mask")) {
                assertArrayEquals(ints(c.get("attention_mask").get(row)), mask[row],
                        label(c) + ": attention_mask row " + row);
            }
        }
    }

    /** Checks that each row of {@code output_ids} decodes to its {@code output_texts} entry. */
    public static void checkGoldenOutputs(TextTokenizer tokenizer, JsonNode c) {
        JsonNode decodeKwargs = c.path("decode_kwargs");
        boolean skip = decodeKwargs.path("skip_special_tokens").asBoolean(true);
        boolean cleanUp = decodeKwargs.path("clean_up_tokenization_spaces").asBoolean(true);
        JsonNode outputIds = c.get("output_ids");
        JsonNode texts = c.get("output_texts");
        assertTrue(outputIds.size() > 0, label(c) + ": no output_ids");
        assertEquals(outputIds.size(), texts.size(), label(c) + ": output_ids and output_texts differ in size");
        for (int row = 0; row < outputIds.size(); row++) {
            assertEquals(texts.get(row).asText(), tokenizer.decode(ints(outputIds.get(row)), skip, cleanUp),
                    label(c) + ": output_texts row " + row);
        }
    }

    /** Returns "case_id (model)" for test names and messages. */
    public static String label(JsonNode c) {
        return c.path("case_id").asText("?") + " (" + c.path("model").asText("?") + ")";
    }

    /** Converts a JSON array of integers. */
    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    /** Converts a JSON array of strings. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
