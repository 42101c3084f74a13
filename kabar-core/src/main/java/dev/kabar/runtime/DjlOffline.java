package dev.kabar.runtime;

/**
 * Keeps DJL from reaching the network: no model-zoo or native-library downloads, and no
 * telemetry call to cloud metadata addresses when an engine or tokenizer starts.
 *
 * <p>kabar bundles every native library it needs (PyTorch CPU, Hugging Face tokenizers,
 * SentencePiece) and runs where only the package registries are reachable, so DJL must never try.
 * Call {@link #ensure()} before the first use of any DJL class.
 */
public final class DjlOffline {

    static {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    private DjlOffline() {
    }

    /** Applies the settings (once; later calls do nothing). An explicit -D value wins. */
    public static void ensure() {
        // The static initializer does the work.
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
