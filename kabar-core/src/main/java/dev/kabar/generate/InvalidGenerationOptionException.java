package dev.kabar.generate;

/** A generation setting with a value that cannot be used; the message names the key, the value and what is allowed. */
public class InvalidGenerationOptionException extends IllegalArgumentException {

    /** Creates the exception with a full-sentence message. */
    public InvalidGenerationOptionException(String message) {
        super(message);
    }
}
