package dev.kabar.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the CPU's name and flags, and when oneDNN may multiply bfloat16 with the CPU's own instructions. */
class CpuInfoTest {

    private static final String ZEN5 = "avx2 fma avx512f avx512bw avx512vl avx512_bf16 avx512_vnni avx512_vp2intersect";

    private static List<String> cpuinfo(String flags) {
        return List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model\t\t: 2", "model name\t: AMD EPYC",
                "flags\t\t: fpu sse4_2 " + flags, "", "processor\t: 1", "model name\t: Another CPU", "flags\t\t: fpu", "");
    }

    @Test
    void theFirstProcessorsFieldsAreRead() {
        CpuInfo cpu = CpuInfo.parse(cpuinfo(ZEN5), null);
        assertEquals("AMD EPYC", cpu.modelName());
        assertEquals("AuthenticAMD", cpu.vendor());
        assertEquals("AMD EPYC (family 26, model 2)", cpu.describe());
        assertEquals(cpu.describe(), cpu.describeWithCap());
        assertTrue(cpu.flags().contains("avx512_vp2intersect") && !cpu.flags().contains("amx_tile"));
        assertEquals(List.of("sse4_2", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_vp2intersect"),
                cpu.notableFlags());
    }

    @Test
    void bfloat16NeedsTheInstructionsAndAnIsaCapThatAllowsThem() {
        assertNull(CpuInfo.parse(cpuinfo(ZEN5), null).bfloat16Refusal());
        assertNull(CpuInfo.parse(cpuinfo(ZEN5), "avx512_core_bf16").bfloat16Refusal());
        assertNull(CpuInfo.parse(cpuinfo("avx512f amx_tile amx_bf16"), "AVX512_CORE_AMX").bfloat16Refusal());
        assertNull(CpuInfo.parse(cpuinfo(ZEN5), "ALL").bfloat16Refusal());
        String noFlags = CpuInfo.parse(cpuinfo("avx2 fma avx512f avx512_vnni"), null).bfloat16Refusal();
        assertTrue(noFlags.contains("AMD EPYC (family 26, model 2) has no bfloat16 instructions"), noFlags);
        for (String cap : List.of("AVX2", "avx512_core", "AVX512_CORE_VNNI", "SSE41")) {
            String capped = CpuInfo.parse(cpuinfo(ZEN5), cap).bfloat16Refusal();
            assertTrue(capped != null && capped.contains("ONEDNN_MAX_CPU_ISA=" + cap.toUpperCase()) && capped.contains("AVX512_CORE_BF16"),
                    cap + ": " + capped);
        }
        // A flag that only contains the name does not count.
        assertFalse(CpuInfo.parse(cpuinfo("avx512_bf16x"), null).hasBfloat16Instructions());
        // An ISA name kabar does not know is left to the products' own check.
        assertNull(CpuInfo.parse(cpuinfo(ZEN5), "AVX11_FUTURE").bfloat16Refusal());
        assertEquals("AMD EPYC (family 26, model 2) under ONEDNN_MAX_CPU_ISA=AVX2", CpuInfo.parse(cpuinfo(ZEN5), " avx2 ").describeWithCap());
    }

    @Test
    void aMissingFileIsAnUnknownCpuThatClaimsNothing(@TempDir Path dir) throws Exception {
        CpuInfo none = CpuInfo.read(dir.resolve("missing"), null);
        assertEquals("an unidentified CPU", none.describe());
        assertFalse(none.hasBfloat16Instructions());
        Path arm = dir.resolve("arm");
        Files.writeString(arm, "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd sve\nCPU implementer\t: 0x41\n\n");
        CpuInfo graviton = CpuInfo.read(arm, null);
        assertEquals(List.of("asimd", "sve"), graviton.notableFlags());
        assertTrue(graviton.bfloat16Refusal().contains("has no bfloat16 instructions"));
    }
}
