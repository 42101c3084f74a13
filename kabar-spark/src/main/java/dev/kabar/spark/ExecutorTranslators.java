package dev.kabar.spark;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.api.TranslatorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One translator per executor JVM, opened on first use and kept for every later task: loading a
 * model takes seconds and its memory is the executor's largest. Its fingerprint must equal the
 * driver's, so that no executor translates with another model than the one the run names.
 */
final class ExecutorTranslators {

    private static TranslatorSpec openedSpec;
    private static ArticleTranslator translator;
    /** Models opened in this JVM, for the test that an executor loads its model once. */
    private static int opened;

    private ExecutorTranslators() {
    }

    /**
     * Returns the executor's translator for {@code spec}, opening it (and closing one for another
     * spec) when needed.
     *
     * @throws IllegalStateException when the executor's model is not the driver's
     */
    static synchronized ArticleTranslator get(TranslatorSpec spec, String driverFingerprint) {
        if (translator == null || !spec.equals(openedSpec)) {
            if (translator != null) {
                translator.close();
                translator = null;
            }
            try {
                ArticleTranslator loaded = ArticleTranslator.open(spec);
                opened++;
                if (!loaded.fingerprint().equals(driverFingerprint)) {
                    loaded.close();
                    throw new IllegalStateException("the model this executor found at '" + spec.model() + "' has "
                            + "fingerprint " + loaded.fingerprint() + ", the driver's has " + driverFingerprint
                            + "; ship the same model to every executor (--archives model.tgz#model)");
                }
                translator = loaded;
                openedSpec = spec;
            } catch (IOException e) {
                if (e.getCause() instanceof dev.kabar.glossary.GlossaryException) {
                    throw new UncheckedIOException("cannot read the glossary '" + spec.glossary() + "' on this executor: "
                            + e.getMessage() + "; ship it with --files and --conf " + SparkJobRunner.GLOSSARY_CONF
                            + ", or put it on storage every executor reads", e);
                }
                throw new UncheckedIOException("cannot open the model '" + spec.model() + "' on this executor: "
                        + e.getMessage(), e);
            }
        }
        return translator;
    }

    /** How many models this JVM has opened. */
    static synchronized int opened() {
        return opened;
    }
}
