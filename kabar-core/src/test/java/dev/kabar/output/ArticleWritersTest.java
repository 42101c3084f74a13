package dev.kabar.output;

import static dev.kabar.output.OutputFixtures.parseCsv;
import static dev.kabar.output.OutputFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** CSV rows read back by Commons CSV, and JSON documents that hold exactly the documented fields. */
class ArticleWritersTest {

    /** The documented top-level fields of a JSON/JSONL article document, in order. */
    static final List<String> DOCUMENT_FIELDS = List.of("id", "source_file", "url", "date", "dateline", "status", "error",
            "title_id", "title_en", "title_trust", "title_terms", "lead", "paragraphs", "captions", "source_credit", "publisher", "reporter", "editor", "keywords",
            "category", "stats", "warnings", "dropped", "summary_id", "summary_en", "summary_method", "summary_chunks");
    static final List<String> PAIR_FIELDS = List.of("id", "en", "split", "lang", "translated", "confidence", "verdict",
            "reasons", "action", "attempts", "terms");
    static final List<String> STATS_FIELDS = List.of("sentences", "split_sentences", "reused_sentences", "source_tokens",
            "target_tokens", "translation_ms", "checked_sentences", "suspect_sentences", "passed_through_sentences",
            "second_tries", "second_tries_kept", "suspect_reasons", "trust", "terms_applied", "terms_met");

    @Test
    void bilingualCsvRoundTripsQuotesCommasAndLineBreaks() throws IOException {
        StringWriter out = new StringWriter();
        String csv = write(new BilingualCsvWriter(out), out, OutputFixtures.tricky(), OutputFixtures.failed(),
                OutputFixtures.untitled());

        assertTrue(csv.startsWith("id,source_file,url,date,category,source_credit,publisher,title_id,title_en,lead,body_id,body_en,summary_id,summary_en,"
                + "sentences_checked,sentences_suspect,sentences_passed_through,trust,terms_applied,terms_met\r\n"), csv);
        List<CSVRecord> rows = parseCsv(csv);
        assertEquals(2, rows.size(), "a failed article gets no row");
        CSVRecord row = rows.get(0);
        assertEquals("a-1", row.get("id"));
        assertEquals("in/berita, \"satu\".txt", row.get("source_file"));
        assertEquals("https://contoh.id/a?x=1,2", row.get("url"));
        assertEquals("2024-11-22T17:38+07:00", row.get("date"));
        // The article's metadata, as in the JSON outputs.
        assertEquals("JAKARTA, Contoh", row.get("lead"));
        assertEquals("AFP", row.get("source_credit"));
        assertEquals("contoh.id", row.get("publisher"));
        assertEquals("Ekonomi", row.get("category"));
        assertEquals("Harga \"beras\" naik, kata pedagang", row.get("title_id"));
        assertEquals("Rice \"prices\" rise, traders say", row.get("title_en"));
        assertEquals("Kalimat satu, dengan koma. Baris\npatah \"kutip\".\n\nCafé di pojok.", row.get("body_id"));
        assertEquals("Sentence one, with a comma. Line\nbreak \"quote\".\n\nCafé at the corner.", row.get("body_en"));
        assertEquals(2, row.get("body_en").split(BilingualCsvWriter.PARAGRAPH_BREAK).length, "paragraphs kept apart");
        assertEquals("c-3", rows.get(1).get("id"));
        assertEquals("", rows.get(1).get("title_en"), "no title, empty cell");
    }

    @Test
    void perSentenceCsvHasOneRowPerPairWithTheTitleAsParagraphZero() throws IOException {
        StringWriter out = new StringWriter();
        String csv = write(new SentencePairCsvWriter(out), out, OutputFixtures.tricky(), OutputFixtures.failed());

        assertTrue(csv.startsWith("article_id,paragraph,index,id,en,in_summary,lang,translated,confidence,verdict,reasons,action,first_en,terms\r\n"), csv);
        List<CSVRecord> rows = parseCsv(csv);
        assertEquals(4, rows.size(), "title + 3 sentences; none for the failed article");
        List<String> positions = new ArrayList<>();
        for (CSVRecord row : rows) {
            assertEquals("a-1", row.get("article_id"));
            positions.add(row.get("paragraph") + "." + row.get("index"));
        }
        assertEquals(List.of("0.1", "1.1", "1.2", "2.1"), positions);
        assertEquals("Baris\npatah \"kutip\".", rows.get(2).get("id"));
        assertEquals("Line\nbreak \"quote\".", rows.get(2).get("en"));
    }

