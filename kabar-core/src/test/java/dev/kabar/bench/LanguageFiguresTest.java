package dev.kabar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.lang.SentenceLanguage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The language figures on a sample of the corpora in {@code ../shared/corpus} (or the folder named
 * by {@code -Dcorpus.dir}): 300 sentences a side of each parallel set, 60 detik.com articles. The
 * bounds sit well below the full figures in docs/languages.md, so that the test fails only when
 * something breaks, not when a threshold moves a little.
 */
class LanguageFiguresTest {

    @Test
    void samplesOfEachSetClearSaneMinimums() throws Exception {
        Path corpus = Path.of(System.getProperty("corpus.dir", "../shared/corpus"));
        assertTrue(Files.isDirectory(corpus.resolve("parallel")) && Files.isDirectory(corpus.resolve("detik-2025")),
                "The corpora are missing from " + corpus.toAbsolutePath() + "; set -Dcorpus.dir.");
        LanguageFigures.Figures f = LanguageFigures.measure(corpus, 300, 60, 5);
        System.out.print(LanguageFigures.report(f));

        assertEquals(List.of("tatoeba", "talpco", "nusax", "guntara-news"),
                f.sets().stream().map(LanguageFigures.SetFigures::name).toList());
        for (LanguageFigures.SetFigures s : f.sets()) {
            assertEquals(300, s.all().english(), s.name());
            assertEquals(600, s.all().total(), s.name());
            // Precision: Indonesian passed through as English is the harm to avoid.
            assertTrue(s.all().precision() >= 0.98, s.name() + " precision " + s.all().precision());
            LanguageFigures.Counts longer = s.byLength().get("4-7").plus(s.byLength().get("8-15")).plus(s.byLength().get("16+"));
            assertTrue(longer.recall() >= 0.85, s.name() + " recall on 4+ words " + longer.recall());
            // Sentences of one to three words are never passed through.
            assertEquals(0, s.byLength().get("1-3").tp() + s.byLength().get("1-3").fp(), s.name());
        }
        LanguageFigures.SetFigures tatoeba = f.sets().get(0);
        assertTrue(tatoeba.all().precision() >= 0.99 && tatoeba.all().recall() >= 0.8, tatoeba.all().toString());

        LanguageFigures.LocalFigures local = f.local();
        assertEquals(400, local.rows());
        assertTrue(local.javaneseFlagged() >= 0.7 * local.rows(), local.toString());
        assertTrue(local.sundaneseFlagged() >= 0.7 * local.rows(), local.toString());
        assertTrue(local.indonesianFlagged() <= 4, local.toString());

        LanguageFigures.NewsFigures news = f.news();
        assertEquals(60, news.articles());
        assertTrue(news.sentences() > 600, news.toString());
        // Real Indonesian news quotes English rarely: a share above 1% means Indonesian is leaking through.
        assertTrue(news.passedShare() < 0.01, "detik sentences passed through: " + news.passedShare());
        Map<SentenceLanguage, Long> byLanguage = news.byLanguage();
        assertTrue(byLanguage.getOrDefault(SentenceLanguage.INDONESIAN, 0L) > 0.95 * news.sentences(), byLanguage.toString());

        // Built once and shared: thousands a second here; a detector rebuilt per sentence manages under one.
        assertTrue(f.sentencesPerSecond() > 50, f.sentencesPerSecond() + " sentences/s");
    }
}
