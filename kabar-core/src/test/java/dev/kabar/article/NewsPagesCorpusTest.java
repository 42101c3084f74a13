package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the cleaner and the CSV reader over the real (internal-only) corpus read from
 * {@code ../shared/corpus}: every news page and every detik-2025 article must parse, and titles
 * and dates must be found in at least 95% of them. The corpus text is never copied here.
 */
class NewsPagesCorpusTest {

    private static final double REQUIRED_RATE = 0.95;

    static Path corpus() {
        Path dir = Path.of(System.getProperty("corpus.dir", "../shared/corpus"));
        if (!Files.isDirectory(dir)) {
            fail("corpus folder " + dir.toAbsolutePath() + " is missing; set -Dcorpus.dir=<path to shared/corpus>");
        }
        return dir;
    }

    @Test
    void cleansEveryNewsPage() throws IOException, InputException {
        Path pages = corpus().resolve("news-pages");
        List<Path> files = ArticleSource.filesIn(pages, List.of("*.txt"), List.of("ORIGINAL_*"));
        assertTrue(files.size() >= 18, "expected the 18 news pages, found " + files.size());
        NewsPageCleaner cleaner = new NewsPageCleaner();
        int titled = 0;
        int withDateline = 0;
        int dated = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String page = Files.readString(file);
            Article article = cleaner.clean(page, file.toString());
            boolean hasDateline = page.lines()
                    .map(DatelineParser::parseDatelineLine)
                    .flatMap(Optional::stream)
                    .anyMatch(d -> d.iso().contains("T"));
            boolean titleFound = isHeadlineLine(page, article.title());
            titled += titleFound ? 1 : 0;
            withDateline += hasDateline ? 1 : 0;
            dated += hasDateline && article.date() != null ? 1 : 0;
            if (!titleFound || (hasDateline && article.date() == null) || article.paragraphs().isEmpty()) {
                failures.add(file.getFileName() + ": title=" + article.title() + " date=" + article.date()
                        + " paragraphs=" + article.paragraphs().size());
            }
            NewsPageCleanerTest.assertEveryLineAccountedFor(page, article);
        }
        double titleRate = (double) titled / files.size();
        double dateRate = (double) dated / Math.max(1, withDateline);
        System.out.printf("news-pages: %d pages, title found %.1f%%, date found %.1f%% of %d with a dateline%n",
                files.size(), 100 * titleRate, 100 * dateRate, withDateline);
        failures.forEach(f -> System.out.println("  failed: " + f));
        assertTrue(titleRate >= REQUIRED_RATE, "title rate " + titleRate + "; failed: " + failures);
        assertTrue(dateRate >= REQUIRED_RATE, "date rate " + dateRate + "; failed: " + failures);
    }

    /**
     * Pages of these sites from other years print the title as {@code … : Okezone Celebrity} and the
     * dateline as {@code Author | Jum'at, 17 Februari 2017 - 13:30 wib}. Each page is rewritten that
     * way (its first line, its dateline) and must give the same title and date as before.
     */
    @Test
    void readsEveryNewsPageWithABrandSuffixAfterAColonAndAnAuthorBeforeTheDateline() throws IOException, InputException {
        Path pages = corpus().resolve("news-pages");
        NewsPageCleaner cleaner = new NewsPageCleaner();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : ArticleSource.filesIn(pages, List.of("*.txt"), List.of("ORIGINAL_*"))) {
            String page = Files.readString(file);
            Article plain = cleaner.clean(page, file.toString());
            if (plain.title() == null || plain.dateline() == null) {
                continue;
            }
            String name = file.getFileName().toString();
            String brand = Character.toUpperCase(name.charAt(0)) + name.substring(1, name.indexOf('-'));
            List<String> lines = new ArrayList<>(page.lines().toList());
            int first = 0;
            while (lines.get(first).isBlank()) {
                first++;
            }
            lines.set(first, plain.title() + " : " + brand + " Celebrity");
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals(plain.dateline())) {
                    lines.set(i, "Rina Maharani Putri | " + lines.get(i).strip());
                }
            }
            String rewritten = String.join("\n", lines);
            Article article = cleaner.clean(rewritten, file.toString());
            checked++;
            if (!plain.title().equals(article.title()) || !plain.date().equals(article.date())) {
                failures.add(name + ": title=" + article.title() + " date=" + article.date());
            }
            NewsPageCleanerTest.assertEveryLineAccountedFor(rewritten, article);
        }
        assertTrue(checked >= 18, "expected the 18 news pages, checked " + checked);
        assertEquals(List.of(), failures);
    }

    /**
     * Whether the title is printed on the page as a line of its own, and is not just the page's first
     * line (its HTML title) while that line still carries a separator: these pages all repeat their
     * headline, so a title taken from the first line kept the site's name ({@code … : Okezone
     * Celebrity}) or a topic in front of it.
     */
    static boolean isHeadlineLine(String page, String title) {
        if (title == null) {
            return false;
        }
        List<String> lines = page.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        boolean firstLineWithSeparator = lines.get(0).equals(title) && SiteNames.SEPARATOR.matcher(title).find();
        return !firstLineWithSeparator && lines.contains(title);
    }

    @Test
    void readsEveryDetikArticleThroughTheCsvReader() throws InputException {
        Path csv = corpus().resolve("detik-2025").resolve("data_berita.csv");
        assertTrue(Files.isRegularFile(csv), "missing " + csv);
        InputSpec spec = InputSpec.of(csv.toString())
                .withFormat(InputFormat.CSV)
                .withFields(FieldMapping.auto().withTitle("judul").withBody("isi_berita").withDate("tanggal")
                        .withUrl("tautan").withId("id"));
        ReadResult result = new ArticleSource().read(spec);

        assertEquals(List.of(), result.problems());
        assertEquals(800, result.articles().size());
        int titled = 0;
        int dated = 0;
        for (Article article : result.articles()) {
            titled += article.title() != null ? 1 : 0;
            dated += article.date() != null && article.date().endsWith("+07:00") ? 1 : 0;
            assertFalse(article.paragraphs().isEmpty(), article.origin());
            for (String paragraph : article.paragraphs()) {
                assertFalse(paragraph.contains("SCROLL TO CONTINUE WITH CONTENT"), article.origin());
                assertFalse(paragraph.equals("ADVERTISEMENT"), article.origin());
            }
        }
        Article first = result.articles().get(0);
        assertEquals("1", first.id());
        assertEquals("2025-10-21T20:43+07:00", first.date(), "detik's tanggal is M/D/YYYY HH:MM in WIB");
        assertTrue(first.dropped().contains("SCROLL TO CONTINUE WITH CONTENT"));
        double titleRate = (double) titled / result.articles().size();
        double dateRate = (double) dated / result.articles().size();
        System.out.printf("detik-2025: %d articles, title %.1f%%, date %.1f%%%n", result.articles().size(),
                100 * titleRate, 100 * dateRate);
        assertTrue(titleRate >= REQUIRED_RATE, "title rate " + titleRate);
        assertTrue(dateRate >= REQUIRED_RATE, "date rate " + dateRate);
    }
}
