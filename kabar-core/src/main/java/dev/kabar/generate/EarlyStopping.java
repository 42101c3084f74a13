package dev.kabar.generate;

/**
 * When beam search stops working on an input, as Hugging Face's {@code early_stopping}.
 *
 * <p>{@link #TRUE}: as soon as {@code num_beams} hypotheses are finished. {@link #FALSE}: when no
 * live beam can still beat the worst finished hypothesis at the current length (heuristic).
 * {@link #NEVER}: when no live beam can beat it at any length up to the limit (canonical).
 */
public enum EarlyStopping {
    TRUE, FALSE, NEVER
}
