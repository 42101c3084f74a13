package dev.kabar.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional {@code tokenizer_config.json} and {@code special_tokens_map.json} of a checkpoint,
 * read with the precedence of transformers 4.40.2 ({@code PreTrainedTokenizerBase._from_pretrained}).
 *
 * <p>Keys keep their Hugging Face names. When a file is absent every lookup falls back to the
 * default the caller passes, which is the default of the reference tokenizer class.
 */
final class TokenizerConfigFiles {

    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One special or added token as the reference keeps it ({@code AddedToken}). */
    record AddedTokenSpec(String content, boolean lstrip, boolean rstrip, boolean singleWord,
                          boolean normalized, boolean special, Integer id) {
    }

    private final JsonNode config;
    private final JsonNode specialTokensMap;

    private TokenizerConfigFiles(JsonNode config, JsonNode specialTokensMap) {
        this.config = config;
        this.specialTokensMap = specialTokensMap;
    }

    /** Reads both files from {@code dir}; a missing file counts as empty, a corrupt one fails. */
    static TokenizerConfigFiles read(Path dir) {
        return new TokenizerConfigFiles(
                readOptionalJson(dir.resolve(TOKENIZER_CONFIG)),
                readOptionalJson(dir.resolve(SPECIAL_TOKENS_MAP)));
    }

    /** Parses a JSON file, failing with a {@link TokenizerException} that names it. */
    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new TokenizerException("Tokenizer file " + file + " is missing.", e);
            }
            throw new TokenizerException("Tokenizer file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a whole file, failing with a {@link TokenizerException} that names it. */
    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerException("Tokenizer file " + file + " is missing.", e);
        } catch (IOException e) {
            throw new TokenizerException("Tokenizer file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode readOptionalJson(Path file) {
        if (!Files.exists(file)) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node = readJson(file);
        if (!node.isObject()) {
            throw new TokenizerException("Tokenizer file " + file + " must hold a JSON object.");
        }
        return node;
    }

    /** Returns {@code clean_up_tokenization_spaces}; the reference defaults it to true in 4.40.2. */
    boolean cleanUpTokenizationSpaces() {
        JsonNode v = config.get("clean_up_tokenization_spaces");
        return v == null || v.isNull() ? true : v.asBoolean();
    }

    /**
     * Returns {@code model_max_length}, or {@code fallback} when absent. The reference writes
     * {@code 1e30} ({@code VERY_LARGE_INTEGER}) for "no limit"; that becomes {@link Integer#MAX_VALUE}.
     */
    int modelMaxLength(int fallback) {
        JsonNode v = config.get("model_max_length");
        if (v == null || v.isNull() || !v.isNumber()) {
            return fallback;
        }
        BigInteger big = v.bigIntegerValue();
        return big.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : big.intValue();
    }

    /** Returns a boolean key of {@code tokenizer_config.json}, or {@code fallback}. */
    boolean configFlag(String key, boolean fallback) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? fallback : v.asBoolean();
    }

    /**
     * Resolves a special-token role such as {@code "mask_token"}: its string and its flags.
     *
     * <p>As in the reference, when {@code tokenizer_config.json} has {@code added_tokens_decoder}
     * its own keys win; otherwise (older, "legacy" files) {@code special_tokens_map.json} overrides
     * them. The flags come from {@code added_tokens_decoder} when the token is listed there, else
     * from the object form of the value, else the defaults given (a tokenizer class's
     * {@code __init__}, e.g. BART's {@code <mask>} strips whitespace on its left).
     *
     * @return empty when the role is explicitly {@code null}
     */
    Optional<AddedTokenSpec> special(String key, String defaultContent, boolean defaultLstrip) {
        boolean modern = config.has("added_tokens_decoder");
        JsonNode first = modern ? config.get(key) : specialTokensMap.get(key);
        JsonNode second = modern ? specialTokensMap.get(key) : config.get(key);
        JsonNode value = first != null ? first : second;
        if (value != null && value.isNull()) {
            return Optional.empty();
        }
        String content = value == null ? defaultContent
                : value.isObject() ? value.path("content").asText(defaultContent) : value.asText();
        for (AddedTokenSpec listed : addedTokensDecoder()) {
            if (listed.content().equals(content)) {
                return Optional.of(listed);
            }
        }
        if (value != null && value.isObject()) {
            return Optional.of(new AddedTokenSpec(content,
                    value.path("lstrip").asBoolean(defaultLstrip), value.path("rstrip").asBoolean(false),
                    value.path("single_word").asBoolean(false), value.path("normalized").asBoolean(false),
                    true, null));
        }
        return Optional.of(new AddedTokenSpec(content, defaultLstrip, false, false, false, true, null));
    }

    /** Returns the entries of {@code added_tokens_decoder} (id → token), in file order. */
    List<AddedTokenSpec> addedTokensDecoder() {
        List<AddedTokenSpec> out = new ArrayList<>();
        JsonNode decoder = config.path("added_tokens_decoder");
        for (Iterator<Map.Entry<String, JsonNode>> it = decoder.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            int id;
            try {
                id = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw new TokenizerException("Tokenizer file " + TOKENIZER_CONFIG + ": added_tokens_decoder key '"
                        + e.getKey() + "' is not an integer id.", ex);
            }
            out.add(new AddedTokenSpec(t.path("content").asText(), t.path("lstrip").asBoolean(false),
                    t.path("rstrip").asBoolean(false), t.path("single_word").asBoolean(false),
                    t.path("normalized").asBoolean(false), t.path("special").asBoolean(false), id));
        }
        return out;
    }
}
