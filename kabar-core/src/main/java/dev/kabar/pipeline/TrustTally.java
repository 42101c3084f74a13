package dev.kabar.pipeline;

import dev.kabar.trust.Reason;
import dev.kabar.trust.ReasonCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of sentence verdicts and actions, for one article or a whole run.
 *
 * @param checked sentences whose English was checked (every translated sentence of an article that
 *     did not fail)
 * @param suspect of those, sentences whose English kept is suspect
 * @param passedThrough sentences kept as they are because they are English
 * @param secondTries sentences translated a second time
 * @param secondKept of those, sentences whose second attempt was kept
 * @param reasons suspect sentences by reason code (a sentence with two reasons counts under both)
 */
public record TrustTally(long checked, long suspect, long passedThrough, long secondTries, long secondKept,
        Map<ReasonCode, Long> reasons) {

    /** No sentence at all. */
    public static final TrustTally NONE = new TrustTally(0, 0, 0, 0, 0, Map.of());

    /** Copies the reason counts, in the order of {@link ReasonCode}. */
    public TrustTally {
        EnumMap<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
        if (reasons != null) {
            reasons.forEach((code, count) -> {
                if (count != null && count > 0) {
                    copy.put(code, count);
                }
            });
        }
        reasons = Collections.unmodifiableMap(copy);
    }

    /** The tally of one sentence pair; {@link #NONE} when its trust is not known. */
    public static TrustTally of(SentencePair pair) {
        SentenceTrust trust = pair.trust();
        if (trust == null) {
            return NONE;
        }
        if (!trust.translated()) {
            return new TrustTally(0, 0, 1, 0, 0, Map.of());
        }
        EnumMap<ReasonCode, Long> reasons = new EnumMap<>(ReasonCode.class);
        for (Reason reason : trust.verdict().reasons()) {
            reasons.put(reason.code(), 1L);
        }
        return new TrustTally(1, trust.suspect() ? 1 : 0, 0, trust.action().secondTry() ? 1 : 0,
                trust.action() == TrustAction.SECOND_TRY_KEPT_SECOND ? 1 : 0, reasons);
    }

    /** The sum of two tallies. */
    public TrustTally plus(TrustTally other) {
        EnumMap<ReasonCode, Long> sum = new EnumMap<>(ReasonCode.class);
        sum.putAll(reasons);
        other.reasons.forEach((code, count) -> sum.merge(code, count, Long::sum));
        return new TrustTally(checked + other.checked, suspect + other.suspect, passedThrough + other.passedThrough,
                secondTries + other.secondTries, secondKept + other.secondKept, sum);
    }

    /**
     * The tally in words, as the summary lines of {@code kabar translate} and {@code kabar run} end:
     * {@code 25 sentences checked, 3 suspect (numbers 2, repetition 1), 2 passed through as English,
     * 4 second tries (3 kept the second)}. Reasons are listed in the order of the checks; the
     * parenthesis is left out when nothing is suspect.
     */
    public String describe() {
        Map<String, Long> byCode = new java.util.LinkedHashMap<>();
        reasons.forEach((code, count) -> byCode.put(code.code(), count));
        return describe(checked, suspect, byCode, passedThrough, secondTries, secondKept);
    }

    /**
     * Figures in the words of {@link #describe()}, for figures read back (a run report) whose reasons
     * are codes.
     */
    public static String describe(long checked, long suspect, Map<String, Long> reasons, long passedThrough,
            long secondTries, long secondKept) {
        StringBuilder line = new StringBuilder();
        line.append(Counted.of(checked, "sentence")).append(" checked, ").append(suspect).append(" suspect");
        if (!reasons.isEmpty()) {
            line.append(" (");
            String separator = "";
            for (Map.Entry<String, Long> reason : reasons.entrySet()) {
                line.append(separator).append(reason.getKey()).append(' ').append(reason.getValue());
                separator = ", ";
            }
            line.append(')');
        }
        return line.append(", ").append(passedThrough).append(" passed through as English, ")
                .append(Counted.of(secondTries, "second try", "second tries")).append(" (").append(secondKept)
                .append(" kept the second)").toString();
    }

    /** The count of one reason. */
    public long count(ReasonCode code) {
        return reasons.getOrDefault(code, 0L);
    }
}
