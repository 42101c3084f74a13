package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.Article;
import dev.kabar.trust.Reason;
import dev.kabar.trust.ReasonCode;
import dev.kabar.trust.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trust a run gives each sentence pair: languages, checks per model input, second tries and
 * the better attempt, split sentences, duplicates, tallies. The translators are fakes that answer
 * from a table, so that each case sets exactly what the model says.
 */
class TranslationRunTrustTest {

    private static final String QUOTE = "The minister said the policy would take effect next month.";
    private static final String LOOP_ID = "Warga menyambut presiden di alun-alun kota.";
    private static final String LOOP_EN = "the the the the the the";
    private static final String LOOP_FIXED = "Residents welcomed the president in the town square.";
    private static final String PRICE_ID = "Harga naik 15 persen.";
    private static final String COPY_ID = "Pemerintah akan membangun jembatan baru tahun depan.";
    private static final String JAVANESE = "Aku ora ngerti kowe ngomong apa.";

    /** A fake model: answers each sentence from its table, records what it was given, and may have a second try. */
    static class TableTranslator implements SentenceTranslator {
        final Map<String, Translation> answers = new HashMap<>();
        final List<String> seen = new ArrayList<>();
        final List<List<String>> batches = new ArrayList<>();
        TableTranslator second;
        RuntimeException failure;

        TableTranslator answer(String indonesian, String english) {
            return answer(indonesian, english, null);
        }

        TableTranslator answer(String indonesian, String english, Double confidence) {
            answers.put(indonesian, new Translation(english, countTokens(english) + 1, confidence));
            return this;
        }

        @Override
        public List<Translation> translate(List<String> sentences) {
            batches.add(List.copyOf(sentences));
            if (failure != null) {
                throw failure;
            }
            List<Translation> out = new ArrayList<>();
            for (String s : sentences) {
                seen.add(s);
                Translation t = answers.get(s);
                if (t == null) {
                    throw new AssertionError("the test gave no answer for '" + s + "'");
                }
                out.add(t);
            }
            return out;
        }

        @Override
        public int countTokens(String text) {
            return text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }

        @Override
        public int maxInputTokens() {
            return 100;
        }

        @Override
        public SentenceTranslator secondTry() {
            return second;
        }
    }

    /** A model whose ordinary Indonesian sentences get ordinary English, and a second try that answers nothing yet. */
    private static TableTranslator model() {
        TableTranslator model = new TableTranslator()
                .answer("Menteri berbicara soal kebijakan baru", "Minister talks about new policy")
                .answer("Presiden berbicara kepada wartawan di istana negara.", "The president spoke to reporters at the palace.")
                .answer(LOOP_ID, LOOP_EN)
                .answer(PRICE_ID, "Prices rose.")
                .answer(COPY_ID, COPY_ID)
                .answer(JAVANESE, "I do not understand what you are saying.");
        model.second = new TableTranslator();
        return model;
    }

    private static Article article(String id, String title, String... paragraphs) {
        Article.Builder builder = Article.builder().id(id).origin(id + ".txt").title(title);
        for (String paragraph : paragraphs) {
            builder.paragraph(paragraph);
        }
        return builder.build();
    }

    private static TranslationSettings settings(boolean detect, boolean secondTry) {
        return TranslationSettings.of(1000, 8, 0)
                .withTrust(TrustSettings.defaults().withDetectLanguage(detect).withSecondTry(secondTry));
    }

    private static final class Outcome {
        final List<TranslatedArticle> articles = new ArrayList<>();
        final List<ProgressSnapshot> snapshots = new ArrayList<>();
        RunSummary summary;

        SentencePair pair(int article, int paragraph, int sentence) {
            return articles.get(article).paragraphs().get(paragraph).get(sentence);
        }
    }

    private static Outcome run(SentenceTranslator model, TranslationSettings settings, Article... articles)
            throws IOException {
        Outcome outcome = new Outcome();
        TranslationProgress progress = new TranslationProgress() {
            @Override
            public void advanced(ProgressSnapshot snapshot) {
                outcome.snapshots.add(snapshot);
            }
        };
        outcome.summary = new TranslationRun(model, settings).run(List.of(articles), outcome.articles::add, progress);
        return outcome;
    }

