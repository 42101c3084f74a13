package dev.kabar.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of a hub repository that the engine reads, and nothing else: hub repositories also
 * carry TensorFlow, Flax, ONNX and Rust weights several times the size of the ones we use.
 *
 * <p>Weights are taken in the order {@link dev.kabar.checkpoint.WeightFiles} reads them: a single
 * {@code model.safetensors}, else the sharded {@code model.safetensors.index.json} and the shards
 * its {@code weight_map} names, else {@code pytorch_model.bin}.
 */
final class CheckpointAllowList {

    /** Read by {@code checkpoint.ModelConfig} (required) and {@code engine.Seq2SeqEngine} (optional). */
    static final String CONFIG = "config.json";
    static final String GENERATION_CONFIG = "generation_config.json";
    static final String SAFETENSORS = "model.safetensors";
    static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    static final String PYTORCH_BIN = "pytorch_model.bin";
    /**
     * Tokenizer files: Marian's SentencePiece models and vocabulary, BART's tokenizer.json or
     * vocab.json + merges.txt, and the two config files both tokenizers read for special tokens.
     */
    static final List<String> TOKENIZER = List.of("source.spm", "target.spm", "vocab.json", "tokenizer.json",
            "merges.txt", "tokenizer_config.json", "special_tokens_map.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointAllowList() {
    }

    /**
     * The files to fetch from a revision listing, shards excepted (they are known only once the
     * index is read, see {@link #shards}).
     *
     * @return the file names, config first
     * @throws HubException with {@link HubException.Reason#NOT_A_CHECKPOINT} when the revision has no
     *     config.json or no weights the engine reads
     */
    static List<String> select(Set<String> available, ModelId id) {
        if (!available.contains(CONFIG)) {
            throw new HubException(HubException.Reason.NOT_A_CHECKPOINT, "Model " + id.repoId() + " at revision "
                    + id.revision() + " has no " + CONFIG + ", so it is not a transformers checkpoint kabar can run; "
                    + "choose a Marian or BART translation model such as Helsinki-NLP/opus-mt-id-en.");
        }
        List<String> files = new ArrayList<>();
        files.add(CONFIG);
        if (available.contains(GENERATION_CONFIG)) {
            files.add(GENERATION_CONFIG);
        }
        if (available.contains(SAFETENSORS)) {
            files.add(SAFETENSORS);
        } else if (available.contains(SAFETENSORS_INDEX)) {
            files.add(SAFETENSORS_INDEX);
        } else if (available.contains(PYTORCH_BIN)) {
            files.add(PYTORCH_BIN);
        } else {
            throw new HubException(HubException.Reason.NOT_A_CHECKPOINT, "Model " + id.repoId() + " at revision "
                    + id.revision() + " has none of " + SAFETENSORS + ", " + SAFETENSORS_INDEX + ", " + PYTORCH_BIN
                    + " (it lists " + available + "); kabar reads only PyTorch weights, so choose a revision "
                    + "or model that publishes them.");
        }
        for (String name : TOKENIZER) {
            if (available.contains(name)) {
                files.add(name);
            }
        }
        return files;
    }

    /**
     * The shard files a {@code model.safetensors.index.json} names, sorted and without repeats.
     *
     * @param model how messages name the model (its id, or the snapshot folder)
     * @throws HubException naming the file when it is not an index or names a path outside the snapshot
     */
    static List<String> shards(Path indexFile, String model) {
        JsonNode weightMap;
        try {
            weightMap = JSON.readTree(indexFile.toFile()).path("weight_map");
        } catch (IOException e) {
            throw new HubException(HubException.Reason.NOT_A_CHECKPOINT, SAFETENSORS_INDEX + " of " + model
                    + " is not valid JSON (" + e.getMessage() + "); run `kabar models verify` on it.", e);
        }
        if (!weightMap.isObject() || weightMap.isEmpty()) {
            throw new HubException(HubException.Reason.NOT_A_CHECKPOINT, SAFETENSORS_INDEX + " of " + model
                    + " has no weight_map, so its shards are unknown.");
        }
        Set<String> names = new TreeSet<>();
        for (Iterator<JsonNode> it = weightMap.elements(); it.hasNext(); ) {
            String shard = it.next().asText();
            // The shard name becomes a path in the cache; refuse anything that could leave the snapshot.
            if (shard.isEmpty() || shard.startsWith("/") || shard.contains("\\") || List.of(shard.split("/")).contains("..")) {
                throw new HubException(HubException.Reason.NOT_A_CHECKPOINT, SAFETENSORS_INDEX + " of " + model
                        + " names the shard '" + shard + "', which is not a file inside the repository.");
            }
            names.add(shard);
        }
        return List.copyOf(names);
    }

    /**
     * What a snapshot folder lacks for the engine to load it, or empty when it has config, weights
     * and a tokenizer. A cache filled by another tool may hold only some files of a revision.
     */
    static Optional<String> missing(Path snapshot) {
        if (!Files.isDirectory(snapshot)) {
            return Optional.of("the snapshot folder " + snapshot);
        }
        if (!Files.isRegularFile(snapshot.resolve(CONFIG))) {
            return Optional.of(CONFIG);
        }
        if (!Files.isRegularFile(snapshot.resolve(SAFETENSORS))) {
            Path index = snapshot.resolve(SAFETENSORS_INDEX);
            if (Files.isRegularFile(index)) {
                try {
                    for (String shard : shards(index, snapshot.toString())) {
                        if (!Files.isRegularFile(snapshot.resolve(shard))) {
                            return Optional.of(shard);
                        }
                    }
                } catch (HubException e) {
                    return Optional.of("a readable " + SAFETENSORS_INDEX);
                }
            } else if (!Files.isRegularFile(snapshot.resolve(PYTORCH_BIN))) {
                return Optional.of("weights (" + SAFETENSORS + ", " + SAFETENSORS_INDEX + " or " + PYTORCH_BIN + ")");
            }
        }
        boolean marian = has(snapshot, "source.spm", "target.spm", "vocab.json");
        boolean bart = has(snapshot, "tokenizer.json") || has(snapshot, "vocab.json", "merges.txt");
        if (!marian && !bart) {
            return Optional.of("tokenizer files (source.spm + target.spm + vocab.json, tokenizer.json, "
                    + "or vocab.json + merges.txt)");
        }
        return Optional.empty();
    }

    private static boolean has(Path dir, String... names) {
        for (String name : names) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                return false;
            }
        }
        return true;
    }
}
