package dev.kabar.cli;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SentenceId;
import dev.kabar.summarize.SummaryLength;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summaries end to end: {@code kabar translate} on the Jurnas sample with the tiny Marian
 * checkpoint (extractive summaries in every format), {@code kabar summarize} with no model, and
 * the abstractive option with the tiny BART checkpoint, chunking forced by a small input limit.
 * The tiny models write gibberish, so the tests check structure and alignment.
 */
class SummaryCommandsTest {

    private static final Path JURNAS = TranslateCommandTest.JURNAS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path checkpoint(String name) {
        return TestData.conformance(name);
    }

    private static CliRun run(byte[] stdin, String... args) {
        return CliRun.of(stdin, args);
    }

    private static CliRun translate(String... args) {
        List<String> all = new ArrayList<>(List.of("translate"));
        all.addAll(List.of(args));
        all.addAll(List.of("--model", checkpoint("marian-tiny").toString(), "--max-new-tokens",
                TranslateCommandTest.MAX_NEW_TOKENS));
        return run(new byte[0], all.toArray(String[]::new));
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(Files.readString(file)))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return parser.getRecords();
        }
    }

    /** The sentences the summariser picks from a document's Indonesian side, and their two texts joined. */
    private static List<String> expectedSummary(JsonNode doc, SummaryLength length) {
        List<List<String>> paragraphs = new ArrayList<>();
        for (JsonNode paragraph : doc.get("paragraphs")) {
            List<String> sentences = new ArrayList<>();
            paragraph.forEach(pair -> sentences.add(pair.get("id").asText()));
            paragraphs.add(sentences);
        }
        List<SentenceId> chosen = new ExtractiveSummarizer().summarize(paragraphs, doc.get("title_id").asText(), length);
        assertFalse(chosen.isEmpty());
        List<String> id = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (SentenceId s : chosen) {
            JsonNode pair = doc.get("paragraphs").get(s.paragraph()).get(s.sentence());
            id.add(pair.get("id").asText());
            en.add(pair.get("en").isNull() ? null : pair.get("en").asText());
        }
        return List.of(String.join(" ", id), en.contains(null) ? "" : String.join(" ", en));
    }

    @Test
    void translateWritesExtractiveSummariesInEveryFormat() throws IOException {
        Path json = dir.resolve("jurnas.json");
        CliRun r = translate(JURNAS.toString(), "-o", json.toString());
        assertEquals(Main.EXIT_OK, r.code(), r.err());
        assertTrue(r.err().contains("1 summary (extractive)"), r.err());
        JsonNode doc = JSON.readTree(json.toFile()).get(0);
        List<String> expected = expectedSummary(doc, ExtractiveSummarizer.NEWS_LENGTH);
        assertEquals(expected.get(0), doc.get("summary_id").asText());
        assertEquals(expected.get(1), doc.get("summary_en").asText(), "the aligned translations of the chosen sentences");
        assertEquals("extractive", doc.get("summary_method").asText());
        assertTrue(doc.get("summary_chunks").isNull());
        int words = doc.get("summary_id").asText().split("\\s+").length;
        assertTrue(words >= 30 && words <= 110, "about 60 words: " + words);

        Path jsonl = dir.resolve("jurnas.jsonl");
        assertEquals(Main.EXIT_OK, translate(JURNAS.toString(), "-o", jsonl.toString()).code());
        JsonNode line = JSON.readTree(Files.readAllLines(jsonl).get(0));
        for (String field : List.of("summary_id", "summary_en", "summary_method")) {
            assertEquals(doc.get(field), line.get(field), field);
        }

        Path csv = dir.resolve("jurnas.csv");
        assertEquals(Main.EXIT_OK, translate(JURNAS.toString(), "-o", csv.toString()).code());
        CSVRecord row = readCsv(csv).get(0);
        assertEquals(expected.get(0), row.get("summary_id"));
        assertEquals(expected.get(1), row.get("summary_en"));

        Path perSentence = dir.resolve("jurnas-kalimat.csv");
        assertEquals(Main.EXIT_OK, translate(JURNAS.toString(), "--per-sentence", "-o", perSentence.toString()).code());
        List<String> id = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (CSVRecord pair : readCsv(perSentence)) {
            if (Boolean.parseBoolean(pair.get("in_summary"))) {
                id.add(pair.get("id"));
                en.add(pair.get("en"));
            }
        }
        assertEquals(expected.get(0), String.join(" ", id));
        assertEquals(expected.get(1), String.join(" ", en));
    }

    @Test
    void lengthOptionsAndNoSummary() throws IOException {
        Path two = dir.resolve("two.jsonl");
        assertEquals(Main.EXIT_OK, translate(JURNAS.toString(), "--summary-sentences", "2", "-o", two.toString()).code());
        JsonNode doc = JSON.readTree(Files.readAllLines(two).get(0));
        List<String> expected = expectedSummary(doc, SummaryLength.sentences(2));
        assertEquals(expected.get(0), doc.get("summary_id").asText());
        assertEquals(expected.get(1), doc.get("summary_en").asText());

        Path ratio = dir.resolve("ratio.jsonl");
        assertEquals(Main.EXIT_OK, translate(JURNAS.toString(), "--summary-ratio", "1", "-o", ratio.toString()).code());
        JsonNode all = JSON.readTree(Files.readAllLines(ratio).get(0));
        assertEquals(expectedSummary(all, SummaryLength.ratio(1)).get(0), all.get("summary_id").asText());
        assertTrue(all.get("summary_id").asText().length() > doc.get("summary_id").asText().length());

        Path none = dir.resolve("none.jsonl");
        assertEquals(Main.EXIT_OK, translate(JURNAS.toString(), "--no-summary", "-o", none.toString()).code());
        JsonNode off = JSON.readTree(Files.readAllLines(none).get(0));
        assertTrue(off.get("summary_id").isNull() && off.get("summary_en").isNull() && off.get("summary_method").isNull());

        CliRun both = translate(JURNAS.toString(), "--summary-words", "40", "--summary-ratio", "0.2");
        assertEquals(Main.EXIT_USAGE, both.code());
        assertTrue(both.err().contains("--summary-sentences, --summary-words and --summary-ratio"), both.err());
        CliRun orphan = translate(JURNAS.toString(), "--summarizer-num-beams", "2");
        assertEquals(Main.EXIT_USAGE, orphan.code());
        assertTrue(orphan.err().contains("--summarizer DIR"), orphan.err());
        assertEquals(Main.EXIT_USAGE, translate(JURNAS.toString(), "--summary-sentences", "0").code());
    }

    @Test
    void summarizeReadsJsonlWithFieldMappingAndNeedsNoModel() throws IOException {
        Path input = dir.resolve("berita.jsonl");
        Files.writeString(input, String.join("\n",
                JSON.writeValueAsString(java.util.Map.of("kode", "b-1", "judul", "Harga beras naik di Makassar",
                        "isi", "Harga beras di pasar Makassar naik dua kali dalam sepekan. Pedagang mengeluh.\n\n"
                                + "Dinas perdagangan berjanji menggelar operasi pasar pekan depan.\n\n"
                                + "\"Kami akan turun langsung,\" kata kepala dinas.",
                        "tanggal", "2025-03-06")),
                JSON.writeValueAsString(java.util.Map.of("kode", "b-2", "judul", "Banjir di Medan",
                        "isi", "Banjir merendam tiga kecamatan di Medan sejak Selasa pagi.",
                        "tanggal", "2025-03-07"))) + "\n");
        Path out = dir.resolve("ringkasan.jsonl");
        CliRun r = run(new byte[0], "summarize", input.toString(), "--id-field", "kode", "--title-field", "judul",
                "--body-field", "isi", "--date-field", "tanggal", "--summary-sentences", "2", "-o", out.toString());
        assertEquals(Main.EXIT_OK, r.code(), r.err());
        assertTrue(r.err().contains("2 articles read, 2 summarised"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("b-1", first.get("id").asText());
        assertEquals("Harga beras naik di Makassar", first.get("title_id").asText());
        assertEquals("2025-03-06", first.get("date").asText());
        assertEquals(expectedSummary(first, SummaryLength.sentences(2)).get(0), first.get("summary_id").asText());
        assertTrue(first.get("summary_en").isNull(), "no translation, no English summary");
        assertTrue(first.get("title_en").isNull());
        assertEquals("extractive", first.get("summary_method").asText());
        assertEquals("Banjir merendam tiga kecamatan di Medan sejak Selasa pagi.",
                JSON.readTree(lines.get(1)).get("summary_id").asText());

        Path csv = dir.resolve("ringkasan.csv");
        CliRun c = run(new byte[0], "summarize", JURNAS.toString(), "-o", csv.toString());
        assertEquals(Main.EXIT_OK, c.code(), c.err());
        CSVRecord row = readCsv(csv).get(0);
        assertFalse(row.get("summary_id").isBlank());
        assertEquals("", row.get("summary_en"));
        assertEquals(Main.EXIT_USAGE, run(new byte[0], "summarize", JURNAS.toString(), "--no-summary").code());
    }

    @Test
    void theAbstractiveSummariserChunksTheEnglishAndKeepsEverySentence() throws IOException {
        Path json = dir.resolve("abstrak.json");
        CliRun r = translate(JURNAS.toString(), "-o", json.toString(), "--summarizer", checkpoint("bart-tiny").toString(),
                "--summarizer-max-input-tokens", "60", "--summarizer-max-new-tokens", "6", "--summarizer-min-length", "0",
                "--summarizer-num-beams", "2", "--summarizer-no-repeat-ngram-size", "0",
                "--summarizer-length-penalty", "1.0");
        assertEquals(Main.EXIT_OK, r.code(), r.err());
        JsonNode doc = JSON.readTree(json.toFile()).get(0);
        assertEquals("abstractive:bart-tiny", doc.get("summary_method").asText());
        assertTrue(doc.get("summary_id").isNull(), "an abstractive summary has no Indonesian side");
        assertTrue(doc.get("summary_en").isTextual());
        int chunks = doc.get("summary_chunks").asInt();
        assertTrue(chunks > 1, "the Jurnas English is far longer than 60 tokens: " + chunks);
        assertTrue(r.err().contains(chunks + " chunks summarised, 1 article longer than the summariser's input was cut into chunks"), r.err());

        CliRun tooLong = translate(JURNAS.toString(), "--summarizer", checkpoint("bart-tiny").toString(),
                "--summarizer-max-input-tokens", "500");
        assertEquals(Main.EXIT_USAGE, tooLong.code());
        assertTrue(tooLong.err().contains("model's limit of 126"), tooLong.err());
        assertEquals(Main.EXIT_USAGE, translate(JURNAS.toString(), "--summarizer", checkpoint("bart-tiny").toString(),
                "--summary-sentences", "2").code());
    }
}
