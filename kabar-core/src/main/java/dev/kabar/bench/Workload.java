package dev.kabar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark workload: sentences as source token ids with the number of tokens a trained model
 * would generate for each ({@code {"src_ids": [..., 0], "tgt_len": N}} per line).
 *
 * @param sentences the sentences in file order
 */
public record Workload(List<Sentence> sentences) {

    /** One sentence of the workload. */
    public record Sentence(int index, int[] srcIds, int tgtLen) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a workload file.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     */
    public static Workload read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read workload " + file + ": " + e.getMessage(), e);
        }
        List<Sentence> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                JsonNode src = n.get("src_ids");
                JsonNode tgt = n.get("tgt_len");
                if (src == null || !src.isArray() || src.isEmpty() || tgt == null || !tgt.isInt() || tgt.asInt() < 0) {
                    throw new IllegalArgumentException("expected {\"src_ids\": [ids...], \"tgt_len\": N}");
                }
                int[] ids = new int[src.size()];
                for (int j = 0; j < ids.length; j++) {
                    ids[j] = src.get(j).asInt();
                }
                out.add(new Sentence(out.size(), ids, tgt.asInt()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Workload " + file + " line " + (i + 1) + ": " + e.getMessage() + ".", e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Workload " + file + " holds no sentences.");
        }
        return new Workload(List.copyOf(out));
    }

    /** Returns the number of tokens to generate, end-of-sequence excluded. */
    public long targetTokens() {
        return sentences.stream().mapToLong(Sentence::tgtLen).sum();
    }
}
