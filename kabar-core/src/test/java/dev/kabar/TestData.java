package dev.kabar;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the shared data beside the clone. A missing folder fails the test that asked
 * for it, naming the path and the property to set; nothing is ever skipped.
 */
public final class TestData {

    private TestData() {
    }

    /** Returns the conformance folder ({@code -Dconformance.dir}, default {@code ../shared/conformance}). */
    public static Path conformanceDir() {
        Path dir = Path.of(System.getProperty("conformance.dir", "../shared/conformance"));
        if (!Files.isDirectory(dir)) {
            fail("Conformance folder " + dir.toAbsolutePath() + " is missing; set -Dconformance.dir.");
        }
        return dir;
    }

    /** Sets a system property back to {@code before}, its value before a test changed it, or clears it when it had none. */
    public static void restoreProperty(String name, String before) {
        if (before == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, before);
        }
    }

    /** Returns one tiny checkpoint of the conformance folder, e.g. {@code marian-tiny}. */
    public static Path conformance(String model) {
        Path dir = Path.of(System.getProperty("conformance.dir", "../shared/conformance")).resolve(model);
        if (!Files.isDirectory(dir)) {
            fail("Conformance checkpoint " + dir.toAbsolutePath() + " is missing; set -Dconformance.dir.");
        }
        return dir;
    }
}
