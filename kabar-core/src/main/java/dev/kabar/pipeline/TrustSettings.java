package dev.kabar.pipeline;

import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.InvalidGenerationOptionException;
import dev.kabar.trust.SentenceCheck;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link TranslationRun} does to tell which translations can be trusted. Serialisable, so
 * that a Spark driver can ship it to its executors inside a {@code TranslatorSpec}.
 *
 * @param detectLanguage decide each sentence's language: pass English through unchanged, flag
 *     Javanese, Sundanese and other scripts; off, every sentence is translated and has no language
 * @param secondTry translate suspect sentences a second time with the translator's stricter
 *     settings ({@link SentenceTranslator#secondTry()}) and keep the better attempt
 * @param minConfidence the confidence below which a translation is suspect ({@code low_confidence}),
 *     a log-probability per output token, at most 0
 * @param secondTrySettings generation settings under their Hugging Face names that replace the
 *     {@linkplain #secondTryDefaults second-try defaults}; empty for the defaults alone
 */
public record TrustSettings(boolean detectLanguage, boolean secondTry, double minConfidence,
        Map<String, Object> secondTrySettings) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * {@code no_repeat_ngram_size} of a second try: no trigram twice, which stops the "I'm sorry
     * I'm sorry" loops of a broken output (the value summarisation checkpoints such as BART-CNN ship
     * with) while a news sentence rarely needs a trigram twice.
     */
    public static final int SECOND_TRY_NO_REPEAT_NGRAM_SIZE = 3;
    /** {@code repetition_penalty} of a second try: the value of the CTRL paper (Keskar et al. 2019). */
    public static final double SECOND_TRY_REPETITION_PENALTY = 1.2;
    /**
     * {@code num_beams} of a second try after a greedy run: the beam of {@code jobs/nightly.yaml}.
     * Beam search recovers when greedy's early pick went wrong, and four beams cost about four
     * greedy decodes of the few sentences that need them.
     */
    public static final int SECOND_TRY_GREEDY_BEAMS = 4;

    /**
     * Checks the threshold and the keys of the second-try settings, and copies them.
     *
     * @throws IllegalArgumentException when the threshold is above 0 or not a number
     * @throws InvalidGenerationOptionException when a second-try key is not a generation setting
     */
    public TrustSettings {
        if (!(minConfidence <= 0)) {
            throw new IllegalArgumentException("the confidence threshold is a log-probability per token: it must be a number "
                    + "at most 0, but is " + minConfidence + ".");
        }
        secondTrySettings = secondTrySettings == null || secondTrySettings.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(secondTrySettings));
        for (String key : secondTrySettings.keySet()) {
            if (!GenerationConfig.KEYS.contains(key)) {
                throw new InvalidGenerationOptionException("Unknown second-try generation option \"" + key
                        + "\"; known options: " + String.join(", ", GenerationConfig.KEYS.stream().sorted().toList()) + ".");
            }
        }
    }

    /** Settings with the second-try defaults alone. */
    public TrustSettings(boolean detectLanguage, boolean secondTry, double minConfidence) {
        this(detectLanguage, secondTry, minConfidence, Map.of());
    }

    /**
     * The defaults: languages detected, second tries on with their defaults, the threshold
     * {@value SentenceCheck#DEFAULT_MIN_CONFIDENCE}.
     */
    public static TrustSettings defaults() {
        return new TrustSettings(true, true, SentenceCheck.DEFAULT_MIN_CONFIDENCE);
    }

    /** Returns a copy with language detection on or off. */
    public TrustSettings withDetectLanguage(boolean value) {
        return new TrustSettings(value, secondTry, minConfidence, secondTrySettings);
    }

    /** Returns a copy with second tries on or off. */
    public TrustSettings withSecondTry(boolean value) {
        return new TrustSettings(detectLanguage, value, minConfidence, secondTrySettings);
    }

    /** Returns a copy with another confidence threshold. */
    public TrustSettings withMinConfidence(double value) {
        return new TrustSettings(detectLanguage, secondTry, value, secondTrySettings);
    }

    /** Returns a copy with other second-try settings (Hugging Face names over the defaults). */
    public TrustSettings withSecondTrySettings(Map<String, Object> value) {
        return new TrustSettings(detectLanguage, secondTry, minConfidence, value);
    }

    /**
     * Returns what a second try changes in the run's generation settings, before
     * {@link #secondTrySettings} are laid over it: {@code no_repeat_ngram_size}
     * {@value #SECOND_TRY_NO_REPEAT_NGRAM_SIZE}, {@code repetition_penalty}
     * {@value #SECOND_TRY_REPETITION_PENALTY} and, after a greedy run,
     * {@code num_beams} {@value #SECOND_TRY_GREEDY_BEAMS} (a beam run keeps its beams). A second try
     * is never looser than the first: a run's own stricter n-gram size or higher penalty stays.
     *
     * @param first the run's settings in force
     */
    public static Map<String, Object> secondTryDefaults(GenerationConfig first) {
        Map<String, Object> out = new LinkedHashMap<>();
        int ngram = first.noRepeatNgramSize();
        out.put("no_repeat_ngram_size", ngram > 0 && ngram < SECOND_TRY_NO_REPEAT_NGRAM_SIZE ? ngram
                : SECOND_TRY_NO_REPEAT_NGRAM_SIZE);
        out.put("repetition_penalty", Math.max(first.repetitionPenalty(), SECOND_TRY_REPETITION_PENALTY));
        out.put("num_beams", first.numBeams() == 1 ? SECOND_TRY_GREEDY_BEAMS : first.numBeams());
        return out;
    }

    /**
     * Returns the settings of a second try, checked: the run's overrides, then the
     * {@linkplain #secondTryDefaults defaults} derived from the run's settings in force, then
     * {@link #secondTrySettings}, resolved as the run's are. Call it when the translator is built, so a
     * bad value stops the start and not the run.
     *
     * @param runGeneration the run's generation overrides (Hugging Face names)
     * @param resolve how the run's overrides become settings in force, usually
     *     {@code engine::generationConfig} (the checkpoint's defaults under them)
     * @return the second try's settings, or null when second tries are off
     * @throws InvalidGenerationOptionException naming a bad key or value
     */
    public GenerationConfig secondTryConfig(Map<String, ?> runGeneration,
            Function<Map<String, ?>, GenerationConfig> resolve) {
        if (!secondTry) {
            return null;
        }
        Map<String, Object> run = runGeneration == null ? Map.of() : new LinkedHashMap<>(runGeneration);
        Map<String, Object> merged = new LinkedHashMap<>(run);
        merged.putAll(secondTryDefaults(resolve.apply(run)));
        merged.putAll(secondTrySettings);
        try {
            return resolve.apply(merged);
        } catch (InvalidGenerationOptionException e) {
            throw new InvalidGenerationOptionException("The second try's settings cannot be used: " + e.getMessage());
        }
    }
}
