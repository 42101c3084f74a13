package dev.kabar.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kabar.article.Article;
import dev.kabar.pipeline.ArticleStats;
import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.TranslatedArticle;
import java.util.List;

/**
 * One translated article as the JSON and JSONL outputs write it: the schema of those files. Field
 * names are the snake_case forms of the components ({@code titleEn} → {@code title_en}); every
 * field is always written, null when unknown, so consumers can rely on the keys. Documents are made
 * by {@link #of(TranslatedArticle)} only, so that fields can be added (such as a summary) without
 * touching callers.
 *
 * @param id the article's id: the source's, else a content hash
 * @param sourceFile where it came from: a path, {@code stdin}, or {@code file.csv#row 12}
 * @param url the article's address
 * @param date publication time, ISO-8601 with offset ({@code 2024-11-22T17:38+07:00}) or a plain date
 * @param dateline the dateline as printed on the page
 * @param status {@code ok}, or {@code failed} when the article could not be translated
 * @param error why it failed, null when it did not
 * @param titleId the headline in Indonesian
 * @param titleEn the headline in English; null when failed
 * @param lead the place/agency lead, not translated ({@code JAKARTA, Jurnas.com})
 * @param paragraphs the body: paragraphs as lists of sentence pairs
 * @param captions photo captions, not translated
 * @param sourceCredit the credited source ({@code AFP})
 * @param publisher the site that published it, by its readable name ({@code detikcom}, {@code Kompas.com})
 * @param reporter the reporter
 * @param editor the editor
 * @param keywords tags or keywords
 * @param category section or category
 * @param stats figures of the translation
 * @param warnings problems met while reading or translating that did not stop it
 * @param dropped navigation and boilerplate removed from the page, in page order
 * @param summaryId the Indonesian summary: the chosen sentences joined with single spaces; null when
 *     there is none (summaries off, an abstractive summary, no body)
 * @param summaryEn the English summary: the aligned translations of the chosen sentences, or the
 *     abstractive summary; null when there is none (summaries off, {@code kabar summarize}, failed)
 * @param summaryMethod {@code extractive} or {@code abstractive:<model>}; null when there is no summary
 * @param summaryChunks how many chunks an abstractive summariser read the English in; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "source_file", "url", "date", "dateline", "status", "error", "title_id", "title_en", "lead",
    "paragraphs", "captions", "source_credit", "publisher", "reporter", "editor", "keywords", "category", "stats", "warnings",
    "dropped", "summary_id", "summary_en", "summary_method", "summary_chunks"})
public record ArticleDocument(
        String id,
        String sourceFile,
        String url,
        String date,
        String dateline,
        String status,
        String error,
        String titleId,
        String titleEn,
        String lead,
        List<List<Pair>> paragraphs,
        List<String> captions,
        String sourceCredit,
        String publisher,
        String reporter,
        String editor,
        List<String> keywords,
        String category,
        Stats stats,
        List<String> warnings,
        List<String> dropped,
        String summaryId,
        String summaryEn,
        String summaryMethod,
        Integer summaryChunks) {

    /** The value of {@code status} for a translated article. */
    public static final String OK = "ok";
    /** The value of {@code status} for an article that could not be translated. */
    public static final String FAILED = "failed";

    /**
     * One sentence pair.
     *
     * @param id the Indonesian sentence
     * @param en its English translation; null when the article failed
     * @param split whether it was longer than the model's input limit and translated in clause-sized pieces
     */
    @JsonPropertyOrder({"id", "en", "split"})
    public record Pair(String id, String en, boolean split) {
    }

    /**
     * Figures of one article's translation.
     *
     * @param sentences sentence pairs, the title's included
     * @param splitSentences sentences translated in clause-sized pieces
     * @param reusedSentences sentences already translated earlier in the run
     * @param sourceTokens model input tokens
     * @param targetTokens generated tokens
     * @param translationMs the article's share of model time, in milliseconds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"sentences", "split_sentences", "reused_sentences", "source_tokens", "target_tokens",
        "translation_ms"})
    public record Stats(int sentences, int splitSentences, int reusedSentences, long sourceTokens, long targetTokens,
            long translationMs) {
    }

    /** Builds the document of a translated (or failed) article. */
    public static ArticleDocument of(TranslatedArticle translated) {
        Article a = translated.article();
        SentencePair title = translated.title();
        ArticleSummary summary = translated.summary();
        List<List<Pair>> paragraphs = translated.paragraphs().stream()
                .map(list -> list.stream().map(p -> new Pair(p.indonesian(), p.english(), p.split())).toList())
                .toList();
        ArticleStats s = translated.stats();
        Stats stats = new Stats(s.sentences(), s.splitSentences(), s.reusedSentences(), s.sourceTokens(),
                s.targetTokens(), s.translationNanos() / 1_000_000);
        return new ArticleDocument(a.id(), a.origin(), a.url(), a.date(), a.dateline(),
                translated.failed() ? FAILED : OK, translated.failure(),
                title == null ? a.title() : title.indonesian(), title == null ? null : title.english(), a.lead(),
                paragraphs, a.captions(), a.sourceCredit(), a.publisher(), a.reporter(), a.editor(), a.keywords(), a.category(), stats,
                translated.warnings(), a.dropped(), summary == null ? null : summary.indonesian(),
                summary == null ? null : summary.english(), summary == null ? null : summary.method(),
                summary == null || summary.chunks() == 0 ? null : summary.chunks());
    }
}
