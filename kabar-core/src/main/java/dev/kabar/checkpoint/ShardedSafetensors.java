package dev.kabar.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint split into several safetensors shards, read through its
 * {@code model.safetensors.index.json}.
 *
 * <p>The index's {@code weight_map} maps each tensor name to the file name of its shard in the same
 * folder. Every shard is opened once, and every tensor the index lists is checked to be present in
 * its shard when the source is opened. Reads are thread-safe; see {@link TensorSource} for closing.
 */
public final class ShardedSafetensors implements TensorSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path indexFile;
    private final Map<String, SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> route;

    private ShardedSafetensors(Path indexFile, Map<String, SafetensorsFile> shards, Map<String, SafetensorsFile> route) {
        this.indexFile = indexFile;
        this.shards = shards;
        this.route = route;
    }

    /**
     * Opens every shard named by an index file and checks that each listed tensor is in its shard.
     *
     * @throws CheckpointException naming the index and the shard or tensor that is missing or corrupt
     */
    public static ShardedSafetensors open(Path indexFile) {
        Map<String, String> weightMap = readWeightMap(indexFile);
        Path folder = indexFile.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        try {
            Map<String, SafetensorsFile> route = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                String tensor = e.getKey();
                String shardName = e.getValue();
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    shard = openShard(indexFile, folder, shardName, tensor);
                    shards.put(shardName, shard);
                }
                if (!shard.contains(tensor)) {
                    throw new CheckpointException("Index " + indexFile + " places tensor '" + tensor + "' in shard " + shard.path()
                            + ", but that shard does not contain it; the shard and the index come from different versions, re-download both.");
                }
                route.put(tensor, shard);
            }
            return new ShardedSafetensors(indexFile, Collections.unmodifiableMap(shards), Collections.unmodifiableMap(route));
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static SafetensorsFile openShard(Path indexFile, Path folder, String shardName, String firstTensor) {
        // Shards live next to the index; a name with a path in it could point anywhere on disk.
        if (shardName.isEmpty() || shardName.contains("/") || shardName.contains("\\") || shardName.equals("..")) {
            throw new CheckpointException("Index " + indexFile + " names shard \"" + shardName + "\" for tensor '" + firstTensor
                    + "'; expected a plain file name in the same folder. The index is corrupt, re-download it.");
        }
        Path shardFile = folder.resolve(shardName);
        if (!Files.isRegularFile(shardFile)) {
            throw new CheckpointException("Shard " + shardName + " listed in " + indexFile + " (holding tensor '" + firstTensor
                    + "') is missing from " + folder + "; download the missing shard.");
        }
        return SafetensorsFile.open(shardFile);
    }

    private static Map<String, String> readWeightMap(Path indexFile) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(indexFile));
        } catch (NoSuchFileException e) {
            throw new CheckpointException("Index " + indexFile + " does not exist; check the checkpoint folder or download it again.");
        } catch (JacksonException e) {
            throw new CheckpointException("Index " + indexFile + " is not valid JSON (" + e.getOriginalMessage() + "); re-download it.");
        } catch (IOException e) {
            throw new CheckpointException("Cannot read index " + indexFile + ": " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new CheckpointException("Index " + indexFile
                    + " has no 'weight_map' object (tensor name -> shard file); it is not a safetensors index, re-download it.");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException("Index " + indexFile + " maps tensor '" + e.getKey() + "' to " + e.getValue()
                        + "; expected a shard file name. The index is corrupt, re-download it.");
            }
            result.put(e.getKey(), e.getValue().asText());
        }
        return result;
    }

    /** Returns the index file this source was opened from. */
    public Path indexFile() {
        return indexFile;
    }

    /** Returns the shard files, in the order the index first mentions them. */
    public Set<String> shardNames() {
        return shards.keySet();
    }

    /** Returns the tensor names in index order. */
    @Override
    public Set<String> names() {
        return route.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return shard(name).info(name);
    }

    @Override
    public ByteBuffer data(String name) {
        return shard(name).data(name);
    }

    private SafetensorsFile shard(String name) {
        SafetensorsFile shard = route.get(name);
        if (shard == null) {
            throw new CheckpointException("No tensor '" + name + "' in the index " + indexFile + " (it lists " + route.size()
                    + " tensors); check the name or the checkpoint's architecture.");
        }
        return shard;
    }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsFile::close);
    }
}
