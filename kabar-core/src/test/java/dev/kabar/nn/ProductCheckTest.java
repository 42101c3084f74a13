package dev.kabar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.kabar.nn.ProductCheck.Dense;
import dev.kabar.nn.ProductCheck.Outcome;
import dev.kabar.runtime.CpuInfo;
import dev.kabar.runtime.DjlOffline;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast-path check: oneDNN's products pass it on this CPU, whatever its instructions;
 * deliberately wrong products fail it; and its float32 bound is tight enough to reject bfloat16
 * rounding.
 */
class ProductCheckTest {

    /** Shapes of the tiny checkpoints and ragged ones, whose last oneDNN block is partly padding. */
    private static final List<Dense> SHAPES = List.of(new Dense(48, 48), new Dense(96, 48), new Dense(48, 96), new Dense(726, 48),
            new Dense(48, 64), new Dense(100, 64), new Dense(1548, 64));
    private static final List<List<Dense>> FUSED = List.of(List.of(new Dense(48, 48), new Dense(48, 48), new Dense(48, 48)),
            List.of(new Dense(32, 32), new Dense(32, 32)));

    @BeforeAll
    static void loadPyTorch() {
        DjlOffline.ensure();
        Engine.getInstance();
    }

    @Test
    void oneDnnFloat32ProductsPassOnThisCpu() {
        try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.FLOAT32)) {
            Outcome packed = ProductCheck.packed(p, SHAPES);
            assertTrue(packed.passed(), CpuInfo.current().describeWithCap() + ": " + packed);
            Outcome fused = ProductCheck.fused(p, FUSED);
            assertTrue(fused.passed(), fused.toString());
        }
        Outcome plain = ProductCheck.fused(null, FUSED);
        assertTrue(plain.passed(), plain.toString());
    }

    @Test
    void misorderedProductsFailByFarMoreThanRounding() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (PackedProducts.Format format : PackedProducts.Format.values()) {
                try (PackedProducts p = PackedProducts.createMisordered(m, format)) {
                    Outcome outcome = ProductCheck.packed(p, SHAPES);
                    if (format == PackedProducts.Format.BFLOAT16 && !outcome.available()) {
                        // No bfloat16 products here at all (ONEDNN_MAX_CPU_ISA=AVX2): refused, never passed.
                        assertTrue(CpuInfo.current().bfloat16Refusal() != null, outcome.toString());
                        continue;
                    }
                    assertFalse(outcome.passed(), format + ": " + outcome);
                    assertTrue(outcome.worstRatio() > 10, format + ": " + outcome);
                    assertTrue(outcome.worstError() > 0.1 * outcome.worstScale() / 48, format + ": " + outcome);
                    assertFalse(ProductCheck.fused(p, FUSED).passed(), format + " fused");
                }
            }
        }
    }

    @Test
    void theFloat32BoundRejectsBFloat16Rounding() {
        try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.BFLOAT16)) {
            Outcome asFloat32 = ProductCheck.probe(p, SHAPES, false, false, System.nanoTime());
            if (!asFloat32.available()) {
                assertTrue(CpuInfo.current().bfloat16Refusal() != null, asFloat32.toString());
                return;
            }
            assertFalse(asFloat32.passed(), "bfloat16 rounding passed as float32: " + asFloat32);
            Outcome asBFloat16 = ProductCheck.packed(p, SHAPES);
            assertTrue(asBFloat16.passed(), asBFloat16.toString());
            // The bfloat16 bound is not vacuous either: the products use a good part of it.
            assertTrue(asBFloat16.worstRatio() > 0.01, asBFloat16.toString());
        }
    }

    @Test
    void bFloat16ProductsPassWhereTheCpuHasThemAndAreRefusedWhereOneDnnHasNone() {
        try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.BFLOAT16)) {
            Outcome outcome = ProductCheck.packed(p, SHAPES);
            if (CpuInfo.current().bfloat16Refusal() == null) {
                assertTrue(outcome.passed(), outcome.toString());
            } else {
                // Without the instructions oneDNN either refuses (AVX2) or emulates them (AVX512_CORE): never wrong.
                assertTrue(outcome.passed() || (!outcome.available() && !outcome.note().isEmpty()), outcome.toString());
            }
        }
    }

    @Test
    void theScreenedHeadPassesItsCheckWhereBFloat16RunsAndIsRefusedWhereNot() {
        Outcome outcome = ProductCheck.screenedHead(726, 48);
        Outcome ragged = ProductCheck.screenedHead(5000, 64);
        if (outcome.available()) {
            assertTrue(outcome.passed(), outcome.toString());
            assertTrue(ragged.passed(), ragged.toString());
            assertTrue(ragged.where().startsWith((4096 + 5000 % 64) + "×64 head"), ragged.where());
            assertTrue(outcome.worstRatio() > 0.001, "the bound is not vacuous: " + outcome);
        } else {
            assertTrue(CpuInfo.current().bfloat16Refusal() != null, outcome.toString());
        }
    }

    @Test
    void anOutcomeOfProductsThatCannotRunSaysWhy() {
        Outcome refused = Outcome.unavailable(new IllegalStateException(
                "The following operation failed in the TorchScript interpreter.\nTraceback of TorchScript:\n  line 3\n"
                        + "RuntimeError: could not create a primitive descriptor\n"), 0.01);
        assertFalse(refused.passed());
        assertEquals("RuntimeError: could not create a primitive descriptor", refused.note());
        assertEquals("plain message", Outcome.unavailable(new IllegalStateException("plain message\nmore"), 0).note());
    }
}
