package dev.kabar.engine;

import java.util.Locale;

/**
 * The engine's fast paths: everything that does not compute exactly PyTorch's plain float32
 * products. Each is checked on this machine before an engine uses it ({@link FastPaths}).
 */
public enum FastPath {
    /** oneDNN float32 products on weights packed at load (the float32 default). */
    PACKED_FLOAT32("packed float32 products", "oneDNN products on weights packed at load"),
    /** One product for a self-attention's q, k, v (and a cross-attention's k, v) of stacked weights. */
    FUSED_PROJECTIONS("fused projections", "q, k, v (and cross-attention k, v) in one product of stacked weights"),
    /** Greedy search's arg-max of the float32 LM head found through a bfloat16 copy. */
    SCREENED_HEAD("screened greedy LM head", "greedy arg-max of the float32 head found through a bfloat16 copy"),
    /** bfloat16 weights and products ({@code --dtype bfloat16}). */
    BFLOAT16("bfloat16 products", "bfloat16 weights and products, --dtype bfloat16");

    private final String label;
    private final String summary;

    FastPath(String label, String summary) {
        this.label = label;
        this.summary = summary;
    }

    /** Returns the path's name in messages, e.g. {@code packed float32 products}. */
    public String label() {
        return label;
    }

    /** Returns what the path does, in a few words. */
    public String summary() {
        return summary;
    }

    /** Returns the path's key in JSON output, e.g. {@code packed_float32}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
