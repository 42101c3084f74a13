package dev.kabar.pipeline;

import java.io.IOException;

/**
 * Receives translated articles in input order, failed ones included. A failure to take one (a full
 * disk) stops the run.
 */
@FunctionalInterface
public interface TranslationSink {

    /** Takes one article's outcome. */
    void accept(TranslatedArticle article) throws IOException;
}
