package dev.kabar.digest;

import dev.kabar.output.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes a rendered digest to a file atomically: readers see the old digest or the new one, never half. */
public final class DigestFile {

    private DigestFile() {
    }

    /**
     * Renders {@code digest} in the format of {@code target}'s extension ({@code .html} or {@code .md})
     * and writes it in UTF-8 through an {@link AtomicFile}.
     *
     * @throws IllegalArgumentException when the extension is neither
     * @throws IOException naming the file when it cannot be written; an old file is then kept
     */
    public static void write(Digest digest, Path target) throws IOException {
        DigestRenderer renderer = DigestRenderer.forFileName(target.getFileName().toString());
        byte[] bytes = renderer.render(digest).getBytes(StandardCharsets.UTF_8);
        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write(bytes);
            file.commit();
        }
    }
}
