package dev.kabar.generate;

/**
 * The scores of one decoding step, {@code rows × vocab}, wherever they live (native memory in the
 * engine, a Java array in tests), with the few operations search needs.
 *
 * <p>Logits processors only touch a handful of entries per row, so they are expressed as sparse
 * edits; selection returns only the winners. Nothing of size {@code rows × vocab} has to cross
 * into Java. Edits apply in call order.
 */
public interface StepScores extends AutoCloseable {

    /** Returns the number of rows. */
    int rows();

    /** Returns the vocabulary size. */
    int vocab();

    /** Replaces each row by its log-softmax. */
    void logSoftmax();

    /** Returns the scores at the given (row, token) pairs. */
    float[] get(int[] rows, int[] tokens);

    /** Sets the scores at the given (row, token) pairs. */
    void set(int[] rows, int[] tokens, float[] values);

    /** Sets the given (row, token) pairs to negative infinity. */
    void ban(int[] rows, int[] tokens);

    /** For each given row, sets every score to negative infinity except {@code token}, which becomes 0. */
    void forceOnly(int[] rows, int token);

    /** Returns the arg-max token of each row (the first on ties). */
    int[] argmax();

    /**
     * Returns, for each row, the log-probability of {@code tokens[row]}: its score less the log-sum-exp
     * of the row's scores, edits included, as the reference's {@code compute_transition_scores}
     * reads a greedy step. Leaves the scores as they are. Implementations may compute the
     * log-sum-exp from an approximation of the scores whose error they bound (see
     * {@code ScreenedScores}), so values may differ from the exact ones in the third decimal.
     *
     * @param tokens one token per row
     */
    float[] logProbabilities(int[] tokens);

    /**
     * Adds {@code rowOffsets[r]} to every score of row {@code r}, then for each group of
     * {@code group} consecutive rows returns its {@code n} best entries over {@code group × vocab},
     * best first.
     */
    TopK topK(float[] rowOffsets, int group, int n);

    /**
     * The best entries per group.
     *
     * @param ids per group, {@code n} flat ids {@code beamInGroup × vocab + token}
     * @param scores the matching scores
     */
    record TopK(int[][] ids, float[][] scores) { }

    @Override
    void close();
}
