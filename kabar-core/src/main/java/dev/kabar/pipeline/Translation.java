package dev.kabar.pipeline;

/**
 * One translated text, the number of tokens the model generated for it, and the model's confidence
 * in it.
 *
 * @param text the English text
 * @param tokens tokens generated, special tokens left out; for statistics only
 * @param confidence the model's length-normalised log-probability of the text (natural log per
 *     output token: for greedy search the mean of the chosen tokens' log-probabilities, the end of
 *     sequence included; for beam search the returned beam's score), or null when the translator
 *     does not know it (a fake translator, a translation memory entry stored without one)
 */
public record Translation(String text, int tokens, Double confidence) {

    /** Checks that the text is present, the count is not negative and the confidence is a log-probability. */
    public Translation {
        if (text == null) {
            throw new IllegalArgumentException("a translation needs a text; use \"\" for an empty one");
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("a translation cannot have " + tokens + " tokens");
        }
        if (confidence != null && !(confidence <= 0)) {
            throw new IllegalArgumentException("a translation's confidence is a log-probability, at most 0, but is "
                    + confidence);
        }
    }

    /** A translation whose confidence is not known. */
    public Translation(String text, int tokens) {
        this(text, tokens, null);
    }
}
