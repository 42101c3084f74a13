package dev.kabar.job;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.generate.GenerationConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The identities the translation memory is keyed by: of a model and of generation settings.
 * Thread-safe.
 */
public final class ModelFingerprint {

    // huggingface_hub's cache: .../models--org--name/snapshots/<commit>/ ; the commit names the content.
    private static final Pattern SNAPSHOT = Pattern.compile(".*/models--([^/]+)/snapshots/([0-9a-f]{40})/?$");

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ModelFingerprint() {
    }

    /**
     * The model's identity: {@code hub:<repo>@<commit>} for a hub cache snapshot (the commit fixes
     * every byte), else {@code sha256:<hash>} of every file in the folder, names and contents, so
     * that a retrained checkpoint copied over an old folder never reuses old translations.
     *
     * @throws IOException when a file cannot be read
     */
    public static String of(Path folder) throws IOException {
        Path real = folder.toRealPath();
        Matcher m = SNAPSHOT.matcher(real.toString().replace('\\', '/'));
        if (m.matches()) {
            return "hub:" + m.group(1).replace("--", "/") + "@" + m.group(2);
        }
        MessageDigest sha = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(real)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            sha.update(real.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                while (in.read(buffer) >= 0) {
                    // DigestInputStream hashes as it reads.
                }
            }
            sha.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The canonical JSON of the effective generation settings (keys sorted): what the memory is keyed by. */
    public static String generationKey(GenerationConfig config) {
        try {
            return CANONICAL.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("generation settings cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a file's bytes, in hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            while (in.read(buffer) >= 0) {
                // DigestInputStream hashes as it reads.
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 of text, in hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
