package dev.kabar.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture keys of a Hugging Face {@code config.json} for an encoder-decoder model.
 *
 * <p>Field names are the Hugging Face keys in camel case ({@code d_model} is {@link #dModel}), so
 * that a reader of config.json and of the code sees the same words. Missing keys take the defaults
 * of the Python config class of the model type ({@code MarianConfig}, {@code BartConfig} in
 * transformers 4.40), all gathered in {@link #read(Path)}.
 *
 * @param modelType {@code model_type}: {@code marian} or {@code bart}
 * @param vocabSize {@code vocab_size}
 * @param dModel {@code d_model}
 * @param encoderLayers {@code encoder_layers}
 * @param decoderLayers {@code decoder_layers}
 * @param encoderAttentionHeads {@code encoder_attention_heads}
 * @param decoderAttentionHeads {@code decoder_attention_heads}
 * @param encoderFfnDim {@code encoder_ffn_dim}
 * @param decoderFfnDim {@code decoder_ffn_dim}
 * @param activationFunction {@code activation_function}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param scaleEmbedding {@code scale_embedding}: multiply token embeddings by sqrt(d_model)
 * @param tieWordEmbeddings {@code tie_word_embeddings}: the LM head is the shared embedding
 * @param padTokenId {@code pad_token_id}
 * @param eosTokenId {@code eos_token_id}
 * @param bosTokenId {@code bos_token_id}, or -1
 * @param decoderStartTokenId {@code decoder_start_token_id}
 * @param raw the whole parsed file, for the generation keys some models keep here
 */
public record ModelConfig(
        String modelType,
        int vocabSize,
        int dModel,
        int encoderLayers,
        int decoderLayers,
        int encoderAttentionHeads,
        int decoderAttentionHeads,
        int encoderFfnDim,
        int decoderFfnDim,
        String activationFunction,
        int maxPositionEmbeddings,
        boolean scaleEmbedding,
        boolean tieWordEmbeddings,
        int padTokenId,
        int eosTokenId,
        int bosTokenId,
        int decoderStartTokenId,
        JsonNode raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads {@code config.json} from a checkpoint folder.
     *
     * @throws CheckpointException when the file is missing, unreadable, or of an unsupported model type
     */
    public static ModelConfig read(Path checkpointDir) {
        Path file = checkpointDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("No config.json in " + checkpointDir
                    + ": a checkpoint folder must hold the files the Hugging Face hub publishes (config.json and weights).");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException(file + " is not valid JSON (" + e.getMessage()
                    + "); re-download the checkpoint.", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + " must hold a JSON object; re-download the checkpoint.");
        }
        String type = text(root, "model_type", null);
        if (type == null) {
            throw new CheckpointException(file + " has no \"model_type\"; expected \"marian\" or \"bart\".");
        }
        // Defaults of MarianConfig and BartConfig (transformers 4.40, configuration_marian.py and
        // configuration_bart.py), used only when a key is absent.
        return switch (type) {
            case "marian" -> build(file, root, type, 58101, 58100, 0, -1, 58100);
            case "bart" -> build(file, root, type, 50265, 1, 2, 0, 2);
            default -> throw new CheckpointException(file + " has model_type \"" + type
                    + "\", which kabar does not support; supported: \"marian\" (MarianMTModel) and \"bart\" (BartForConditionalGeneration).");
        };
    }

    private static ModelConfig build(Path file, JsonNode root, String type, int vocab, int pad, int eos, int bos, int start) {
        int dModel = integer(file, root, "d_model", 1024);
        int encoderHeads = integer(file, root, "encoder_attention_heads", 16);
        int decoderHeads = integer(file, root, "decoder_attention_heads", 16);
        if (encoderHeads <= 0 || dModel % encoderHeads != 0 || decoderHeads <= 0 || dModel % decoderHeads != 0) {
            throw new CheckpointException(file + ": d_model " + dModel + " must be a multiple of the attention head counts ("
                    + encoderHeads + ", " + decoderHeads + ").");
        }
        return new ModelConfig(
                type,
                integer(file, root, "vocab_size", vocab),
                dModel,
                integer(file, root, "encoder_layers", 12),
                integer(file, root, "decoder_layers", 12),
                encoderHeads,
                decoderHeads,
                integer(file, root, "encoder_ffn_dim", 4096),
                integer(file, root, "decoder_ffn_dim", 4096),
                text(root, "activation_function", "gelu"),
                integer(file, root, "max_position_embeddings", 1024),
                bool(file, root, "scale_embedding", false),
                bool(file, root, "tie_word_embeddings", true),
                integer(file, root, "pad_token_id", pad),
                eosId(file, root, eos),
                integer(file, root, "bos_token_id", bos),
                integer(file, root, "decoder_start_token_id", start),
                root);
    }

    private static int eosId(Path file, JsonNode root, int fallback) {
        JsonNode node = root.get("eos_token_id");
        if (node != null && node.isArray() && node.size() > 0) {
            return node.get(0).asInt();
        }
        return integer(file, root, "eos_token_id", fallback);
    }

    static String text(JsonNode root, String key, String fallback) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    static int integer(Path file, JsonNode root, String key, int fallback) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new CheckpointException(file + ": \"" + key + "\" must be an integer, found " + node + ".");
        }
        return node.asInt();
    }

    static boolean bool(Path file, JsonNode root, String key, boolean fallback) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new CheckpointException(file + ": \"" + key + "\" must be true or false, found " + node + ".");
        }
        return node.asBoolean();
    }
}
