package dev.kabar.digest;

/**
 * What a digest does with a sentence whose translation is still suspect after the checks (and a
 * second try, if one was made): mark it for the reader, or leave it out.
 */
public enum SuspectSentences {
    /** Shown, followed by a numbered marker whose note gives the reasons. The default. */
    MARK("mark"),
    /**
     * Left out: a suspect summary sentence is dropped, opening sentences are taken from those not
     * suspect, and a suspect headline is replaced by {@link DigestReader#WITHHELD_TITLE}.
     */
    OMIT("omit");

    private final String code;

    SuspectSentences(String code) {
        this.code = code;
    }

    /** The value a job file or the command line gives: {@code mark} or {@code omit}. */
    public String code() {
        return code;
    }

    /**
     * The choice written as {@code code}.
     *
     * @throws IllegalArgumentException naming the value and those allowed
     */
    public static SuspectSentences parse(String code) {
        for (SuspectSentences s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("suspect sentences are either marked (mark) or left out (omit), but the value is '"
                + code + "'");
    }

    @Override
    public String toString() {
        return code;
    }
}
