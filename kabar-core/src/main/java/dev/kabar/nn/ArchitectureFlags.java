package dev.kabar.nn;

import dev.kabar.checkpoint.CheckpointException;
import dev.kabar.checkpoint.ModelConfig;

/**
 * The switches that turn the one encoder-decoder implementation into a given model family.
 *
 * <p>As in CTranslate2's converters, MarianMT is BART with a few flags flipped: static sinusoidal
 * positions instead of learned ones, no layer norm on the embeddings, and (usually) embeddings
 * scaled by sqrt(d_model). Both families put layer norm after each residual add.
 *
 * @param preNorm layer norm before each sub-layer (false: after the residual add)
 * @param embeddingLayerNorm a layer norm right after the embeddings ({@code layernorm_embedding})
 * @param finalLayerNorm a layer norm after the last layer of encoder and decoder
 * @param embedScale factor applied to token embeddings
 * @param positions how positions are encoded
 * @param positionOffset row of the position table used for the first token
 * @param activation the feed-forward activation
 */
public record ArchitectureFlags(
        boolean preNorm,
        boolean embeddingLayerNorm,
        boolean finalLayerNorm,
        float embedScale,
        PositionScheme positions,
        int positionOffset,
        ActivationFunction activation) {

    /** How token positions enter the model. */
    public enum PositionScheme {
        /** Marian: a fixed sin/cos table, computed, not stored (first half sin, second half cos). */
        SINUSOIDAL,
        /** BART: a learned table whose first rows are skipped by an offset of 2. */
        LEARNED
    }

    /**
     * Returns the flags of a config's model type.
     *
     * @throws CheckpointException for an unsupported model type or activation
     */
    public static ArchitectureFlags of(ModelConfig config) {
        float scale = config.scaleEmbedding() ? (float) Math.sqrt(config.dModel()) : 1.0f;
        ActivationFunction act = ActivationFunction.of(config.activationFunction());
        return switch (config.modelType()) {
            // modeling_marian.py: MarianSinusoidalPositionalEmbedding, no layernorm_embedding, post-norm.
            case "marian" -> new ArchitectureFlags(false, false, false, scale, PositionScheme.SINUSOIDAL, 0, act);
            // modeling_bart.py: BartLearnedPositionalEmbedding with offset 2, layernorm_embedding, post-norm.
            case "bart" -> new ArchitectureFlags(false, true, false, scale, PositionScheme.LEARNED, 2, act);
            default -> throw new CheckpointException("Unsupported model_type \"" + config.modelType()
                    + "\"; supported: marian, bart.");
        };
    }
}
