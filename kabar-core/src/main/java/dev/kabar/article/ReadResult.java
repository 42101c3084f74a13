package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading produced: the articles that could be read, and a problem for each record or file
 * that could not, in input order.
 *
 * @param articles the articles read
 * @param problems the records and files skipped, each with its reason
 * @param notes files left out on purpose (kabar's own output met in a folder, a job's own output
 *     folder), said once each; not problems: nothing was wrong with them
 * @param dateOrders how each CSV/JSON file's numeric dates were read, and why
 */
public record ReadResult(List<Article> articles, List<ReadProblem> problems, List<ReadProblem> notes,
        List<DateOrderChoice> dateOrders) {

    /** Copies the lists. */
    public ReadResult {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        dateOrders = List.copyOf(dateOrders);
    }

    /** A result without notes or date orders. */
    public ReadResult(List<Article> articles, List<ReadProblem> problems) {
        this(articles, problems, List.of(), List.of());
    }

    /** A result with a single note and nothing else. */
    public static ReadResult note(String origin, String message) {
        return new ReadResult(List.of(), List.of(), List.of(new ReadProblem(origin, null, message)), List.of());
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
        List<ReadProblem> allNotes = new ArrayList<>(notes);
        allNotes.addAll(other.notes);
        List<DateOrderChoice> allOrders = new ArrayList<>(dateOrders);
        allOrders.addAll(other.dateOrders);
        return new ReadResult(allArticles, allProblems, allNotes, allOrders);
    }
}
