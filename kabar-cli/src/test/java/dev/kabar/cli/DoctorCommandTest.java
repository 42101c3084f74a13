package dev.kabar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.TestData;
import dev.kabar.runtime.CpuInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kabar doctor}: the CPU, the libraries, each fast path's check, and a verdict with its exit code. */
class DoctorCommandTest {

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line '" + start + "' in:\n" + out));
    }

    @Test
    void itNamesTheCpuTheLibrariesAndEachPathWithItsCheck() {
        Path model = TestData.conformance("marian-tiny-b");
        CliRun run = CliRun.of(new byte[0], "doctor", "--model", model.toString());
        assertEquals(Main.EXIT_OK, run.code(), run.out() + run.err());
        assertTrue(line(run.out(), "CPU ").contains(CpuInfo.current().describe()), run.out());
        assertTrue(line(run.out(), "libraries ").matches("libraries  DJL 0\\.36\\.0, PyTorch 2\\.7\\.1, oneDNN 3\\.7\\.1 .*"), run.out());
        assertTrue(line(run.out(), "shapes ").contains("48×48, 96×48, 48×96, 80×48, 48×80, 726×48; fused 144×48, 96×48; head 726×48"), run.out());
        String packed = line(run.out(), "  packed float32 products");
        assertTrue(packed.contains("USED") && packed.contains("passed (largest difference"), packed);
        assertTrue(line(run.out(), "  fused projections").contains("USED"), run.out());
        // The screened head and bfloat16 run where the CPU multiplies bfloat16, and say why not elsewhere.
        String screened = line(run.out(), "  screened greedy LM head");
        assertTrue(CpuInfo.current().bfloat16Refusal() == null ? screened.contains("passed") : screened.contains("unavailable: "), screened);
        assertTrue(line(run.out(), "  on this CPU: ").matches("  on this CPU: (passed|failed).*"), run.out());
        assertTrue(line(run.out(), "verdict ").startsWith("verdict    correct: every fast path in use passed its check (packed float32 products"),
                run.out());
    }

    @Test
    void misorderedProductsShowWhatARefusedPathLooksLike() {
        Path model = TestData.conformance("marian-tiny");
        CliRun run = CliRun.of(new byte[0], "doctor", "--model", model.toString(), "--misordered");
        assertEquals(Main.EXIT_OK, run.code(), "a refused path is not in use, so kabar is still correct: " + run.out() + run.err());
        String packed = line(run.out(), "  packed float32 products");
        assertTrue(packed.contains("not used") && packed.contains("failed: off by") && packed.contains("times its bound"), packed);
        assertTrue(line(run.out(), "verdict ").contains("Failed and not used: packed float32 products (plain float32 products instead, "
                + "the same tokens)"), run.out());
    }

    @Test
    void withChecksOffAWrongPathInUseFailsTheVerdict() {
        String old = System.getProperty("kabar.check-fast-paths");
        try {
            System.setProperty("kabar.check-fast-paths", "off");
            CliRun run = CliRun.of(new byte[0], "doctor", "--model", TestData.conformance("marian-tiny").toString(), "--misordered");
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(line(run.out(), "verdict ").startsWith("verdict    WRONG: packed float32 products"), run.out());
        } finally {
            TestData.restoreProperty("kabar.check-fast-paths", old);
        }
    }
}
