package dev.kabar.pipeline;

import dev.kabar.trust.SentenceCheck;

/**
 * What a {@link TranslationRun} does to tell which translations can be trusted.
 *
 * @param detectLanguage decide each sentence's language: pass English through unchanged, flag
 *     Javanese, Sundanese and other scripts; off, every sentence is translated and has no language
 * @param secondTry translate suspect sentences a second time with the translator's stricter
 *     settings ({@link SentenceTranslator#secondTry()}) and keep the better attempt
 * @param minConfidence the confidence below which a translation is suspect ({@code low_confidence}),
 *     a log-probability per output token, at most 0
 */
public record TrustSettings(boolean detectLanguage, boolean secondTry, double minConfidence) {

    /** Checks the threshold. */
    public TrustSettings {
        if (!(minConfidence <= 0)) {
            throw new IllegalArgumentException("the confidence threshold is a log-probability per token: it must be a number "
                    + "at most 0, but is " + minConfidence + ".");
        }
    }

    /**
     * The defaults: languages detected, second tries on, the threshold
     * {@value SentenceCheck#DEFAULT_MIN_CONFIDENCE}.
     */
    public static TrustSettings defaults() {
        return new TrustSettings(true, true, SentenceCheck.DEFAULT_MIN_CONFIDENCE);
    }

    /** Returns a copy with language detection on or off. */
    public TrustSettings withDetectLanguage(boolean value) {
        return new TrustSettings(value, secondTry, minConfidence);
    }

    /** Returns a copy with second tries on or off. */
    public TrustSettings withSecondTry(boolean value) {
        return new TrustSettings(detectLanguage, value, minConfidence);
    }

    /** Returns a copy with another confidence threshold. */
    public TrustSettings withMinConfidence(double value) {
        return new TrustSettings(detectLanguage, secondTry, value);
    }
}
