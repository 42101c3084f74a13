package dev.kabar.pipeline;

import dev.kabar.trust.ReasonCode;
import dev.kabar.trust.Verdict;

/**
 * The rule of second tries that every run applies: which translator makes them, and which checked
 * texts they are made for. {@link TranslationRun} and the Spark runner, which translates the
 * distinct texts of a run before its articles are assembled, both follow it, so that the texts one
 * tries again are exactly those the other would.
 */
public final class SecondTries {

    private SecondTries() {
    }

    /**
     * Returns the translator of second tries: the model's own ({@link SentenceTranslator#secondTry()})
     * when the settings turn second tries on, else null.
     */
    public static SentenceTranslator translator(SentenceTranslator model, TrustSettings trust) {
        return trust.secondTry() ? model.secondTry() : null;
    }

    /**
     * Whether a second try may mend a text the checks found suspect: it has a reason other than
     * {@code language}, since other generation settings cannot change a sentence's language.
     */
    public static boolean canHelp(Verdict verdict) {
        return verdict.reasons().stream().anyMatch(reason -> reason.code() != ReasonCode.LANGUAGE);
    }
}
