package dev.kabar.hub;

/**
 * A model id or revision that the hub would not accept; a usage error, raised before any request.
 * It is an {@link IllegalArgumentException} so that the command line maps it to its usage exit code.
 */
public class InvalidModelIdException extends IllegalArgumentException {

    /** Creates an exception with a sentence naming the bad value and what is allowed. */
    public InvalidModelIdException(String message) {
        super(message);
    }
}
