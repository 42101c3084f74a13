package dev.kabar.trust;

/**
 * Why a sentence pair was found suspect: one value per check, each with the short code that
 * outputs write.
 */
public enum ReasonCode {
    /** The output is empty (no letter or digit) while the source is not. */
    EMPTY("empty"),
    /** The output repeats words or parts of a word in a loop that the source does not have. */
    REPETITION("repetition"),
    /** The output is far shorter or longer than translations of news normally are. */
    LENGTH_RATIO("length_ratio"),
    /** A number of the source is missing from the output, or was changed. */
    NUMBERS("numbers"),
    /** The output is mostly the source's own words: it was copied, not translated. */
    UNTRANSLATED("untranslated"),
    /** The model's own confidence in its output is below the threshold. */
    LOW_CONFIDENCE("low_confidence"),
    /**
     * The sentence is in a language the model was not trained on (Javanese, Sundanese, another
     * script): it was translated as Indonesian, and the English may be wrong. Set by the pipeline
     * from the sentence's language, not by {@link SentenceCheck}; a second try cannot help it.
     */
    LANGUAGE("language");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    /** The code outputs write, e.g. {@code length_ratio}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
