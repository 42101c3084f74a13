package dev.kabar.pipeline;

/**
 * One translated text and the number of tokens the model generated for it.
 *
 * @param text the English text
 * @param tokens tokens generated, special tokens left out; for statistics only
 */
public record Translation(String text, int tokens) {

    /** Checks that the text is present and the count is not negative. */
    public Translation {
        if (text == null) {
            throw new IllegalArgumentException("a translation needs a text; use \"\" for an empty one");
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("a translation cannot have " + tokens + " tokens");
        }
    }
}
