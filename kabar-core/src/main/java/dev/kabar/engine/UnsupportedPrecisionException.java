package dev.kabar.engine;

/**
 * The precision asked for cannot run correctly on this machine: bfloat16 on a CPU without
 * bfloat16 instructions (or with oneDNN capped below them), or bfloat16 products that failed their
 * check. The message says why and what to run instead.
 */
public class UnsupportedPrecisionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its full message. */
    public UnsupportedPrecisionException(String message) {
        super(message);
    }
}
