package dev.kabar.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rules on hand-made evidence, at and beside each threshold; Lingua is not involved. */
class LanguageRulesTest {

    private static final LanguageRules RULES = LanguageRules.DEFAULT;

    /** Latin letters only, no local-language words. */
    private static LanguageEvidence evidence(int words, int lowercase, SentenceLanguage best, double margin, double malayMargin) {
        return new LanguageEvidence(words, lowercase, 5 * words, 5 * words, 0, 0, false, best, margin, malayMargin);
    }

    private static LanguageEvidence english(int words, int lowercase, double margin) {
        return evidence(words, lowercase, SentenceLanguage.ENGLISH, margin, 0);
    }

    @Test
    void englishPassesThroughExactlyAtEachThreshold() {
        LanguageDecision d = RULES.decide(english(4, 2, 0.05));
        assertEquals(new LanguageDecision(SentenceLanguage.ENGLISH, LanguageAction.PASS_THROUGH, 0.05,
                LanguageDecision.Reason.DETECTED), d);
    }

    @Test
    void englishBelowAThresholdIsTranslatedAndSaysWhich() {
        assertKeptBack(english(3, 3, 0.5), LanguageDecision.Reason.TOO_FEW_WORDS);
        assertKeptBack(english(4, 1, 0.5), LanguageDecision.Reason.MOSTLY_NAMES);
        assertKeptBack(english(4, 4, 0.049), LanguageDecision.Reason.NOT_CONFIDENT);
        // Length is checked first, then names, then the margin.
        assertKeptBack(english(2, 0, 0.0), LanguageDecision.Reason.TOO_FEW_WORDS);
        assertKeptBack(english(8, 0, 0.0), LanguageDecision.Reason.MOSTLY_NAMES);
    }

    private static void assertKeptBack(LanguageEvidence e, LanguageDecision.Reason reason) {
        LanguageDecision d = RULES.decide(e);
        assertEquals(SentenceLanguage.UNDETERMINED, d.language(), e.toString());
        assertEquals(LanguageAction.TRANSLATE, d.action(), e.toString());
        assertEquals(reason, d.reason(), e.toString());
        assertEquals(e.margin(), d.confidence(), 0);
    }

    @Test
    void otherThresholdsChangeTheOutcome() {
        LanguageEvidence short3 = english(3, 3, 0.5);
        assertTrue(RULES.withMinEnglishWords(3).decide(short3).passesThrough());
        LanguageEvidence names = english(4, 1, 0.5);
        assertTrue(RULES.withMinLowercaseShare(0.25).decide(names).passesThrough());
        LanguageEvidence close = english(4, 4, 0.03);
        assertTrue(RULES.withMinEnglishMargin(0.02).decide(close).passesThrough());
    }

    @Test
    void malayNeedsItsMarginOverIndonesian() {
        LanguageDecision ms = RULES.decide(evidence(6, 5, SentenceLanguage.MALAY, 0.05, 0.05));
        assertEquals(SentenceLanguage.MALAY, ms.language());
        assertEquals(LanguageAction.TRANSLATE, ms.action());
        LanguageDecision id = RULES.decide(evidence(6, 5, SentenceLanguage.MALAY, 0.04, 0.04));
        assertEquals(new LanguageDecision(SentenceLanguage.INDONESIAN, LanguageAction.TRANSLATE, 0.04,
                LanguageDecision.Reason.CLOSE_TO_INDONESIAN), id);
        LanguageDecision plain = RULES.decide(evidence(1, 1, SentenceLanguage.INDONESIAN, 0.2, 0));
        assertEquals(new LanguageDecision(SentenceLanguage.INDONESIAN, LanguageAction.TRANSLATE, 0.2,
                LanguageDecision.Reason.DETECTED), plain);
    }

