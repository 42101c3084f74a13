package dev.kabar.generate;

/**
 * A model decoding a batch of encoded sources, one step at a time, as search sees it.
 *
 * <p>Rows are hypotheses, {@code beams} consecutive rows per input. The session is opened over all
 * the sources of a call but decodes only those search has {@link #admit admitted}; search admits
 * more as others finish (continuous batching), so rows may be at different positions. Search calls
 * {@link #step} and {@link #selectRows} alternately. Not thread-safe.
 */
public interface DecoderSession extends AutoCloseable {

    /** Returns the size of the output vocabulary. */
    int vocabSize();

    /**
     * Encodes the given sources (indices into the session's sources) and appends {@code beams}
     * fresh rows for each after the current rows, in an order of the session's choosing (a model
     * session encodes sources of similar length together and keeps their rows that way).
     *
     * @return the same sources, in the order their rows were appended
     */
    int[] admit(int[] inputs);

    /**
     * Feeds one token to each live row and returns the next-token scores, which the caller closes.
     *
     * @param tokens one token per live row
     * @param logSoftmax return log-probabilities instead of raw logits
     */
    StepScores step(int[] tokens, boolean logSoftmax);

    /**
     * Keeps only the given rows, in the given order: row {@code i} after the call is row
     * {@code rows[i]} before it. Used to follow beams and to drop finished inputs; each group of
     * {@code beams} new rows comes from one input. An empty array drops every row.
     */
    void selectRows(int[] rows);

    @Override
    void close();
}
