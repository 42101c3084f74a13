package dev.kabar.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestReaderTest {

    static Path resource(String name) {
        try {
            return Path.of(DigestReaderTest.class.getResource("/digest/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three hand-made inputs, read as one digest would read them. */
    static DigestReader readAll() throws DigestInputException {
        DigestReader reader = new DigestReader();
        reader.read(resource("sample.json"));
        reader.read(resource("sample.jsonl"));
        reader.read(resource("sample.csv"));
        return reader;
    }

    @Test
    void readsJsonJsonlAndCsv() throws Exception {
        DigestReader reader = readAll();
        Map<String, DigestEntry> byTitle = reader.entries().stream()
                .collect(Collectors.toMap(e -> e.titleEn().substring(0, 8), Function.identity()));
        assertEquals(6, reader.entries().size());
        assertEquals(1, reader.failedArticles());
        assertEquals(1, reader.duplicateArticles(), "a1 appears in the JSON and again in the JSONL");
        assertEquals(List.of(), reader.problems());

        DigestEntry a1 = byTitle.get("US <Defe");
        assertEquals("Menhan <AS> & \"Rusia\" 'bicara'", a1.titleId());
        assertEquals("Summary one. Summary two.", a1.summary());
        assertFalse(a1.summaryFromBody());
        assertEquals("Politik", a1.categoryName());
        assertEquals("Jurnas.com", a1.source(), "the site of www.jurnas.com");

        DigestEntry a2 = byTitle.get("Governor");
        assertEquals("First sentence here. Second one!", a2.summary(), "no summary_en: the first two sentences");
        assertTrue(a2.summaryFromBody());
        assertEquals("ANTARA", a2.source(), "the site of makassar.antaranews.com");
        assertEquals(null, a2.categoryName());

        DigestEntry b2 = byTitle.get("Jayapura");
        assertEquals("example.org", b2.source(), "the site of the url wins over the lead's and the credit");
        assertEquals("AFP", b2.creditShown(), "the credited agency is shown beside it");
        assertEquals(2, byTitle.get("Jayapura").readingMinutes());
        assertEquals(DigestReader.UNKNOWN_SOURCE, byTitle.get("No date ").source());
        assertFalse(byTitle.get("No date ").published().dated());

        DigestEntry c1 = byTitle.get("Prices r");
        assertEquals("detikcom", c1.source(), "an older CSV without publisher: the site of its url");
        assertEquals("detikcom", c1.linkText());
        assertEquals("The first. The \"second\" one?", c1.summary(), "empty summary_en cell: opening sentences");
        assertTrue(c1.summaryFromBody());
        DigestEntry c2 = byTitle.get("Title tw");
        assertEquals("Summary of two.", c2.summary());
        assertFalse(c2.summaryFromBody());
    }

    /**
     * The source is the site that published the article, one name per site: detik.com and
     * news.detik.com are both detikcom; a page without a url keeps the publisher kabar found on it;
     * a lead gives its site, never the club or the place beside it.
     */
    @Test
    void theSourceIsThePublisherBySiteNeverAWordOfTheLead() throws Exception {
        DigestReader reader = new DigestReader();
        reader.read(resource("sources.jsonl"));
        Map<String, String> sources = new LinkedHashMap<>();
        reader.entries().forEach(e -> sources.put(e.titleEn(), e.source()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Campus news one", "detikcom");
        expected.put("Capital news two", "detikcom");
        expected.put("Gadget page three", "detikcom");
        expected.put("Club wins at home", "Kompas.com");
        expected.put("Broadband grows", "Liputan6.com");
        expected.put("Singer meets fans", "KapanLagi.com");
        expected.put("Minister visits", "Republika");
        assertEquals(expected, sources);
    }

    @Test
    void readsOutputsWrittenBeforeSummariesExisted(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "id,source_file,url,date,title_id,title_en,body_id,body_en\r\n"
                + "x,f,,2024-01-02,Judul,Title,Isi.,\"One. Two. Three.\"\r\n");
        DigestReader reader = new DigestReader();
        reader.read(old);
        DigestEntry entry = reader.entries().get(0);
        assertEquals("One. Two.", entry.summary());
        assertTrue(entry.summaryFromBody());
        assertEquals(DigestReader.UNKNOWN_SOURCE, entry.source());
    }

    @Test
    void anEmptyEnglishHeadlineIsShownAsSuchNotDropped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        Files.writeString(file, "{\"id\":\"1\",\"status\":\"ok\",\"title_id\":\"Judul\",\"title_en\":\"\"}\n");
        DigestReader reader = new DigestReader();
        reader.read(file);
        assertEquals(DigestReader.NO_ENGLISH_TITLE, reader.entries().get(0).titleEn());
        assertEquals(0, reader.failedArticles());
    }

    @Test
    void refusesWhatIsNotAnArticleOutput(@TempDir Path dir) throws Exception {
        Path perSentence = dir.resolve("pairs.csv");
        Files.writeString(perSentence, "article_id,paragraph,index,id,en\r\na,0,1,Halo,Hello\r\n");
        DigestInputException e = assertThrows(DigestInputException.class, () -> new DigestReader().read(perSentence));
        assertTrue(e.getMessage().contains("per-sentence"), e.getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[{\"title_en\": \"x\"");
        e = assertThrows(DigestInputException.class, () -> new DigestReader().read(broken));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());

        assertThrows(DigestInputException.class, () -> new DigestReader().read(dir.resolve("missing.jsonl")));
    }

    @Test
    void aBadJsonlLineCostsOnlyThatLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        Files.writeString(file, "{\"id\":\"1\",\"title_en\":\"Kept\"}\n{\"id\":\"2\",\"title_en\n");
        DigestReader reader = new DigestReader();
        reader.read(file);
        assertEquals(1, reader.entries().size());
        assertEquals(1, reader.problems().size());
        assertTrue(reader.problems().get(0).contains("line 2"), reader.problems().get(0));
    }

    @Test
    void splitsEnglishSentencesAndFindsSources() {
        assertEquals(List.of("He said \"no.\"", "Then left.", "New."), DigestReader.splitSentences("He said \"no.\" Then left.\n\nNew."));
        assertEquals("Jurnas.com", DigestReader.source(null, null, "JAKARTA, Jurnas.com", null));
        assertEquals("ANTARA", DigestReader.source(null, null, "Jakarta (ANTARA)", null));
        assertEquals("Jurnas.com", DigestReader.source(null, "https://WWW.Jurnas.com/a?b", "Jakarta (ANTARA)", "AFP"));
        assertEquals("AFP", DigestReader.source(null, null, "JAKARTA", "AFP"), "no site known: the credited agency");
        assertEquals(DigestReader.UNKNOWN_SOURCE, DigestReader.source(null, null, "JAKARTA", null));
        assertEquals("detikcom", DigestReader.source("detikcom", null, "JAKARTA", null), "the publisher kabar wrote");
    }
}
