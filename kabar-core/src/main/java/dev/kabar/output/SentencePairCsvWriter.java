package dev.kabar.output;

import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.SentenceTrust;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustAction;
import java.util.ArrayList;
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
 *
 * <p>The trust columns follow ({@link #TRUST_COLUMNS}), with the meaning of the JSON keys of the
 * same names ({@link ArticleDocument.Pair}): {@code lang}, {@code translated} ({@code true} or
 * {@code false}), {@code confidence} (rounded to {@link ArticleDocument#CONFIDENCE_DECIMALS}
 * decimals), {@code verdict}, {@code reasons} ({@code code: detail} joined with {@code "; "}),
 * {@code action}, and {@code first_en}: the first attempt's English when a second try was kept in its
 * place, else empty. All are empty when the pair's trust is not known.
 */
public final class SentencePairCsvWriter implements ArticleWriter {

    /** The header, in column order. */
    public static final List<String> COLUMNS = List.of("article_id", "paragraph", "index", "id", "en", "in_summary",
            "lang", "translated", "confidence", "verdict", "reasons", "action", "first_en");

    /** The trust columns, the last of {@link #COLUMNS}. */
    public static final List<String> TRUST_COLUMNS = COLUMNS.subList(COLUMNS.indexOf("lang"), COLUMNS.size());

    /** What separates the reasons in the {@code reasons} cell. */
    public static final String REASON_SEPARATOR = "; ";

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
            printer.printRecord(row(id, 0, 1, translated.title(), false));
        }
        for (int p = 0; p < translated.paragraphs().size(); p++) {
            List<SentencePair> paragraph = translated.paragraphs().get(p);
            for (int s = 0; s < paragraph.size(); s++) {
                printer.printRecord(row(id, p + 1, s + 1, paragraph.get(s), summary != null && summary.contains(p, s)));
            }
        }
    }

    private static List<Object> row(String articleId, int paragraph, int index, SentencePair pair, boolean inSummary) {
        List<Object> row = new ArrayList<>(COLUMNS.size());
        row.add(articleId);
        row.add(paragraph);
        row.add(index);
        row.add(pair.indonesian());
        row.add(pair.english());
        row.add(inSummary);
        SentenceTrust trust = pair.trust();
        if (trust == null) {
            TRUST_COLUMNS.forEach(c -> row.add(null));
            return row;
        }
        row.add(trust.language());
        row.add(trust.translated());
        row.add(ArticleDocument.rounded(trust.confidence()));
        row.add(trust.verdict().status().code());
        row.add(String.join(REASON_SEPARATOR, ArticleDocument.reasonTexts(trust.verdict())));
        row.add(trust.action().code());
        row.add(trust.action() == TrustAction.SECOND_TRY_KEPT_SECOND ? trust.attempts().get(0).english() : null);
        return row;
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}
