package dev.kabar.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One memory-mapped {@code .safetensors} file.
 *
 * <p>The format is an 8-byte little-endian header length, a JSON header mapping each tensor name to
 * its {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the header), an
 * optional {@code __metadata__} object of strings, then the raw data. The whole header is validated
 * when the file is opened, so a corrupt or truncated file fails there and not in the middle of
 * loading a model. Reads are thread-safe; see {@link TensorSource} for closing.
 */
public final class SafetensorsFile implements TensorSource {

    /** The reference implementation refuses headers above 100 MB; so do we, before allocating them. */
    private static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final String REDOWNLOAD = "re-download the file";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private record Entry(TensorInfo info, long start) {}

    private final MappedFile file;
    private final Map<String, Entry> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(MappedFile file, Map<String, Entry> tensors, Map<String, String> metadata) {
        this.file = file;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws CheckpointException naming the file (and tensor) when it is missing, truncated or corrupt
     */
    public static SafetensorsFile open(Path path) {
        return open(path, MappedFile.DEFAULT_REGION_SIZE);
    }

    /** Opens a file mapped in regions of the given size, so tests can make tensors straddle regions. */
    static SafetensorsFile open(Path path, long regionSize) {
        return MappedFile.read(path, regionSize, SafetensorsFile::parse);
    }

    private static SafetensorsFile parse(MappedFile file) {
        long size = file.size();
        if (size < 8) {
            throw corrupt(file, "it is " + size + " bytes long, too short for the 8-byte header length; the file is truncated, " + REDOWNLOAD + ".");
        }
        long headerLength = file.slice(0, 8).getLong(0);
        if (headerLength < 0 || headerLength > size - 8) {
            throw corrupt(file, "the header length field declares " + Long.toUnsignedString(headerLength) + " bytes but only " + (size - 8)
                    + " bytes follow the length field; the file is truncated or not a safetensors file, " + REDOWNLOAD + ".");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw corrupt(file, "the header length field declares " + headerLength + " bytes, more than the format's limit of "
                    + MAX_HEADER_BYTES + "; it is not a safetensors file, " + REDOWNLOAD + ".");
        }
        JsonNode header;
        try {
            header = JSON.readTree(file.bytes(8, (int) headerLength));
        } catch (JacksonException e) {
            // Jackson's message trails off into source-location details; the first clause and the column say enough.
            String why = e.getOriginalMessage().split("[\\n(\\[]")[0].trim();
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw corrupt(file, "the header is not valid JSON (" + why + (column > 0 ? ", at column " + column : "")
                    + "); the file is corrupt, " + REDOWNLOAD + ".");
        } catch (java.io.IOException e) {
            throw new CheckpointException("Cannot read the header of " + file.path() + ": " + e.getMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw corrupt(file, "the header is not a JSON object; the file is corrupt, " + REDOWNLOAD + ".");
        }
        long dataStart = 8 + headerLength;
        long dataSize = size - dataStart;
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue(), dataStart, dataSize));
            }
        }
        // File order: the order of the data, which is what a sequential reader touches.
        entries.sort(Comparator.comparingLong(Entry::start));
        Map<String, Entry> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            tensors.put(e.info().name(), e);
        }
        return new SafetensorsFile(file, Collections.unmodifiableMap(tensors), metadata);
    }

    private static Map<String, String> parseMetadata(MappedFile file, JsonNode node) {
        if (!node.isObject()) {
            throw corrupt(file, "the __metadata__ entry is not a JSON object of strings; the file is corrupt, " + REDOWNLOAD + ".");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw corrupt(file, "__metadata__ key '" + e.getKey() + "' whose value is not a string; the file is corrupt, " + REDOWNLOAD + ".");
            }
            metadata.put(e.getKey(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static Entry parseEntry(MappedFile file, String name, JsonNode node, long dataStart, long dataSize) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw corrupt(file, where + ": expected an object with dtype, shape and data_offsets; the file is corrupt, " + REDOWNLOAD + ".");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw corrupt(file, where + ": missing string field 'dtype'; the file is corrupt, " + REDOWNLOAD + ".");
        }
        TensorDType dtype;
        try {
            dtype = TensorDType.valueOf(dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw corrupt(file, where + " has dtype \"" + dtypeNode.asText() + "\", which is not supported (expected one of "
                    + Arrays.toString(TensorDType.values()) + "); convert the checkpoint to one of these types.");
        }
        long[] shape = nonNegativeLongs(file, where, node, "shape", -1);
        long[] offsets = nonNegativeLongs(file, where, node, "data_offsets", 2);
        TensorInfo info = new TensorInfo(name, dtype, shape);
        long expected;
        try {
            expected = Math.multiplyExact(Arrays.stream(shape).reduce(1, Math::multiplyExact), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw corrupt(file, where + " has shape " + Arrays.toString(shape) + ", too large to address; the file is corrupt, " + REDOWNLOAD + ".");
        }
        if (offsets[0] > offsets[1] || offsets[1] > dataSize) {
            throw corrupt(file, where + " has data_offsets " + Arrays.toString(offsets) + " but the data section holds " + dataSize
                    + " bytes; the file is truncated or corrupt, " + REDOWNLOAD + ".");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw corrupt(file, where + " has data_offsets " + Arrays.toString(offsets) + " (" + (offsets[1] - offsets[0])
                    + " bytes) but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
                    + " bytes; the file is corrupt, " + REDOWNLOAD + ".");
        }
        return new Entry(info, dataStart + offsets[0]);
    }

    /** Reads an array of non-negative integers; {@code length} -1 accepts any length. */
    private static long[] nonNegativeLongs(MappedFile file, String where, JsonNode node, String field, int length) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray() || (length >= 0 && array.size() != length)) {
            throw corrupt(file, where + ": field '" + field + "' must be an array of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers; the file is corrupt, " + REDOWNLOAD + ".");
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw corrupt(file, where + ": field '" + field + "' holds " + v + ", expected a non-negative integer; the file is corrupt, "
                        + REDOWNLOAD + ".");
            }
            values[i] = v.asLong();
        }
        return values;
    }

    private static CheckpointException corrupt(MappedFile file, String what) {
        return new CheckpointException("Safetensors file " + file.path() + ": " + what);
    }

    /** Returns the file's path. */
    public Path path() {
        return file.path();
    }

    /** Returns the header's {@code __metadata__} strings, e.g. {@code format=pt}; empty when absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return entry(name).info();
    }

    @Override
    public ByteBuffer data(String name) {
        Entry e = entry(name);
        return file.slice(e.start(), e.info().byteSize());
    }

    private Entry entry(String name) {
        Entry e = tensors.get(name);
        if (e == null) {
            throw new CheckpointException("No tensor '" + name + "' in " + file.path() + " (it holds " + tensors.size()
                    + " tensors); check the name or the checkpoint's architecture.");
        }
        return e;
    }

    @Override
    public void close() {
        file.close();
    }
}
