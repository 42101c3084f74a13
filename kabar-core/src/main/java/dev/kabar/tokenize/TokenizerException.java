package dev.kabar.tokenize;

/**
 * Tokenizer files that cannot be used: no known tokenizer in a folder, a missing file, or a file
 * that cannot be parsed. The message names the folder or file and what was expected.
 */
public class TokenizerException extends RuntimeException {

    /** Creates an exception with a message that names the file and the problem. */
    public TokenizerException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
