package dev.kabar.tokenize;

import dev.kabar.runtime.DjlOffline;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The byte-level BPE tokenizer of BART checkpoints, identical to transformers 4.40.2
 * {@code BartTokenizer}, run by the Hugging Face {@code tokenizers} library through DJL.
 *
 * <p>Loaded from {@code tokenizer.json} when the checkpoint has one, otherwise from
 * {@code vocab.json} + {@code merges.txt}, turned into the equivalent {@code tokenizer.json} in
 * memory. Not thread-safe: use one instance per thread.
 */
public final class BartTokenizer implements TextTokenizer {

    static {
        DjlOffline.ensure();
    }

    /** The Hugging Face {@code tokenizers} definition, preferred when present. */
    public static final String TOKENIZER_JSON = "tokenizer.json";

    /**
     * Fallback of {@code model_max_length} when {@code tokenizer_config.json} lacks it: the
     * 1024 positions of {@code facebook/bart-*} in {@code BartTokenizer.max_model_input_sizes}.
     */
    static final int DEFAULT_MODEL_MAX_LENGTH = 1024;

    /**
     * DJL's defaults are not the reference's: without these options it truncates every text to
     * {@code modelMaxLength} (512 unless configured) and pads batches. Truncation is done here.
     */
    private static final Map<String, String> DJL_OPTIONS = Map.of(
            "addSpecialTokens", "true",
            "withOverflowingTokens", "false",
            "truncation", "false",
            "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final Map<Integer, String> idToToken;
    private final int padId;
    private final boolean cleanUpTokenizationSpaces;
    private final int modelMaxLength;

    private BartTokenizer(HuggingFaceTokenizer tokenizer, Map<Integer, String> idToToken, int padId,
                          boolean cleanUp, int modelMaxLength) {
        this.tokenizer = tokenizer;
        this.idToToken = idToToken;
        this.padId = padId;
        this.cleanUpTokenizationSpaces = cleanUp;
        this.modelMaxLength = modelMaxLength;
    }

    /**
     * Loads the tokenizer from a checkpoint folder: {@code tokenizer.json} if present, else
     * {@code vocab.json} and {@code merges.txt}; {@code tokenizer_config.json} and
     * {@code special_tokens_map.json} are optional.
     *
     * @throws TokenizerException when a needed file is missing or cannot be parsed
     */
    public static BartTokenizer load(Path dir) {
        Path json = dir.resolve(TOKENIZER_JSON);
        return Files.exists(json) ? fromTokenizerJson(dir) : fromVocabAndMerges(dir);
    }

    /** Loads from {@code tokenizer.json}, ignoring any {@code vocab.json} / {@code merges.txt}. */
    public static BartTokenizer fromTokenizerJson(Path dir) {
        Path file = dir.resolve(TOKENIZER_JSON);
        // Parsed here too, for the id → token map and the pad id that DJL does not expose.
        JsonNode definition = TokenizerConfigFiles.readJson(file);
        byte[] bytes = TokenizerConfigFiles.readBytes(file);
        return create(TokenizerConfigFiles.read(dir), dir, definition, bytes, file.toString());
    }

    /** Loads from {@code vocab.json} + {@code merges.txt}, even when a {@code tokenizer.json} exists. */
    public static BartTokenizer fromVocabAndMerges(Path dir) {
        TokenizerConfigFiles config = TokenizerConfigFiles.read(dir);
        JsonNode definition = BartTokenizerJson.fromVocabAndMerges(dir, config);
        byte[] bytes = definition.toString().getBytes(StandardCharsets.UTF_8);
        return create(config, dir, definition, bytes,
                dir.resolve(BartTokenizerJson.VOCAB_JSON) + " + " + dir.resolve(BartTokenizerJson.MERGES_TXT));
    }

    private static BartTokenizer create(TokenizerConfigFiles config, Path dir, JsonNode definition, byte[] bytes,
                                        String source) {
        Map<Integer, String> idToToken = idToToken(definition, source);
        String pad = config.special("pad_token", "<pad>", false)
                .orElseThrow(() -> new TokenizerException("Tokenizer folder " + dir + " sets pad_token to null."))
                .content();
        Integer padId = null;
        for (Map.Entry<Integer, String> e : idToToken.entrySet()) {
            if (e.getValue().equals(pad)) {
                padId = e.getKey();
            }
        }
        if (padId == null) {
            throw new TokenizerException("Tokenizer " + source + " has no id for the pad token '" + pad + "'.");
        }
        HuggingFaceTokenizer hf;
        try {
            // In memory: DJL parses the JSON string, no temporary file is needed.
            hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), DJL_OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException("Tokenizer " + source + " cannot be loaded by the tokenizers library: "
                    + e.getMessage(), e);
        }
        return new BartTokenizer(hf, idToToken, padId, config.cleanUpTokenizationSpaces(),
                config.modelMaxLength(DEFAULT_MODEL_MAX_LENGTH));
    }

    private static Map<Integer, String> idToToken(JsonNode definition, String source) {
        JsonNode vocab = definition.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new TokenizerException("Tokenizer " + source + " has no model.vocab object.");
        }
        Map<Integer, String> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getValue().asInt(), e.getKey());
        }
        for (JsonNode added : definition.path("added_tokens")) {
            map.put(added.path("id").asInt(), added.path("content").asText());
        }
        return map;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, true, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public int[] encodeTarget(String text) {
        long[] ids = tokenizer.encode(" " + text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** Keeps {@code <s>}, the first {@code maxLength - 2} tokens and the closing {@code </s>}. */
    @Override
    public int[] encode(String text, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength is " + maxLength
                    + "; it must be at least 2, the room for <s> and </s>.");
        }
        return Truncation.keepClosingToken(encode(text), maxLength);
    }

    /**
     * @throws IllegalArgumentException for an id outside the vocabulary (the reference fails too)
     */
    @Override
    public List<String> idsToTokens(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(token(id));
        }
        return out;
    }

    private String token(int id) {
        String t = idToToken.get(id);
        if (t == null) {
            throw new IllegalArgumentException("Token id " + id + " is not in the vocabulary of "
                    + idToToken.size() + " tokens.");
        }
        return t;
    }

    /**
     * Decodes with the library's ByteLevel decoder (invalid UTF-8 becomes U+FFFD), then applies
     * the reference's clean-up here, because DJL's own clean-up differs from it.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    @Override
    public String decode(int[] ids, boolean skipSpecialTokens, boolean cleanUpTokenizationSpaces) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            token(ids[i]);
            longs[i] = ids[i];
        }
        String text = tokenizer.decode(longs, skipSpecialTokens);
        return cleanUpTokenizationSpaces ? TokenizationSpaces.cleanUp(text) : text;
    }

    @Override
    public String decode(int[] ids) {
        return decode(ids, true, cleanUpTokenizationSpaces);
    }

    @Override
    public int modelMaxLength() {
        return modelMaxLength;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
