package dev.kabar.job;

import dev.kabar.engine.Precision;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.TrustSettings;
import java.util.Map;

/**
 * Loads the translator of a job: the seam where tests put a fake model.
 * {@link EngineTranslatorFactory} is the real one.
 */
@FunctionalInterface
public interface TranslatorFactory {

    /**
     * A loaded translator and the identities the translation memory keys it by.
     *
     * @param translator the translator
     * @param modelKey the model's identity ({@link ModelFingerprint#of})
     * @param generationKey the generation settings' identity ({@link ModelFingerprint#generationKey})
     * @param secondTryGenerationKey the identity of the second try's settings, which the translation
     *     memory keys second tries by
     * @param resources what to close when the run ends (the engine)
     */
    record Loaded(SentenceTranslator translator, String modelKey, String generationKey, String secondTryGenerationKey,
            AutoCloseable resources) {

        /** A translator whose second try, if any, is keyed as its first try is. */
        Loaded(SentenceTranslator translator, String modelKey, String generationKey, AutoCloseable resources) {
            this(translator, modelKey, generationKey, generationKey, resources);
        }
    }

    /**
     * Loads the model {@code reference} (a folder or a pinned hub id) with generation overrides.
     *
     * @throws ModelLoadException naming the model and what is wrong with it
     */
    Loaded load(String reference, Map<String, Object> generation) throws ModelLoadException;

    /**
     * Loads the model as {@link #load(String, Map)} does, decoding on {@code workers} engine
     * workers ({@code batching.workers}; 0 for the engine's default). A translator without workers
     * (a test's fake) ignores the number.
     *
     * @throws ModelLoadException naming the model and what is wrong with it
     */
    default Loaded load(String reference, Map<String, Object> generation, int workers) throws ModelLoadException {
        return load(reference, generation);
    }

    /**
     * Loads the model as {@link #load(String, Map, int)} does, its matrix products in
     * {@code precision} ({@code models.dtype}).
     *
     * @throws ModelLoadException naming the model and what is wrong with it, or saying that this
     *     factory cannot load in the precision asked for
     */
    default Loaded load(String reference, Map<String, Object> generation, int workers, Precision precision)
            throws ModelLoadException {
        if (precision != Precision.FLOAT32) {
            throw new ModelLoadException("this translator cannot run in " + precision.label() + "; leave models.dtype out", null, true);
        }
        return load(reference, generation, workers);
    }

    /**
     * Loads the model as {@link #load(String, Map, int, Precision)} does, with the second try of the
     * job's {@code trust:} block ({@link TrustSettings#secondTryConfig}) built and checked. A
     * translator that has no generation settings (a test's fake) ignores them: it tries again only if
     * it says so itself.
     *
     * @throws ModelLoadException naming the model, or the setting of the job file at fault
     */
    default Loaded load(String reference, Map<String, Object> generation, int workers, Precision precision,
            TrustSettings trust) throws ModelLoadException {
        return load(reference, generation, workers, precision);
    }

    /** A model that cannot be loaded: missing, corrupt, or its generation settings invalid. */
    final class ModelLoadException extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean badSetting;

        /**
         * Creates the exception.
         *
         * @param badSetting true when a generation setting of the job file is at fault, not the model
         */
        public ModelLoadException(String message, Throwable cause, boolean badSetting) {
            super(message, cause);
            this.badSetting = badSetting;
        }

        /** Whether the job file's generation settings are at fault (exit 2) rather than the model (exit 1). */
        public boolean badSetting() {
            return badSetting;
        }
    }
}
