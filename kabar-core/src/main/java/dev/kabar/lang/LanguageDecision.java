package dev.kabar.lang;

import java.util.Objects;

/**
 * The language of one sentence and what to do with it.
 *
 * @param language what the sentence is taken to be
 * @param action translate, pass through or flag
 * @param confidence how far Lingua's first choice stood ahead of the next language, from 0 (a tie) to
 *     1 (no other language scored); for {@link Reason#CLOSE_TO_INDONESIAN}, how far Malay stood ahead of
 *     Indonesian; 0 when no Lingua figure decided (no letters, another script, local-language words)
 * @param reason which rule decided
 */
public record LanguageDecision(SentenceLanguage language, LanguageAction action, double confidence, Reason reason) {

    /** Which rule of {@link LanguageRules} decided, for reports and for people tuning the rules. */
    public enum Reason {
        /** No letters at all (numbers, punctuation): nothing to detect. */
        NO_LETTERS,
        /** Most letters are of a script other than Latin (Arabic, Chinese...), which the model does not read. */
        OTHER_SCRIPT,
        /** Words that only Javanese or Sundanese use. */
        LOCAL_LANGUAGE_WORDS,
        /** The detector's choice, with no rule against it. */
        DETECTED,
        /** Looked English, but has too few words to tell ({@link LanguageRules#minEnglishWords()}). */
        TOO_FEW_WORDS,
        /** Looked English, but too few of its words are lowercase: names, titles, brands ({@link LanguageRules#minLowercaseShare()}). */
        MOSTLY_NAMES,
        /** Looked English, but not by the margin {@link LanguageRules#minEnglishMargin()}. */
        NOT_CONFIDENT,
        /** Looked Malay, but not far enough ahead of Indonesian ({@link LanguageRules#minMalayMargin()}): taken as Indonesian. */
        CLOSE_TO_INDONESIAN
    }

    /** Checks that nothing is missing and the confidence lies in [0, 1]. */
    public LanguageDecision {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("A language decision's confidence must lie in [0, 1]; got " + confidence + ".");
        }
    }

    /** Whether the sentence is kept as it is, as English. */
    public boolean passesThrough() {
        return action == LanguageAction.PASS_THROUGH;
    }
}
