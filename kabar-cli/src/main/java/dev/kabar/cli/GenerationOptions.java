package dev.kabar.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Generation flags shared by the commands that run a model. Each flag overrides the key of the
 * same name in the checkpoint's {@code generation_config.json}; flags left out keep its values.
 */
public final class GenerationOptions {

    @Option(names = "--num-beams", paramLabel = "N", description = "Beam size; 1 = greedy (num_beams).")
    Integer numBeams;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Most tokens to generate per sentence (max_new_tokens).")
    Integer maxNewTokens;

    @Option(names = "--max-length", paramLabel = "N", description = "Longest output, start token included (max_length).")
    Integer maxLength;

    @Option(names = "--min-length", paramLabel = "N", description = "Shortest output, start token included (min_length).")
    Integer minLength;

    @Option(names = "--min-new-tokens", paramLabel = "N", description = "Fewest tokens to generate (min_new_tokens).")
    Integer minNewTokens;

    @Option(names = "--length-penalty", paramLabel = "X", description = "Exponent of the length in beam scores (length_penalty).")
    Double lengthPenalty;

    @Option(names = "--early-stopping", paramLabel = "true|false|never", description = "When beam search stops (early_stopping).")
    String earlyStopping;

    @Option(names = "--no-repeat-ngram-size", paramLabel = "N", description = "Never repeat an n-gram of this size (no_repeat_ngram_size).")
    Integer noRepeatNgramSize;

    @Option(names = "--repetition-penalty", paramLabel = "X", description = "Penalty for tokens already generated (repetition_penalty).")
    Double repetitionPenalty;

    /** Returns the flags given, under their Hugging Face names. */
    public Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "num_beams", numBeams);
        put(m, "max_new_tokens", maxNewTokens);
        put(m, "max_length", maxLength);
        put(m, "min_length", minLength);
        put(m, "min_new_tokens", minNewTokens);
        put(m, "length_penalty", lengthPenalty);
        put(m, "no_repeat_ngram_size", noRepeatNgramSize);
        put(m, "repetition_penalty", repetitionPenalty);
        if (earlyStopping != null) {
            switch (earlyStopping.toLowerCase()) {
                case "true" -> m.put("early_stopping", true);
                case "false" -> m.put("early_stopping", false);
                default -> m.put("early_stopping", earlyStopping);
            }
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
