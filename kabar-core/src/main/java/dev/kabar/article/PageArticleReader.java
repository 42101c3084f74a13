package dev.kabar.article;

import java.util.List;

/**
 * Reads a saved news page (its visible text) as one article, cleaned by {@link NewsPageCleaner}.
 * A page in which no article body can be found is a problem, not an empty article. A page is known
 * by its URL when it has one, else by its location key ({@link InputText#key()}), never by its
 * content, so a corrected page replaces the earlier version. Thread-safe.
 */
public final class PageArticleReader implements ArticleReader {

    private final NewsPageCleaner cleaner;

    /** Creates a reader that cleans pages with the given cleaner. */
    public PageArticleReader(NewsPageCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public ReadResult read(InputText input) {
        Article.Builder article = cleaner.cleanPage(input.text(), input.origin());
        if (article.paragraphs().isEmpty()) {
            return ReadResult.problem(input.origin(), null, "no article body found in the page; is it an article "
                    + "page? For one sentence per line use --format lines");
        }
        // Pages rarely carry their url; the title suffix, lead or credits name the site instead.
        Publisher.find(article.url(), article.lead(), input.text(), article.title())
                .ifPresent(p -> article.publisher(p.name()));
        input.warnings().forEach(article::warning);
        // A saved page is the same article after an edit: known by its URL, else by where it is saved.
        if (article.id() == null && (article.url() == null || article.url().isBlank()) && input.key() != null) {
            article.id(Article.locationId(input.key()));
        }
        return new ReadResult(List.of(article.build()), List.of());
    }
}
