package dev.kabar.output;

import static dev.kabar.output.OutputFixtures.jsonl;
import static dev.kabar.output.OutputFixtures.parseCsv;
import static dev.kabar.output.OutputFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadResult;
import dev.kabar.pipeline.TermTally;
import dev.kabar.pipeline.TermUse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every output records which glossary terms each sentence had and whether each was met (#21 item 3). */
class GlossaryFieldsTest {

    private static final List<String> TERM_KEYS = List.of("id", "en", "keep", "met", "found");

    @TempDir
    Path dir;

    @Test
    void jsonPairsListTheirTermsWithTheEnglishForcedAndWhetherItWasMet() throws IOException {
        JsonNode doc = jsonl(OutputFixtures.glossed());
        JsonNode twoTerms = doc.get("paragraphs").get(0).get(0);

        JsonNode polri = twoTerms.get("terms").get(0);
        assertEquals(TERM_KEYS, fieldNames(polri));
        assertEquals("Polri", polri.get("id").asText());
        assertEquals("[\"National Police\"]", polri.get("en").toString(), "a list of phrases, even of one");
        assertEquals(false, polri.get("keep").asBoolean());
        assertEquals(false, polri.get("met").asBoolean());
        assertTrue(polri.get("found").isNull(), "missed: nothing found, key kept");
        JsonNode tni = twoTerms.get("terms").get(1);
        assertEquals("[\"Indonesian Armed Forces\",\"TNI\"]", tni.get("en").toString());
        assertEquals(true, tni.get("met").asBoolean());
        assertEquals("TNI", tni.get("found").asText());

        JsonNode kept = doc.get("paragraphs").get(1).get(0).get("terms").get(0);
        assertEquals(true, kept.get("keep").asBoolean());
        assertEquals("Prabowo Subianto", kept.get("found").asText());
    }

    @Test
    void termsAreAlwaysWrittenAndEmptyWhenASentenceHasNone() throws IOException {
        JsonNode doc = jsonl(OutputFixtures.glossed());
        assertEquals("[]", doc.get("paragraphs").get(0).get(1).get("terms").toString());
        JsonNode plain = jsonl(OutputFixtures.tricky());
        assertEquals("[]", plain.get("title_terms").toString(), "no glossary: an empty list, not a missing key");
        assertEquals("[]", plain.get("paragraphs").get(0).get(0).get("terms").toString());
        assertEquals("[]", jsonl(OutputFixtures.untitled()).get("title_terms").toString(), "no title");
        assertEquals("[]", jsonl(OutputFixtures.failed()).get("title_terms").toString(), "failed");
    }

    @Test
    void theTitleHasItsTermsBesideItsTrust() throws IOException {
        JsonNode doc = jsonl(OutputFixtures.glossed());
        List<String> fields = fieldNames(doc);
        assertEquals(fields.indexOf("title_trust") + 1, fields.indexOf("title_terms"));
        JsonNode kemenhan = doc.get("title_terms").get(0);
        assertEquals(TERM_KEYS, fieldNames(kemenhan));
        assertEquals("Kemenhan", kemenhan.get("id").asText());
        assertEquals("Defence Ministry", kemenhan.get("found").asText(), "met through an alternative");
    }

    @Test
    void statsCountTheTermsAppliedAndMetTheTitlesIncluded() throws IOException {
        JsonNode stats = jsonl(OutputFixtures.glossed()).get("stats");
        assertEquals(4, stats.get("terms_applied").asLong(), "Kemenhan, Polri, TNI, Prabowo Subianto");
        assertEquals(3, stats.get("terms_met").asLong(), "Polri missed");
        JsonNode plain = jsonl(OutputFixtures.tricky()).get("stats");
        assertEquals(0, plain.get("terms_applied").asLong());
        assertEquals(0, plain.get("terms_met").asLong());
        assertEquals(new TermTally(4, 3), OutputFixtures.glossed().termTally());
        assertEquals(TermTally.NONE, OutputFixtures.trusted().termTally());
    }

    @Test
    void documentsWithTermsReadBackIntoTheRecord() throws IOException {
        ArticleDocument document = ArticleDocument.of(OutputFixtures.glossed());
        ObjectMapper mapper = JsonArticleWriter.mapper();
        assertEquals(document, mapper.readValue(mapper.writeValueAsString(document), ArticleDocument.class));
    }

    @Test
    void perSentenceCsvAppendsATermsCell() throws IOException {
        StringWriter out = new StringWriter();
        List<CSVRecord> rows = parseCsv(write(new SentencePairCsvWriter(out), out, OutputFixtures.glossed(),
                OutputFixtures.untitled()));

        assertEquals("terms", SentencePairCsvWriter.COLUMNS.get(SentencePairCsvWriter.COLUMNS.size() - 1), "appended last");
        assertEquals("Kemenhan=Defence Ministry:met", rows.get(0).get("terms"), "the title; met: the English found");
        assertEquals("Polri=National Police:missed; TNI=TNI:met", rows.get(1).get("terms"),
                "missed: the term's first phrase");
        assertEquals("", rows.get(2).get("terms"), "no term");
        assertEquals("Prabowo Subianto=Prabowo Subianto:met", rows.get(3).get("terms"));
        assertEquals("", rows.get(4).get("terms"), "no glossary");
    }

    @Test
    void theTermsCellEscapesItsSeparatorsAndSplitsBack() {
        List<TermUse> terms = List.of(
                new TermUse("Pasal 5:1", List.of("Article 5(1); paragraph = one"), false, false, null),
                new TermUse("a\\b", List.of("x"), false, true, "x=y:z"));
        String cell = SentencePairCsvWriter.termsCell(terms);

        assertEquals("Pasal 5\\:1=Article 5(1)\\; paragraph \\= one:missed; a\\\\b=x\\=y\\:z:met", cell);
        assertEquals(List.of(List.of("Pasal 5:1", "Article 5(1); paragraph = one", "missed"), List.of("a\\b", "x=y:z", "met")),
                parseTermsCell(cell), "the documented rule splits the cell back into what was written");
    }

    @Test
    void articleCsvAppendsTheTermCounts() throws IOException {
        StringWriter out = new StringWriter();
        List<CSVRecord> rows = parseCsv(write(new BilingualCsvWriter(out), out, OutputFixtures.glossed(),
                OutputFixtures.untitled()));

        List<String> columns = BilingualCsvWriter.COLUMNS;
        assertEquals(List.of("trust", "terms_applied", "terms_met"), columns.subList(columns.size() - 3, columns.size()));
        assertEquals(List.of("4", "3"), List.of(rows.get(0).get("terms_applied"), rows.get(0).get("terms_met")));
        assertEquals(List.of("0", "0"), List.of(rows.get(1).get("terms_applied"), rows.get(1).get("terms_met")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.json", "out.csv", "out.sentences.csv"})
    void anOutputWithTermsIsReadBackAsItsIndonesian(String name) throws Exception {
        StringWriter text = new StringWriter();
        ArticleWriter writer = switch (name.substring(name.indexOf('.') + 1)) {
            case "jsonl" -> new JsonArticleWriter(text, true);
            case "json" -> new JsonArticleWriter(text, false);
            case "csv" -> new BilingualCsvWriter(text);
            case "sentences.csv" -> new SentencePairCsvWriter(text);
            default -> throw new IllegalArgumentException(name);
        };
        writer.write(OutputFixtures.glossed());
        writer.finish();
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);

        ReadResult result = new ArticleSource().read(InputSpec.of(file.toString()));

        assertEquals(List.of(), result.problems());
        Article article = result.articles().get(0);
        assertEquals("Kemenhan bantah kabar itu", article.title());
        assertEquals(List.of("Polri dan TNI berjaga. Tidak ada istilah di sini.", "Prabowo Subianto hadir."),
                article.paragraphs());
    }

    /**
     * Splits a {@code terms} cell by the rule its Javadoc documents: entries at every unescaped
     * {@code ;}, the status after the last unescaped {@code :}, the id before the first unescaped
     * {@code =}; then the escapes are undone.
     */
    private static List<List<String>> parseTermsCell(String cell) {
        List<List<String>> terms = new ArrayList<>();
        for (String entry : splitUnescaped(cell, ';')) {
            entry = entry.stripLeading();
            List<String> colon = splitUnescaped(entry, ':');
            String status = colon.get(colon.size() - 1);
            String rest = String.join(":", colon.subList(0, colon.size() - 1));
            List<String> equals = splitUnescaped(rest, '=');
            String id = equals.get(0);
            String phrase = String.join("=", equals.subList(1, equals.size()));
            terms.add(List.of(unescape(id), unescape(phrase), status));
        }
        return terms;
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
        }
        return out.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
