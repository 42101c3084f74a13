package dev.kabar.generate;

/**
 * A model decoding a batch of encoded sources, one step at a time, as search sees it.
 *
 * <p>Rows are hypotheses. Search starts the session with {@code inputs × beams} rows (each source
 * repeated {@code beams} times, consecutively), then calls {@link #step} and {@link #selectRows}
 * alternately. Rows always come in groups of {@code beams} consecutive rows of one input. Not
 * thread-safe.
 */
public interface DecoderSession extends AutoCloseable {

    /** Returns the size of the output vocabulary. */
    int vocabSize();

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
     * {@code beams} new rows comes from one input.
     */
    void selectRows(int[] rows);

    @Override
    void close();
}
