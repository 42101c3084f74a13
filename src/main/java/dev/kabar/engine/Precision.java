package dev.kabar.engine;

import java.util.Locale;

/**
 * How the engine multiplies matrices. Everything else (embeddings, layer norms, attention, search)
 * is float32 in both.
 */
public enum Precision {
    /** float32 weights and products: token-identical to transformers. The default. */
    FLOAT32,
    /**
     * bfloat16 weights for every dense layer and the LM head; each product rounds its input to
     * bfloat16 and returns a bfloat16 result widened to float32. About twice as fast on CPUs with
     * bfloat16 instructions, at the cost of some tokens differing from float32.
     */
    BFLOAT16;

    /** Returns the lower-case name used in options and outputs ({@code float32}, {@code bfloat16}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code float32} or {@code bfloat16}, any case.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("A dtype must be float32 or bfloat16, but is '" + text + "'.");
    }
}
