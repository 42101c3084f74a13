package dev.kabar.pipeline;

/**
 * What the pipeline did with a sentence after its language was decided and its translation checked,
 * each with the code outputs write.
 */
public enum TrustAction {
    /** Translated once and found ok: nothing more was done. */
    NONE("none"),
    /**
     * Translated once and found suspect, and left so: second tries are off, the translator has
     * none, or no reason is one a second try can help ({@code language}).
     */
    FLAGGED("flagged"),
    /** Suspect, translated a second time with stricter settings, and the first attempt was kept as the better. */
    SECOND_TRY_KEPT_FIRST("second_try_kept_first"),
    /** Suspect, translated a second time with stricter settings, and the second attempt was kept as the better. */
    SECOND_TRY_KEPT_SECOND("second_try_kept_second"),
    /** Already English: kept as it is, not translated. */
    PASSED_THROUGH("passed_through");

    private final String code;

    TrustAction(String code) {
        this.code = code;
    }

    /** The code outputs write, e.g. {@code second_try_kept_second}. */
    public String code() {
        return code;
    }

    /** Whether a second translation was made. */
    public boolean secondTry() {
        return this == SECOND_TRY_KEPT_FIRST || this == SECOND_TRY_KEPT_SECOND;
    }

    @Override
    public String toString() {
        return code;
    }
}
