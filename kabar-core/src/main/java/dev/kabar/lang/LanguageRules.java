package dev.kabar.lang;

/**
 * The thresholds that turn {@link LanguageEvidence} into a {@link LanguageDecision}, and the rules
 * that apply them, in order:
 * <ol>
 *   <li>No letters (numbers, punctuation): undetermined, translated as before.</li>
 *   <li>Fewer than half the letters in the Latin script (Arabic, Chinese...): undetermined, flagged.</li>
 *   <li>At least {@code minLocalWords} different Javanese or Sundanese function words: that language,
 *       flagged (translated as Indonesian, marked for a reader).</li>
 *   <li>Lingua's first choice English: passed through only when the sentence has at least
 *       {@code minEnglishWords} words, at least {@code minLowercaseShare} of them without a capital
 *       letter (so that names, titles and brands stay with the article), and English stands ahead of
 *       the next language by at least {@code minEnglishMargin}. Otherwise undetermined and translated.</li>
 *   <li>Lingua's first choice Malay, ahead of Indonesian by at least {@code minMalayMargin}: Malay;
 *       otherwise Indonesian. Both translated: the two are close, and an Indonesian article is
 *       Indonesian unless the text says otherwise.</li>
 * </ol>
 * The rules lean one way on purpose: passing an Indonesian sentence through untranslated loses it for
 * the reader, while translating an English one costs time and may rephrase it. docs/languages.md
 * gives the figures behind each default.
 *
 * @param minEnglishWords the fewest words an English sentence needs to pass through
 * @param minLowercaseShare the smallest share of words without a capital letter it needs
 * @param minEnglishMargin how far ahead of Indonesian and Malay English must stand
 * @param minMalayMargin how far ahead of Indonesian Malay must stand for a sentence to be called Malay
 * @param minLocalWords the fewest different Javanese (or Sundanese) function words that flag a sentence
 */
public record LanguageRules(int minEnglishWords, double minLowercaseShare, double minEnglishMargin,
                            double minMalayMargin, int minLocalWords) {

    /** The fewest words an English sentence needs by default: "iPhone 15 Pro Max" has three. */
    public static final int MIN_ENGLISH_WORDS = 4;
    /** The default share of words without a capital letter. */
    public static final double MIN_LOWERCASE_SHARE = 0.5;
    /** The default English margin. */
    public static final double MIN_ENGLISH_MARGIN = 0.05;
    /** The default Malay margin. */
    public static final double MIN_MALAY_MARGIN = 0.05;
    /** The default number of local-language function words. */
    public static final int MIN_LOCAL_WORDS = 2;

    /** The rules kabar uses. */
    public static final LanguageRules DEFAULT = new LanguageRules(MIN_ENGLISH_WORDS, MIN_LOWERCASE_SHARE,
            MIN_ENGLISH_MARGIN, MIN_MALAY_MARGIN, MIN_LOCAL_WORDS);

    /** Checks every threshold, naming the one out of range. */
    public LanguageRules {
        if (minEnglishWords < 1) {
            throw new IllegalArgumentException("minEnglishWords must be at least 1; got " + minEnglishWords + ".");
        }
        if (minLocalWords < 1) {
            throw new IllegalArgumentException("minLocalWords must be at least 1; got " + minLocalWords + ".");
        }
        checkShare("minLowercaseShare", minLowercaseShare);
        checkShare("minEnglishMargin", minEnglishMargin);
        checkShare("minMalayMargin", minMalayMargin);
    }

    private static void checkShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1]; got " + value + ".");
        }
    }

    /** Returns a copy with another minimum number of English words. */
    public LanguageRules withMinEnglishWords(int value) {
        return new LanguageRules(value, minLowercaseShare, minEnglishMargin, minMalayMargin, minLocalWords);
    }

    /** Returns a copy with another minimum lowercase share. */
    public LanguageRules withMinLowercaseShare(double value) {
        return new LanguageRules(minEnglishWords, value, minEnglishMargin, minMalayMargin, minLocalWords);
    }

    /** Returns a copy with another English margin. */
    public LanguageRules withMinEnglishMargin(double value) {
        return new LanguageRules(minEnglishWords, minLowercaseShare, value, minMalayMargin, minLocalWords);
    }

    /** Returns a copy with another number of local-language function words. */
    public LanguageRules withMinLocalWords(int value) {
        return new LanguageRules(minEnglishWords, minLowercaseShare, minEnglishMargin, minMalayMargin, value);
    }

    /** Applies the rules to what was found in one sentence. */
    public LanguageDecision decide(LanguageEvidence e) {
        if (e.letters() == 0) {
            return decision(SentenceLanguage.UNDETERMINED, LanguageAction.TRANSLATE, 0, LanguageDecision.Reason.NO_LETTERS);
        }
        if (e.latinLetters() * 2 < e.letters()) {
            return decision(SentenceLanguage.UNDETERMINED, LanguageAction.FLAG, 0, LanguageDecision.Reason.OTHER_SCRIPT);
        }
        if (Math.max(e.javaneseWords(), e.sundaneseWords()) >= minLocalWords) {
            boolean sundanese = e.sundaneseWords() != e.javaneseWords()
                    ? e.sundaneseWords() > e.javaneseWords() : e.sundaneseLeads();
            return decision(sundanese ? SentenceLanguage.SUNDANESE : SentenceLanguage.JAVANESE, LanguageAction.FLAG, 0,
                    LanguageDecision.Reason.LOCAL_LANGUAGE_WORDS);
        }
        switch (e.best()) {
            case ENGLISH -> {
                LanguageDecision.Reason against = e.words() < minEnglishWords ? LanguageDecision.Reason.TOO_FEW_WORDS
                        : e.lowercaseShare() < minLowercaseShare ? LanguageDecision.Reason.MOSTLY_NAMES
                        : e.margin() < minEnglishMargin ? LanguageDecision.Reason.NOT_CONFIDENT
                        : null;
                return against == null
                        ? decision(SentenceLanguage.ENGLISH, LanguageAction.PASS_THROUGH, e.margin(), LanguageDecision.Reason.DETECTED)
                        : decision(SentenceLanguage.UNDETERMINED, LanguageAction.TRANSLATE, e.margin(), against);
            }
            case MALAY -> {
                return e.malayMargin() >= minMalayMargin
                        ? decision(SentenceLanguage.MALAY, LanguageAction.TRANSLATE, e.margin(), LanguageDecision.Reason.DETECTED)
                        : decision(SentenceLanguage.INDONESIAN, LanguageAction.TRANSLATE, e.malayMargin(), LanguageDecision.Reason.CLOSE_TO_INDONESIAN);
            }
            case INDONESIAN -> {
                return decision(SentenceLanguage.INDONESIAN, LanguageAction.TRANSLATE, e.margin(), LanguageDecision.Reason.DETECTED);
            }
            default -> {
                // Letters, but none Lingua could score.
                return decision(SentenceLanguage.UNDETERMINED, LanguageAction.TRANSLATE, 0, LanguageDecision.Reason.NO_LETTERS);
            }
        }
    }

    private static LanguageDecision decision(SentenceLanguage language, LanguageAction action, double confidence,
                                             LanguageDecision.Reason reason) {
        return new LanguageDecision(language, action, confidence, reason);
    }
}
