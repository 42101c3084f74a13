package dev.kabar.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generation settings with Hugging Face's {@code generation_config.json} names and semantics.
 *
 * <p>Built from a JSON object (the checkpoint's {@code generation_config.json}, or the generation
 * keys of its {@code config.json}) and per-call overrides given with the same keys. Keys left out
 * take the library defaults of transformers 4.40 ({@code GenerationConfig.__init__}). Every value
 * is checked when the config is built, so a bad option fails before any work starts.
 *
 * @param maxLength {@code max_length}: longest sequence, decoder start token included
 * @param maxNewTokens {@code max_new_tokens}, or -1; wins over {@code max_length}
 * @param minLength {@code min_length}: EOS is banned while the sequence is shorter
 * @param minNewTokens {@code min_new_tokens}, or 0
 * @param numBeams {@code num_beams}: 1 is greedy search
 * @param lengthPenalty {@code length_penalty}: exponent of the length in beam scores
 * @param earlyStopping {@code early_stopping}
 * @param noRepeatNgramSize {@code no_repeat_ngram_size}, 0 = off
 * @param repetitionPenalty {@code repetition_penalty}, 1.0 = off
 * @param badWordsIds {@code bad_words_ids}: token sequences never to generate
 * @param renormalizeLogits {@code renormalize_logits}: log-softmax after the processors
 * @param forcedBosTokenId {@code forced_bos_token_id}, or -1
 * @param forcedEosTokenId {@code forced_eos_token_id}, or -1
 * @param decoderStartTokenId {@code decoder_start_token_id}
 * @param eosTokenId {@code eos_token_id}
 * @param padTokenId {@code pad_token_id}
 * @param numReturnSequences {@code num_return_sequences}: beam search returns this many best
 *     hypotheses per input (rows grouped by input, best first); 1 otherwise
 * @param forceWordsIds {@code force_words_ids}: words every output must contain (constrained beam
 *     search, see {@link ForcedWords}); empty when none
 */
