package dev.kabar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.InputSpec;
import dev.kabar.summarize.ExtractiveSummarizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary benchmark builds a page of the size asked for and runs it through kabar summarize's path; the times are for people to read. */
class SummaryBenchmarkTest {

    @Test
    void buildsAPageOfTheSizeAskedForAndSummarisesItWhole(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < 4; p++) {
                body.append("Warga desa ").append(a).append(" mengungsi ke balai desa setelah gempa mengguncang wilayah itu pada "
                        + "Senin pagi. Petugas membagikan bantuan kepada ").append(p + 10).append(" keluarga yang rumahnya rusak.\\n\\n");
            }
            lines.add("{\"title\": \"Gempa guncang desa " + a + "\", \"body\": \"" + body + "\"}");
        }
        Path articles = dir.resolve("articles.jsonl");
        Files.writeString(articles, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        SummaryBenchmark bench = SummaryBenchmark.fromArticles(List.of(InputSpec.of(articles.toString())));

        Path page = dir.resolve("page.txt");
        bench.writePage(page, 5_000);
        String text = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Gempa guncang desa 0\n\nWarga desa 0 mengungsi"), text.substring(0, 60));
        assertTrue(Files.size(page) >= 5_000 && Files.size(page) < 5_000 + 300, Files.size(page) + " bytes");

        // 2 sentences a paragraph of about 150 bytes: 300 KB holds past 1,000 sentences, of which 1,000 are ranked.
        SummaryBenchmark.Result r = bench.run(300_000);
        assertTrue(r.pageBytes() >= 300_000, r.toString());
        assertEquals(2L * r.paragraphs(), r.sentences(), r.toString());
        assertTrue(r.sentences() > ExtractiveSummarizer.MAX_RANKED_SENTENCES, r.toString());
        assertEquals(ExtractiveSummarizer.MAX_RANKED_SENTENCES, r.rankedSentences());
        assertTrue(r.summaryWords() > 0 && r.peakHeapMb() > 0, r.toString());
        assertEquals(r.readSeconds() + r.splitSeconds() + r.summarizeSeconds() + r.writeSeconds(), r.totalSeconds(), 1e-9);

        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "{\"title\": \"Tanpa isi\", \"body\": \"\"}\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryBenchmark.fromArticles(List.of(InputSpec.of(empty.toString()))));
        assertTrue(e.getMessage().contains("no article with a title and a body"), e.getMessage());
    }
}
