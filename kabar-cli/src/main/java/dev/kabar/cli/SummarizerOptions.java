package dev.kabar.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The abstractive summariser of {@code kabar translate}: a BART-family checkpoint and the flags
 * that override its generation settings (Hugging Face key names); a picocli mixin.
 */
final class SummarizerOptions {

    @Option(names = "--summarizer", paramLabel = "DIR|ID",
            description = "Summarise the English translation with this BART-family checkpoint (folder or hub id) instead of picking sentences.")
    String checkpoint;

    @Option(names = "--summarizer-num-beams", paramLabel = "N", description = "Summariser beam size (num_beams).")
    Integer numBeams;

    @Option(names = "--summarizer-max-new-tokens", paramLabel = "N",
            description = "Most tokens per summary (max_new_tokens).")
    Integer maxNewTokens;

    @Option(names = "--summarizer-min-length", paramLabel = "N",
            description = "Shortest summary, start token included (min_length).")
    Integer minLength;

    @Option(names = "--summarizer-length-penalty", paramLabel = "X",
            description = "Exponent of the length in beam scores (length_penalty).")
    Double lengthPenalty;

    @Option(names = "--summarizer-no-repeat-ngram-size", paramLabel = "N",
            description = "Never repeat an n-gram of this size (no_repeat_ngram_size).")
    Integer noRepeatNgramSize;

    @Option(names = "--summarizer-max-input-tokens", paramLabel = "N",
            description = "Most tokens the summariser reads at once before the text is cut into chunks at sentence "
                    + "boundaries; default: the model's limit (model_max_length, max_position_embeddings) less its special tokens.")
    Integer maxInputTokens;

    /** Whether an abstractive summariser was asked for. */
    boolean enabled() {
        return checkpoint != null;
    }

    /**
     * Checks the flags that need no model.
     *
     * @throws IllegalArgumentException naming a flag given without {@code --summarizer} or a bad value
     */
    void validate() {
        if (checkpoint == null && (numBeams != null || maxNewTokens != null || minLength != null || lengthPenalty != null
                || noRepeatNgramSize != null || maxInputTokens != null)) {
            throw new IllegalArgumentException("the --summarizer-* flags set the abstractive summariser; give its "
                    + "checkpoint with --summarizer DIR.");
        }
        if (maxInputTokens != null && maxInputTokens < 1) {
            throw new IllegalArgumentException("--summarizer-max-input-tokens must be at least 1, but is "
                    + maxInputTokens + ".");
        }
    }

    /** Returns the flags given, under their Hugging Face names. */
    Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "num_beams", numBeams);
        put(m, "max_new_tokens", maxNewTokens);
        put(m, "min_length", minLength);
        put(m, "length_penalty", lengthPenalty);
        put(m, "no_repeat_ngram_size", noRepeatNgramSize);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
