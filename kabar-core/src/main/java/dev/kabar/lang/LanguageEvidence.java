package dev.kabar.lang;

/**
 * What {@link SentenceLanguageDetector} found in one sentence, before any rule is applied: word
 * counts, scripts, Javanese and Sundanese function words, and Lingua's ranking of Indonesian, Malay
 * and English. {@link LanguageRules} turns it into a decision; keeping the two apart lets the rules be
 * tested on hand-made evidence and tuned without running Lingua again.
 *
 * @param words whitespace-separated tokens with at least one letter (numbers are not words)
 * @param lowercaseWords those without a capital letter: ordinary words, not names, acronyms or brands
 * @param letters letters in the sentence
 * @param latinLetters those of the Latin script, accented ones included
 * @param javaneseWords different Javanese function words used ({@link LocalLanguageWords})
 * @param sundaneseWords different Sundanese function words used
 * @param sundaneseLeads whether Sundanese function words are used more often than Javanese ones
 *     (which breaks a tie in {@code javaneseWords} and {@code sundaneseWords}; the lists share a few words)
 * @param best Lingua's first choice: {@link SentenceLanguage#INDONESIAN}, {@link SentenceLanguage#MALAY}
 *     or {@link SentenceLanguage#ENGLISH}; {@link SentenceLanguage#UNDETERMINED} when Lingua could score
 *     nothing or was not asked (no Latin letters)
 * @param margin how far {@code best} stood ahead of the next language: one minus Lingua's relative
 *     confidence in the runner-up, in [0, 1]
 * @param malayMargin how far Malay stood ahead of Indonesian, in [0, 1]; 0 when Indonesian was ahead
 */
public record LanguageEvidence(int words, int lowercaseWords, int letters, int latinLetters, int javaneseWords,
                               int sundaneseWords, boolean sundaneseLeads, SentenceLanguage best, double margin,
                               double malayMargin) {

    /** Checks the counts and margins. */
    public LanguageEvidence {
        if (words < 0 || lowercaseWords < 0 || lowercaseWords > words || letters < 0 || latinLetters < 0
                || latinLetters > letters || javaneseWords < 0 || sundaneseWords < 0) {
            throw new IllegalArgumentException("Inconsistent counts in language evidence: " + words + " words, "
                    + lowercaseWords + " lowercase, " + letters + " letters, " + latinLetters + " Latin, "
                    + javaneseWords + " Javanese and " + sundaneseWords + " Sundanese words.");
        }
        if (best == null || best == SentenceLanguage.JAVANESE || best == SentenceLanguage.SUNDANESE) {
            throw new IllegalArgumentException("Lingua's choice must be Indonesian, Malay, English or undetermined; got " + best + ".");
        }
        if (!(margin >= 0 && margin <= 1 && malayMargin >= 0 && malayMargin <= 1)) {
            throw new IllegalArgumentException("Margins must lie in [0, 1]; got " + margin + " and " + malayMargin + ".");
        }
    }

    /** The share of words without a capital letter; 0 for a sentence with no words. */
    public double lowercaseShare() {
        return words == 0 ? 0 : (double) lowercaseWords / words;
    }
}
