package dev.kabar.pipeline;

/**
 * The translator cannot translate anything more (the model broke, native memory ran out): the run
 * stops, unlike a failure of one batch, which only fails the articles of its sentences.
 */
public class FatalTranslationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a full-sentence message. */
    public FatalTranslationException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the failure behind it. */
    public FatalTranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
