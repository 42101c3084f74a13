package dev.kabar.output;

import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.SentenceTrust;
import dev.kabar.pipeline.TermUse;
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
 *
 * <p>The last column, {@code terms}, lists the glossary terms found in the sentence
 * ({@link SentencePair#terms()}), in order, joined with {@code "; "}; each is
 * {@code id=phrase:met} or {@code id=phrase:missed}, where the phrase is the English that met the
 * term as written there, or the term's first phrase when it was missed
 * ({@code Kemenhan=Ministry of Defence:met; Polri=National Police:missed}). In the id and the phrase
 * a backslash, {@code =}, {@code :} and {@code ;} are written with a backslash before them, so the
 * cell splits back unambiguously at every unescaped {@code ;}, the last unescaped {@code :} and the
 * first unescaped {@code =}. The cell is empty when the sentence has no term (or there is no glossary).
 */
public final class SentencePairCsvWriter implements ArticleWriter {

    /** The header, in column order. */
    public static final List<String> COLUMNS = List.of("article_id", "paragraph", "index", "id", "en", "in_summary",
            "lang", "translated", "confidence", "verdict", "reasons", "action", "first_en", "terms");

    /** The trust columns, from {@code lang} to {@code first_en}. */
    public static final List<String> TRUST_COLUMNS = COLUMNS.subList(COLUMNS.indexOf("lang"), COLUMNS.indexOf("first_en") + 1);

    /** What separates the reasons in the {@code reasons} cell. */
    public static final String REASON_SEPARATOR = "; ";

    /** What separates the terms in the {@code terms} cell. */
    public static final String TERM_SEPARATOR = "; ";

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
        } else {
            row.add(trust.language());
            row.add(trust.translated());
            row.add(ArticleDocument.rounded(trust.confidence()));
            row.add(trust.verdict().status().code());
            row.add(String.join(REASON_SEPARATOR, ArticleDocument.reasonTexts(trust.verdict())));
            row.add(trust.action().code());
            row.add(trust.action() == TrustAction.SECOND_TRY_KEPT_SECOND ? trust.attempts().get(0).english() : null);
        }
        row.add(pair.terms().isEmpty() ? null : termsCell(pair.terms()));
        return row;
    }

    /**
     * The {@code terms} cell of a sentence's terms: {@code id=phrase:met} or {@code id=phrase:missed}
     * for each, joined with {@link #TERM_SEPARATOR}, with a backslash, {@code =}, {@code :} and
     * {@code ;} escaped by a backslash in the id and the phrase.
     */
    public static String termsCell(List<TermUse> terms) {
        StringBuilder cell = new StringBuilder();
        for (TermUse term : terms) {
            if (!cell.isEmpty()) {
                cell.append(TERM_SEPARATOR);
            }
            // Met: what the reader will find in the English; missed: what the glossary asked for.
            String phrase = term.met() ? term.found() : term.english().isEmpty() ? "" : term.english().get(0);
            cell.append(escapeTerm(term.id())).append('=').append(escapeTerm(phrase)).append(':')
                    .append(term.met() ? "met" : "missed");
        }
        return cell.toString();
    }

    private static String escapeTerm(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '=' || c == ':' || c == ';') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}
