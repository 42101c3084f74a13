package dev.kabar.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The detector on hand-written sentences of the kinds Indonesian news holds: English quotes,
 * Indonesian with names and brands, Malay, Javanese, Sundanese, other scripts, bare numbers. Where a
 * rule, not Lingua, decides, the test first checks that Lingua alone would have decided otherwise.
 */
class SentenceLanguageDetectorTest {

    private static final SentenceLanguageDetector DETECTOR = new SentenceLanguageDetector();

    @Test
    void anEnglishQuoteInAnIndonesianArticlePassesThrough() {
        LanguageDecision d = DETECTOR.decide("\"We will continue to support Indonesia,\" he said.");
        assertEquals(SentenceLanguage.ENGLISH, d.language(), d.toString());
        assertEquals(LanguageAction.PASS_THROUGH, d.action());
        assertEquals("en", d.language().code());
        assertTrue(d.passesThrough());
        assertTrue(d.confidence() >= LanguageRules.MIN_ENGLISH_MARGIN, d.toString());

        LanguageDecision plain = DETECTOR.decide("The minister said the policy would take effect next month.");
        assertEquals(LanguageAction.PASS_THROUGH, plain.action(), plain.toString());
    }

    @Test
    void indonesianIsTranslated() {
        LanguageDecision d = DETECTOR.decide("Presiden Joko Widodo meresmikan jalan tol.");
        assertEquals(SentenceLanguage.INDONESIAN, d.language(), d.toString());
        assertEquals(LanguageAction.TRANSLATE, d.action());
        assertEquals("id", d.language().code());
    }

    @Test
    void anIndonesianSentenceQuotingAnEnglishPhraseIsTranslated() {
        LanguageDecision d = DETECTOR.decide("Menurut dia, kebijakan itu adalah 'a step in the right direction' bagi Indonesia.");
        assertEquals(SentenceLanguage.INDONESIAN, d.language(), d.toString());
        assertEquals(LanguageAction.TRANSLATE, d.action());
    }

    @Test
    void aBrandNameIsTooShortToPassThrough() {
        LanguageEvidence e = DETECTOR.evidence("iPhone 15 Pro Max");
        // Lingua alone calls it English; the number is not a word.
        assertEquals(SentenceLanguage.ENGLISH, e.best(), e.toString());
        assertEquals(3, e.words());
        assertEquals(0, e.lowercaseWords());
        LanguageDecision d = DETECTOR.decide("iPhone 15 Pro Max");
        assertEquals(LanguageAction.TRANSLATE, d.action(), d.toString());
        assertEquals(SentenceLanguage.UNDETERMINED, d.language());
        assertEquals(LanguageDecision.Reason.TOO_FEW_WORDS, d.reason());
    }

    @Test
    void namesAndTitlesStayWithTheArticle() {
        for (String title : List.of("Bank Indonesia Keeps Benchmark Rate Unchanged",
                "Jakarta International Java Jazz Festival Returns")) {
            LanguageEvidence e = DETECTOR.evidence(title);
            assertEquals(SentenceLanguage.ENGLISH, e.best(), e.toString());
            assertTrue(e.margin() >= LanguageRules.MIN_ENGLISH_MARGIN, e.toString());
            LanguageDecision d = DETECTOR.decide(title);
            assertEquals(LanguageAction.TRANSLATE, d.action(), title + ": " + d);
            assertEquals(LanguageDecision.Reason.MOSTLY_NAMES, d.reason(), title);
        }
    }

    @Test
    void malayIsTranslated() {
        LanguageDecision d = DETECTOR.decide("Kerajaan negeri akan membina lebih banyak rumah mampu milik.");
        assertEquals(SentenceLanguage.MALAY, d.language(), d.toString());
        assertEquals(LanguageAction.TRANSLATE, d.action());
        assertEquals("ms", d.language().code());
    }

