package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads ad hoc text, one sentence per line: each non-blank line becomes its own one-paragraph
 * article, so that every line keeps its own id and its translation comes back on its own line.
 * No cleaning is done: the lines are what the user typed. Thread-safe.
 */
public final class LineArticleReader implements ArticleReader {

    @Override
    public ReadResult read(InputText input) {
        List<Article> articles = new ArrayList<>();
        String[] lines = input.text().split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String sentence = lines[i].strip();
            if (sentence.isEmpty()) {
                continue;
            }
            Article.Builder article = Article.builder().origin(input.origin() + "#line " + (i + 1)).paragraph(sentence);
            input.warnings().forEach(article::warning);
            articles.add(article.build());
        }
        return new ReadResult(articles, List.of());
    }
}
