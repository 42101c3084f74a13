package dev.kabar.pipeline;

import dev.kabar.article.Article;
import dev.kabar.article.SentenceSplitter;
import dev.kabar.summarize.AbstractiveSummarizer;
import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SentenceId;
import dev.kabar.summarize.SummaryLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Adds a summary to each article that comes out of a run: the step between translation and the
 * files, applied to each {@link TranslatedArticle} as the sink receives it.
 *
 * <p>Extractive (the default): the Indonesian sentences of the body are ranked by
 * {@link ExtractiveSummarizer} (with the article's title), the chosen ones kept in article order;
 * the Indonesian summary is those sentences, and the English summary their aligned translations,
 * so it says nothing the translation does not. Abstractive: the English body is summarised by an
 * {@link AbstractiveSummarizer}; there is then no Indonesian summary.
 *
 * <p>Not thread-safe: it counts what it did, for the run's closing line.
 */
public final class SummaryStep implements UnaryOperator<TranslatedArticle> {

    private final ExtractiveSummarizer extractive;
    private final SummaryLength length;
    private final AbstractiveSummarizer abstractive;
    private final String method;
    private int summaries;
    private int chunks;
    private int chunkedArticles;

    private SummaryStep(ExtractiveSummarizer extractive, SummaryLength length, AbstractiveSummarizer abstractive,
            String method) {
        this.extractive = extractive;
        this.length = length;
        this.abstractive = abstractive;
        this.method = method;
    }

    /** A step that picks sentences of the source with {@code summarizer}, to the given length. */
    public static SummaryStep extractive(ExtractiveSummarizer summarizer, SummaryLength length) {
        return new SummaryStep(Objects.requireNonNull(summarizer, "summarizer"), Objects.requireNonNull(length, "length"),
                null, ArticleSummary.EXTRACTIVE);
    }

    /**
     * A step that summarises the English body with a model.
     *
     * @param summarizer the model
     * @param modelName the name written after {@code abstractive:} in the summary's method, such as
     *     the checkpoint's folder name
     */
    public static SummaryStep abstractive(AbstractiveSummarizer summarizer, String modelName) {
        return new SummaryStep(null, null, Objects.requireNonNull(summarizer, "summarizer"),
                ArticleSummary.ABSTRACTIVE_PREFIX + modelName);
    }

    /** The method name written with each summary: {@code extractive} or {@code abstractive:<model>}. */
    public String method() {
        return method;
    }

    /** Summaries made so far. */
    public int summaries() {
        return summaries;
    }

    /** Chunks summarised so far by the abstractive model (0 for extractive summaries). */
    public int chunks() {
        return chunks;
    }

    /** Articles so far whose English was longer than the model's input and was cut into chunks. */
    public int chunkedArticles() {
        return chunkedArticles;
    }

    /**
     * Returns the article with its summary. An article without a body sentence, and a failed one
     * for the abstractive method (it has no English), get none; a failed article keeps its
     * extractive Indonesian summary, with no English.
     */
    @Override
    public TranslatedArticle apply(TranslatedArticle article) {
        return abstractive == null ? applyExtractive(article) : applyAbstractive(article);
    }

    private TranslatedArticle applyExtractive(TranslatedArticle article) {
        List<List<String>> paragraphs = article.paragraphs().stream()
                .map(p -> p.stream().map(SentencePair::indonesian).toList()).toList();
        String title = article.title() == null ? article.article().title() : article.title().indonesian();
        List<SentenceId> chosen = extractive.summarize(paragraphs, title, length);
        if (chosen.isEmpty()) {
            return article.withSummary(null);
        }
        List<String> indonesian = new ArrayList<>(chosen.size());
        List<String> english = new ArrayList<>(chosen.size());
        boolean translated = true;
        for (SentenceId id : chosen) {
            SentencePair pair = article.paragraphs().get(id.paragraph()).get(id.sentence());
            indonesian.add(pair.indonesian());
            english.add(pair.english());
            translated &= pair.english() != null;
        }
        summaries++;
        return article.withSummary(new ArticleSummary(String.join(" ", indonesian),
                translated ? String.join(" ", english) : null, method, chosen, 0));
    }

    private TranslatedArticle applyAbstractive(TranslatedArticle article) {
        if (article.failed()) {
            return article.withSummary(null);
        }
        List<String> english = article.sentences().stream().map(SentencePair::english).toList();
        AbstractiveSummarizer.Result result;
        try {
            result = abstractive.summarize(english);
        } catch (IllegalArgumentException e) {
            // A word too long for the model: the article stays, without a summary, and says why.
            List<String> warnings = new ArrayList<>(article.warnings());
            warnings.add("no summary: " + e.getMessage());
            return new TranslatedArticle(article.article(), article.title(), article.paragraphs(), article.stats(),
                    warnings, article.failure(), null);
        }
        if (result == null) {
            return article.withSummary(null);
        }
        summaries++;
        chunks += result.chunks();
        if (result.chunks() > 1) {
            chunkedArticles++;
        }
        return article.withSummary(new ArticleSummary(null, result.text(), method, List.of(), result.chunks()));
    }

    /**
     * Cuts an article into sentences without translating it, for {@code kabar summarize}: the same
     * title and sentences a translation run would produce, each with no English.
     */
    public static TranslatedArticle untranslated(Article article) {
        SentenceSplitter splitter = new SentenceSplitter();
        SentencePair title = article.title() == null || article.title().isBlank() ? null
                : new SentencePair(article.title().strip(), null, false);
        List<List<SentencePair>> paragraphs = new ArrayList<>();
        for (String paragraph : article.paragraphs()) {
            paragraphs.add(splitter.split(paragraph).stream().map(s -> new SentencePair(s, null, false)).toList());
        }
        int sentences = (title == null ? 0 : 1) + paragraphs.stream().mapToInt(List::size).sum();
        return new TranslatedArticle(article, title, paragraphs, new ArticleStats(sentences, 0, 0, 0, 0, 0),
                article.warnings(), null);
    }
}
