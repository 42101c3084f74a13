package dev.kabar.engine;

import dev.kabar.runtime.CpuInfo;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether greedy search screens the float32 LM head through its bfloat16 copy
 * ({@link dev.kabar.nn.ScreenedHead}, {@link ScreenedScores}). The tokens are the same either way;
 * screening pays where the CPU multiplies bfloat16 natively, and costs half the head's size in
 * memory once a greedy call has run.
 *
 * <p>The system property {@value #PROPERTY} decides whether screening is wanted: {@code auto} (the
 * default) on CPUs whose flags in {@code /proc/cpuinfo} include {@code avx512_bf16} or
 * {@code amx_bf16}; {@code on} always; {@code off} never. Wanted or not, it is used only where
 * oneDNN may use those instructions and the screened head passes its check ({@link FastPaths}).
 */
final class HeadScreening {

    /** The system property: {@code auto}, {@code on} or {@code off}. */
    static final String PROPERTY = "kabar.screen-head";

    private HeadScreening() {
    }

    /**
     * Returns whether greedy search should screen the head, as {@value #PROPERTY} says.
     *
     * @throws IllegalArgumentException when the property is none of auto, on, off
     */
    static boolean enabled() {
        String value = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "on":
                return true;
            case "off":
                return false;
            case "auto":
                return CpuInfo.current().hasBfloat16Instructions();
            default:
                throw new IllegalArgumentException("The system property " + PROPERTY + " must be auto, on or off, but is '"
                        + value + "'; set -D" + PROPERTY + "=auto (the default), on or off.");
        }
    }

    /** Returns whether the CPU described by a {@code /proc/cpuinfo}-style file has bfloat16 dot-product instructions. */
    static boolean cpuMultipliesBfloat16(Path cpuinfo) {
        // No such file (not Linux) or unreadable: nothing tells us the CPU has the instructions.
        return CpuInfo.read(cpuinfo, null).hasBfloat16Instructions();
    }
}
