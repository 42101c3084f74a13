package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.Article;
import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SentenceId;
import dev.kabar.summarize.SummaryLength;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Extractive summaries of translated and untranslated articles, with a fake translation. */
class SummaryStepTest {

    private static final Article ARTICLE = Article.builder().id("x").title("Menhan AS bahas perang Ukraina")
            .paragraph("Menteri Pertahanan AS menelepon Menteri Pertahanan Rusia membahas perang di Ukraina. "
                    + "Pembicaraan itu berlangsung satu jam.")
            .paragraph("Juru bicara Pentagon mengatakan kedua menteri sepakat menjaga jalur komunikasi tetap terbuka.")
            .paragraph("\"Kami tidak mencari perang,\" kata juru bicara itu.")
            .paragraph("Rusia belum memberikan tanggapan resmi atas pembicaraan tersebut hingga Jumat malam.")
            .build();

    /** The article as a translation run would give it, each sentence "translated" by upper-casing it. */
    private static TranslatedArticle translated() {
        TranslatedArticle untranslated = SummaryStep.untranslated(ARTICLE);
        List<List<SentencePair>> paragraphs = untranslated.paragraphs().stream()
                .map(p -> p.stream().map(s -> new SentencePair(s.indonesian(), s.indonesian().toUpperCase(), false)).toList())
                .toList();
        return new TranslatedArticle(ARTICLE, untranslated.title(), paragraphs, ArticleStats.none(), List.of(), null);
    }

    @Test
    void theEnglishSummaryIsTheAlignedTranslationOfTheChosenSentencesInArticleOrder() {
        TranslatedArticle article = translated();
        ExtractiveSummarizer summarizer = new ExtractiveSummarizer();
        ArticleSummary summary = SummaryStep.extractive(summarizer, SummaryLength.sentences(3)).apply(article).summary();

        List<List<String>> indonesian = article.paragraphs().stream()
                .map(p -> p.stream().map(SentencePair::indonesian).toList()).toList();
        List<SentenceId> expected = summarizer.summarize(indonesian, ARTICLE.title(), SummaryLength.sentences(3));
        assertEquals(expected, summary.sentences());
        assertEquals(3, summary.sentences().size());
        List<String> id = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (SentenceId s : expected) {
            id.add(article.paragraphs().get(s.paragraph()).get(s.sentence()).indonesian());
            en.add(article.paragraphs().get(s.paragraph()).get(s.sentence()).english());
        }
        assertEquals(String.join(" ", id), summary.indonesian());
        assertEquals(String.join(" ", en), summary.english());
        assertEquals(ArticleSummary.EXTRACTIVE, summary.method());
        assertTrue(summary.sentences().stream().sorted().toList().equals(summary.sentences()), "article order");
    }

    @Test
    void lengthOptionsChangeHowManySentencesAreChosen() {
        TranslatedArticle article = translated();
        ExtractiveSummarizer summarizer = new ExtractiveSummarizer();
        int all = article.sentences().size();
        assertEquals(1, SummaryStep.extractive(summarizer, SummaryLength.sentences(1)).apply(article).summary()
                .sentences().size());
        assertEquals(all, SummaryStep.extractive(summarizer, SummaryLength.ratio(1.0)).apply(article).summary()
                .sentences().size());
        assertEquals(1, SummaryStep.extractive(summarizer, SummaryLength.words(5)).apply(article).summary()
                .sentences().size(), "the top sentence is kept even past a tiny budget");
    }

    @Test
    void anUntranslatedArticleHasAnIndonesianSummaryOnly() {
        TranslatedArticle article = SummaryStep.untranslated(ARTICLE);
        assertEquals(List.of(2, 1, 1, 1), article.paragraphs().stream().map(List::size).toList());
        assertEquals(6, article.stats().sentences(), "title and five body sentences");
        ArticleSummary summary = SummaryStep.extractive(new ExtractiveSummarizer(), SummaryLength.sentences(2))
                .apply(article).summary();
        assertNull(summary.english());
        assertTrue(summary.indonesian().startsWith("Menteri Pertahanan AS menelepon"), summary.indonesian());
    }

    @Test
    void anArticleWithoutBodyGetsNoSummary() {
        Article empty = Article.builder().id("e").title("Judul saja").build();
        assertNull(SummaryStep.extractive(new ExtractiveSummarizer(), SummaryLength.sentences(2))
                .apply(SummaryStep.untranslated(empty)).summary());
    }
}
