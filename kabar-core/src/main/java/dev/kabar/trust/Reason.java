package dev.kabar.trust;

import java.util.Objects;

/**
 * One reason a sentence pair is suspect: which check found it, and what it found in words a reader
 * can act on, e.g. {@code number 1.000,5 missing}.
 *
 * @param code the check that found it
 * @param detail what was found, one short sentence without a final period
 */
public record Reason(ReasonCode code, String detail) {

    /** Checks that both parts are present. */
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if (detail.isBlank()) {
            throw new IllegalArgumentException("a reason needs a detail saying what was found");
        }
    }

    @Override
    public String toString() {
        return code.code() + ": " + detail;
    }
}
