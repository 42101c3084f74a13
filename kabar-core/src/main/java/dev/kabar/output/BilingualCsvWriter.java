package dev.kabar.output;

import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.TermTally;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustTally;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one RFC 4180 CSV row per translated article (CRLF between records; fields with a comma, a
 * quote or a line break are quoted, quotes doubled): {@code id, source_file, url, date, title_id,
 * title_en, body_id, body_en, summary_id, summary_en}. The summary cells are empty when the article has
 * no summary (or, for {@code summary_en}, no English one). Bodies keep their paragraphs apart with a blank line, and sentences
 * within a paragraph are joined with a space, on both sides alike, so the two bodies line up.
 *
 * <p>The trust roll-up follows: {@code sentences_checked} (sentences whose English was checked, the
 * title's included), {@code sentences_suspect} (of those, the suspect ones),
 * {@code sentences_passed_through} (kept as English) and {@code trust}: {@code ok}, {@code mixed} or
 * {@code mostly_suspect} by the rule of {@link dev.kabar.trust.ArticleTrust}, empty when no
 * sentence's trust is known.
 *
 * <p>Then the glossary roll-up: {@code terms_applied} (glossary term uses in the article's
 * sentences, the title's included: a term found in a sentence counts once for that sentence) and
 * {@code terms_met} (of those, the uses whose English has the term); both 0 without a glossary.
 *
 * <p>A failed article gets no row: a row without English would read as a translation to nothing.
 * It is reported on standard error and kept, with its error, in the JSON outputs.
 */
public final class BilingualCsvWriter implements ArticleWriter {

    /** The header, in column order. */
    public static final List<String> COLUMNS = List.of("id", "source_file", "url", "date", "category", "source_credit", "publisher", "title_id",
            "title_en", "lead", "body_id", "body_en", "summary_id", "summary_en", "sentences_checked", "sentences_suspect",
            "sentences_passed_through", "trust", "terms_applied", "terms_met");

    /** What separates paragraphs inside a body cell. */
    public static final String PARAGRAPH_BREAK = "\n\n";

    private final CSVPrinter printer;

    /** Creates a writer and writes the header. */
    public BilingualCsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
    }

    @Override
    public void write(TranslatedArticle translated) throws IOException {
        if (translated.failed()) {
            return;
        }
        var article = translated.article();
        SentencePair title = translated.title();
        ArticleSummary summary = translated.summary();
        TrustTally trust = translated.trustTally();
        TermTally terms = translated.termTally();
        printer.printRecord(article.id(), article.origin(), article.url(), article.date(), article.category(), article.sourceCredit(), article.publisher(),
                title == null ? article.title() : title.indonesian(), title == null ? null : title.english(), article.lead(),
                body(translated, SentencePair::indonesian), body(translated, SentencePair::english),
                summary == null ? null : summary.indonesian(), summary == null ? null : summary.english(),
                trust.checked(), trust.suspect(), trust.passedThrough(), ArticleDocument.trustCode(trust), terms.applied(),
                terms.met());
    }

    private static String body(TranslatedArticle translated, Function<SentencePair, String> side) {
        StringBuilder body = new StringBuilder();
        for (List<SentencePair> paragraph : translated.paragraphs()) {
            if (paragraph.isEmpty()) {
                continue;
            }
            if (body.length() > 0) {
                body.append(PARAGRAPH_BREAK);
            }
            for (int k = 0; k < paragraph.size(); k++) {
                if (k > 0) {
                    body.append(' ');
                }
                body.append(side.apply(paragraph.get(k)));
            }
        }
        return body.toString();
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}
