package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.Article;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The translation run on a fake translator: order, de-duplication, clause splits, failures. */
class TranslationRunTest {

    /**
     * A fake model: uppercases, counts one token per word, and records every batch it is given.
     * A sentence matching {@code poison} makes the whole batch throw, as a model failing on one
     * input would.
     */
    static class RecordingTranslator implements SentenceTranslator {
        final List<List<String>> batches = new ArrayList<>();
        final Map<String, Integer> timesTranslated = new HashMap<>();
        final int maxInputTokens;
        Predicate<String> poison = s -> false;

        RecordingTranslator(int maxInputTokens) {
            this.maxInputTokens = maxInputTokens;
        }

        @Override
        public List<Translation> translate(List<String> sentences) {
            batches.add(List.copyOf(sentences));
            List<Translation> out = new ArrayList<>();
            for (String s : sentences) {
                if (poison.test(s)) {
                    throw new IllegalStateException("the model cannot translate '" + s + "'");
                }
                timesTranslated.merge(s, 1, Integer::sum);
                out.add(new Translation(english(s), countTokens(s) + 1));
            }
            return out;
        }

        static String english(String indonesian) {
            return indonesian.toUpperCase(Locale.ROOT);
        }

        @Override
        public int countTokens(String text) {
            return text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }

        @Override
        public int maxInputTokens() {
            return maxInputTokens;
        }
    }

    private static Article article(String id, String title, String... paragraphs) {
        Article.Builder builder = Article.builder().id(id).origin(id + ".txt").title(title);
        for (String paragraph : paragraphs) {
            builder.paragraph(paragraph);
        }
        return builder.build();
    }

    private static List<TranslatedArticle> run(TranslationRun run, List<Article> articles) throws IOException {
        List<TranslatedArticle> results = new ArrayList<>();
        run.run(articles, results::add, TranslationProgress.NONE);
        return results;
    }

    @Test
    void restoresArticleAndSentenceOrderAcrossLengthSortedBatches() throws IOException {
        List<Article> articles = List.of(
                article("a", "Judul pertama yang cukup panjang sekali",
                        "Kalimat satu ini panjang sekali dengan banyak kata di dalamnya. Pendek saja.",
                        "Paragraf kedua punya kalimat sedang panjangnya."),
                article("b", "Judul", "Ya. Kalimat yang agak panjang di artikel kedua ini."),
                article("c", null, "Tiga kata saja. Kalimat terakhir dari artikel ketiga yang lumayan panjang juga."));
        RecordingTranslator translator = new RecordingTranslator(100);
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(1000, 2, 0));

        List<TranslatedArticle> results = run(run, articles);

