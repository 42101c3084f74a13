package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The splitter against IndoSum's gold sentences (read from {@code ../shared/corpus/indosum}, or the
 * folder named by the system property {@code corpus.dir}), and the evaluation's own parts on
 * hand-made rows.
 */
class SentenceSegmentationEvalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void splitterAgreesWithIndoSumGoldSentences() {
        Path dir = Path.of(System.getProperty("corpus.dir", "../shared/corpus")).resolve("indosum");
        assertTrue(Files.isRegularFile(dir.resolve("dev.01.jsonl")),
                "The IndoSum folds are missing from " + dir.toAbsolutePath() + "; this test needs them.");
        SentenceSegmentationEval.Result result = SentenceSegmentationEval.evaluate(dir, Integer.MAX_VALUE);
        System.out.println("IndoSum sentence segmentation (" + dir + "):");
        System.out.println(result.report());
        assertTrue(result.articles() >= 300, "articles: " + result.articles());
        assertTrue(result.goldBoundaries() > 10_000, "gold boundaries: " + result.goldBoundaries());
        assertTrue(result.f1() >= 0.97, "F1 inside paragraphs " + result.f1());
    }

    @Test
    void detokenisingFollowsTheManifestRules() throws IOException {
        String tokens = """
                [["Harga", "naik", "(", "21", "/", "10", ")", ",", "kata", "Budi", "."],
                 ["\\"", "Kami", "siap", "-", "siap", "saja", ",", "\\"", "ujarnya", ":", "5", "%", "."],
                 ["\\u00a0"],
                 ["Lalu", "?"]]
                """;
        SentenceSegmentationEval.Paragraph paragraph = SentenceSegmentationEval.detokenise(JSON.readTree(tokens));
        String first = "Harga naik (21/10), kata Budi.";
        String second = "\"Kami siap-siap saja,\" ujarnya: 5%.";
        assertEquals(first + " " + second + " Lalu?", paragraph.text());
        // The whitespace-only sentence adds no boundary.
        assertEquals(List.of(first.length(), first.length() + 1 + second.length(), paragraph.text().length()),
                paragraph.sentenceEnds());
    }

    @Test
    void quotesAtABoundaryBelongToNeitherSide() {
        String text = "\"Ya.\" \"Lalu?\"";
        // After the period, after the closing quote, after the space, after the opening quote.
        assertEquals(4, SentenceSegmentationEval.normalise(text, 4));
        assertEquals(4, SentenceSegmentationEval.normalise(text, 5));
        assertEquals(4, SentenceSegmentationEval.normalise(text, 6));
        assertEquals(4, SentenceSegmentationEval.normalise(text, 7));
        assertEquals(text.length() - 1, SentenceSegmentationEval.normalise(text, text.length()));
    }

    @Test
    void countsOnAFileWrittenHere(@TempDir Path dir) throws IOException {
        // Gold: 3 sentences in the first paragraph (2 inner boundaries), 1 in the second.
        // The splitter finds "Ia datang." and "Dr. Budi menyambut." but not the spaCy-style split after "No.".
        String row = """
                {"id": "a1", "paragraphs": [
                  [["Ia", "datang", "."], ["Dr.", "Budi", "menyambut", "di", "No."], ["5", "."]],
                  [["Selesai", "."]]]}
                """.replace("\n", " ");
        Files.writeString(dir.resolve("dev.01.jsonl"), row + "\n" + row + "\n", StandardCharsets.UTF_8);
        SentenceSegmentationEval.Result result = SentenceSegmentationEval.evaluate(dir, 100);
        assertEquals(1, result.articles(), "the duplicate id is counted once");
        assertEquals(2, result.paragraphs());
        assertEquals(4, result.goldSentences());
        assertEquals(3, result.predictedSentences());
        assertEquals(2, result.goldBoundaries());
        assertEquals(1, result.predictedBoundaries());
        assertEquals(1, result.truePositives());
        assertEquals(1.0, result.precision());
        assertEquals(0.5, result.recall());
        assertEquals(2.0 / 3, result.f1(), 1e-12);
        assertEquals(1.0, result.precisionWithParagraphEnds());
        assertEquals(0.75, result.recallWithParagraphEnds());
    }

    @Test
    void aFolderWithoutIndoSumRowsIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.jsonl"), "{\"id\": \"x\", \"article\": \"Teks.\"}\n", StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> SentenceSegmentationEval.evaluate(dir, 10));
    }
}
