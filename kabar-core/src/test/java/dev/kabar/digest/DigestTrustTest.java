package dev.kabar.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.Article;
import dev.kabar.output.ArticleWriter;
import dev.kabar.output.BilingualCsvWriter;
import dev.kabar.output.JsonArticleWriter;
import dev.kabar.pipeline.ArticleStats;
import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.SentenceTrust;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustAction;
import dev.kabar.summarize.SentenceId;
import dev.kabar.trust.ArticleTrust;
import dev.kabar.trust.Reason;
import dev.kabar.trust.ReasonCode;
import dev.kabar.trust.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A digest marks suspect translations, lists mostly suspect articles apart, or leaves suspect sentences out (#20). */
class DigestTrustTest {

    @TempDir
    Path dir;

    private static SentencePair ok(String id, String en) {
        return new SentencePair(id, en, false, new SentenceTrust("id", true, -0.3, Verdict.OK, TrustAction.NONE, List.of()));
    }

    private static SentencePair suspect(String id, String en, String detail) {
        return new SentencePair(id, en, false, new SentenceTrust("id", true, -0.9,
                Verdict.of(List.of(new Reason(ReasonCode.NUMBERS, detail))), TrustAction.FLAGGED, List.of()));
    }

    /** Mixed: a suspect headline and one suspect sentence of two in the extractive summary; an English quote. */
    static TranslatedArticle mixed() {
        Article article = Article.builder().id("m-1").origin("in/m.txt").url("https://news.detik.com/m1").publisher("detikcom")
                .title("Harga naik 15 persen").date("2026-12-07T08:00+07:00").paragraph("p").build();
        List<SentencePair> body = List.of(ok("Satu.", "One."),
                suspect("Ada 15 pedagang.", "There were traders.", "number 15 missing"),
                new SentencePair("\"Ready,\" he said.", "\"Ready,\" he said.", false, SentenceTrust.passedThrough("en")),
                ok("Dua.", "Two."), ok("Tiga.", "Three."));
        ArticleSummary summary = new ArticleSummary("Satu. Ada 15 pedagang.", "One. There were traders.",
                ArticleSummary.EXTRACTIVE, List.of(new SentenceId(0, 0), new SentenceId(0, 1)), 0);
        return new TranslatedArticle(article, suspect("Harga naik 15 persen", "Prices rise percent", "number 15 missing"),
                List.of(body), ArticleStats.none(), List.of(), null, summary);
    }

    /** Mostly suspect: two of three checked sentences, no summary. */
    static TranslatedArticle mostlySuspect() {
        Article article = Article.builder().id("s-2").origin("in/s.txt").url("https://news.detik.com/s2").publisher("detikcom")
                .title("Judul").date("2026-12-07T09:00+07:00").paragraph("p").build();
        return new TranslatedArticle(article, ok("Judul", "Title"),
                List.of(List.of(suspect("Naik 3 persen.", "Up percent.", "number 3 missing"),
                        suspect("Turun 4 persen.", "Down percent.", "number 4 missing"))),
                ArticleStats.none(), List.of(), null);
    }

    private Path write(String name, ArticleWriter writer, StringWriter text, TranslatedArticle... articles) throws IOException {
        for (TranslatedArticle article : articles) {
            writer.write(article);
        }
        writer.finish();
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }

    private Digest digest(SuspectSentences mode) throws Exception {
        StringWriter text = new StringWriter();
        Path file = write("out.jsonl", new JsonArticleWriter(text, true), text, mixed(), mostlySuspect());
        DigestReader reader = new DigestReader(mode);
        reader.read(file);
        assertEquals(List.of(), reader.problems());
        return Digest.of(reader.entries());
    }

    @Test
    void theReaderFindsTheSuspectSentencesShownAndTheArticlesTrust() throws Exception {
        Digest digest = digest(SuspectSentences.MARK);
        DigestEntry mixed = digest.days().get(0).groups().get(0).entries().get(0);
        assertEquals("numbers: number 15 missing", mixed.titleReasons());
        assertEquals(List.of(new DigestEntry.Suspect("There were traders.", "numbers: number 15 missing")), mixed.suspects());
        assertEquals(ArticleTrust.MIXED, mixed.trust());
        assertEquals("One. There were traders.", mixed.summary(), "marking changes no word");
        assertEquals(1, digest.days().get(0).count(), "the mostly suspect article is not among the day's");
        assertEquals("Title", digest.toCheck().get(0).titleEn());
        assertEquals(ArticleTrust.MOSTLY_SUSPECT, digest.toCheck().get(0).trust());
        assertEquals(2, digest.entries().size(), "every article is still in the digest");
        assertTrue(digest.countLine().endsWith("1 listed apart as translations to check"), digest.countLine());
        DigestEntry apart = digest.toCheck().get(0);
        assertEquals("Up percent. Down percent.", apart.summary(), "opening sentences, marked");
        assertEquals(2, apart.suspects().size());
    }

    @Test
    void htmlMarksEachSuspectTranslationAndListsTheMostlySuspectApart() throws Exception {
        String html = new HtmlDigestRenderer().render(digest(SuspectSentences.MARK));
        assertTrue(html.contains("<h4>Prices rise percent<sup class=\"suspect\" title=\"Translation to check: numbers: number 15 "
                + "missing\">?1</sup></h4>"), html);
        assertTrue(html.contains("<p class=\"summary\">One. There were traders.<sup class=\"suspect\" title=\"Translation to check: "
                + "numbers: number 15 missing\">?2</sup></p>"), html);
        assertTrue(html.contains("<p class=\"suspect-note\">?2 Translation to check: numbers: number 15 missing</p>"), html);
        int section = html.indexOf("<section id=\"to-check\">\n<h2>Translations to check</h2>");
        assertTrue(section > html.indexOf("Prices rise percent"), "the section comes after the days");
        assertTrue(html.indexOf("<h3>Title</h3>") > section, html);
        assertTrue(html.contains("<li><a href=\"#to-check\">Translations to check</a> (1 article)</li>"), html);
    }

    @Test
    void markdownMarksEachSuspectTranslationWithANumberedNote() throws Exception {
        String md = new MarkdownDigestRenderer().render(digest(SuspectSentences.MARK));
        assertTrue(md.contains("#### Prices rise percent \\[?1\\]\n"), md);
        assertTrue(md.contains("One. There were traders. \\[?2\\]\n"), md);
        assertTrue(md.contains("_\\[?2\\] Translation to check: numbers: number 15 missing_"), md);
        int section = md.indexOf("## <a id=\"to-check\"></a>Translations to check");
        assertTrue(section > md.indexOf("Prices rise percent"), md);
        assertTrue(md.indexOf("### Title") > section, md);
        assertTrue(md.contains("Up percent. \\[?1\\] Down percent. \\[?2\\]"), md);
    }

    @Test
    void omitLeavesSuspectSentencesOutAndWithholdsASuspectHeadline() throws Exception {
        Digest digest = digest(SuspectSentences.OMIT);
        DigestEntry mixed = digest.days().get(0).groups().get(0).entries().get(0);
        assertEquals(DigestReader.WITHHELD_TITLE, mixed.titleEn());
        assertEquals("Harga naik 15 persen", mixed.titleId(), "the Indonesian headline is still shown");
        assertEquals("One.", mixed.summary());
        assertEquals(List.of(), mixed.markNotes());
        DigestEntry apart = digest.toCheck().get(0);
        assertEquals("", apart.summary(), "no opening sentence that is not suspect");
        String html = new HtmlDigestRenderer().render(digest);
        assertFalse(html.contains("There were traders"), html);
        assertFalse(html.contains("class=\"suspect-note\""), html);
    }

    @Test
    void aPerArticleCsvGivesTheArticlesTrustButNoSentenceMarks() throws Exception {
        StringWriter text = new StringWriter();
        Path file = write("out.csv", new BilingualCsvWriter(text), text, mixed(), mostlySuspect());
        DigestReader reader = new DigestReader();
        reader.read(file);
        Digest digest = Digest.of(reader.entries());
        assertEquals(1, digest.toCheck().size());
        assertEquals("Title", digest.toCheck().get(0).titleEn());
        assertEquals(List.of(), digest.entries().get(0).suspects());
    }

    @Test
    void anOutputWithoutTrustIsShownAsBefore() throws Exception {
        Path file = dir.resolve("old.jsonl");
        Files.writeString(file, "{\"id\":\"o\",\"status\":\"ok\",\"title_en\":\"Old\",\"paragraphs\":[[{\"id\":\"a\",\"en\":\"A.\"}]]}\n");
        DigestReader reader = new DigestReader();
        reader.read(file);
        DigestEntry entry = reader.entries().get(0);
        assertNull(entry.trust());
        assertEquals("Old", entry.markedTitle());
        assertEquals(List.of(), entry.markNotes());
    }
}
