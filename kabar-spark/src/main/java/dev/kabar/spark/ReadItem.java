package dev.kabar.spark;

import dev.kabar.article.Article;
import java.io.Serializable;

/**
 * What an executor read from one input file: an article, or a problem to report on the driver.
 *
 * @param article the article, or null
 * @param problem {@code origin:line: message}, or null
 */
record ReadItem(Article article, String problem) implements Serializable {
}
