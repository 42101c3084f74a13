package dev.kabar.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hash a cached blob's name promises. The hub's ETag, and so the blob's name, is the sha256 of the
 * content for LFS files (64 hex) and the git blob id for other files (40 hex: sha1 of
 * {@code "blob <size>\0"} followed by the content), so every blob can be re-checked from the cache
 * alone.
 */
enum ContentHash {
    /** The LFS object id: sha256 of the content. */
    SHA256,
    /** The git blob id: sha1 of {@code "blob <size>\0" + content}. */
    GIT_SHA1;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    /** The hash an ETag stands for, or empty when it is neither (a mirror with opaque ETags). */
    static Optional<ContentHash> ofEtag(String etag) {
        if (etag == null) {
            return Optional.empty();
        }
        if (HEX64.matcher(etag).matches()) {
            return Optional.of(SHA256);
        }
        return HEX40.matcher(etag).matches() ? Optional.of(GIT_SHA1) : Optional.empty();
    }

    /** Hashes a file, reading it once. */
    String of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(this == SHA256 ? "SHA-256" : "SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks a required digest", e);
        }
        if (this == GIT_SHA1) {
            digest.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** How a message names this hash. */
    String label() {
        return this == SHA256 ? "sha256" : "git blob sha1";
    }
}