    @Test
    void localLanguageWordsFlagBeforeLinguaIsHeard() {
        // Lingua's English with a wide margin does not matter once two Javanese words are there.
        LanguageEvidence jv = new LanguageEvidence(6, 5, 30, 30, 2, 0, false, SentenceLanguage.ENGLISH, 0.9, 0);
        assertEquals(new LanguageDecision(SentenceLanguage.JAVANESE, LanguageAction.FLAG, 0,
                LanguageDecision.Reason.LOCAL_LANGUAGE_WORDS), RULES.decide(jv));
        LanguageEvidence su = new LanguageEvidence(6, 5, 30, 30, 1, 3, false, SentenceLanguage.INDONESIAN, 0.1, 0);
        assertEquals(SentenceLanguage.SUNDANESE, RULES.decide(su).language());
        // A tie in different words goes to the language whose words are used more often.
        LanguageEvidence tie = new LanguageEvidence(6, 5, 30, 30, 2, 2, true, SentenceLanguage.INDONESIAN, 0.1, 0);
        assertEquals(SentenceLanguage.SUNDANESE, RULES.decide(tie).language());
        LanguageEvidence tieJv = new LanguageEvidence(6, 5, 30, 30, 2, 2, false, SentenceLanguage.INDONESIAN, 0.1, 0);
        assertEquals(SentenceLanguage.JAVANESE, RULES.decide(tieJv).language());
        // One word is not enough: it may be a borrowing.
        LanguageEvidence one = new LanguageEvidence(6, 5, 30, 30, 1, 1, false, SentenceLanguage.INDONESIAN, 0.1, 0);
        assertEquals(SentenceLanguage.INDONESIAN, RULES.decide(one).language());
    }

    @Test
    void scriptsAndEmptySentences() {
        LanguageEvidence arabic = new LanguageEvidence(4, 4, 10, 4, 0, 0, false, SentenceLanguage.UNDETERMINED, 0, 0);
        assertEquals(new LanguageDecision(SentenceLanguage.UNDETERMINED, LanguageAction.FLAG, 0,
                LanguageDecision.Reason.OTHER_SCRIPT), RULES.decide(arabic));
        LanguageEvidence half = new LanguageEvidence(4, 4, 10, 5, 0, 0, false, SentenceLanguage.INDONESIAN, 0.2, 0);
        assertEquals(LanguageAction.TRANSLATE, RULES.decide(half).action());
        LanguageEvidence none = new LanguageEvidence(0, 0, 0, 0, 0, 0, false, SentenceLanguage.UNDETERMINED, 0, 0);
        assertEquals(new LanguageDecision(SentenceLanguage.UNDETERMINED, LanguageAction.TRANSLATE, 0,
                LanguageDecision.Reason.NO_LETTERS), RULES.decide(none));
    }

    @Test
    void badThresholdsAreRefusedByName() {
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class, () -> RULES.withMinEnglishWords(0));
        assertEquals("minEnglishWords must be at least 1; got 0.", words.getMessage());
        IllegalArgumentException share = assertThrows(IllegalArgumentException.class, () -> RULES.withMinLowercaseShare(1.5));
        assertEquals("minLowercaseShare must lie in [0, 1]; got 1.5.", share.getMessage());
        IllegalArgumentException margin = assertThrows(IllegalArgumentException.class, () -> RULES.withMinEnglishMargin(Double.NaN));
        assertEquals("minEnglishMargin must lie in [0, 1]; got NaN.", margin.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RULES.withMinLocalWords(0));
    }

    @Test
    void inconsistentEvidenceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new LanguageEvidence(2, 3, 10, 10, 0, 0, false, SentenceLanguage.ENGLISH, 0.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LanguageEvidence(2, 1, 10, 11, 0, 0, false, SentenceLanguage.ENGLISH, 0.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LanguageEvidence(2, 1, 10, 10, 0, 0, false, SentenceLanguage.JAVANESE, 0.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LanguageEvidence(2, 1, 10, 10, 0, 0, false, SentenceLanguage.ENGLISH, 1.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LanguageDecision(SentenceLanguage.ENGLISH, LanguageAction.PASS_THROUGH, -0.1, LanguageDecision.Reason.DETECTED));
    }
}
