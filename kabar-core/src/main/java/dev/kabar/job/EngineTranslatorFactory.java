package dev.kabar.job;

import dev.kabar.checkpoint.CheckpointException;
import dev.kabar.engine.Precision;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.InvalidGenerationOptionException;
import dev.kabar.hub.HubException;
import dev.kabar.hub.ModelResolver;
import dev.kabar.pipeline.EngineSentenceTranslator;
import dev.kabar.pipeline.TrustSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a job's translator on the DJL engine: a folder as it is, a hub id through the cache
 * ({@link ModelResolver}, which honours {@code HF_HOME}, {@code HF_HUB_OFFLINE} and the rest).
 */
public final class EngineTranslatorFactory implements TranslatorFactory {

    @Override
    public Loaded load(String reference, Map<String, Object> generation) throws ModelLoadException {
        return load(reference, generation, 0);
    }

    @Override
    public Loaded load(String reference, Map<String, Object> generation, int workers) throws ModelLoadException {
        return load(reference, generation, workers, Precision.FLOAT32);
    }

    @Override
    public Loaded load(String reference, Map<String, Object> generation, int workers, Precision precision) throws ModelLoadException {
        return load(reference, generation, workers, precision, TrustSettings.defaults());
    }

    @Override
    public Loaded load(String reference, Map<String, Object> generation, int workers, Precision precision, TrustSettings trust)
            throws ModelLoadException {
        Path folder;
        try {
            folder = ModelResolver.resolve(reference);
        } catch (HubException | IllegalArgumentException e) {
            throw new ModelLoadException("model '" + reference + "' cannot be resolved: " + e.getMessage(), e, false);
        }
        Seq2SeqEngine engine;
        try {
            engine = Seq2SeqEngine.load(folder, precision);
        } catch (RuntimeException e) {
            // CheckpointException, TokenizerException, or DJL's own: all say the checkpoint is unusable.
            String kind = e instanceof CheckpointException ? "" : e.getClass().getSimpleName() + ": ";
            throw new ModelLoadException("model '" + reference + "' cannot be loaded: " + kind + e.getMessage(), e, false);
        }
        try {
            if (workers > 0) {
                engine.withWorkers(workers);
            }
            GenerationConfig config = engine.generationConfig(generation);
            GenerationConfig secondTry;
            try {
                secondTry = trust.secondTryConfig(generation, engine::generationConfig);
            } catch (InvalidGenerationOptionException e) {
                engine.close();
                throw new ModelLoadException("trust.second_try_settings: " + e.getMessage(), e, true);
            }
            String modelKey = ModelFingerprint.of(folder);
            // bfloat16 picks some other tokens, so its translations are remembered apart from float32's.
            String dtype = precision == Precision.FLOAT32 ? "" : " dtype=" + precision.label();
            String generationKey = ModelFingerprint.generationKey(config) + dtype;
            // Second tries are remembered under their own settings, so that changing them is not answered from old entries.
            String secondTryKey = secondTry == null ? generationKey : ModelFingerprint.generationKey(secondTry) + dtype;
            return new Loaded(new EngineSentenceTranslator(engine, config, secondTry), modelKey, generationKey, secondTryKey,
                    engine);
        } catch (InvalidGenerationOptionException e) {
            engine.close();
            throw new ModelLoadException("generation: " + e.getMessage(), e, true);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw new ModelLoadException("model '" + reference + "' cannot be read: " + e.getMessage(), e, false);
        }
    }
}
