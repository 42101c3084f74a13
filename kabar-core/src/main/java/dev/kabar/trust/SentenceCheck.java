package dev.kabar.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks one translated sentence pair for the signs of a bad translation and gives its verdict:
 * {@code ok}, or {@code suspect} with every reason found. The checks, in the order their reasons
 * are listed:
 * <ol>
 *   <li>{@code empty}: the output has no letter or digit while the source has (the other text
 *   checks are then skipped: they would only say the same);</li>
 *   <li>{@code repetition}: {@link RepetitionCheck};</li>
 *   <li>{@code length_ratio}: {@link LengthRatio};</li>
 *   <li>{@code numbers}: {@link NumberMatcher};</li>
 *   <li>{@code untranslated}: {@link UntranslatedCheck};</li>
 *   <li>{@code low_confidence}: the model's length-normalised log-probability of its output (natural
 *   log per output token), when the caller has it, is below the threshold.</li>
 * </ol>
 * A verdict only describes; what is done about a suspect sentence is the caller's choice.
 *
 * <p>Immutable and thread-safe; time linear in the length of the texts.
 */
public final class SentenceCheck {

    /**
     * The default confidence threshold, in natural log per output token: an average token
     * probability of about 0.22. Provisional: it has not been calibrated on a real checkpoint (the
     * test checkpoints are random and score near {@code ln(1/726) = -6.6}); see {@code docs/trust.md}.
     */
    public static final double DEFAULT_MIN_CONFIDENCE = -1.5;

    private final double minConfidence;
    private final List<PairCheck> checks = List.of(new RepetitionCheck(), new LengthRatio(), new NumberMatcher(),
            new UntranslatedCheck());

    /** A check with the {@linkplain #DEFAULT_MIN_CONFIDENCE default confidence threshold}. */
    public SentenceCheck() {
        this(DEFAULT_MIN_CONFIDENCE);
    }

    /**
     * A check that finds a confidence below {@code minConfidence} low.
     *
     * @param minConfidence the lowest acceptable length-normalised log-probability, at most 0
     */
    public SentenceCheck(double minConfidence) {
        if (!(minConfidence <= 0)) {
            throw new IllegalArgumentException("minConfidence is a log-probability: it must be a number at most 0, got "
                    + minConfidence + ".");
        }
        this.minConfidence = minConfidence;
    }

    /** The confidence threshold. */
    public double minConfidence() {
        return minConfidence;
    }

    /** Checks a pair whose confidence is not known: the verdict of the text checks alone. */
    public Verdict check(String source, String output) {
        return check(source, output, null);
    }

    /**
     * Checks one pair.
     *
     * @param source the Indonesian sentence
     * @param output its English translation
     * @param confidence the model's length-normalised log-probability of the output, or null when
     *     not known (a translation memory hit, a caller's translator)
     * @throws IllegalArgumentException when the confidence is NaN or above 0, which no
     *     log-probability is
     */
    public Verdict check(String source, String output, Double confidence) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        if (confidence != null && !(confidence <= 0)) {
            throw new IllegalArgumentException("confidence is a log-probability: it must be a number at most 0, got "
                    + confidence + ".");
        }
        List<Reason> reasons = new ArrayList<>(2);
        if (!hasLetterOrDigit(output) && hasLetterOrDigit(source)) {
            reasons.add(new Reason(ReasonCode.EMPTY, "the output is empty"));
        } else {
            for (PairCheck check : checks) {
                check.check(source, output).ifPresent(reasons::add);
            }
        }
        if (confidence != null && confidence < minConfidence) {
            reasons.add(new Reason(ReasonCode.LOW_CONFIDENCE, String.format(Locale.ROOT,
                    "confidence %.2f is below %.2f", confidence, minConfidence)));
        }
        return Verdict.of(reasons);
    }

    private static boolean hasLetterOrDigit(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