        assertEquals(List.of("a", "b", "c"), results.stream().map(r -> r.article().id()).toList());
        assertEquals("JUDUL PERTAMA YANG CUKUP PANJANG SEKALI", results.get(0).title().english());
        assertEquals(List.of(
                List.of("Kalimat satu ini panjang sekali dengan banyak kata di dalamnya.", "Pendek saja."),
                List.of("Paragraf kedua punya kalimat sedang panjangnya.")),
                results.get(0).paragraphs().stream().map(p -> p.stream().map(SentencePair::indonesian).toList()).toList());
        assertNull(results.get(2).title(), "no title, no title pair");
        for (TranslatedArticle result : results) {
            assertFalse(result.failed());
            for (SentencePair pair : result.sentences()) {
                assertEquals(RecordingTranslator.english(pair.indonesian()), pair.english(), "each sentence has its own translation");
            }
        }
        // The batches really were sorted by length and mixed articles: otherwise this test proves nothing.
        List<String> sent = translator.batches.stream().flatMap(List::stream).toList();
        for (int k = 1; k < sent.size(); k++) {
            assertTrue(translator.countTokens(sent.get(k - 1)) <= translator.countTokens(sent.get(k)), sent.toString());
        }
        assertEquals(List.of("Judul", "Ya."), translator.batches.get(0), "the shortest texts first");
        assertEquals(List.of("Pendek saja.", "Tiga kata saja."), translator.batches.get(1), "texts of two articles together");
        assertTrue(translator.batches.stream().allMatch(b -> b.size() <= 2));
    }

    @Test
    void translatesIdenticalSentencesOncePerRunEvenAcrossReadAheadWindows() throws IOException {
        String shared = "Harga beras naik di Jakarta.";
        List<Article> articles = List.of(
                article("a", "Berita pagi", shared + " Pedagang mengeluh.", shared),
                article("b", "Berita siang", "Pedagang mengeluh. " + shared),
                article("c", "Berita pagi", "Kalimat baru."));
        RecordingTranslator translator = new RecordingTranslator(100);
        // A read-ahead of one text puts each article in its own window: the memory must outlive windows.
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(1000, 8, 0).withReadAhead(1));
        List<TranslatedArticle> results = new ArrayList<>();

        RunSummary summary = run.run(articles, results::add, TranslationProgress.NONE);

        translator.timesTranslated.forEach((text, times) -> assertEquals(1, times, text));
        assertEquals(5, translator.timesTranslated.size(), translator.timesTranslated.toString());
        assertEquals(5, summary.translatedTexts());
        assertEquals(4, summary.reusedTexts(), "shared twice more, 'Pedagang mengeluh.' and 'Berita pagi' once more");
        assertEquals(9, summary.sentences(), "titles count as sentences");
        assertEquals(1, results.get(0).stats().reusedSentences(), "the second occurrence inside the article");
        assertEquals(2, results.get(1).stats().reusedSentences());
        assertEquals(1, results.get(2).stats().reusedSentences());
        assertEquals("HARGA BERAS NAIK DI JAKARTA.", results.get(1).paragraphs().get(0).get(1).english());
    }

    @Test
    void splitsLongSentencesAtClauseBoundariesFlagsThemAndNeverTruncates() throws IOException {
        String longSentence = "Presiden meresmikan jalan tol baru di Sumatera, dan para menteri hadir di sana; "
                + "warga menyambut dengan gembira, sementara polisi mengatur lalu lintas.";
        Article article = article("a", "Jalan tol", longSentence + " Acara selesai.");
        RecordingTranslator translator = new RecordingTranslator(1000);
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(1000, 8, 8));
        assertEquals(8, run.maxInputTokens(), "the configured limit wins over the translator's own");
        List<TranslatedArticle> results = new ArrayList<>();

        RunSummary summary = run.run(List.of(article), results::add, TranslationProgress.NONE);

        List<String> pieces = translator.batches.stream().flatMap(List::stream).toList();
        for (String piece : pieces) {
            assertTrue(translator.countTokens(piece) <= 8, "every model input fits: " + piece);
        }
        assertTrue(pieces.contains("Presiden meresmikan jalan tol baru di Sumatera,"), pieces.toString());
        assertTrue(pieces.contains("warga menyambut dengan gembira,"), "cut after the semicolon: " + pieces);
        SentencePair pair = results.get(0).paragraphs().get(0).get(0);
        assertEquals(longSentence, pair.indonesian(), "one pair for the whole sentence");
        assertTrue(pair.split());
        assertEquals(longSentence.toUpperCase(Locale.ROOT), pair.english(), "pieces rejoined with a space, nothing lost");
        assertFalse(results.get(0).paragraphs().get(0).get(1).split());
        assertEquals(1, results.get(0).stats().splitSentences());
        assertEquals(1, summary.splitSentences());
    }

    @Test
    void theRunCountsReusedSentencesAsTheArticlesDoEvenWhenOnlyAPieceIsReused() throws IOException {
        // The second sentence is cut into pieces and its first piece is the first sentence again: one
        // text is reused, but no whole sentence is. The summary must not say "1 reused" of sentences
        // when every article says reused_sentences 0 (#18 item 17).
        String piece = "Presiden meresmikan jalan tol baru di Sumatera,";
        String longSentence = piece + " dan warga menyambut dengan gembira.";
        Article article = article("a", null, piece + " " + longSentence);
        RecordingTranslator translator = new RecordingTranslator(1000);
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(1000, 8, 8));
        List<TranslatedArticle> results = new ArrayList<>();

        RunSummary summary = run.run(List.of(article), results::add, TranslationProgress.NONE);

        assertEquals(1, summary.reusedTexts(), "the repeated piece was not sent again");
        assertEquals(0, results.get(0).stats().reusedSentences(), "no sentence was reused whole");
        assertEquals(0, summary.reusedSentences(), "the run reports what its articles report");
    }

    @Test
    void aSingleWordLongerThanTheLimitIsKeptWholeWithAWarning() throws IOException {
        RecordingTranslator translator = new RecordingTranslator(1000) {
            @Override
            public int countTokens(String text) {
                return text.length();
            }
        };
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(1000, 8, 10));
        List<TranslatedArticle> results = run(run, List.of(article("a", null, "Supercalifragilistik sekali.")));
        SentencePair pair = results.get(0).paragraphs().get(0).get(0);
        assertEquals("SUPERCALIFRAGILISTIK SEKALI.", pair.english());
        assertTrue(results.get(0).warnings().get(0).contains("sentence 1 of paragraph 1 has a word of 20 tokens"),
                results.get(0).warnings().toString());
    }

    @Test
    void aFailingArticleIsReportedWhileTheOthersComplete() throws IOException {
        List<Article> articles = List.of(
                article("baik-1", "Judul satu", "Kalimat baik pertama. Kalimat baik kedua."),
                article("rusak", "Judul dua", "Kalimat baik ketiga. Kalimat RUSAK ini membuat model gagal."),
                article("baik-2", "Judul tiga", "Kalimat baik keempat."));
        RecordingTranslator translator = new RecordingTranslator(100);
        translator.poison = s -> s.contains("RUSAK");
        // One big batch: the poisoned text fails the batch, and the run must find out which article it belongs to.
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(10_000, 100, 0));
        List<TranslatedArticle> results = new ArrayList<>();

        RunSummary summary = run.run(articles, results::add, TranslationProgress.NONE);

        assertEquals(3, results.size());
        assertFalse(results.get(0).failed());
        assertFalse(results.get(2).failed());
        assertTrue(results.get(0).sentences().stream().allMatch(p -> p.english() != null));
        assertEquals("KALIMAT BAIK KEEMPAT.", results.get(2).sentences().get(0).english());
        TranslatedArticle bad = results.get(1);
        assertTrue(bad.failed());
        assertTrue(bad.failure().contains("sentence 2 of paragraph 1"), bad.failure());
        assertTrue(bad.failure().contains("the model cannot translate"), bad.failure());
        assertTrue(bad.sentences().stream().allMatch(p -> p.english() == null), "no half-translated article");
        assertEquals("Kalimat baik ketiga.", bad.sentences().get(0).indonesian(), "the source is kept");
        assertEquals(1, summary.articlesFailed());
        assertEquals(2, summary.articlesOk());
    }

    @Test
    void aSharedBadSentenceFailsEveryArticleThatHoldsIt() throws IOException {
        String bad = "Kalimat RUSAK.";
        RecordingTranslator translator = new RecordingTranslator(100);
        translator.poison = s -> s.contains("RUSAK");
        TranslationRun run = new TranslationRun(translator, TranslationSettings.of(1000, 8, 0));
        List<TranslatedArticle> results = run(run, List.of(
                article("a", null, bad), article("b", null, "Baik."), article("c", null, "Lain. " + bad)));
        assertEquals(List.of(true, false, true), results.stream().map(TranslatedArticle::failed).toList());
        assertTrue(results.get(2).failure().contains("sentence 2 of paragraph 1"), results.get(2).failure());
    }

    @Test
    void aFatalTranslatorFailureStopsTheRun() {
        SentenceTranslator broken = new RecordingTranslator(100) {
            @Override
            public List<Translation> translate(List<String> sentences) {
                throw new FatalTranslationException("native memory is exhausted");
            }
        };
        TranslationRun run = new TranslationRun(broken, TranslationSettings.defaults());
        List<TranslatedArticle> results = new ArrayList<>();
        FatalTranslationException e = assertThrows(FatalTranslationException.class,
                () -> run.run(List.of(article("a", null, "Satu.")), results::add, TranslationProgress.NONE));
        assertEquals("native memory is exhausted", e.getMessage());
        assertTrue(results.isEmpty());
    }

    @Test
    void aFailingSinkStopsTheRun() {
        TranslationRun run = new TranslationRun(new RecordingTranslator(100), TranslationSettings.defaults());
        IOException e = assertThrows(IOException.class, () -> run.run(List.of(article("a", null, "Satu.")),
                article -> {
                    throw new IOException("disk full");
                }, TranslationProgress.NONE));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    void carriesMetadataWarningsAndDroppedBoilerplateAndCountsTokens() throws IOException {
        Article article = Article.builder().id("x").origin("x.txt").title("Judul berita").lead("JAKARTA, Contoh")
                .paragraph("Satu dua tiga.").paragraph("Empat lima.").dropped("Baca Juga: lain").caption("Foto: contoh")
                .warning("date not understood").build();
        RecordingTranslator translator = new RecordingTranslator(100);
        long[] now = {0};
        // Each clock reading advances 10 ms, so the batch time is known and must all land on the one article.
        TranslationRun run = new TranslationRun(translator, TranslationSettings.defaults(), () -> now[0] += 10_000_000);
        List<TranslatedArticle> results = new ArrayList<>();
        RunSummary summary = run.run(List.of(article), results::add, TranslationProgress.NONE);

        TranslatedArticle result = results.get(0);
        assertSame(article, result.article(), "metadata, captions and dropped lines travel with the article");
        assertEquals(List.of("date not understood"), result.warnings());
        ArticleStats stats = result.stats();
        assertEquals(3, stats.sentences());
        assertEquals(2 + 3 + 2, stats.sourceTokens());
        assertEquals(3 + 4 + 3, stats.targetTokens(), "the fake generates one token more than it reads");
        assertEquals(10_000_000, stats.translationNanos(), "one batch, one clock interval");
        assertEquals(7, summary.sourceTokens());
        assertTrue(summary.wallNanos() > 0);
    }

    @Test
    void reportsProgressUntilEveryArticleIsDone() throws IOException {
        List<ProgressSnapshot> snapshots = new ArrayList<>();
        RunSummary[] finished = new RunSummary[1];
        TranslationProgress progress = new TranslationProgress() {
            @Override
            public void advanced(ProgressSnapshot snapshot) {
                snapshots.add(snapshot);
            }

            @Override
            public void finished(RunSummary summary) {
                finished[0] = summary;
            }
        };
        TranslationRun run = new TranslationRun(new RecordingTranslator(100), TranslationSettings.of(100, 1, 0));
        RunSummary summary = run.run(List.of(article("a", null, "Satu. Dua."), article("b", null, "Tiga.")),
                a -> { }, progress);
        ProgressSnapshot last = snapshots.get(snapshots.size() - 1);
        assertEquals(2, last.articlesDone());
        assertEquals(2, last.articlesTotal());
        assertEquals(3, last.sentencesDone());
        assertEquals(3, last.sentencesTotal());
        assertSame(summary, finished[0]);
        assertNotEquals(0, snapshots.stream().filter(s -> s.articlesDone() == 0).count(), "progress during batches too");
    }

    @Test
    void sentencesAreCountedBeforeTheFirstBatchAndDoneReachesTheirTotal() throws IOException {
        // Several read-ahead windows; a sentence repeated in a later window, one split at clauses, one the
        // model fails on, an article that cannot be measured: the total never moves, and done reaches it.
        RecordingTranslator model = new RecordingTranslator(6) {
            @Override
            public int countTokens(String text) {
                if (text.contains("diukur")) {
                    throw new IllegalStateException("the tokenizer cannot measure '" + text + "'");
                }
                return super.countTokens(text);
            }
        };
        model.poison = s -> s.contains("racun");
        long[] now = {0};
        TranslationRun run = new TranslationRun(model, TranslationSettings.of(100, 2, 0).withReadAhead(3),
                () -> now[0] += 1_000_000_000L);
        List<Article> articles = List.of(
                article("a", "Judul satu", "Satu dua. Tiga empat."),
                article("b", null, "Satu dua. Lima enam tujuh delapan sembilan, sepuluh sebelas dua belas tiga belas."),
                article("c", "Judul tiga", "Ada racun di sini. Aman."),
                article("d", null, "Tidak bisa diukur. Lain."),
                article("e", "Judul lima", "Satu dua."));
        int sentences = 3 + 2 + 3 + 2 + 2;
        List<ProgressSnapshot> started = new ArrayList<>();
        List<ProgressSnapshot> snapshots = new ArrayList<>();
        TranslationProgress progress = new TranslationProgress() {
            @Override
            public void started(ProgressSnapshot snapshot) {
                started.add(snapshot);
            }

            @Override
            public void advanced(ProgressSnapshot snapshot) {
                snapshots.add(snapshot);
            }
        };
        List<TranslatedArticle> results = new ArrayList<>();
        RunSummary summary = run.run(articles, results::add, progress);

        assertEquals(1, started.size(), "told once, before the first batch");
        ProgressSnapshot first = started.get(0);
        assertEquals(new ProgressSnapshot(0, sentences, 0, 5, 0, first.elapsedNanos()), first);
        assertTrue(first.eta().isEmpty(), "no ETA before a sentence is done");
        assertTrue(model.batches.size() > 3, "several windows: " + model.batches);
        for (ProgressSnapshot s : snapshots) {
            assertEquals(sentences, s.sentencesTotal(), "the total is final from the start: " + s);
            assertEquals(5, s.articlesTotal());
        }
        for (int k = 1; k < snapshots.size(); k++) {
            assertTrue(snapshots.get(k).sentencesDone() >= snapshots.get(k - 1).sentencesDone(), snapshots.toString());
            assertTrue(snapshots.get(k).articlesDone() >= snapshots.get(k - 1).articlesDone(), snapshots.toString());
        }
        ProgressSnapshot afterFirstBatch = snapshots.get(0);
        assertEquals(0, afterFirstBatch.articlesDone(), "articles wait for their window to end");
        assertTrue(afterFirstBatch.sentencesDone() > 0 && afterFirstBatch.eta().isPresent(),
                "sentences move, and the ETA appears, as soon as a batch is back: " + afterFirstBatch);
        ProgressSnapshot last = snapshots.get(snapshots.size() - 1);
        assertEquals(new ProgressSnapshot(sentences, sentences, 5, 5, 2, last.elapsedNanos()), last);
        assertTrue(last.eta().isEmpty());
        assertEquals(2, summary.articlesFailed());
        assertTrue(results.get(3).failure().contains("could not be cut into sentences and measured"), results.get(3).failure());
        assertEquals(1, summary.splitSentences(), "the long sentence of b was split");
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TranslationSettings.of(0, 8, 0));
        assertTrue(e.getMessage().contains("token budget"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TranslationSettings.of(100, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TranslationSettings.of(100, 8, -1));
    }
}
