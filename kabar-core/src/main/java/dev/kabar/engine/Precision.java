package dev.kabar.engine;

import dev.kabar.nn.PackedProducts;
import java.util.Locale;

/**
 * How the engine multiplies matrices. Everything else (embeddings, layer norms, attention, search)
 * is float32 in both.
 */
public enum Precision {
    /**
     * float32 weights and products: token-identical to transformers. The default. Products run
     * through oneDNN with weights packed at load ({@link PackedProducts.Format#FLOAT32}), or with
     * PyTorch's plain float32 products (MKL) when the system property {@value #PRODUCTS_PROPERTY}
     * is {@code plain}.
     */
    FLOAT32,
    /**
     * bfloat16 weights for every dense layer and the LM head; each product rounds its input to
     * bfloat16 and returns a bfloat16 result widened to float32. About twice as fast on CPUs with
     * bfloat16 instructions, at the cost of some tokens differing from float32. Refused with an
     * {@link UnsupportedPrecisionException} where the CPU cannot run it correctly ({@link FastPaths}).
     */
    BFLOAT16;

    /** The system property that picks float32's products: {@code packed} (the default) or {@code plain}. */
    public static final String PRODUCTS_PROPERTY = "kabar.products";

    /** Returns the lower-case name used in options and outputs ({@code float32}, {@code bfloat16}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns how dense-layer weights are packed in this precision, or null for PyTorch's plain
     * float32 products.
     *
     * @throws IllegalArgumentException when {@value #PRODUCTS_PROPERTY} is neither packed nor plain
     */
    public PackedProducts.Format packing() {
        if (this == BFLOAT16) {
            return PackedProducts.Format.BFLOAT16;
        }
        String products = System.getProperty(PRODUCTS_PROPERTY, "packed").trim();
        if (products.equalsIgnoreCase("packed")) {
            return PackedProducts.Format.FLOAT32;
        }
        if (products.equalsIgnoreCase("plain")) {
            return null;
        }
        throw new IllegalArgumentException("The system property " + PRODUCTS_PROPERTY + " must be packed or plain, but is '"
                + products + "'; set -D" + PRODUCTS_PROPERTY + "=packed (the default) or plain.");
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
