package dev.kabar;

import dev.kabar.runtime.CpuInfo;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Tests of bfloat16 products on any CPU. Where oneDNN multiplies bfloat16 with the CPU's own
 * instructions, such a test runs as written. Where it cannot (no {@code avx512_bf16} or
 * {@code amx_bf16}, or {@code ONEDNN_MAX_CPU_ISA} below {@code AVX512_CORE_BF16}), bfloat16 must be
 * refused, never wrong: the test either passes as written (oneDNN emulates the instructions
 * correctly) or is refused by oneDNN or by kabar; a failed assertion fails it either way. Nothing
 * is skipped.
 */
public final class Bfloat16Cpu {

    private Bfloat16Cpu() {
    }

    /** Returns whether oneDNN multiplies bfloat16 with this CPU's own instructions. */
    public static boolean available() {
        return CpuInfo.current().bfloat16Refusal() == null;
    }

    /** Runs a test of bfloat16 products: as written where they are available, else right or refused. */
    public static void test(Executable body) throws Throwable {
        if (available()) {
            body.execute();
            return;
        }
        try {
            body.execute();
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            if (!isRefusal(e)) {
                throw new AssertionFailedError("bfloat16 on " + CpuInfo.current().describeWithCap()
                        + " must be refused, but failed otherwise: " + e, e);
            }
        }
    }

    /** Whether {@code e}, or a cause, is oneDNN's or kabar's refusal of bfloat16 products. */
    public static boolean isRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t.getClass().getSimpleName().equals("UnsupportedPrecisionException") || message.contains("has no bfloat16 products")
                    || message.contains("TorchScript interpreter")) {
                return true;
            }
        }
        return false;
    }
}
