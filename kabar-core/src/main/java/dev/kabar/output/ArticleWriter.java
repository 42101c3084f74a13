package dev.kabar.output;

import dev.kabar.pipeline.TranslatedArticle;
import java.io.IOException;

/**
 * Writes translated articles to a character stream in one format. Not thread-safe. A writer does
 * not own its stream: {@link #finish()} completes the document and flushes, and the caller commits
 * or closes the file.
 */
public interface ArticleWriter {

    /** Writes one article. */
    void write(TranslatedArticle article) throws IOException;

    /** Writes whatever closes the document (a JSON array's bracket) and flushes. */
    void finish() throws IOException;
}