    @Test
    void jsonArrayHoldsExactlyTheDocumentedFields() throws IOException {
        StringWriter out = new StringWriter();
        String json = write(new JsonArticleWriter(out, false), out, OutputFixtures.tricky(), OutputFixtures.failed());

        JsonNode array = new ObjectMapper().readTree(json);
        assertTrue(array.isArray());
        assertEquals(2, array.size(), "failed articles are kept in JSON, with their error");
        JsonNode ok = array.get(0);
        assertEquals(DOCUMENT_FIELDS, fieldNames(ok));
        assertEquals("ok", ok.get("status").asText());
        assertTrue(ok.get("error").isNull());
        assertEquals("Rice \"prices\" rise, traders say", ok.get("title_en").asText());
        assertEquals("JAKARTA, Contoh", ok.get("lead").asText());
        assertEquals("AFP", ok.get("source_credit").asText());
        assertEquals("contoh.id", ok.get("publisher").asText());
        assertEquals("Jum'at, 22/11/2024 17:38 WIB", ok.get("dateline").asText());
        assertTrue(ok.get("reporter").isNull(), "unknown fields are written as null, not left out");
        assertEquals("[\"Baca Juga: lain\",\"ADVERTISEMENT\"]", ok.get("dropped").toString());
        assertEquals("[\"Foto: pasar\"]", ok.get("captions").toString());
        assertEquals("[\"date assumed WIB\"]", ok.get("warnings").toString());
        assertEquals("[\"ekonomi\"]", ok.get("keywords").toString());
        JsonNode pair = ok.get("paragraphs").get(0).get(1);
        assertEquals(PAIR_FIELDS, fieldNames(pair));
        assertEquals("Line\nbreak \"quote\".", pair.get("en").asText());
        assertTrue(pair.get("split").asBoolean());
        assertEquals(2, ok.get("paragraphs").size());
        assertEquals(STATS_FIELDS, fieldNames(ok.get("stats")));
        assertEquals(12, ok.get("stats").get("translation_ms").asLong());
        assertEquals(30, ok.get("stats").get("source_tokens").asLong());

        JsonNode failed = array.get(1);
        assertEquals(DOCUMENT_FIELDS, fieldNames(failed));
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("error").asText().contains("boom"));
        assertTrue(failed.get("title_en").isNull());
        assertTrue(failed.get("paragraphs").get(0).get(0).get("en").isNull());
    }

    @Test
    void jsonlHasOneCompactDocumentPerLineEqualToTheArrayElements() throws IOException {
        StringWriter lines = new StringWriter();
        String jsonl = write(new JsonArticleWriter(lines, true), lines, OutputFixtures.tricky(), OutputFixtures.untitled());
        StringWriter arrayOut = new StringWriter();
        JsonNode array = new ObjectMapper().readTree(write(new JsonArticleWriter(arrayOut, false), arrayOut,
                OutputFixtures.tricky(), OutputFixtures.untitled()));

        List<String> rows = jsonl.lines().toList();
        assertEquals(2, rows.size(), jsonl);
        assertTrue(jsonl.endsWith("\n"));
        for (int k = 0; k < rows.size(); k++) {
            JsonNode document = new ObjectMapper().readTree(rows.get(k));
            assertEquals(DOCUMENT_FIELDS, fieldNames(document));
            assertEquals(array.get(k), document);
        }
        assertTrue(new ObjectMapper().readTree(rows.get(1)).get("title_id").isNull());
    }

    @Test
    void anEmptyRunIsAValidDocument() throws IOException {
        StringWriter out = new StringWriter();
        assertEquals(0, new ObjectMapper().readTree(write(new JsonArticleWriter(out, false), out)).size());
        StringWriter csv = new StringWriter();
        assertEquals("id,source_file,url,date,category,source_credit,publisher,title_id,title_en,lead,body_id,body_en,summary_id,summary_en,"
                + "sentences_checked,sentences_suspect,sentences_passed_through,trust,terms_applied,terms_met\r\n", write(new BilingualCsvWriter(csv), csv));
    }

    @Test
    void documentsReadBackIntoTheRecord() throws IOException {
        ArticleDocument document = ArticleDocument.of(OutputFixtures.tricky());
        ObjectMapper mapper = JsonArticleWriter.mapper();
        ArticleDocument back = mapper.readValue(mapper.writeValueAsString(document), ArticleDocument.class);
        assertEquals(document, back);
        assertNull(ArticleDocument.of(OutputFixtures.failed()).titleEn());
    }

    @Test
    void resolvesTheOutputFormat() {
        assertEquals(OutputFormat.CSV, OutputSpec.resolve("out/hasil.CSV", null, false).format());
        assertEquals(OutputFormat.JSON, OutputSpec.resolve("hasil.json", null, false).format());
        assertEquals(OutputFormat.JSONL, OutputSpec.resolve("hasil.jsonl", null, false).format());
        assertEquals(OutputFormat.JSONL, OutputSpec.resolve("-", null, false).format(), "standard output: JSONL");
        assertEquals(OutputFormat.CSV, OutputSpec.resolve("-", null, true).format());
        assertEquals(OutputFormat.JSON, OutputSpec.resolve("hasil.txt", "json", false).format());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OutputSpec.resolve("hasil.txt", null, false));
        assertTrue(unknown.getMessage().contains("--format"), unknown.getMessage());
        IllegalArgumentException perSentence = assertThrows(IllegalArgumentException.class,
                () -> OutputSpec.resolve("hasil.json", null, true));
        assertTrue(perSentence.getMessage().contains("--per-sentence"), perSentence.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputSpec.resolve("x.csv", "xml", false));
        assertFalse(OutputSpec.resolve("x.csv", null, false).toStdout());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
