package dev.kabar.article;

/**
 * A whole input cannot be read: the location does not exist, a folder cannot be listed or holds no
 * matching file, standard input fails. Unlike a {@link ReadProblem}, which skips one record or one
 * file of a batch, this stops the read, because there is nothing sensible to go on with.
 */
public final class InputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the input and what to do. */
    public InputException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the I/O failure behind it. */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
