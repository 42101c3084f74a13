package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading produced: the articles that could be read, and a problem for each record or file
 * that could not, in input order.
 *
 * @param articles the articles read
 * @param problems the records and files skipped, each with its reason
 */
public record ReadResult(List<Article> articles, List<ReadProblem> problems) {

    /** Copies the lists. */
    public ReadResult {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }

    /** A result with nothing in it. */
    public static ReadResult empty() {
        return new ReadResult(List.of(), List.of());
    }

    /** A result with a single problem and no article. */
    public static ReadResult problem(String origin, Integer line, String message) {
        return new ReadResult(List.of(), List.of(new ReadProblem(origin, line, message)));
    }

    /** Returns this result followed by another. */
    public ReadResult plus(ReadResult other) {
        List<Article> allArticles = new ArrayList<>(articles);
        allArticles.addAll(other.articles);
        List<ReadProblem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        return new ReadResult(allArticles, allProblems);
    }
}
