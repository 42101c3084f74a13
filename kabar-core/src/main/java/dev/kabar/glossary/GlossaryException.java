package dev.kabar.glossary;

import java.nio.file.Path;

/**
 * A term list cannot be used: the file cannot be read, is not UTF-8, lacks a header column, or a row
 * holds a bad value. The message names the file, the line and the column where there is one, what
 * was expected and what to do; the same facts are available as fields for callers that format their
 * own report.
 */
public final class GlossaryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String column;

    /**
     * Creates the exception.
     *
     * @param file the term list
     * @param line the 1-based line the problem is on, or 0 when it concerns the whole file
     * @param column the column's header name, or {@code null} when it concerns no one column
     * @param message the full message, naming all of the above
     * @param cause the I/O failure behind it, or {@code null}
     */
    GlossaryException(Path file, int line, String column, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The term list the problem is in. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The header name of the column at fault, or {@code null} when no one column is. */
    public String column() {
        return column;
    }
}
