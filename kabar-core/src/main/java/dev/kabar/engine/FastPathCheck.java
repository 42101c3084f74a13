package dev.kabar.engine;

import java.util.Locale;

/**
 * What the check of one fast path found on this machine, and whether the engine uses the path.
 *
 * @param path the fast path
 * @param verdict what its check found
 * @param used whether the engine multiplies with it
 * @param worstRatio the largest difference from plain float32 products over its bound ({@code ≤ 1} passes); NaN when not checked
 * @param worstError that difference
 * @param scale the size of that output's terms, to read the error against
 * @param where the shape and rows of that output
 * @param note why the path was not checked, or could not run, or what else failed; may be empty
 * @param seconds how long the check took (0 when it was not run, or its result was reused in this process)
 */
public record FastPathCheck(FastPath path, Verdict verdict, boolean used, double worstRatio, double worstError, double scale,
                            String where, String note, double seconds) {

    /** What a check found. */
    public enum Verdict {
        /** Within float32 rounding (bfloat16 rounding for bfloat16 products) of plain float32 products everywhere probed. */
        PASSED,
        /** Outside the bound somewhere: the path is wrong on this machine. */
        FAILED,
        /** The CPU or the library cannot run the path here. */
        UNAVAILABLE,
        /** Not checked: the engine does not ask for the path, or checks are off. */
        NOT_CHECKED;

        /** Returns the verdict in lower case with spaces, as output shows it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Returns whether the path may be used: it passed its check. */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** Returns a copy with {@code used} set. */
    FastPathCheck withUsed(boolean use) {
        return new FastPathCheck(path, verdict, use, worstRatio, worstError, scale, where, note, seconds);
    }

    /** Returns the check's finding in one line, e.g. {@code passed (largest difference 3.81e-05, 0.0035 of its bound, at 4096×512 at 128 rows)}. */
    public String finding() {
        return switch (verdict) {
            case PASSED -> String.format(Locale.ROOT, "passed (largest difference %.3g, %.2g of its bound, at %s)", worstError, worstRatio, where);
            case FAILED -> "failed: " + error();
            case UNAVAILABLE -> "unavailable: " + note;
            case NOT_CHECKED -> "not checked" + (note.isEmpty() ? "" : ": " + note);
        };
    }

    /** Returns what went wrong, e.g. {@code off by 9.85 at scale 8.91 (2.78e+05 times its bound), at 726×32 at 70 rows}. */
    String error() {
        if (verdict == Verdict.UNAVAILABLE || Double.isNaN(worstError)) {
            return note;
        }
        return String.format(Locale.ROOT, "off by %.4g at scale %.4g (%.3g times its bound), at %s%s", worstError, scale, worstRatio, where,
                note.isEmpty() ? "" : "; " + note);
    }
}
