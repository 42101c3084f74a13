package dev.kabar.lang;

/** What the pipeline should do with a sentence, given its language. */
public enum LanguageAction {
    /** Translate it with the Indonesian→English model, as every sentence was before languages were told apart. */
    TRANSLATE,
    /** Keep it as it is: the sentence is already English (written with {@code "translated": false}). */
    PASS_THROUGH,
    /**
     * Translate it as Indonesian, but mark it for a reader: the model was not trained on its language
     * (Javanese, Sundanese) or script, so the English may be wrong.
     */
    FLAG
}
