package dev.kabar.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extractive summariser: order, length rules, determinism and degenerate articles. */
class ExtractiveSummarizerTest {

    private final ExtractiveSummarizer news = new ExtractiveSummarizer();
    /** The rule with pure lead bias: its ranking is the article order, so the length rules can be read off directly. */
    private final ExtractiveSummarizer lead = new ExtractiveSummarizer(new ExtractiveSummarizer.Weights(1, 0, 0, 0));

    /** A sentence of exactly {@code words} words, all distinct from other sentences' words. */
    private static String sentence(String tag, int words) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            w.add(tag + i);
        }
        return String.join(" ", w) + ".";
    }

    /** An article of {@code n} one-sentence paragraphs of 10 words each. */
    private static List<List<String>> tenWordSentences(int n) {
        List<List<String>> paragraphs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paragraphs.add(List.of(sentence("k" + i + "x", 10)));
        }
        return paragraphs;
    }

    private static List<SentenceId> ids(int... paragraphSentencePairs) {
        List<SentenceId> out = new ArrayList<>();
        for (int i = 0; i < paragraphSentencePairs.length; i += 2) {
            out.add(new SentenceId(paragraphSentencePairs[i], paragraphSentencePairs[i + 1]));
        }
        return out;
    }

    @Test
    void anArticleWithoutSentencesHasAnEmptySummary() {
        assertEquals(List.of(), news.summarize(List.of(), null, SummaryLength.sentences(3)));
        assertEquals(List.of(), news.summarize(List.of(List.of(), List.of()), "Judul", SummaryLength.words(50)));
        // Punctuation alone is no sentence worth translating.
        assertEquals(List.of(), news.summarize(List.of(List.of("...")), null, SummaryLength.ratio(0.5)));
    }

    @Test
    void aOneSentenceArticleIsItsOwnSummaryWhateverTheLength() {
        List<List<String>> one = List.of(List.of(sentence("a", 40)));
        for (SummaryLength length : List.of(SummaryLength.sentences(3), SummaryLength.words(5), SummaryLength.ratio(0.1))) {
            assertEquals(ids(0, 0), news.summarize(one, null, length), length.toString());
        }
    }

    @Test
    void directQuotesAreSkippedAndTheChoiceComesBackInArticleOrder() {
        // Lead scores with the news weights: 1, 0.71 - 0.3 for the quote, 0.58, 0.5.
        // So the ranking is sentence 0, 2, 3, 1; two sentences are (0,0) and (1,1), in article order.
        List<List<String>> article = List.of(
                List.of("Banjir merendam tiga kecamatan di Bekasi pada Senin pagi."),
                List.of("\"Air naik cepat sekali,\" kata seorang warga.", "Sebanyak 1.200 warga mengungsi ke masjid dan sekolah."),
                List.of("Pemerintah kota menyiapkan dapur umum."));
        assertEquals(ids(0, 0, 1, 1), news.summarize(article, null, SummaryLength.sentences(2)));
    }

    @Test
    void theResultIsInArticleOrderEvenWhenTheLastSentenceRanksFirst() {
        // No lead preference (decay 0 gives every sentence 1) and a strong title weight: the last
        // sentence, which holds the title's words, ranks first, yet comes back last.
        ExtractiveSummarizer byTitle = new ExtractiveSummarizer(new ExtractiveSummarizer.Weights(0, 0, 1, 0));
        List<List<String>> article = List.of(
                List.of("Cuaca cerah sepanjang hari."),
                List.of("Pasar ramai menjelang akhir pekan."),
                List.of("Harga beras naik tajam di Jakarta."));
        assertEquals(ids(0, 0, 2, 0), byTitle.summarize(article, "Harga Beras Naik", SummaryLength.sentences(2)));
    }

    @Test
    void aWordBudgetStopsWhereTheSummaryIsNearestTheBudget() {
        List<List<String>> article = tenWordSentences(6);
        // 10, 20 words so far; a third sentence ends at 30.  Budget 24: 6 over > 4 short, stop at 2.
        assertEquals(ids(0, 0, 1, 0), lead.summarize(article, null, SummaryLength.words(24)));
        // Budget 26: 4 over < 6 short, take it.
        assertEquals(ids(0, 0, 1, 0, 2, 0), lead.summarize(article, null, SummaryLength.words(26)));
        // Budget 5: the top sentence is kept even though it is twice the budget.
        assertEquals(ids(0, 0), lead.summarize(article, null, SummaryLength.words(5)));
    }

    @Test
    void theDefaultIsTheLearnedRankerAndItLeavesOutWhatSummariesDoNot() {
        assertTrue(news.describe().startsWith("learned ranker, 300 trees over " + RankingFeatures.NAMES.size() + " features"),
                news.describe());
        assertEquals(null, news.weights());
        List<List<String>> article = List.of(
                List.of("Pemerintah menaikkan harga bahan bakar minyak bersubsidi mulai Sabtu pekan ini di seluruh Indonesia.",
                        "Baca juga: Antrean Panjang di SPBU Jelang Kenaikan Harga"),
                List.of("\"Kami terpaksa mengambil langkah ini,\" kata Menteri Keuangan di Jakarta.",
                        "Harga Pertalite naik dari Rp7.650 menjadi Rp10.000 per liter, sedangkan solar naik menjadi Rp6.800."),
                List.of("Kenaikan ini disebut akan menekan beban subsidi negara yang membengkak tahun ini."),
                List.of("Sejumlah mahasiswa berunjuk rasa menolak kenaikan harga di depan gedung DPR."));
        List<SentenceId> chosen = news.summarize(article, "Harga BBM Naik Mulai Sabtu", SummaryLength.words(35));
        assertTrue(chosen.contains(new SentenceId(0, 0)), "the lead sentence: " + chosen);
        assertTrue(!chosen.contains(new SentenceId(0, 1)), "a 'Baca juga' link is not summary: " + chosen);
        assertTrue(!chosen.contains(new SentenceId(1, 0)), "a direct quote is reported, not quoted: " + chosen);
        assertThrows(IllegalStateException.class, () -> news.select(ArticleFeatures.of(List.of(), null), SummaryLength.words(5)));
    }

    @Test
    void aRatioIsAShareOfTheArticlesWords() {
        // 6 sentences x 10 words = 60 words; 0.5 gives a budget of 30 words = 3 sentences.
        assertEquals(ids(0, 0, 1, 0, 2, 0), lead.summarize(tenWordSentences(6), null, SummaryLength.ratio(0.5)));
    }

    @Test
    void aSentenceCountTakesThatManyOrAllThereAre() {
        assertEquals(3, news.summarize(tenWordSentences(6), null, SummaryLength.sentences(3)).size());
        assertEquals(2, news.summarize(tenWordSentences(2), null, SummaryLength.sentences(5)).size());
    }

    /**
     * An article of a million one-sentence paragraphs whose sentences past {@code readable} fail
     * the test when read: the summariser must stop at its cap without touching the rest.
     */
    private static List<List<String>> hugeArticle(int readable) {
        return new java.util.AbstractList<>() {
            @Override
            public List<String> get(int p) {
                return new java.util.AbstractList<>() {
                    @Override
                    public String get(int s) {
                        if (p >= readable) {
                            throw new AssertionError("sentence " + p + " was read, past the cap of " + readable);
                        }
                        return sentence("k" + p + "x", 10);
                    }

                    @Override
                    public int size() {
                        return 1;
                    }
                };
            }

            @Override
            public int size() {
                return 1_000_000;
            }
        };
    }

    @Test
    void onlyTheFirstThousandSentencesAreRankedHoweverLongTheArticle() {
        int cap = ExtractiveSummarizer.MAX_RANKED_SENTENCES;
        assertEquals(1000, cap, "docs/summaries.md gives the cap as 1,000 sentences");
        // Asking for more sentences than the cap, or for all the words, gives the first 1,000 and no more.
        for (ExtractiveSummarizer summarizer : List.of(news, lead)) {
            for (SummaryLength length : List.of(SummaryLength.sentences(cap + 500), SummaryLength.ratio(1.0))) {
                List<SentenceId> chosen = summarizer.summarize(hugeArticle(cap), null, length);
                assertEquals(cap, chosen.size(), summarizer.describe() + ", " + length);
                assertEquals(new SentenceId(cap - 1, 0), chosen.get(cap - 1));
            }
        }
        // The cut falls inside a paragraph when the 1,000th sentence is not the paragraph's last.
        List<List<String>> paragraphs = new ArrayList<>();
        paragraphs.add(Collections.nCopies(cap - 1, sentence("a", 10)));
        paragraphs.add(List.of(sentence("b", 10), sentence("c", 10)));
        paragraphs.add(List.of(sentence("d", 10)));
        List<SentenceId> chosen = lead.summarize(paragraphs, null, SummaryLength.sentences(cap + 2));
        assertEquals(cap, chosen.size());
        assertEquals(new SentenceId(1, 0), chosen.get(cap - 1));
        // An article at the cap is ranked whole.
        assertEquals(cap, lead.summarize(tenWordSentences(cap), null, SummaryLength.sentences(cap)).size());
    }

    @Test
    void punctuationDoesNotCountTowardsTheWordBudget() {
        // "A , b , c ." has 3 words, not 6 tokens: with budget 6, two such sentences fit exactly.
        List<List<List<String>>> tokens = List.of(
                List.of(List.of("a", ",", "b", ",", "c", ".")),
                List.of(List.of("d", ",", "e", ",", "f", ".")),
                List.of(List.of("g", "h", "i", ".")));
        assertEquals(ids(0, 0, 1, 0), lead.summarizeTokens(tokens, null, SummaryLength.words(6)));
    }

    @Test
    void theSameArticleAlwaysGivesTheSameSummaryAndTiesGoToTheEarlierSentence() {
        // With every weight 0 and no lead decay, all sentences score 1: the earlier sentences win.
        ExtractiveSummarizer flat = new ExtractiveSummarizer(new ExtractiveSummarizer.Weights(0, 0, 0, 0));
        List<List<String>> same = Collections.nCopies(5, List.of("Gempa mengguncang Cianjur."));
        assertEquals(ids(0, 0, 1, 0), flat.summarize(same, null, SummaryLength.sentences(2)));
        List<List<String>> article = List.of(
                List.of("Presiden meresmikan jalan tol baru di Sumatra.", "Jalan tol itu sepanjang 80 kilometer."),
                List.of("\"Ini untuk rakyat,\" kata Presiden.", "Tol Sumatra menghubungkan dua provinsi."),
                List.of("Warga menyambut jalan tol baru itu."));
        List<SentenceId> first = news.summarize(article, "Presiden resmikan tol Sumatra", SummaryLength.words(20));
        for (int i = 0; i < 5; i++) {
            assertEquals(first, news.summarize(article, "Presiden resmikan tol Sumatra", SummaryLength.words(20)));
        }
    }

    @Test
    void centralityFavoursTheSentenceTheOthersShareWordsWith() {
        // Sentence 1 shares a content word with every other sentence; the rest share only with it.
        double[] c = LexRank.centrality(List.of(
                List.of("banjir", "bekasi"), List.of("banjir", "warga", "pengungsi", "bekasi"),
                List.of("warga", "sekolah"), List.of("pengungsi", "masjid")));
        assertEquals(1.0, c[1], 1e-12);
        for (int i : new int[] {0, 2, 3}) {
            assertTrue(c[i] < c[1], "sentence " + i + " is less central: " + c[i]);
        }
        // Nothing shared: no sentence is central.
        assertEquals(0.0, LexRank.centrality(List.of(List.of("a"), List.of("b")))[0]);
    }

    @Test
    void plainSentencesAreTokenisedAtSpacesAndWordEdges() {
        assertEquals(List.of("\"", "Kami", "siap", ",", "\"", "kata", "Jum'at", "25/2", "Rp1.000", "."),
                SentenceTokens.tokenize("\"Kami siap,\" kata Jum'at 25/2 Rp1.000."));
        assertTrue(SentenceTokens.isQuote("\u201C"));
        assertTrue(SentenceTokens.isQuote("\u201DKami"));
        assertTrue(SentenceTokens.isQuote("``") && SentenceTokens.isQuote("''"));
        // Single marks set off titles and nicknames (Jay-Z's \u20184:44\u2019), not speech.
        assertTrue(!SentenceTokens.isQuote("'") && !SentenceTokens.isQuote("\u2018") && !SentenceTokens.isQuote("4:44\u2019"));
        assertTrue(!SentenceTokens.isQuote("Jum'at"));
    }

    @Test
    void lengthsAreParsedFromTextAndBadOnesAreNamed() {
        assertEquals(SummaryLength.sentences(3), SummaryLength.parse("sentences:3"));
        assertEquals(SummaryLength.words(60), SummaryLength.parse(" Words:60 "));
        assertEquals(SummaryLength.ratio(0.2), SummaryLength.parse("ratio:0.2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryLength.parse("3"));
        assertEquals("A summary length must be sentences:N, words:N or ratio:X (e.g. words:60), but is '3'.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SummaryLength.parse("ratio:1.5"));
        assertEquals("A summary ratio must be above 0 and at most 1, but is 1.5.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SummaryLength.words(0));
        assertThrows(IllegalArgumentException.class, () -> new ExtractiveSummarizer.Weights(-1, 0, 0, 0));
    }
}
