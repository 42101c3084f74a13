package dev.kabar.trust;

/**
 * How far an article's translation as a whole can be trusted, from the verdicts of its sentences:
 * the one rule that the per-article CSV's {@code trust} column, the JSON {@code stats.trust} and
 * the digest's "Translations to check" section all use.
 *
 * <p>Only sentences whose English was checked count (the title's included); sentences passed
 * through as English are neither suspect nor checked. With {@code checked} such sentences of which
 * {@code suspect} are suspect: {@link #OK} when none is suspect, {@link #MOSTLY_SUSPECT} when more
 * than half are ({@code 2 * suspect > checked}), {@link #MIXED} otherwise. Half exactly is mixed: a
 * two-sentence brief with one bad sentence still has a good one to read.
 */
public enum ArticleTrust {
    /** No checked sentence is suspect. */
    OK("ok"),
    /** Some sentences are suspect, at most half of those checked. */
    MIXED("mixed"),
    /** More than half of the checked sentences are suspect. */
    MOSTLY_SUSPECT("mostly_suspect");

    private final String code;

    ArticleTrust(String code) {
        this.code = code;
    }

    /** The code outputs write: {@code ok}, {@code mixed} or {@code mostly_suspect}. */
    public String code() {
        return code;
    }

    /**
     * The article's trust from its counts.
     *
     * @param checked sentences whose English was checked
     * @param suspect of those, sentences found suspect
     * @param passedThrough sentences kept as English without translation
     * @return the trust, or null when nothing is known: no sentence was checked or passed through
     *     (an article translated without checks, or read back from an output that had none)
     * @throws IllegalArgumentException when a count is negative or more are suspect than checked
     */
    public static ArticleTrust of(long checked, long suspect, long passedThrough) {
        if (checked < 0 || suspect < 0 || passedThrough < 0 || suspect > checked) {
            throw new IllegalArgumentException("an article's trust needs 0 <= suspect <= checked and passed-through >= 0; got "
                    + suspect + " suspect of " + checked + " checked, " + passedThrough + " passed through");
        }
        if (checked == 0 && passedThrough == 0) {
            return null;
        }
        if (suspect == 0) {
            return OK;
        }
        return 2 * suspect > checked ? MOSTLY_SUSPECT : MIXED;
    }

    /**
     * The trust written as {@code code}.
     *
     * @throws IllegalArgumentException naming the value and the codes allowed
     */
    public static ArticleTrust parse(String code) {
        for (ArticleTrust t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("an article's trust is ok, mixed or mostly_suspect, but is '" + code + "'");
    }

    @Override
    public String toString() {
        return code;
    }
}
