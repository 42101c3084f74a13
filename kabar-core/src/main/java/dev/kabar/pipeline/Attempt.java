package dev.kabar.pipeline;

import dev.kabar.trust.Verdict;
import java.util.Objects;

/**
 * One translation of a sentence that was tried twice: the text, the model's confidence in it and
 * the checks' verdict, so that a reader can see what the second try changed.
 *
 * @param settings {@code first} (the run's generation settings) or {@code second} (the stricter
 *     settings of the second try)
 * @param english the whole sentence's English in that attempt (for a sentence translated in pieces,
 *     the pieces joined, a piece that was not tried again keeping its first translation)
 * @param confidence the model's length-normalised log-probability of it, or null when not known
 * @param verdict the checks' verdict on it
 */
public record Attempt(String settings, String english, Double confidence, Verdict verdict) {

    /** The value of {@code settings} for the first translation. */
    public static final String FIRST = "first";
    /** The value of {@code settings} for the second try. */
    public static final String SECOND = "second";

    /** Checks that nothing is missing. */
    public Attempt {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(verdict, "verdict");
    }
}
