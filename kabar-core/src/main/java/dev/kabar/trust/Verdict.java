package dev.kabar.trust;

import java.util.List;

/**
 * What the checks of one sentence pair concluded: {@code ok}, or {@code suspect} with every reason
 * found, in the order the checks ran.
 *
 * @param status ok or suspect
 * @param reasons why the pair is suspect; empty exactly when the status is ok
 */
public record Verdict(Status status, List<Reason> reasons) {

    /** The verdict of a pair in which no check found anything. */
    public static final Verdict OK = new Verdict(Status.OK, List.of());

    /** Whether a pair looks fine or deserves a second look; each with the code outputs write. */
    public enum Status {
        /** No check found anything. */
        OK("ok"),
        /** At least one check found a sign of a bad translation. */
        SUSPECT("suspect");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        /** The code outputs write: {@code ok} or {@code suspect}. */
        public String code() {
            return code;
        }

        @Override
        public String toString() {
            return code;
        }
    }

    /** Copies the reasons and checks that they agree with the status. */
    public Verdict {
        reasons = List.copyOf(reasons);
        if ((status == Status.OK) != reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict is ok exactly when it has no reasons, got " + status
                    + " with " + reasons.size() + " reasons");
        }
    }

    /** The verdict for the reasons found: ok when there are none, suspect otherwise. */
    public static Verdict of(List<Reason> reasons) {
        return reasons.isEmpty() ? OK : new Verdict(Status.SUSPECT, reasons);
    }

    /** Whether any check found something. */
    public boolean suspect() {
        return status == Status.SUSPECT;
    }

    /** Whether one of the reasons has this code. */
    public boolean has(ReasonCode code) {
        for (Reason r : reasons) {
            if (r.code() == code) {
                return true;
            }
        }
        return false;
    }
}
