package dev.kabar.summarize;

/**
 * One ROUGE figure for one candidate against one reference, each in [0, 1].
 *
 * @param precision matches over the candidate's units (n-grams or words)
 * @param recall matches over the reference's units
 * @param f1 harmonic mean of precision and recall (0 when both are 0)
 */
public record RougeScore(double precision, double recall, double f1) {

    /** The score of an empty candidate or reference: nothing matches. */
    public static final RougeScore ZERO = new RougeScore(0, 0, 0);

    /** Builds the score from match and unit counts; an empty side gives {@link #ZERO}. */
    static RougeScore of(long matches, long candidateUnits, long referenceUnits) {
        if (candidateUnits == 0 || referenceUnits == 0) {
            return ZERO;
        }
        double p = (double) matches / candidateUnits;
        double r = (double) matches / referenceUnits;
        return new RougeScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