public record GenerationConfig(
        int maxLength,
        int maxNewTokens,
        int minLength,
        int minNewTokens,
        int numBeams,
        double lengthPenalty,
        EarlyStopping earlyStopping,
        int noRepeatNgramSize,
        double repetitionPenalty,
        List<int[]> badWordsIds,
        boolean renormalizeLogits,
        int forcedBosTokenId,
        int forcedEosTokenId,
        int decoderStartTokenId,
        int eosTokenId,
        int padTokenId,
        int numReturnSequences,
        List<ForcedWords> forceWordsIds) {

    /** Checks the settings that depend on each other, for configs made in code as for parsed ones. */
    public GenerationConfig {
        forceWordsIds = forceWordsIds == null ? List.of() : List.copyOf(forceWordsIds);
        if (numReturnSequences < 1) {
            throw new InvalidGenerationOptionException("num_return_sequences must be an integer of at least 1, but is "
                    + numReturnSequences + ".");
        }
        if (numBeams == 1 && numReturnSequences != 1) {
            throw new InvalidGenerationOptionException("num_return_sequences is " + numReturnSequences
                    + ", but greedy search (num_beams 1) returns one sequence per input; set num_beams to at least "
                    + numReturnSequences + " to get several.");
        }
        if (numReturnSequences > numBeams) {
            throw new InvalidGenerationOptionException("num_return_sequences (" + numReturnSequences
                    + ") must not exceed num_beams (" + numBeams + "): beam search keeps num_beams hypotheses per input.");
        }
        if (!forceWordsIds.isEmpty() && numBeams == 1) {
            throw new InvalidGenerationOptionException("force_words_ids needs constrained beam search, but num_beams is 1; "
                    + "set num_beams to 2 or more (transformers refuses constrained generation with one beam).");
        }
    }

    /** The keys this class understands; others in a file are ignored, in overrides they are an error. */
    public static final Set<String> KEYS = Set.of(
            "max_length", "max_new_tokens", "min_length", "min_new_tokens", "num_beams", "length_penalty",
            "early_stopping", "no_repeat_ngram_size", "repetition_penalty", "bad_words_ids", "renormalize_logits",
            "forced_bos_token_id", "forced_eos_token_id", "decoder_start_token_id", "eos_token_id", "pad_token_id");

    /**
     * Keys read like {@link #KEYS} but only for a call (overrides, or a checkpoint's generation
     * config): job files leave them out, since a job writes one translation per sentence and takes
     * its terms from a glossary.
     */
    public static final Set<String> CALL_KEYS = Set.of("num_return_sequences", "force_words_ids");

    /** Keys accepted in overrides but without effect here (only deterministic decoding is supported). */
    private static final Set<String> ACCEPTED_NO_EFFECT = Set.of("do_sample", "bos_token_id", "use_cache");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Returns the config in force: {@code defaults} (a generation_config.json or config.json object) with
     * {@code overrides} (same keys) on top.
     *
     * @throws InvalidGenerationOptionException naming the first bad key and value
     */
    public static GenerationConfig resolve(JsonNode defaults, Map<String, ?> overrides, int vocabSize) {
        ObjectNode merged = JSON.createObjectNode();
        if (defaults != null) {
            for (Iterator<String> it = defaults.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (KEYS.contains(key) || CALL_KEYS.contains(key)) {
                    merged.set(key, defaults.get(key));
                }
            }
        }
        if (overrides != null) {
            for (Map.Entry<String, ?> e : overrides.entrySet()) {
                String key = e.getKey();
                if (ACCEPTED_NO_EFFECT.contains(key)) {
                    if ("do_sample".equals(key) && Boolean.TRUE.equals(e.getValue())) {
                        throw new InvalidGenerationOptionException(
                                "do_sample=true is not supported: kabar decodes deterministically (greedy or beam search).");
                    }
                    continue;
                }
                if (!KEYS.contains(key) && !CALL_KEYS.contains(key)) {
                    List<String> known = new ArrayList<>(KEYS);
                    known.addAll(CALL_KEYS);
                    throw new InvalidGenerationOptionException("Unknown generation option \"" + key
                            + "\"; known options: " + String.join(", ", known.stream().sorted().toList()) + ".");
                }
                merged.set(key, e.getValue() == null ? null : JSON.valueToTree(e.getValue()));
            }
        }
        return fromJson(merged, vocabSize);
    }

    private static GenerationConfig fromJson(ObjectNode n, int vocabSize) {
        int eos = tokenId(n, "eos_token_id", -1, vocabSize);
        if (eos < 0) {
            throw new InvalidGenerationOptionException("eos_token_id is not set; the model's config must name its end-of-sequence token.");
        }
        int pad = tokenId(n, "pad_token_id", eos, vocabSize);
        int start = tokenId(n, "decoder_start_token_id", -1, vocabSize);
        if (start < 0) {
            throw new InvalidGenerationOptionException("decoder_start_token_id is not set; the model's config must name it.");
        }
        int maxLength = integer(n, "max_length", 20, 1);
        int maxNew = n.hasNonNull("max_new_tokens") ? integer(n, "max_new_tokens", -1, 1) : -1;
        int minLength = integer(n, "min_length", 0, 0);
        int minNew = integer(n, "min_new_tokens", 0, 0);
        int beams = integer(n, "num_beams", 1, 1);
        double lp = real(n, "length_penalty", 1.0);
        double rep = real(n, "repetition_penalty", 1.0);
        if (!(rep > 0)) {
            throw new InvalidGenerationOptionException("repetition_penalty must be a number greater than 0, but is " + rep + ".");
        }
        int ngram = integer(n, "no_repeat_ngram_size", 0, 0);
        int returned = integer(n, "num_return_sequences", 1, 1);
        List<ForcedWords> forced = n.hasNonNull("force_words_ids") ? ForcedWords.parse(n.get("force_words_ids"), vocabSize) : List.of();
        return new GenerationConfig(maxLength, maxNew, minLength, minNew, beams, lp, earlyStopping(n), ngram, rep,
                badWords(n, vocabSize, eos), bool(n, "renormalize_logits", false),
                tokenId(n, "forced_bos_token_id", -1, vocabSize), tokenId(n, "forced_eos_token_id", -1, vocabSize),
                start, eos, pad, returned, forced);
    }

    /** Returns the longest allowed sequence, decoder start token included. */
    public int effectiveMaxLength() {
        return maxNewTokens > 0 ? maxNewTokens + 1 : maxLength;
    }

    /** Returns a copy with different beam count (a convenience for tests and benchmarks). */
    public GenerationConfig withNumBeams(int beams) {
        if (beams < 1) {
            throw new InvalidGenerationOptionException("num_beams must be an integer of at least 1, but is " + beams + ".");
        }
        return new GenerationConfig(maxLength, maxNewTokens, minLength, minNewTokens, beams, lengthPenalty, earlyStopping,
                noRepeatNgramSize, repetitionPenalty, badWordsIds, renormalizeLogits, forcedBosTokenId, forcedEosTokenId,
                decoderStartTokenId, eosTokenId, padTokenId, numReturnSequences, forceWordsIds);
    }

    /** Returns a copy whose {@code force_words_ids} are {@code items} (checked against {@code vocabSize}). */
    public GenerationConfig withForceWordsIds(List<ForcedWords> items, int vocabSize) {
        ForcedWords.check(items, vocabSize);
        return new GenerationConfig(maxLength, maxNewTokens, minLength, minNewTokens, numBeams, lengthPenalty, earlyStopping,
                noRepeatNgramSize, repetitionPenalty, badWordsIds, renormalizeLogits, forcedBosTokenId, forcedEosTokenId,
                decoderStartTokenId, eosTokenId, padTokenId, numReturnSequences, items);
    }

    private static EarlyStopping earlyStopping(ObjectNode n) {
        JsonNode v = n.get("early_stopping");
        if (v == null || v.isNull()) {
            return EarlyStopping.FALSE;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? EarlyStopping.TRUE : EarlyStopping.FALSE;
        }
        if (v.isTextual()) {
            switch (v.asText().toLowerCase()) {
                case "true": return EarlyStopping.TRUE;
                case "false": return EarlyStopping.FALSE;
                case "never": return EarlyStopping.NEVER;
                default: break;
            }
        }
        throw new InvalidGenerationOptionException("early_stopping must be true, false or \"never\", but is " + v + ".");
    }

    private static List<int[]> badWords(ObjectNode n, int vocabSize, int eos) {
        JsonNode v = n.get("bad_words_ids");
        List<int[]> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new InvalidGenerationOptionException("bad_words_ids must be a list of lists of token ids, but is " + v + ".");
        }
        for (JsonNode seq : v) {
            if (!seq.isArray() || seq.isEmpty()) {
                throw new InvalidGenerationOptionException("bad_words_ids must be a list of non-empty lists of token ids, but holds " + seq + ".");
            }
            int[] ids = new int[seq.size()];
            for (int i = 0; i < ids.length; i++) {
                JsonNode id = seq.get(i);
                if (!id.isIntegralNumber() || id.asInt() < 0 || id.asInt() >= vocabSize) {
                    throw new InvalidGenerationOptionException("bad_words_ids holds " + id
                            + ", which is not a token id between 0 and " + (vocabSize - 1) + ".");
                }
                ids[i] = id.asInt();
            }
            // transformers drops the sequence [eos] from bad_words_ids (NoBadWordsLogitsProcessor).
            if (!(ids.length == 1 && ids[0] == eos)) {
                out.add(ids);
            }
        }
        return List.copyOf(out);
    }

    private static int integer(ObjectNode n, String key, int fallback, int min) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
            throw new InvalidGenerationOptionException(key + " must be an integer of at least " + min + ", but is " + v + ".");
        }
        return v.asInt();
    }

    private static int tokenId(ObjectNode n, String key, int fallback, int vocabSize) {
        JsonNode v = n.get(key);
        if (v != null && v.isArray()) {
            if (v.size() != 1) {
                throw new InvalidGenerationOptionException(key + " must be a single token id, but is " + v + ".");
            }
            v = v.get(0);
        }
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= vocabSize) {
            throw new InvalidGenerationOptionException(key + " must be a token id between 0 and " + (vocabSize - 1) + ", but is " + v + ".");
        }
        return v.asInt();
    }

    private static double real(ObjectNode n, String key, double fallback) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InvalidGenerationOptionException(key + " must be a finite number, but is " + v + ".");
        }
        return v.asDouble();
    }

    private static boolean bool(ObjectNode n, String key, boolean fallback) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidGenerationOptionException(key + " must be true or false, but is " + v + ".");
        }
        return v.asBoolean();
    }
}
