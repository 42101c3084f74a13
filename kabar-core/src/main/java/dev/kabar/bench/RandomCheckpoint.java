package dev.kabar.bench;

import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.SafetensorsWriter;
import dev.kabar.checkpoint.TensorInfo;
import dev.kabar.nn.ParameterManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Writes a random-weight checkpoint of a real architecture in hub layout ({@code config.json} +
 * {@code model.safetensors}), initialised as transformers initialises a fresh model: weights
 * normal(0, {@code init_std}) with the padding row of the embedding zeroed, biases zero, layer norms
 * one and zero.
 */
public final class RandomCheckpoint {

    private RandomCheckpoint() {
    }

    /**
     * Writes the checkpoint.
     *
     * @param configJson the architecture's {@code config.json}
     * @param outDir folder to create or fill
     * @param seed random seed; the same seed gives the same file
     * @return the number of parameters written
     */
    public static long write(Path configJson, Path outDir, long seed) {
        try {
            Files.createDirectories(outDir);
            Path tmp = outDir.resolve("config.json.tmp");
            Files.write(tmp, Files.readAllBytes(configJson));
            Files.move(tmp, outDir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write config.json into " + outDir + ": " + e.getMessage(), e);
        }
        ModelConfig config = ModelConfig.read(outDir);
        double std = config.raw().path("init_std").asDouble(0.02);
        List<ParameterManifest.Entry> entries = ParameterManifest.of(config);
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        Map<String, ParameterManifest.Kind> kinds = new LinkedHashMap<>();
        long params = 0;
        for (ParameterManifest.Entry e : entries) {
            infos.put(e.info().name(), e.info());
            kinds.put(e.info().name(), e.kind());
            params += e.info().numel();
        }
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int pad = config.padTokenId();
        SafetensorsWriter.write(outDir.resolve("model.safetensors"), infos, (info, out) -> {
            long n = info.numel();
            ParameterManifest.Kind kind = kinds.get(info.name());
            boolean embedding = info.name().equals("model.shared.weight") || info.name().endsWith("embed_tokens.weight");
            long cols = info.shape()[info.shape().length - 1];
            for (long i = 0; i < n; i++) {
                float v = switch (kind) {
                    case WEIGHT -> (embedding && i / cols == pad) ? 0f : (float) (random.nextGaussian() * std);
                    case NORM_SCALE -> 1f;
                    case BIAS, NORM_SHIFT -> 0f;
                };
                out.putFloat(v);
            }
        });
        return params;
    }
}
