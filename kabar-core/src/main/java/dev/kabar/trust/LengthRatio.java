package dev.kabar.trust;

import java.util.Locale;
import java.util.Optional;

/**
 * Flags an output far shorter or longer than translations of news normally are: a translation that
 * stops half-way or drops a clause, or one that runs on past what the source says.
 *
 * <p>The measure is the output's length over the source's, in characters (code points, surrounding
 * whitespace left out), each length plus {@value #SMOOTHING} characters:
 * {@code (output + 20) / (source + 20)}. The added characters let short sentences vary more, as
 * they do ({@code Lari!} → {@code Run!} is 0.8 unsmoothed), without a separate rule for them: for
 * sentences of news length the measure is the plain ratio.
 *
 * <p>The normal range is {@value #LOW} to {@value #HIGH}: the 0.5th and 99.5th percentiles of the
 * measure over the 1,953 human Indonesian→English pairs of the guntara-news {@code valid} split
 * (Guntara et al. 2020; percentiles by linear interpolation, as numpy computes them; the split
 * gives 0.527 and 1.733, rounded outward here). Human references stand in for the model, which
 * kabar cannot yet run with real weights in its tests; opus-mt translations of news are close to
 * human length. {@code TrustCheckCorpusTest} recomputes the percentiles from the corpus and checks
 * that these constants still hold. The {@code test} split, held out, is flagged at 1.6%
 * ({@code docs/trust.md}); most of what it flags are misaligned pairs in the corpus itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class LengthRatio implements PairCheck {

    /** Characters added to both lengths, so that short sentences may vary more. */
    public static final int SMOOTHING = 20;
    /** The lowest normal measure: an output shorter than this is suspect. */
    public static final double LOW = 0.52;
    /** The highest normal measure: an output longer than this is suspect. */
    public static final double HIGH = 1.74;

    /** The measure for one pair: {@code (output + 20) / (source + 20)} in code points, stripped. */
    public static double ratio(String source, String output) {
        return (double) (length(output) + SMOOTHING) / (length(source) + SMOOTHING);
    }

    @Override
    public Optional<Reason> check(String source, String output) {
        double ratio = ratio(source, output);
        if (ratio >= LOW && ratio <= HIGH) {
            return Optional.empty();
        }
        String side = ratio < LOW ? "short" : "long";
        return Optional.of(new Reason(ReasonCode.LENGTH_RATIO, String.format(Locale.ROOT,
                "the output is too %s: %d characters for a source of %d (length ratio %.2f, normal %.2f to %.2f)",
                side, length(output), length(source), ratio, LOW, HIGH)));
    }

    /** The length in code points of the text without surrounding whitespace. */
    static int length(String text) {
        String stripped = text.strip();
        return stripped.codePointCount(0, stripped.length());
    }
}
