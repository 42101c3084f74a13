package dev.kabar.output;

import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.TranslatedArticle;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one RFC 4180 CSV row per sentence pair, {@code --per-sentence}: {@code article_id,
 * paragraph, index, id, en, in_summary}. Paragraph 0 holds the title; body paragraphs count from 1, and
 * sentences from 1 within their paragraph. The layout of a parallel corpus, ready for alignment
 * tools and spreadsheets. {@code in_summary} is {@code true} for the body sentences an extractive
 * summary chose, {@code false} for all others (the title, and every sentence when there is no
 * extractive summary). Failed articles get no rows (see {@link BilingualCsvWriter}).
 */
public final class SentencePairCsvWriter implements ArticleWriter {

    /** The header, in column order. */
    public static final List<String> COLUMNS = List.of("article_id", "paragraph", "index", "id", "en", "in_summary");

    private final CSVPrinter printer;

    /** Creates a writer and writes the header. */
    public SentencePairCsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
    }

    @Override
    public void write(TranslatedArticle translated) throws IOException {
        if (translated.failed()) {
            return;
        }
        String id = translated.article().id();
        ArticleSummary summary = translated.summary();
        if (translated.title() != null) {
            printer.printRecord(id, 0, 1, translated.title().indonesian(), translated.title().english(),
                    false);
        }
        for (int p = 0; p < translated.paragraphs().size(); p++) {
            List<SentencePair> paragraph = translated.paragraphs().get(p);
            for (int s = 0; s < paragraph.size(); s++) {
                printer.printRecord(id, p + 1, s + 1, paragraph.get(s).indonesian(), paragraph.get(s).english(),
                        summary != null && summary.contains(p, s));
            }
        }
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}
