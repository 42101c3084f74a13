package dev.kabar.lang;

/**
 * The language a sentence is taken to be in, with its ISO 639-1 code as outputs write it
 * ({@code "und"}, ISO 639-2's "undetermined", where there is too little text to tell).
 */
public enum SentenceLanguage {
    /** Indonesian: the language of the articles; translated. */
    INDONESIAN("id"),
    /** Malay: close enough to Indonesian for the id→en model; translated. */
    MALAY("ms"),
    /** English, quoted in an Indonesian article; passed through unchanged. */
    ENGLISH("en"),
    /** Javanese: translated by the Indonesian model, and flagged for a reader to check. */
    JAVANESE("jv"),
    /** Sundanese: translated by the Indonesian model, and flagged for a reader to check. */
    SUNDANESE("su"),
    /**
     * Not determined: no letters, a script other than Latin, or a sentence too short or too full of
     * names to tell English from Indonesian. Translated as before, as the article's language.
     */
    UNDETERMINED("und");

    private final String code;

    SentenceLanguage(String code) {
        this.code = code;
    }

    /** Returns the code written in outputs: {@code id}, {@code ms}, {@code en}, {@code jv}, {@code su} or {@code und}. */
    public String code() {
        return code;
    }
}
