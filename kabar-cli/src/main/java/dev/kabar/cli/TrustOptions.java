package dev.kabar.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.pipeline.TrustSettings;
import dev.kabar.trust.SentenceCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The trust flags of {@code kabar translate}: language detection, the confidence threshold, and the
 * second try of suspect sentences (docs/trust.md). Flags left out keep {@link TrustSettings#defaults()}.
 */
final class TrustOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--no-language-detection",
            description = "Translate every sentence: no language detection, so English quotes are translated too and "
                    + "Javanese or Sundanese sentences are not flagged.")
    boolean noLanguageDetection;

    @Option(names = "--no-second-try",
            description = "Leave suspect sentences as they are, flagged: no second translation with stricter settings.")
    boolean noSecondTry;

    @Option(names = "--min-confidence", paramLabel = "X",
            description = "Confidence below which a translation is suspect (low_confidence): a log-probability per "
                    + "output token, at most 0 (default: " + SentenceCheck.DEFAULT_MIN_CONFIDENCE + ").")
    Double minConfidence;

    @Option(names = "--second-try", paramLabel = "KEY=VALUE",
            description = "A generation setting of the second try of a suspect sentence, by its Hugging Face name, over "
                    + "the defaults (no_repeat_ngram_size=3, repetition_penalty=1.2, num_beams=4 after a greedy run); "
                    + "repeatable.")
    Map<String, String> secondTry;

    /**
     * Returns the settings the flags ask for, checked before any work.
     *
     * @throws IllegalArgumentException naming the flag and what is allowed, or
     *     {@link dev.kabar.generate.InvalidGenerationOptionException} for a second-try key that is
     *     not a generation setting
     */
    TrustSettings settings() {
        if (minConfidence != null && !(minConfidence <= 0)) {
            throw new IllegalArgumentException("--min-confidence is a log-probability per output token: it must be a number "
                    + "at most 0 (default " + SentenceCheck.DEFAULT_MIN_CONFIDENCE + "; lower flags fewer sentences), but is "
                    + minConfidence + ".");
        }
        if (noSecondTry && secondTry != null && !secondTry.isEmpty()) {
            throw new IllegalArgumentException("--no-second-try turns second tries off, so --second-try cannot go with it.");
        }
        TrustSettings trust = TrustSettings.defaults().withDetectLanguage(!noLanguageDetection).withSecondTry(!noSecondTry);
        if (minConfidence != null) {
            trust = trust.withMinConfidence(minConfidence);
        }
        if (secondTry != null && !secondTry.isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            secondTry.forEach((key, value) -> values.put(key.strip(), value(value)));
            trust = trust.withSecondTrySettings(values);
        }
        return trust;
    }

    /**
     * A flag's value as the generation settings take it: a number, true or false, a list
     * ({@code bad_words_ids=[[5]]}) written as JSON; anything else ({@code early_stopping=never}) as text.
     */
    static Object value(String text) {
        try {
            return JSON.readValue(text.strip(), Object.class);
        } catch (JacksonException e) {
            return text.strip();
        }
    }
}
