package dev.kabar.article;

/**
 * Reads the articles of one decoded input in one format. A record that cannot become an article
 * is reported as a {@link ReadProblem} and skipped; the other records are still read.
 * Implementations are stateless and thread-safe.
 */
public interface ArticleReader {

    /** Reads every article of the input, with a problem for each record that could not be read. */
    ReadResult read(InputText input);
}
