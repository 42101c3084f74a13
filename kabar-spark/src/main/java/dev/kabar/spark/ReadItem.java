package dev.kabar.spark;

import dev.kabar.article.Article;
import dev.kabar.article.DateOrderChoice;
import java.io.Serializable;

/**
 * What an executor read from one input file: an article, a problem to report on the driver, or how
 * the file's numeric dates were read (for the driver to remember per job input).
 *
 * @param article the article, or null
 * @param problem {@code origin:line: message}, or null
 * @param dateOrder how a file's numeric dates were read, or null
 * @param source the job input the file came from ({@code inputs[i].path} as written), with {@code dateOrder}
 */
record ReadItem(Article article, String problem, DateOrderChoice dateOrder, String source) implements Serializable {

    ReadItem(Article article, String problem) {
        this(article, problem, null, null);
    }
}
