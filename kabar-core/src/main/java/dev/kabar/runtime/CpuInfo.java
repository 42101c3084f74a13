package dev.kabar.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU this process runs on, as far as kabar's fast paths care: its name, its instruction-set
 * flags, and the cap {@code ONEDNN_MAX_CPU_ISA} puts on the instructions oneDNN may use.
 *
 * <p>Read from {@code /proc/cpuinfo}; elsewhere (not Linux) every field is empty and nothing is
 * assumed of the CPU. Immutable.
 *
 * @param modelName the {@code model name} line, e.g. {@code AMD EPYC}; empty when unknown
 * @param vendor the {@code vendor_id} line, e.g. {@code AuthenticAMD}; empty when unknown
 * @param family the {@code cpu family} line (decimal), empty when unknown
 * @param model the {@code model} line (decimal), empty when unknown
 * @param flags the first processor's {@code flags}
 * @param isaCap the value of {@code ONEDNN_MAX_CPU_ISA} (or the older {@code DNNL_MAX_CPU_ISA}), upper case; empty when unset
 */
public record CpuInfo(String modelName, String vendor, String family, String model, Set<String> flags, String isaCap) {

    /**
     * oneDNN's ISA names, narrowest first, as {@code ONEDNN_MAX_CPU_ISA} takes them (oneDNN 3.7's
     * {@code dnnl_cpu_isa_t}); aliases share a rank. Products with bfloat16 instructions start at
     * {@code AVX512_CORE_BF16}.
     */
    private static final List<List<String>> ISA_ORDER = List.of(
            List.of("SSE41"), List.of("AVX"), List.of("AVX2"), List.of("AVX2_VNNI"), List.of("AVX2_VNNI_2"),
            List.of("AVX512_CORE"), List.of("AVX512_CORE_VNNI"), List.of("AVX512_CORE_BF16"),
            List.of("AVX10_1_512", "AVX512_CORE_FP16"), List.of("AVX10_1_512_AMX", "AVX512_CORE_AMX"),
            List.of("AVX10_1_512_AMX_FP16", "AVX512_CORE_AMX_FP16"), List.of("ALL", "DEFAULT"));
    private static final int BF16_RANK = 7;

    /** The flags {@code kabar doctor} shows: those that decide which kernels oneDNN and MKL run. */
    private static final List<String> NOTABLE = List.of("sse4_2", "avx", "avx2", "fma", "avx_vnni", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx512_vp2intersect", "amx_tile", "amx_bf16", "amx_int8",
            "asimd", "sve");

    private static volatile CpuInfo current;

    /** Keeps the flags as an ordered, unmodifiable set. */
    public CpuInfo {
        flags = Set.copyOf(new TreeSet<>(flags));
    }

    /** Returns this machine's CPU (read once), with the ISA cap from the environment. */
    public static CpuInfo current() {
        CpuInfo info = current;
        if (info == null) {
            String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
            if (cap == null || cap.isBlank()) {
                cap = System.getenv("DNNL_MAX_CPU_ISA");
            }
            info = read(Path.of("/proc/cpuinfo"), cap);
            current = info;
        }
        return info;
    }

    /** Reads a {@code /proc/cpuinfo}-style file; a missing or unreadable one gives an unknown CPU. */
    public static CpuInfo read(Path cpuinfo, String isaCap) {
        try {
            return parse(Files.readAllLines(cpuinfo), isaCap);
        } catch (IOException | RuntimeException e) {
            return parse(List.of(), isaCap);
        }
    }

    /** Parses the lines of {@code /proc/cpuinfo}: the first processor's fields. */
    static CpuInfo parse(List<String> lines, String isaCap) {
        String name = "";
        String vendor = "";
        String family = "";
        String model = "";
        Set<String> flags = new TreeSet<>();
        boolean flagsSeen = false;
        for (String line : lines) {
            if (line.isBlank() && (flagsSeen || !name.isEmpty())) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name" -> name = value;
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = value;
                case "model" -> model = value;
                // ARM kernels call them Features.
                case "flags", "Features" -> {
                    flagsSeen = true;
                    for (String flag : value.split("\\s+")) {
                        if (!flag.isEmpty()) {
                            flags.add(flag);
                        }
                    }
                }
                default -> { }
            }
        }
        String cap = isaCap == null ? "" : isaCap.trim().toUpperCase(Locale.ROOT);
        return new CpuInfo(name, vendor, family, model, flags, cap);
    }

    /**
     * Returns the CPU in one phrase for messages: {@code AMD EPYC (family 26, model 2)}, followed by
     * the ISA cap when one is set.
     */
    public String describeWithCap() {
        return isaCap.isEmpty() ? describe() : describe() + " under ONEDNN_MAX_CPU_ISA=" + isaCap;
    }

    /** Returns the CPU in one phrase for messages: {@code AMD EPYC (family 26, model 2)}. */
    public String describe() {
        String base = modelName.isEmpty() ? (vendor.isEmpty() ? "an unidentified CPU" : vendor) : modelName;
        if (!family.isEmpty()) {
            base += " (family " + family + (model.isEmpty() ? "" : ", model " + model) + ")";
        }
        return base;
    }

    /** Returns the flags among those that decide the kernels oneDNN and MKL pick, in a fixed order. */
    public List<String> notableFlags() {
        return NOTABLE.stream().filter(flags::contains).toList();
    }

    /** Returns whether the CPU has bfloat16 dot-product instructions ({@code avx512_bf16} or {@code amx_bf16}). */
    public boolean hasBfloat16Instructions() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }

    /**
     * Returns why oneDNN cannot multiply bfloat16 with the CPU's own instructions here, or null when
     * it can: the CPU lacks them, or {@code ONEDNN_MAX_CPU_ISA} caps oneDNN below
     * {@code AVX512_CORE_BF16}. An ISA name kabar does not know is left to the products' own check.
     */
    public String bfloat16Refusal() {
        if (!hasBfloat16Instructions()) {
            return describe() + " has no bfloat16 instructions (its flags name neither avx512_bf16 nor amx_bf16)";
        }
        int rank = isaRank(isaCap);
        if (rank >= 0 && rank < BF16_RANK) {
            return "ONEDNN_MAX_CPU_ISA=" + isaCap + " keeps oneDNN from the bfloat16 instructions of " + describe()
                    + " (they need AVX512_CORE_BF16 or above)";
        }
        return null;
    }

    /** Returns the rank of a oneDNN ISA name in {@link #ISA_ORDER}, or -1 when empty or unknown. */
    static int isaRank(String isa) {
        for (int i = 0; i < ISA_ORDER.size(); i++) {
            if (ISA_ORDER.get(i).contains(isa)) {
                return i;
            }
        }
        return -1;
    }
}
