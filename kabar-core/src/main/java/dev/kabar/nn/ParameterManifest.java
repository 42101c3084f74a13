package dev.kabar.nn;

import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.TensorDType;
import dev.kabar.checkpoint.TensorInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensors a checkpoint of a given config holds, named and shaped as {@code save_pretrained}
 * writes them to safetensors (tied copies left out, Marian's sinusoidal tables not stored).
 *
 * <p>Used to write random-weight checkpoints of real architectures for benchmarks; a test checks
 * it against the names in the conformance checkpoints and that {@link EncoderDecoderModel} loads
 * what it lists.
 */
public final class ParameterManifest {

    private ParameterManifest() {
    }

    /** What a tensor is, which decides how a fresh model initialises it. */
    public enum Kind {
        /** A weight matrix or embedding: normal(0, init_std); the padding row of an embedding is zero. */
        WEIGHT,
        /** A bias or {@code final_logits_bias}: zeros. */
        BIAS,
        /** A layer-norm scale: ones. */
        NORM_SCALE,
        /** A layer-norm shift: zeros. */
        NORM_SHIFT
    }

    /** One tensor of the manifest. */
    public record Entry(TensorInfo info, Kind kind) { }

    /** Returns the tensors of a checkpoint with this config, in a stable order. */
    public static List<Entry> of(ModelConfig config) {
        ArchitectureFlags flags = ArchitectureFlags.of(config);
        long d = config.dModel();
        long vocab = config.vocabSize();
        List<Entry> out = new ArrayList<>();
        add(out, "final_logits_bias", Kind.BIAS, 1, vocab);
        if (!config.tieWordEmbeddings()) {
            add(out, "lm_head.weight", Kind.WEIGHT, vocab, d);
        }
        add(out, "model.shared.weight", Kind.WEIGHT, vocab, d);
        for (String side : List.of("encoder", "decoder")) {
            String p = "model." + side + ".";
            if (flags.positions() == ArchitectureFlags.PositionScheme.LEARNED) {
                add(out, p + "embed_positions.weight", Kind.WEIGHT, config.maxPositionEmbeddings() + flags.positionOffset(), d);
            }
            if (flags.embeddingLayerNorm()) {
                norm(out, p + "layernorm_embedding", d);
            }
            boolean decoder = side.equals("decoder");
            int layers = decoder ? config.decoderLayers() : config.encoderLayers();
            long ffn = decoder ? config.decoderFfnDim() : config.encoderFfnDim();
            for (int i = 0; i < layers; i++) {
                String l = p + "layers." + i + ".";
                attention(out, l + "self_attn", d);
                norm(out, l + "self_attn_layer_norm", d);
                if (decoder) {
                    attention(out, l + "encoder_attn", d);
                    norm(out, l + "encoder_attn_layer_norm", d);
                }
                linear(out, l + "fc1", d, ffn);
                linear(out, l + "fc2", ffn, d);
                norm(out, l + "final_layer_norm", d);
            }
        }
        return out;
    }

    private static void attention(List<Entry> out, String prefix, long d) {
        for (String proj : List.of("k_proj", "v_proj", "q_proj", "out_proj")) {
            linear(out, prefix + "." + proj, d, d);
        }
    }

    private static void linear(List<Entry> out, String prefix, long in, long outDim) {
        add(out, prefix + ".weight", Kind.WEIGHT, outDim, in);
        add(out, prefix + ".bias", Kind.BIAS, outDim);
    }

    private static void norm(List<Entry> out, String prefix, long d) {
        add(out, prefix + ".weight", Kind.NORM_SCALE, d);
        add(out, prefix + ".bias", Kind.NORM_SHIFT, d);
    }

    private static void add(List<Entry> out, String name, Kind kind, long... shape) {
        out.add(new Entry(new TensorInfo(name, TensorDType.F32, shape), kind));
    }
}