    @Test
    void indonesianThatLinguaBarelyCallsMalayStaysIndonesian() {
        String sentence = "Harga beras naik lagi minggu ini.";
        LanguageEvidence e = DETECTOR.evidence(sentence);
        assertEquals(SentenceLanguage.MALAY, e.best(), e.toString());
        assertTrue(e.malayMargin() < LanguageRules.MIN_MALAY_MARGIN, e.toString());
        LanguageDecision d = DETECTOR.decide(sentence);
        assertEquals(SentenceLanguage.INDONESIAN, d.language(), d.toString());
        assertEquals(LanguageDecision.Reason.CLOSE_TO_INDONESIAN, d.reason());
        assertEquals(LanguageAction.TRANSLATE, d.action());
    }

    @Test
    void javaneseAndSundaneseAreTranslatedAndFlagged() {
        String javanese = "Aku ora ngerti kowe ngomong apa.";
        String sundanese = "Abdi teu terang naon anu dicarioskeun ku anjeun.";
        // Lingua has no model for either and calls both Indonesian.
        assertEquals(SentenceLanguage.INDONESIAN, DETECTOR.evidence(javanese).best());
        assertEquals(SentenceLanguage.INDONESIAN, DETECTOR.evidence(sundanese).best());

        LanguageDecision jv = DETECTOR.decide(javanese);
        assertEquals(SentenceLanguage.JAVANESE, jv.language(), jv.toString());
        assertEquals(LanguageAction.FLAG, jv.action());
        assertEquals("jv", jv.language().code());
        LanguageDecision su = DETECTOR.decide(sundanese);
        assertEquals(SentenceLanguage.SUNDANESE, su.language(), su.toString());
        assertEquals(LanguageAction.FLAG, su.action());
        assertEquals("su", su.language().code());
    }

    @Test
    void otherScriptsAreFlagged() {
        for (String s : List.of("بسم الله الرحمن الرحيم", "我们将继续支持印度尼西亚")) {
            LanguageDecision d = DETECTOR.decide(s);
            assertEquals(LanguageAction.FLAG, d.action(), s);
            assertEquals(SentenceLanguage.UNDETERMINED, d.language(), s);
            assertEquals(LanguageDecision.Reason.OTHER_SCRIPT, d.reason(), s);
        }
    }

    @Test
    void sentencesWithoutLettersAreTranslatedAsBefore() {
        for (String s : List.of("12.500", "2025.", "—", "")) {
            LanguageDecision d = DETECTOR.decide(s);
            assertEquals(LanguageAction.TRANSLATE, d.action(), s);
            assertEquals(SentenceLanguage.UNDETERMINED, d.language(), s);
            assertEquals(LanguageDecision.Reason.NO_LETTERS, d.reason(), s);
            assertEquals("und", d.language().code());
        }
    }

    @Test
    void wordsAreTokensWithALetterStrippedOfPunctuation() {
        LanguageEvidence e = DETECTOR.evidence("\"Kami siap,\" kata Ryder (45) di Jakarta, 12/10.");
        // Kami, siap, kata, Ryder, di, Jakarta: the numbers are not words.
        assertEquals(6, e.words(), e.toString());
        assertEquals(3, e.lowercaseWords(), e.toString());
        assertEquals(0.5, e.lowercaseShare(), 1e-12);
    }

    @Test
    void threadsSharingTheDetectorDecideAsOneThreadDoes() throws Exception {
        List<String> sentences = List.of("\"We will continue to support Indonesia,\" he said.",
                "Presiden Joko Widodo meresmikan jalan tol.", "iPhone 15 Pro Max",
                "Kerajaan negeri akan membina lebih banyak rumah mampu milik.", "Aku ora ngerti kowe ngomong apa.",
                "The minister said the policy would take effect next month.", "Harga beras naik lagi minggu ini.");
        List<LanguageDecision> expected = sentences.stream().map(DETECTOR::decide).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<LanguageDecision>>> runs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                runs.add(pool.submit(() -> {
                    List<LanguageDecision> out = new ArrayList<>();
                    SentenceLanguageDetector own = new SentenceLanguageDetector();
                    for (int r = 0; r < 20; r++) {
                        out = sentences.stream().map(own::decide).toList();
                    }
                    return out;
                }));
            }
            for (Future<List<LanguageDecision>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
