package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When greedy search screens the LM head: by the CPU's flags, unless the system property says otherwise. */
class HeadScreeningTest {

    private static Path cpuinfo(Path dir, String flags) throws Exception {
        Path file = dir.resolve("cpuinfo");
        Files.writeString(file, "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: " + flags + "\nbogomips\t: 4800\n\n"
                + "processor\t: 1\nflags\t\t: " + flags + "\n");
        return file;
    }

    @Test
    void theCpuFlagsTellWhetherItMultipliesBFloat16(@TempDir Path dir) throws Exception {
        assertTrue(HeadScreening.cpuMultipliesBfloat16(cpuinfo(dir, "fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni")));
        assertTrue(HeadScreening.cpuMultipliesBfloat16(cpuinfo(dir, "fpu avx512f amx_bf16 amx_tile")));
        assertFalse(HeadScreening.cpuMultipliesBfloat16(cpuinfo(dir, "fpu sse2 avx2 avx512f avx512_vnni")));
        // A flag that only contains the name does not count.
        assertFalse(HeadScreening.cpuMultipliesBfloat16(cpuinfo(dir, "fpu avx512_bf16x")));
        assertFalse(HeadScreening.cpuMultipliesBfloat16(dir.resolve("missing")));
    }

    @Test
    void thePropertyDecidesOverTheCpu() {
        String old = System.getProperty(HeadScreening.PROPERTY);
        try {
            System.setProperty(HeadScreening.PROPERTY, "on");
            assertTrue(HeadScreening.enabled());
            System.setProperty(HeadScreening.PROPERTY, " OFF ");
            assertFalse(HeadScreening.enabled());
            System.setProperty(HeadScreening.PROPERTY, "auto");
            assertEquals(HeadScreening.cpuMultipliesBfloat16(Path.of("/proc/cpuinfo")), HeadScreening.enabled());
            System.setProperty(HeadScreening.PROPERTY, "sometimes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, HeadScreening::enabled);
            assertTrue(e.getMessage().contains("'sometimes'") && e.getMessage().contains("auto, on or off"), e.getMessage());
        } finally {
            TestData.restoreProperty(HeadScreening.PROPERTY, old);
        }
    }
}
