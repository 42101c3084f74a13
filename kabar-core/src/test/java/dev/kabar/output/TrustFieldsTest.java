package dev.kabar.output;

import static dev.kabar.output.OutputFixtures.jsonl;
import static dev.kabar.output.OutputFixtures.parseCsv;
import static dev.kabar.output.OutputFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Every output carries each sentence's trust and the article's roll-up (#20). */
class TrustFieldsTest {

    private static final List<String> TRUST_KEYS = List.of("lang", "translated", "confidence", "verdict", "reasons", "action",
            "attempts");

    @Test
    void jsonPairsCarryLanguageVerdictReasonsActionAndBothAttempts() throws IOException {
        JsonNode doc = jsonl(OutputFixtures.trusted());
        JsonNode p1 = doc.get("paragraphs").get(0);
        JsonNode p2 = doc.get("paragraphs").get(1);

        JsonNode secondKept = p1.get(0);
        assertEquals("id", secondKept.get("lang").asText());
        assertTrue(secondKept.get("translated").asBoolean());
        assertEquals(-0.5, secondKept.get("confidence").asDouble());
        assertEquals("ok", secondKept.get("verdict").asText());
        assertEquals("[]", secondKept.get("reasons").toString());
        assertEquals("second_try_kept_second", secondKept.get("action").asText());
        JsonNode attempts = secondKept.get("attempts");
        assertEquals(2, attempts.size());
        assertEquals("first", attempts.get(0).get("settings").asText());
        assertEquals("There were traders traders traders.", attempts.get(0).get("en").asText());
        assertEquals(-2.0, attempts.get(0).get("confidence").asDouble(), "rounded to 3 decimals");
        assertEquals("suspect", attempts.get(0).get("verdict").asText());
        assertEquals("[\"numbers: number 15 missing\"]", attempts.get(0).get("reasons").toString());
        assertEquals("second", attempts.get(1).get("settings").asText());
        assertEquals("ok", attempts.get(1).get("verdict").asText());

        JsonNode english = p1.get(1);
        assertEquals("en", english.get("lang").asText());
        assertFalse(english.get("translated").asBoolean());
        assertTrue(english.get("confidence").isNull(), "nothing was generated for an English quote");
        assertEquals("passed_through", english.get("action").asText());
        assertEquals("[]", english.get("attempts").toString());

        JsonNode flagged = p2.get(0);
        assertEquals(-2.346, flagged.get("confidence").asDouble(), "rounded half up to 3 decimals");
        assertEquals("suspect", flagged.get("verdict").asText());
        assertEquals("[\"repetition: \\\"the\\\" repeated 4 times\",\"low_confidence: confidence -2.35 below -1.5\"]",
                flagged.get("reasons").toString());
        assertEquals("flagged", flagged.get("action").asText());
        assertEquals("second_try_kept_first", p2.get(1).get("action").asText());
        assertTrue(p2.get(1).get("attempts").get(1).get("confidence").isNull());
    }

    @Test
    void theTitleHasItsTrustAsAnObjectWithTheSameKeys() throws IOException {
        JsonNode title = jsonl(OutputFixtures.trusted()).get("title_trust");
        assertEquals(TRUST_KEYS, fieldNames(title));
        assertEquals(-0.412, title.get("confidence").asDouble());
        assertEquals("none", title.get("action").asText());
        assertTrue(jsonl(OutputFixtures.tricky()).get("title_trust").isNull(), "unknown trust: null, key kept");
    }

    @Test
    void pairsWithoutTrustKeepEveryKeyAsNull() throws IOException {
        JsonNode pair = jsonl(OutputFixtures.tricky()).get("paragraphs").get(0).get(0);
        for (String key : TRUST_KEYS) {
            assertTrue(pair.has(key) && pair.get(key).isNull(), key + " in " + pair);
        }
        JsonNode stats = jsonl(OutputFixtures.tricky()).get("stats");
        assertEquals(0, stats.get("checked_sentences").asLong());
        assertEquals("{}", stats.get("suspect_reasons").toString());
        assertTrue(stats.get("trust").isNull(), "nothing known: no verdict on the article");
    }

    @Test
    void statsRollUpTheArticlesSentences() throws IOException {
        JsonNode stats = jsonl(OutputFixtures.trusted()).get("stats");
        assertEquals(4, stats.get("checked_sentences").asLong(), "title + 3 translated body sentences");
        assertEquals(2, stats.get("suspect_sentences").asLong());
        assertEquals(1, stats.get("passed_through_sentences").asLong());
        assertEquals(2, stats.get("second_tries").asLong());
        assertEquals(1, stats.get("second_tries_kept").asLong());
        assertEquals("{\"repetition\":1,\"numbers\":1,\"low_confidence\":1}", stats.get("suspect_reasons").toString(),
                "counts by reason of the English kept, in the order of the checks");
        assertEquals("mixed", stats.get("trust").asText(), "2 of 4 suspect is half, not more");
    }

    @Test
    void documentsWithTrustReadBackIntoTheRecord() throws IOException {
        ArticleDocument document = ArticleDocument.of(OutputFixtures.trusted());
        ObjectMapper mapper = JsonArticleWriter.mapper();
        assertEquals(document, mapper.readValue(mapper.writeValueAsString(document), ArticleDocument.class));
    }

    @Test
    void perSentenceCsvAppendsTheTrustColumns() throws IOException {
        StringWriter out = new StringWriter();
        List<CSVRecord> rows = parseCsv(write(new SentencePairCsvWriter(out), out, OutputFixtures.trusted(),
                OutputFixtures.untitled()));

        assertEquals(6, rows.size());
        CSVRecord title = rows.get(0);
        assertEquals(List.of("id", "true", "-0.412", "ok", "", "none", ""),
                SentencePairCsvWriter.TRUST_COLUMNS.stream().map(title::get).toList());
        CSVRecord secondKept = rows.get(1);
        assertEquals("second_try_kept_second", secondKept.get("action"));
        assertEquals("There were traders traders traders.", secondKept.get("first_en"), "the attempt that was replaced");
        CSVRecord english = rows.get(2);
        assertEquals(List.of("en", "false", "", "ok", "", "passed_through", ""),
                SentencePairCsvWriter.TRUST_COLUMNS.stream().map(english::get).toList());
        CSVRecord flagged = rows.get(3);
        assertEquals("repetition: \"the\" repeated 4 times; low_confidence: confidence -2.35 below -1.5", flagged.get("reasons"));
        assertEquals("", rows.get(4).get("first_en"), "the first attempt was kept: it is en itself");
        CSVRecord unknown = rows.get(5);
        assertEquals("c-3", unknown.get("article_id"));
        for (String column : SentencePairCsvWriter.TRUST_COLUMNS) {
            assertEquals("", unknown.get(column), column);
        }
    }

    @Test
    void articleCsvAppendsTheRollUp() throws IOException {
        StringWriter out = new StringWriter();
        List<CSVRecord> rows = parseCsv(write(new BilingualCsvWriter(out), out, OutputFixtures.trusted(),
                OutputFixtures.untitled()));

        assertEquals(List.of("4", "2", "1", "mixed"), List.of(rows.get(0).get("sentences_checked"),
                rows.get(0).get("sentences_suspect"), rows.get(0).get("sentences_passed_through"), rows.get(0).get("trust")));
        assertEquals(List.of("0", "0", "0", ""), List.of(rows.get(1).get("sentences_checked"),
                rows.get(1).get("sentences_suspect"), rows.get(1).get("sentences_passed_through"), rows.get(1).get("trust")));
        List<String> columns = BilingualCsvWriter.COLUMNS;
        assertEquals(List.of("summary_en", "sentences_checked", "sentences_suspect", "sentences_passed_through", "trust"),
                columns.subList(columns.indexOf("summary_en"), columns.indexOf("trust") + 1), "new columns appended");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
