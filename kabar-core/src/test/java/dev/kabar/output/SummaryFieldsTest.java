package dev.kabar.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.summarize.SentenceId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The summary fields in each format, for an article with a summary and one without. */
class SummaryFieldsTest {

    /** The tricky fixture summarised by its first and third body sentences. */
    private static TranslatedArticle summarised() {
        return OutputFixtures.tricky().withSummary(new ArticleSummary("Kalimat satu, dengan koma. Café di pojok.",
                "Sentence one, with a comma. Café at the corner.", ArticleSummary.EXTRACTIVE,
                List.of(new SentenceId(0, 0), new SentenceId(1, 0)), 0));
    }

    private static List<CSVRecord> parseCsv(String text) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return parser.getRecords();
        }
    }

    @Test
    void articleCsvCarriesBothSummariesAndEmptyCellsWithoutOne() throws IOException {
        StringWriter out = new StringWriter();
        BilingualCsvWriter writer = new BilingualCsvWriter(out);
        writer.write(summarised());
        writer.write(OutputFixtures.untitled());
        writer.finish();
        List<CSVRecord> rows = parseCsv(out.toString());
        assertEquals("Kalimat satu, dengan koma. Café di pojok.", rows.get(0).get("summary_id"));
        assertEquals("Sentence one, with a comma. Café at the corner.", rows.get(0).get("summary_en"));
        assertEquals("", rows.get(1).get("summary_id"));
        assertEquals("", rows.get(1).get("summary_en"));
    }

    @Test
    void perSentenceCsvMarksTheChosenBodySentences() throws IOException {
        StringWriter out = new StringWriter();
        SentencePairCsvWriter writer = new SentencePairCsvWriter(out);
        writer.write(summarised());
        writer.finish();
        List<String> marks = parseCsv(out.toString()).stream()
                .map(r -> r.get("paragraph") + "." + r.get("index") + "=" + r.get("in_summary")).toList();
        assertEquals(List.of("0.1=false", "1.1=true", "1.2=false", "2.1=true"), marks);
    }

    @Test
    void jsonAndJsonlCarryTheSummaryFieldsAlwaysPresent() throws IOException {
        for (boolean lines : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            JsonArticleWriter writer = new JsonArticleWriter(out, lines);
            writer.write(summarised());
            writer.write(OutputFixtures.untitled());
            writer.finish();
            JsonNode first;
            JsonNode second;
            if (lines) {
                String[] docs = out.toString().split("\n");
                first = JsonArticleWriter.mapper().readTree(docs[0]);
                second = JsonArticleWriter.mapper().readTree(docs[1]);
            } else {
                JsonNode array = JsonArticleWriter.mapper().readTree(out.toString());
                first = array.get(0);
                second = array.get(1);
            }
            assertEquals("Kalimat satu, dengan koma. Café di pojok.", first.get("summary_id").asText());
            assertEquals("Sentence one, with a comma. Café at the corner.", first.get("summary_en").asText());
            assertEquals("extractive", first.get("summary_method").asText());
            assertTrue(first.get("summary_chunks").isNull(), "chunks are for abstractive summaries only");
            for (String field : List.of("summary_id", "summary_en", "summary_method", "summary_chunks")) {
                assertTrue(second.has(field) && second.get(field).isNull(), field + " is present and null");
            }
        }
    }
}
