package dev.kabar.article;

/**
 * Something in an input that could not become an article, said so that a person can fix it:
 * which file, which line, what was expected and what to do. The rest of the input is still read.
 *
 * @param origin the file (or {@code stdin})
 * @param line the 1-based line where the bad record starts, or null when the whole file is concerned
 * @param message what was wrong and what to do about it, as a full sentence
 */
public record ReadProblem(String origin, Integer line, String message) {

    /** Formats the problem as {@code origin:line: message}, the way compilers report errors. */
    @Override
    public String toString() {
        return origin + (line == null ? "" : ":" + line) + ": " + message;
    }
}
