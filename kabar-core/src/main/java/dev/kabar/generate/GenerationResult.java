package dev.kabar.generate;

/**
 * What {@code generate()} returns for a batch, in Hugging Face's layout, with the model's
 * confidence in each sequence.
 *
 * @param sequences one row per input: the decoder start token, the generated tokens, then padding
 *     so that all rows have the same width
 * @param scores beam search only: the length-normalised score of each returned sequence; null for greedy
 * @param confidences each sequence's length-normalised log-probability, in natural log per generated
 *     token: for beam search its score; for greedy search the mean over its generated tokens (the
 *     end of sequence included, forced tokens counting 0) of each token's log-probability after the
 *     logits processors, as {@code compute_transition_scores(normalize_logits=True)} reads them;
 *     NaN for a sequence with no generated token. Null when the search did not compute them.
 */
public record GenerationResult(int[][] sequences, float[] scores, float[] confidences) {

    /** A result whose confidences are its scores (beam search), or unknown (greedy). */
    public GenerationResult(int[][] sequences, float[] scores) {
        this(sequences, scores, scores == null ? null : scores.clone());
    }
}
