package dev.kabar.pipeline;

import dev.kabar.article.Article;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The outcome of translating one article: its sentence pairs, figures and warnings, or the
 * failure that kept it from being translated. The {@link Article} travels along, so metadata,
 * captions and dropped boilerplate reach the output unchanged.
 *
 * @param article the article as read
 * @param title the title and its translation, or null when the article has no title
 * @param paragraphs the body's sentence pairs, paragraph by paragraph in article order; on failure
 *     the sentences with no English where they could be segmented, else empty
 * @param stats figures for the article
 * @param warnings the article's reading warnings followed by those of translation
 * @param failure why the article could not be translated, or null when it was
 * @param summary the article's summary, or null when none was made (summaries off, a failed article)
 */
public record TranslatedArticle(Article article, SentencePair title, List<List<SentencePair>> paragraphs,
        ArticleStats stats, List<String> warnings, String failure, ArticleSummary summary) {

    /** Creates an outcome without a summary; summaries are added afterwards with {@link #withSummary}. */
    public TranslatedArticle(Article article, SentencePair title, List<List<SentencePair>> paragraphs,
            ArticleStats stats, List<String> warnings, String failure) {
        this(article, title, paragraphs, stats, warnings, failure, null);
    }

    /** Copies the lists deeply. */
    public TranslatedArticle {
        Objects.requireNonNull(article, "article");
        paragraphs = paragraphs == null ? List.of() : paragraphs.stream().map(List::copyOf).toList();
        stats = stats == null ? ArticleStats.none() : stats;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Whether the article could not be translated. */
    public boolean failed() {
        return failure != null;
    }

    /** All sentence pairs of the body, in order. */
    public List<SentencePair> sentences() {
        return paragraphs.stream().flatMap(List::stream).toList();
    }

    /**
     * The tally of the title's and the body's sentence pairs, from each pair's own trust: what the
     * outputs roll up per article, so that it always agrees with the pairs written beside it. Pairs
     * whose trust is not known count for nothing.
     */
    public TrustTally trustTally() {
        return trustTally(title, paragraphs);
    }

    /** {@link #trustTally()} of pairs not yet made into an article (the run's figures). */
    static TrustTally trustTally(SentencePair title, List<List<SentencePair>> paragraphs) {
        return sum(title, paragraphs, TrustTally::of, TrustTally.NONE, TrustTally::plus);
    }

    /**
     * The glossary terms of the title's and the body's sentence pairs: how many were applied and
     * how many met, from each pair's own {@link SentencePair#terms()}, so that the outputs' roll-up
     * always agrees with the pairs written beside it. {@link TermTally#NONE} without a glossary.
     */
    public TermTally termTally() {
        return sum(title, paragraphs, TermTally::of, TermTally.NONE, TermTally::plus);
    }

    /** The sum of a figure over the title (when there is one) and every body pair. */
    private static <T> T sum(SentencePair title, List<List<SentencePair>> paragraphs, Function<SentencePair, T> of, T none,
            BinaryOperator<T> plus) {
        T total = title == null ? none : of.apply(title);
        for (List<SentencePair> paragraph : paragraphs) {
            for (SentencePair pair : paragraph) {
                total = plus.apply(total, of.apply(pair));
            }
        }
        return total;
    }

    /** Returns a copy with the given summary (null for none). */
    public TranslatedArticle withSummary(ArticleSummary summary) {
        return new TranslatedArticle(article, title, paragraphs, stats, warnings, failure, summary);
    }
}