    private static List<ReasonCode> codes(Verdict verdict) {
        return verdict.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void anEnglishQuoteInAnIndonesianArticlePassesThroughUntranslatedAndNeverReachesTheModel() throws IOException {
        TableTranslator model = model();
        Outcome out = run(model, settings(true, true), article("a", "Menteri berbicara soal kebijakan baru",
                "Presiden berbicara kepada wartawan di istana negara. " + QUOTE));

        SentencePair quote = out.pair(0, 0, 1);
        assertEquals(QUOTE, quote.indonesian());
        assertEquals(QUOTE, quote.english(), "kept as it is");
        assertEquals(SentenceTrust.passedThrough("en"), quote.trust());
        assertFalse(model.seen.contains(QUOTE), "never sent to the model: " + model.seen);
        SentencePair indonesian = out.pair(0, 0, 0);
        assertEquals("The president spoke to reporters at the palace.", indonesian.english());
        assertTrue(indonesian.trust().translated());
        assertEquals("id", indonesian.trust().language());
        assertEquals("id", out.articles.get(0).title().trust().language(), "titles get a language too");

        assertEquals(2, out.summary.translatedTexts(), "a sentence passed through is not a translated text");
        assertEquals(3, out.summary.sentences(), "but it is a sentence pair");
        ProgressSnapshot last = out.snapshots.get(out.snapshots.size() - 1);
        assertEquals(3, last.sentencesTotal());
        assertEquals(3, last.sentencesDone(), "the passed-through sentence counts as done");
        assertEquals(5 + 7, out.articles.get(0).stats().sourceTokens(), "no model tokens for the quote");
        assertEquals(1, out.summary.trust().passedThrough());
        assertEquals(2, out.summary.trust().checked());
    }

    @Test
    void anEnglishTitlePassesThroughWhole() throws IOException {
        TableTranslator model = model();
        String title = "Apple unveils its new phone to a crowd of reporters in California";
        Outcome out = run(model, settings(true, false), article("a", title, PRICE_ID));
        assertEquals(title, out.articles.get(0).title().english());
        assertEquals(TrustAction.PASSED_THROUGH, out.articles.get(0).title().trust().action());
        assertEquals(List.of(PRICE_ID), model.seen);
    }

    @Test
    void aRepeatedTokenOutputIsFlaggedAndMendedByTheSecondTryWithBothAttemptsRecorded() throws IOException {
        TableTranslator model = model();
        model.second.answer(LOOP_ID, LOOP_FIXED, -0.4);
        Outcome out = run(model, settings(true, true),
                article("a", null, LOOP_ID + " Presiden berbicara kepada wartawan di istana negara."));

        SentencePair pair = out.pair(0, 0, 0);
        assertEquals(LOOP_FIXED, pair.english(), "the second attempt is kept");
        SentenceTrust trust = pair.trust();
        assertEquals(TrustAction.SECOND_TRY_KEPT_SECOND, trust.action());
        assertEquals(Verdict.OK, trust.verdict());
        assertEquals(-0.4, trust.confidence());
        assertEquals(2, trust.attempts().size());
        Attempt first = trust.attempts().get(0);
        assertEquals(Attempt.FIRST, first.settings());
        assertEquals(LOOP_EN, first.english());
        assertEquals(List.of(ReasonCode.REPETITION), codes(first.verdict()));
        Attempt second = trust.attempts().get(1);
        assertEquals(Attempt.SECOND, second.settings());
        assertEquals(LOOP_FIXED, second.english());
        assertEquals(-0.4, second.confidence());
        assertEquals(Verdict.OK, second.verdict());
        assertEquals(List.of(LOOP_ID), model.second.seen, "only the suspect text is tried again");
        assertEquals(TrustAction.NONE, out.pair(0, 0, 1).trust().action());
        assertEquals(1, out.summary.trust().secondKept());
    }

    @Test
    void aDroppedNumberIsFlaggedAndWithSecondTriesOffStaysFlagged() throws IOException {
        TableTranslator model = model();
        Outcome out = run(model, settings(true, false), article("a", null, PRICE_ID));
        SentenceTrust trust = out.pair(0, 0, 0).trust();
        assertEquals("Prices rose.", out.pair(0, 0, 0).english());
        assertEquals(List.of(ReasonCode.NUMBERS), codes(trust.verdict()));
        assertTrue(trust.verdict().reasons().get(0).detail().contains("15"), trust.verdict().toString());
        assertEquals(TrustAction.FLAGGED, trust.action());
        assertTrue(trust.attempts().isEmpty());
        assertTrue(model.second.seen.isEmpty(), "second tries are off");
    }

    @Test
    void anUntranslatedCopyIsFlagged() throws IOException {
        Outcome out = run(model(), settings(true, false), article("a", null, COPY_ID));
        SentenceTrust trust = out.pair(0, 0, 0).trust();
        assertEquals(List.of(ReasonCode.UNTRANSLATED), codes(trust.verdict()));
        assertEquals(TrustAction.FLAGGED, trust.action());
    }

    @Test
    void aSecondTryThatIsNoBetterKeepsTheFirst() throws IOException {
        TableTranslator model = model();
        model.second.answer(PRICE_ID, "Prices went up.");
        Outcome out = run(model, settings(true, true), article("a", null, PRICE_ID));
        SentencePair pair = out.pair(0, 0, 0);
        assertEquals("Prices rose.", pair.english(), "a tie keeps the first");
        assertEquals(TrustAction.SECOND_TRY_KEPT_FIRST, pair.trust().action());
        assertEquals(List.of(ReasonCode.NUMBERS), codes(pair.trust().verdict()));
        assertEquals(List.of("Prices rose.", "Prices went up."),
                pair.trust().attempts().stream().map(Attempt::english).toList());
        assertEquals(List.of(PRICE_ID), model.second.seen);
        assertEquals(1, out.summary.trust().secondTries());
        assertEquals(0, out.summary.trust().secondKept());
    }

    @Test
    void aLowConfidenceIsFlagged() throws IOException {
        TableTranslator model = model();
        model.answer("Presiden berbicara kepada wartawan di istana negara.", "The president spoke to reporters at the palace.",
                -3.0);
        Outcome out = run(model, settings(true, false), article("a", null, "Presiden berbicara kepada wartawan di istana negara."));
        SentenceTrust trust = out.pair(0, 0, 0).trust();
        assertEquals(-3.0, trust.confidence());
        assertEquals(List.of(ReasonCode.LOW_CONFIDENCE), codes(trust.verdict()));
        assertEquals(TrustAction.FLAGGED, trust.action());
    }

    @Test
    void theThresholdComesFromTheSettings() throws IOException {
        TableTranslator model = model();
        model.answer("Presiden berbicara kepada wartawan di istana negara.", "The president spoke to reporters at the palace.",
                -3.0);
        TranslationSettings lenient = settings(true, false).withTrust(
                TrustSettings.defaults().withSecondTry(false).withMinConfidence(-4.0));
        Outcome out = run(model, lenient, article("a", null, "Presiden berbicara kepada wartawan di istana negara."));
        assertEquals(Verdict.OK, out.pair(0, 0, 0).trust().verdict());
    }

    @Test
    void aJavaneseSentenceIsFlaggedForItsLanguageAndNotTriedAgain() throws IOException {
        TableTranslator model = model();
        Outcome out = run(model, settings(true, true), article("a", null, JAVANESE));
        SentencePair pair = out.pair(0, 0, 0);
        assertEquals("I do not understand what you are saying.", pair.english(), "translated all the same");
        SentenceTrust trust = pair.trust();
        assertEquals("jv", trust.language());
        assertTrue(trust.translated());
        assertEquals(List.of(ReasonCode.LANGUAGE), codes(trust.verdict()));
        assertEquals("the sentence looks Javanese, which the model was not trained on",
                trust.verdict().reasons().get(0).detail());
        assertEquals(TrustAction.FLAGGED, trust.action());
        assertTrue(model.second.seen.isEmpty(), "a second try cannot change the language: " + model.second.seen);
        assertEquals(1, out.summary.trust().count(ReasonCode.LANGUAGE));
    }

    @Test
    void withDetectionOffEnglishIsTranslatedAndNoLanguageIsGiven() throws IOException {
        TableTranslator model = model().answer(QUOTE, "The minister said the policy would take effect next month.");
        Outcome out = run(model, settings(false, false), article("a", null, QUOTE + " " + JAVANESE));
        assertTrue(model.seen.contains(QUOTE), model.seen.toString());
        assertEquals(QUOTE, out.pair(0, 0, 0).english());
        assertEquals(List.of(ReasonCode.UNTRANSLATED), codes(out.pair(0, 0, 0).trust().verdict()),
                "English given back as it is reads as a copy: what detection spares");
        for (SentencePair pair : out.articles.get(0).sentences()) {
            assertNull(pair.trust().language(), pair.toString());
            assertTrue(pair.trust().translated());
        }
        assertFalse(out.pair(0, 0, 1).trust().verdict().has(ReasonCode.LANGUAGE), "no language, no language flag");
        assertEquals(0, out.summary.trust().passedThrough());
    }

    @Test
    void aSecondTryThatThrowsKeepsTheFirstFlaggedAndWarns() throws IOException {
        TableTranslator model = model();
        model.second.failure = new IllegalStateException("the beam search ran out of memory");
        Outcome out = run(model, settings(true, true), article("a", null, LOOP_ID + " " + PRICE_ID));
        SentencePair pair = out.pair(0, 0, 0);
        assertEquals(LOOP_EN, pair.english());
        assertEquals(TrustAction.FLAGGED, pair.trust().action());
        assertTrue(pair.trust().attempts().isEmpty());
        assertFalse(out.articles.get(0).failed());
        List<String> warnings = out.articles.get(0).warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("sentence 1 of paragraph 1: the second try failed")
                && w.contains("ran out of memory")), warnings.toString());
        assertTrue(model.second.batches.size() >= 3, "the batch, then each text alone: " + model.second.batches);
    }

    @Test
    void theSecondTrysTimeIsPartOfTheArticlesModelTime() throws IOException {
        TableTranslator model = model();
        model.second.answer(LOOP_ID, LOOP_FIXED);
        long[] now = {0};
        // Every clock reading advances 10 ms: one first batch and one second-try batch are 20 ms.
        TranslationRun run = new TranslationRun(model, settings(true, true), () -> now[0] += 10_000_000);
        List<TranslatedArticle> results = new ArrayList<>();
        run.run(List.of(article("a", null, LOOP_ID)), results::add, TranslationProgress.NONE);
        assertEquals(20_000_000, results.get(0).stats().translationNanos());
        assertEquals(model.countTokens(LOOP_EN) + 1 + model.countTokens(LOOP_FIXED) + 1,
                results.get(0).stats().targetTokens(), "the model generated both attempts");
    }

    @Test
    void aTextMetAgainSharesTheTrustOfItsFirstOccurrence() throws IOException {
        TableTranslator model = model();
        model.second.answer(LOOP_ID, LOOP_FIXED, -0.4);
        // A read-ahead of one text puts each article in its own window: the outcome must outlive windows.
        TranslationSettings settings = settings(true, true).withReadAhead(1);
        Outcome out = run(model, settings, article("a", null, LOOP_ID + " " + LOOP_ID), article("b", null, LOOP_ID));
        SentenceTrust first = out.pair(0, 0, 0).trust();
        assertEquals(TrustAction.SECOND_TRY_KEPT_SECOND, first.action());
        assertEquals(first, out.pair(0, 0, 1).trust(), "a duplicate in the same window");
        assertEquals(first, out.pair(1, 0, 0).trust(), "a duplicate in a later window");
        assertEquals(LOOP_FIXED, out.pair(1, 0, 0).english());
        assertEquals(List.of(LOOP_ID), model.seen, "translated once");
        assertEquals(List.of(LOOP_ID), model.second.seen, "and tried again once");
        assertEquals(3, out.summary.trust().secondTries(), "each sentence counts");
    }

    /** Two pieces: "Presiden ... Sumatera," and "dan para menteri ...", under a limit of 8 tokens. */
    private static final String PIECE_A = "Presiden meresmikan jalan tol baru di Sumatera,";
    private static final String PIECE_B = "dan para menteri hadir di sana.";
    private static final String LONG = PIECE_A + " " + PIECE_B;

    private static TranslationSettings splitting(boolean secondTry) {
        return TranslationSettings.of(1000, 8, 8)
                .withTrust(TrustSettings.defaults().withSecondTry(secondTry));
    }

    @Test
    void aSplitSentenceCombinesItsPiecesAttemptsAndConfidences() throws IOException {
        TableTranslator model = new TableTranslator()
                .answer(PIECE_A, "The president opened a new toll road in Sumatra,", -0.5)
                .answer(PIECE_B, "and and and and and and", -2.0);
        model.second = new TableTranslator().answer(PIECE_B, "and the ministers were there.", -1.0);
        Outcome out = run(model, splitting(true), article("a", null, LONG));
        SentencePair pair = out.pair(0, 0, 0);
        assertTrue(pair.split());
        assertEquals(List.of(PIECE_B), model.second.seen, "only the suspect piece is tried again");
        assertEquals("The president opened a new toll road in Sumatra, and the ministers were there.", pair.english());
        SentenceTrust trust = pair.trust();
        assertEquals(TrustAction.SECOND_TRY_KEPT_SECOND, trust.action());
        assertEquals(Verdict.OK, trust.verdict());
        int tokensA = model.countTokens("The president opened a new toll road in Sumatra,") + 1;
        int tokensB = model.countTokens("and the ministers were there.") + 1;
        assertEquals((-0.5 * tokensA - 1.0 * tokensB) / (tokensA + tokensB), trust.confidence(), 1e-12,
                "the pieces' confidences weighted by generated tokens");
        assertEquals("The president opened a new toll road in Sumatra, and and and and and and",
                trust.attempts().get(0).english(), "the whole first attempt");
        assertTrue(trust.attempts().get(0).verdict().has(ReasonCode.REPETITION));
        assertEquals(pair.english(), trust.attempts().get(1).english(), "the untried piece keeps its first translation");
        assertEquals(trust.confidence(), trust.attempts().get(1).confidence(), 1e-12);
    }

    @Test
    void aSplitSentenceHasTheUnionOfItsPiecesReasonsAndNoConfidenceWhenAPieceHasNone() throws IOException {
        TableTranslator model = new TableTranslator()
                .answer(PIECE_A, "The president opened a toll road in Sumatra,", -0.5)
                .answer(PIECE_B, "and and and and and and");
        Outcome out = run(model, splitting(false), article("a", null, LONG));
        SentenceTrust trust = out.pair(0, 0, 0).trust();
        assertEquals(TrustAction.FLAGGED, trust.action());
        assertEquals(List.of(ReasonCode.REPETITION), codes(trust.verdict()));
        assertNull(trust.confidence(), "one piece's confidence is not known");
        assertTrue(trust.attempts().isEmpty());
    }

    @Test
    void talliesAddUpInTheArticlesAndTheRunButNotForFailedArticles() throws IOException {
        TableTranslator model = model();
        model.second.answer(LOOP_ID, LOOP_FIXED).answer(PRICE_ID, "Prices went up.");
        TableTranslator failing = new TableTranslator() {
            @Override
            public List<Translation> translate(List<String> sentences) {
                if (sentences.stream().anyMatch(s -> s.contains("RUSAK"))) {
                    throw new IllegalStateException("the model cannot translate it");
                }
                return model.translate(sentences);
            }
        };
        failing.second = model.second;
        Outcome out = run(failing, settings(true, true),
                article("a", "Menteri berbicara soal kebijakan baru", LOOP_ID + " " + PRICE_ID + " " + QUOTE, JAVANESE),
                article("b", null, PRICE_ID + " Kalimat RUSAK ini."));

        TrustTally a = out.articles.get(0).stats().trust();
        assertEquals(4, a.checked(), "title, loop, price, Javanese");
        assertEquals(1, a.passedThrough());
        assertEquals(2, a.suspect(), "the price still, the Javanese sentence");
        assertEquals(2, a.secondTries());
        assertEquals(1, a.secondKept());
        assertEquals(Map.of(ReasonCode.NUMBERS, 1L, ReasonCode.LANGUAGE, 1L), a.reasons());
        assertTrue(out.articles.get(1).failed());
        assertEquals(TrustTally.NONE, out.articles.get(1).stats().trust());
        assertNull(out.articles.get(1).sentences().get(0).trust(), "a failed article's pairs have no trust");
        assertEquals(a, out.summary.trust(), "the failed article does not count");
    }

    @Test
    void theBetterAttemptIsNotSuspectThenHasFewerReasonsThenAHigherConfidence() {
        Verdict ok = Verdict.OK;
        Verdict one = Verdict.of(List.of(new Reason(ReasonCode.NUMBERS, "number 15 missing")));
        Verdict two = Verdict.of(List.of(new Reason(ReasonCode.NUMBERS, "number 15 missing"),
                new Reason(ReasonCode.LOW_CONFIDENCE, "confidence -3.00 is below -1.50")));
        Translation sure = new Translation("x", 1, -0.1);
        Translation unsure = new Translation("x", 1, -3.0);
        Translation unknown = new Translation("x", 1, null);
        assertTrue(TranslationRun.better(unsure, ok, sure, two), "not suspect beats suspect, whatever the confidence");
        assertFalse(TranslationRun.better(sure, two, unsure, ok));
        assertTrue(TranslationRun.better(unsure, one, sure, two), "fewer reasons");
        assertTrue(TranslationRun.better(sure, one, unsure, one), "a higher confidence");
        assertFalse(TranslationRun.better(unsure, one, sure, one));
        assertTrue(TranslationRun.better(unsure, one, unknown, one), "a known confidence beats none");
        assertFalse(TranslationRun.better(unknown, one, unsure, one));
        assertFalse(TranslationRun.better(unknown, one, unknown, one), "a tie is not better: the first is kept");
        assertFalse(TranslationRun.better(sure, ok, sure, ok));
        assertNotNull(TranslationRun.confidence(List.of(sure, unsure)));
        assertEquals(-1.55, TranslationRun.confidence(List.of(sure, unsure)), 1e-12, "equal tokens: the plain mean");
    }
}
