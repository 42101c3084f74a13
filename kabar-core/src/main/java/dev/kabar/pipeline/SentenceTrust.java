package dev.kabar.pipeline;

import dev.kabar.trust.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * How far one sentence's English can be trusted: its language, whether it was translated, the
 * model's confidence, the checks' verdict, and what was done about it.
 *
 * @param language the sentence's language code ({@code id}, {@code ms}, {@code en}, {@code jv},
 *     {@code su}, {@code und}), or null when language detection is off
 * @param translated false when the sentence was kept as it is (English passed through)
 * @param confidence the model's length-normalised log-probability of the English kept (for a
 *     sentence translated in pieces, the pieces' mean weighted by their generated tokens), or null
 *     when not known: passed through, or a translator or memory entry without one
 * @param verdict the checks' verdict on the English kept; ok for a sentence passed through
 * @param action what was done
 * @param attempts the first and second attempt when a second try was made, in that order; empty
 *     otherwise
 */
public record SentenceTrust(String language, boolean translated, Double confidence, Verdict verdict, TrustAction action,
        List<Attempt> attempts) {

    /** Checks that nothing is missing and that the action agrees with the other parts. */
    public SentenceTrust {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(action, "action");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        if (action.secondTry() != (attempts.size() == 2)) {
            throw new IllegalArgumentException("a sentence tried a second time has exactly two attempts, any other none; got "
                    + action + " with " + attempts.size());
        }
        if ((action == TrustAction.PASSED_THROUGH) == translated) {
            throw new IllegalArgumentException("a sentence is passed through exactly when it is not translated; got "
                    + action + " with translated=" + translated);
        }
    }

    /** Trust of a sentence kept as it is, because it is already English. */
    public static SentenceTrust passedThrough(String language) {
        return new SentenceTrust(language, false, null, Verdict.OK, TrustAction.PASSED_THROUGH, List.of());
    }

    /** Whether the English kept is suspect. */
    public boolean suspect() {
        return verdict.suspect();
    }
}
