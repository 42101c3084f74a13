package dev.kabar.bench;

import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputException;
import dev.kabar.article.InputFormat;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadResult;
import dev.kabar.output.OutputSpec;
import dev.kabar.output.TranslationOutput;
import dev.kabar.pipeline.SummaryStep;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.summarize.ExtractiveSummarizer;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code kabar summarize} on one saved page of a given size, to show that a summary costs
 * time in proportion to the page: the page is written to a file, then read and cleaned, cut into
 * sentences, summarised with the default ranker and length, and written as JSONL, each phase timed.
 *
 * <p>Pages are made of real article text: the body paragraphs of the articles given, in order,
 * starting again from the first when they run out, under the first article's title.
 */
public final class SummaryBenchmark {

    /**
     * What one page measured.
     *
     * @param pageBytes the page's size in bytes (UTF-8)
     * @param paragraphs body paragraphs the page reader found
     * @param sentences body sentences after splitting
     * @param rankedSentences the sentences the summariser ranked (at most {@link ExtractiveSummarizer#MAX_RANKED_SENTENCES})
     * @param summaryWords words in the Indonesian summary
     * @param readSeconds reading, decoding and cleaning the page
     * @param splitSeconds cutting the body into sentences
     * @param summarizeSeconds ranking and choosing the summary sentences
     * @param writeSeconds writing the article and its summary as JSONL
     * @param peakHeapMb the sum of the Java heap pools' peak use while the page ran (an upper bound on the peak heap)
     */
    public record Result(long pageBytes, int paragraphs, long sentences, int rankedSentences, int summaryWords,
                         double readSeconds, double splitSeconds, double summarizeSeconds, double writeSeconds,
                         double peakHeapMb) {

        /** Returns the whole time for the page. */
        public double totalSeconds() {
            return readSeconds + splitSeconds + summarizeSeconds + writeSeconds;
        }
    }

    private final List<String> title;
    private final List<String> paragraphs;

    private SummaryBenchmark(String title, List<String> paragraphs) {
        this.title = List.of(title);
        this.paragraphs = paragraphs;
    }

    /**
     * Reads the articles whose text makes the pages.
     *
     * @throws IllegalArgumentException when the inputs hold no article with a title and a body
     */
    public static SummaryBenchmark fromArticles(List<InputSpec> inputs) throws InputException {
        ArticleSource source = new ArticleSource();
        String title = null;
        List<String> paragraphs = new ArrayList<>();
        for (InputSpec spec : inputs) {
            ReadResult r = source.read(spec);
            for (Article a : r.articles()) {
                if (title == null && a.title() != null && !a.title().isBlank()) {
                    title = a.title().strip();
                }
                paragraphs.addAll(a.paragraphs());
            }
        }
        if (title == null || paragraphs.isEmpty()) {
            throw new IllegalArgumentException("The inputs " + inputs.stream().map(InputSpec::location).toList()
                    + " hold no article with a title and a body to build pages from; give news articles, "
                    + "e.g. ../shared/corpus/detik-2025/data_berita.csv.");
        }
        return new SummaryBenchmark(title, List.copyOf(paragraphs));
    }

    /**
     * Writes a page of at least {@code bytes} bytes to {@code file}: the title, a blank line, then
     * body paragraphs separated by blank lines.
     */
    public void writePage(Path file, long bytes) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            for (int i = 0; written < bytes; i++) {
                String block = (i == 0 ? title.get(0) : paragraphs.get((i - 1) % paragraphs.size())) + "\n\n";
                out.write(block);
                written += block.getBytes(StandardCharsets.UTF_8).length;
            }
        }
    }

    /**
     * Summarises a page of about {@code bytes} bytes as {@code kabar summarize PAGE -o OUT.jsonl}
     * does and times it; the page and the output are written to temporary files, deleted after.
     */
    public Result run(long bytes) throws IOException, InputException {
        Path page = Files.createTempFile("kabar-bench-page", ".txt");
        Path output = Files.createTempFile("kabar-bench-summary", ".jsonl");
        try {
            writePage(page, bytes);
            long pageBytes = Files.size(page);
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);

            long t0 = System.nanoTime();
            ReadResult read = new ArticleSource().read(InputSpec.of(page.toString()).withFormat(InputFormat.TEXT));
            if (read.articles().size() != 1) {
                throw new IllegalStateException("The page reader found " + read.articles().size() + " articles in the "
                        + "benchmark page " + page + " (" + read.problems() + "); expected one.");
            }
            Article article = read.articles().get(0);
            long t1 = System.nanoTime();
            TranslatedArticle split = SummaryStep.untranslated(article);
            long t2 = System.nanoTime();
            SummaryStep summaries = SummaryStep.extractive(new ExtractiveSummarizer(), ExtractiveSummarizer.NEWS_LENGTH);
            TranslatedArticle summarized = summaries.apply(split);
            long t3 = System.nanoTime();
            try (TranslationOutput out = TranslationOutput.open(OutputSpec.resolve(output.toString(), "jsonl", false), null)) {
                out.write(summarized);
                out.commit();
            }
            long t4 = System.nanoTime();

            double peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
            long sentences = split.paragraphs().stream().mapToLong(List::size).sum();
            String summary = summarized.summary() == null ? null : summarized.summary().indonesian();
            int words = summary == null ? 0 : summary.split("\\s+").length;
            return new Result(pageBytes, article.paragraphs().size(), sentences,
                    (int) Math.min(sentences, ExtractiveSummarizer.MAX_RANKED_SENTENCES), words,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, peak);
        } finally {
            Files.deleteIfExists(page);
            Files.deleteIfExists(output);
        }
    }
}
