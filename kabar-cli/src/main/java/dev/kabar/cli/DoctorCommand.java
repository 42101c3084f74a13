package dev.kabar.cli;

import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.engine.FastPath;
import dev.kabar.engine.FastPathCheck;
import dev.kabar.engine.FastPaths;
import dev.kabar.engine.NativeRuntime;
import dev.kabar.hub.ModelResolver;
import dev.kabar.runtime.CpuInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kabar doctor}: whether this machine runs kabar's fast paths correctly. Prints the CPU,
 * the native libraries, each fast path with its check against PyTorch's plain float32 products,
 * and a verdict.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Checks each fast path (packed float32 products, fused projections, the screened greedy LM head, bfloat16 "
                    + "products) against PyTorch's plain float32 products on this CPU, on the shapes of a model, and says "
                    + "which an engine would use."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every fast path in use passed its check (those that failed are not used).",
            "1:A fast path in use failed its check (only with -Dkabar.check-fast-paths=off), or the model cannot be read.",
            "2:Bad usage."})
final class DoctorCommand implements Callable<Integer> {

    /**
     * The shapes of Helsinki-NLP/opus-mt-id-en, kabar's default translator (its config.json):
     * d_model 512, feed-forward 2048 in both stacks, 54796 tokens.
     */
    private static final FastPaths.ProbeShapes OPUS_MT_ID_EN = FastPaths.ProbeShapes.of(512, 2048, 2048, 54796);

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Check on this model's shapes: a checkpoint folder, or a hub id in the cache "
                    + "(default: the shapes of Helsinki-NLP/opus-mt-id-en).")
    String model;

    @Option(names = "--misordered",
            description = "Check deliberately wrong packed products (weights' rows reversed) instead of oneDNN's, "
                    + "to see what a failing check looks like and that it is refused.")
    boolean misordered;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FastPaths.ProbeShapes shapes = OPUS_MT_ID_EN;
        String shapeName = "Helsinki-NLP/opus-mt-id-en";
        if (model != null) {
            shapes = FastPaths.ProbeShapes.of(ModelConfig.read(ModelResolver.resolve(model)));
            shapeName = model;
        }
        CpuInfo cpu = CpuInfo.current();
        out.println("CPU        " + cpu.describe() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        out.println("flags      " + (cpu.notableFlags().isEmpty() ? "(none of note)" : String.join(" ", cpu.notableFlags())));
        out.println("ISA cap    " + (cpu.isaCap().isEmpty() ? "none (ONEDNN_MAX_CPU_ISA is not set)" : "ONEDNN_MAX_CPU_ISA=" + cpu.isaCap()));
        out.println("libraries  DJL " + NativeRuntime.djlVersion() + ", PyTorch " + NativeRuntime.pytorchVersion() + ", oneDNN "
                + NativeRuntime.onednnVersion());
        out.println("threads    " + NativeRuntime.intraOpThreads() + " intra-op");
        out.println("shapes     " + shapeName + ": " + shapes.describe() + "; head " + shapes.vocab() + "×" + shapes.hidden());
        out.println("checks     " + (FastPaths.checksOn() ? "on" : "OFF (-D" + FastPaths.CHECK_PROPERTY + "=off): paths are used unchecked")
                + (misordered ? "; packed products deliberately misordered (--misordered)" : ""));
        out.println();

        long start = System.nanoTime();
        List<FastPathCheck> checks = FastPaths.survey(shapes, misordered);
        FastPathCheck unpadded = FastPaths.unpaddedPacking(shapes);
        double seconds = (System.nanoTime() - start) / 1e9;

        out.println("Fast paths, each against PyTorch's plain float32 products:");
        for (FastPathCheck c : checks) {
            String use = c.used() ? "USED" : c.path() == FastPath.BFLOAT16 && c.passed() ? "with --dtype bfloat16" : "not used";
            out.printf(Locale.ROOT, "  %-26s %-22s %s%n", c.path().label(), use, c.finding());
        }
        out.println();
        out.println("oneDNN's own float32 packing, which kabar does not use (it pads each weight to a multiple of 64 rows):");
        out.println("  on this CPU: " + unpadded.finding());
        out.println();
        out.printf(Locale.ROOT, "checks took %.2f s%n", seconds);

        List<FastPathCheck> wrongInUse = checks.stream().filter(c -> c.used() && c.verdict() == FastPathCheck.Verdict.FAILED).toList();
        List<FastPathCheck> refused = checks.stream().filter(c -> !c.used() && c.verdict() == FastPathCheck.Verdict.FAILED).toList();
        if (!wrongInUse.isEmpty()) {
            out.println("verdict    WRONG: " + labels(wrongInUse) + " failed but would be used, because checks are off. "
                    + "Remove -D" + FastPaths.CHECK_PROPERTY + "=off.");
            return Main.EXIT_FAILED;
        }
        String inUse = labels(checks.stream().filter(FastPathCheck::used).filter(c -> c.path() != FastPath.BFLOAT16).toList());
        out.println("verdict    correct: every fast path in use passed its check" + (inUse.isEmpty() ? "" : " (" + inUse + ")") + "."
                + (refused.isEmpty() ? "" : " Failed and not used: " + String.join(", ", refused.stream().map(DoctorCommand::fallback).toList())
                        + "."));
        return Main.EXIT_OK;
    }

    /** Names a failed path and what kabar does instead. */
    private static String fallback(FastPathCheck failed) {
        return failed.path().label() + switch (failed.path()) {
            case PACKED_FLOAT32, FUSED_PROJECTIONS -> " (plain float32 products instead, the same tokens)";
            case SCREENED_HEAD -> " (the whole float32 head instead, the same tokens)";
            case BFLOAT16 -> " (--dtype bfloat16 is refused)";
        };
    }

    private static String labels(List<FastPathCheck> checks) {
        return String.join(", ", checks.stream().map(c -> c.path().label()).toList());
    }
}
