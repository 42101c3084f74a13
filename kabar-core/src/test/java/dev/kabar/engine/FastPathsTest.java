package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.TestData;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.nn.PackedProducts;
import dev.kabar.runtime.CpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast-path guard: a deliberately wrong product is detected and refused, and the engine then
 * gives transformers' tokens on the next correct path; bfloat16 is refused where it cannot run;
 * checks are kept per process.
 */
class FastPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FastPaths.ProductsFactory MISORDERED = PackedProducts::createMisordered;

    private static FastPathCheck check(List<FastPathCheck> checks, FastPath path) {
        return checks.stream().filter(c -> c.path() == path).findFirst().orElseThrow();
    }

    private static CpuInfo cpu(String flags, String cap) throws IOException {
        Path file = Files.createTempFile("cpuinfo", "");
        try {
            Files.writeString(file, "processor\t: 0\nmodel name\t: Test CPU\ncpu family\t: 25\nmodel\t\t: 17\nflags\t\t: " + flags + "\n\n");
            return CpuInfo.read(file, cap);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void misorderedPackedProductsAreRefusedAndTheEngineStillGivesTheGoldenTokens() throws IOException {
        Path dir = TestData.conformance("marian-tiny-b");
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(dir, WeightFormat.SAFETENSORS, true, Precision.FLOAT32,
                PackedProducts.Format.FLOAT32, MISORDERED)) {
            FastPathCheck packed = check(engine.fastPaths(), FastPath.PACKED_FLOAT32);
            assertEquals(FastPathCheck.Verdict.FAILED, packed.verdict(), packed.finding());
            assertFalse(packed.used());
            assertTrue(packed.worstRatio() > 10 && packed.finding().startsWith("failed: off by"), packed.finding());
            assertEquals("plain", engine.products());
            assertEquals("whole", engine.greedyHead(), "a plain head is never screened");
            FastPathCheck fused = check(engine.fastPaths(), FastPath.FUSED_PROJECTIONS);
            assertTrue(fused.used() && fused.passed(), "plain fused products are checked too: " + fused.finding());
            assertTrue(engine.fastPathsJson().contains("\"packed_float32\": \"not used: failed\""), engine.fastPathsJson());
            int cases = 0;
            for (JsonNode c : golden(dir)) {
                Map<String, Object> kwargs = JSON.convertValue(c.get("generate_kwargs"), Map.class);
                GenerationConfig gen = engine.generationConfig(kwargs);
                GenerationResult result = engine.generateIds(matrix(c.get("input_ids")), matrix(c.get("attention_mask")), gen);
                int[][] expected = matrix(c.get("output_ids"));
                for (int row = 0; row < expected.length; row++) {
                    assertArrayEquals(expected[row], result.sequences()[row], c.get("case_id").asText() + " row " + row);
                }
                cases++;
            }
            assertTrue(cases >= 5, "only " + cases + " golden cases");
        }
    }

    @Test
    void theWarningNamesTheCpuThePathAndTheError() {
        FastPaths.ProbeShapes shapes = FastPaths.ProbeShapes.of(32, 64, 64, 726, 4096);
        FastPaths.Plan plan = FastPaths.plan(shapes, PackedProducts.Format.FLOAT32, false, MISORDERED);
        assertNull(plan.packing());
        FastPathCheck packed = check(plan.checks(), FastPath.PACKED_FLOAT32);
        String warning = FastPaths.warning(packed, CpuInfo.current(), "plain float32 products");
        assertTrue(warning.contains(CpuInfo.current().describeWithCap()), warning);
        assertTrue(warning.startsWith("The packed float32 products failed their check on ") && warning.contains(": off by ")
                && warning.contains("They are not used: kabar uses plain float32 products instead, with the same tokens."), warning);
    }

    @Test
    void oneDnnProductsPassAndAreUsedOnTheConformanceShapes() {
        FastPaths.ProbeShapes shapes = FastPaths.ProbeShapes.of(48, 96, 80, 726, 4096);
        assertEquals("48×48, 96×48, 48×96, 80×48, 48×80, 726×48; fused 144×48, 96×48", shapes.describe());
        FastPaths.Plan plan = FastPaths.plan(shapes, PackedProducts.Format.FLOAT32, false, FastPaths.ONEDNN);
        FastPathCheck packed = check(plan.checks(), FastPath.PACKED_FLOAT32);
        // oneDNN's float32 products (padded as kabar packs them) pass on every CPU this suite has met;
        // where one fails, the engine's fallback is what the misordered test above proves.
        assertTrue(packed.passed() && packed.used(), CpuInfo.current().describeWithCap() + ": " + packed.finding());
        assertEquals(PackedProducts.Format.FLOAT32, plan.packing());
        // Kept for the process: the second plan reuses the first's results.
        FastPaths.Plan again = FastPaths.plan(shapes, PackedProducts.Format.FLOAT32, false, FastPaths.ONEDNN);
        assertEquals(plan.checks(), again.checks());
    }

    @Test
    void theSlicesOfALargeVocabularyAreProbedWithTheirRaggedTail() {
        FastPaths.ProbeShapes opus = FastPaths.ProbeShapes.of(512, 2048, 2048, 54796, 4096);
        assertEquals("512×512, 2048×512, 512×2048, 4096×512, 1548×512; fused 1536×512, 1024×512", opus.describe());
    }

    @Test
    void bfloat16IsRefusedWithAClearMessageWhereTheCpuHasNoBFloat16Products() throws IOException {
        FastPaths.ProbeShapes shapes = FastPaths.ProbeShapes.of(32, 64, 64, 726, 4096);
        UnsupportedPrecisionException none = assertThrows(UnsupportedPrecisionException.class,
                () -> FastPaths.plan(shapes, PackedProducts.Format.BFLOAT16, false, FastPaths.ONEDNN, cpu("avx2 fma avx512f", null)));
        assertTrue(none.getMessage().startsWith("This CPU has no bfloat16 products: Test CPU (family 25, model 17) has no bfloat16 "
                + "instructions") && none.getMessage().endsWith("Run with --dtype float32 (the default) instead."), none.getMessage());
        UnsupportedPrecisionException capped = assertThrows(UnsupportedPrecisionException.class,
                () -> FastPaths.plan(shapes, PackedProducts.Format.BFLOAT16, false, FastPaths.ONEDNN, cpu("avx512f avx512_bf16", "AVX2")));
        assertTrue(capped.getMessage().contains("ONEDNN_MAX_CPU_ISA=AVX2"), capped.getMessage());
        // Where the CPU has them, wrong bfloat16 products are refused as well (and where it has not, as above).
        assertThrows(UnsupportedPrecisionException.class,
                () -> FastPaths.plan(shapes, PackedProducts.Format.BFLOAT16, false, MISORDERED, CpuInfo.current()));
    }

    @Test
    void theScreenedHeadIsNotUsedWhereTheCpuCannotMultiplyBFloat16() throws IOException {
        FastPaths.ProbeShapes shapes = FastPaths.ProbeShapes.of(32, 64, 64, 726, 4096);
        FastPathCheck none = FastPaths.planScreen(shapes, PackedProducts.Format.FLOAT32, true, cpu("avx2 fma", null), true);
        assertEquals(FastPathCheck.Verdict.UNAVAILABLE, none.verdict());
        assertFalse(none.used());
        FastPathCheck capped = FastPaths.planScreen(shapes, PackedProducts.Format.FLOAT32, true, cpu("avx512f avx512_bf16", "AVX512_CORE"), true);
        assertFalse(capped.used());
        assertTrue(capped.finding().startsWith("unavailable: ONEDNN_MAX_CPU_ISA=AVX512_CORE keeps oneDNN from"), capped.finding());
        FastPathCheck here = FastPaths.planScreen(shapes, PackedProducts.Format.FLOAT32, true, CpuInfo.current(), true);
        assertEquals(CpuInfo.current().bfloat16Refusal() == null, here.used(), here.finding());
        assertFalse(FastPaths.planScreen(shapes, null, true, CpuInfo.current(), true).used(), "a plain head is never screened");
    }

    @Test
    void withChecksOffThePathsAskedForAreUsedUnchecked() {
        String old = System.getProperty(FastPaths.CHECK_PROPERTY);
        try {
            System.setProperty(FastPaths.CHECK_PROPERTY, "off");
            FastPaths.Plan plan = FastPaths.plan(FastPaths.ProbeShapes.of(32, 64, 64, 726, 4096), PackedProducts.Format.FLOAT32, false,
                    MISORDERED);
            assertEquals(PackedProducts.Format.FLOAT32, plan.packing(), "off means off: even wrong products are used");
            FastPathCheck packed = check(plan.checks(), FastPath.PACKED_FLOAT32);
            assertTrue(packed.used() && packed.verdict() == FastPathCheck.Verdict.NOT_CHECKED, packed.finding());
            System.setProperty(FastPaths.CHECK_PROPERTY, "maybe");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FastPaths::checksOn);
            assertTrue(e.getMessage().contains("'maybe'") && e.getMessage().contains("on (the default) or off"), e.getMessage());
        } finally {
            TestData.restoreProperty(FastPaths.CHECK_PROPERTY, old);
        }
    }

    private static List<JsonNode> golden(Path dir) throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("golden.jsonl"))) {
            if (!line.isBlank()) {
                cases.add(JSON.readTree(line));
            }
        }
        return cases;
    }

    private static int[][] matrix(JsonNode node) {
        int[][] m = new int[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            m[i] = new int[node.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = node.get(i).get(j).asInt();
            }
        }
        return m;
    }
}
