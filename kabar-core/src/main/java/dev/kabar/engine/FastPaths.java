package dev.kabar.engine;

import ai.djl.ndarray.NDManager;
import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.nn.PackedProducts;
import dev.kabar.nn.ProductCheck;
import dev.kabar.nn.ProductCheck.Dense;
import dev.kabar.runtime.CpuInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard every fast path passes on this machine before an engine uses it.
 *
 * <p>When an engine is created, each fast path it would use ({@link FastPath}) is checked against
 * PyTorch's plain float32 products on random probes of the shapes the model multiplies
 * ({@link ProductCheck}): its dense layers, its fused projections and its LM head's slices, at one
 * row, a few, a padded bucket and a large block. A path that fails is not used: packed float32
 * products fall back to plain ones, the screened head to the whole float32 head, each with one
 * warning naming the CPU, the path and the error. bfloat16 mode, which a user asks for by name,
 * is refused with an {@link UnsupportedPrecisionException} instead. Results are kept for the
 * process, per path and shapes, so each shape class is checked once.
 *
 * <p>The system property {@value #CHECK_PROPERTY} ({@code on} by default, or {@code off}) turns
 * the checks off; the paths asked for are then used unchecked, with one warning.
 *
 * <p>Thread-safe.
 */
public final class FastPaths {

    /** The system property that turns the checks on (the default) or off. */
    public static final String CHECK_PROPERTY = "kabar.check-fast-paths";

    private static final Logger LOG = LoggerFactory.getLogger(FastPaths.class);
    private static final Map<String, ProductCheck.Outcome> OUTCOMES = new ConcurrentHashMap<>();
    private static final AtomicBoolean SCREEN_REFUSAL_TOLD = new AtomicBoolean();
    /** The fallback of a path that has none: plain products' fused projections. */
    private static final String NO_FALLBACK = "";

    private FastPaths() {
    }

    /** Makes the packed products an engine checks and then multiplies with. */
    @FunctionalInterface
    interface ProductsFactory {
        /** Returns new products in {@code format} whose arrays belong to {@code manager}. */
        PackedProducts create(NDManager manager, PackedProducts.Format format);
    }

    /** oneDNN's packed products, as models use them. */
    static final ProductsFactory ONEDNN = PackedProducts::create;

    /**
     * The shapes a model multiplies, which its fast paths are checked on.
     *
     * @param layers dense layers {@code [out, in]}, the LM head's slices among them
     * @param fused groups of layers computed as one product of stacked weights
     * @param vocab the LM head's rows
     * @param hidden the model's width
     */
    public record ProbeShapes(List<Dense> layers, List<List<Dense>> fused, int vocab, int hidden) {

        /** Returns the shapes of a model of {@code config}, its LM head cut as the engine cuts it. */
        public static ProbeShapes of(ModelConfig config) {
            return of(config, ModelDecoderSession.LM_HEAD_CHUNK);
        }

        /** Returns the shapes of a model of these sizes, its LM head cut as the engine cuts it. */
        public static ProbeShapes of(int d, int encoderFfn, int decoderFfn, int vocab) {
            return of(d, encoderFfn, decoderFfn, vocab, ModelDecoderSession.LM_HEAD_CHUNK);
        }

        /** Returns the shapes of a model of {@code config} whose LM head is cut in slices of {@code chunk} rows. */
        public static ProbeShapes of(ModelConfig config, int chunk) {
            return of(config.dModel(), config.encoderFfnDim(), config.decoderFfnDim(), config.vocabSize(), chunk);
        }

        /** Returns the shapes of a model of these sizes whose LM head is cut in slices of {@code chunk} rows. */
        public static ProbeShapes of(int d, int encoderFfn, int decoderFfn, int vocab, int chunk) {
            LinkedHashSet<Dense> layers = new LinkedHashSet<>();
            layers.add(new Dense(d, d));
            layers.add(new Dense(encoderFfn, d));
            layers.add(new Dense(d, encoderFfn));
            layers.add(new Dense(decoderFfn, d));
            layers.add(new Dense(d, decoderFfn));
            layers.add(new Dense(Math.min(chunk, vocab), d));
            if (vocab > chunk && vocab % chunk != 0) {
                layers.add(new Dense(vocab % chunk, d));
            }
            Dense square = new Dense(d, d);
            return new ProbeShapes(List.copyOf(layers), List.of(List.of(square, square, square), List.of(square, square)), vocab, d);
        }

        /** Returns the shapes in one line, e.g. {@code 512×512, 2048×512, ...; fused 1536×512, 1024×512}. */
        public String describe() {
            return layers.stream().map(Dense::toString).collect(Collectors.joining(", ")) + "; fused "
                    + fused.stream().map(g -> g.stream().mapToInt(Dense::out).sum() + "×" + g.get(0).in()).collect(Collectors.joining(", "));
        }
    }

    /**
     * What an engine will use.
     *
     * @param packing how dense layers pack their weights, or null for plain float32 products
     * @param screen whether greedy search screens the LM head
     * @param checks every fast path with its check and whether it is used
     * @param seconds how long deciding took
     */
    record Plan(PackedProducts.Format packing, boolean screen, List<FastPathCheck> checks, double seconds) { }

    /**
     * Returns whether fast paths are checked, as {@value #CHECK_PROPERTY} says.
     *
     * @throws IllegalArgumentException when the property is neither on nor off
     */
    public static boolean checksOn() {
        String value = System.getProperty(CHECK_PROPERTY, "on").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("The system property " + CHECK_PROPERTY + " must be on or off, but is '"
                    + value + "'; set -D" + CHECK_PROPERTY + "=on (the default) or off.");
        };
    }

    /**
     * Decides the paths of an engine that asks for {@code packing} and, when {@code screenWanted},
     * a screened greedy head: checks each (or reuses this process's result) and keeps those that
     * pass.
     *
     * @throws UnsupportedPrecisionException when bfloat16 products are asked for and this machine
     *     has none, or they fail their check
     */
    static Plan plan(ProbeShapes shapes, PackedProducts.Format packing, boolean screenWanted, ProductsFactory factory) {
        return plan(shapes, packing, screenWanted, factory, CpuInfo.current());
    }

    /** Like {@link #plan(ProbeShapes, PackedProducts.Format, boolean, ProductsFactory)} for the CPU {@code cpu} describes. */
    static Plan plan(ProbeShapes shapes, PackedProducts.Format packing, boolean screenWanted, ProductsFactory factory, CpuInfo cpu) {
        long start = System.nanoTime();
        boolean check = checksOn();
        if (packing == PackedProducts.Format.BFLOAT16) {
            return planBfloat16(shapes, factory, cpu, check, start);
        }
        List<FastPathCheck> checks = new ArrayList<>();
        PackedProducts.Format chosen = packing;
        FastPathCheck packed;
        FastPathCheck fused = null;
        if (packing == null) {
            packed = notChecked(FastPath.PACKED_FLOAT32, "plain products asked for (-D" + Precision.PRODUCTS_PROPERTY + "=plain)");
        } else if (!check) {
            packed = unchecked(FastPath.PACKED_FLOAT32);
        } else {
            String packedKey = key(FastPath.PACKED_FLOAT32, packing, factory, shapes);
            String fusedKey = key(FastPath.FUSED_PROJECTIONS, packing, factory, shapes);
            // One module for both checks: each module costs a TorchScript compilation.
            ProductCheck.Outcome[] both = OUTCOMES.containsKey(packedKey) && OUTCOMES.containsKey(fusedKey) ? null
                    : checkAll(factory, packing, p -> new ProductCheck.Outcome[] {ProductCheck.packed(p, shapes.layers()),
                        ProductCheck.fused(p, shapes.fused())});
            packed = checked(FastPath.PACKED_FLOAT32, packedKey, () -> both[0], cpu, "plain float32 products");
            fused = packed.passed() ? checked(FastPath.FUSED_PROJECTIONS, fusedKey, () -> both[1], cpu, "plain float32 products") : null;
            if (!packed.passed() || !fused.passed()) {
                chosen = null;
            }
        }
        if (chosen == null || !check) {
            // Plain products multiply the stacked weights too: still checked against each layer's own product.
            fused = check ? checked(FastPath.FUSED_PROJECTIONS, key(FastPath.FUSED_PROJECTIONS, null, factory, shapes),
                    () -> ProductCheck.fused(null, shapes.fused()), cpu, NO_FALLBACK)
                    : unchecked(FastPath.FUSED_PROJECTIONS);
        }
        checks.add(packed.withUsed(chosen != null));
        checks.add(fused.withUsed(true));
        FastPathCheck screened = planScreen(shapes, chosen, screenWanted, cpu, check);
        checks.add(screened);
        checks.add(notChecked(FastPath.BFLOAT16, "only with --dtype bfloat16"));
        if (!check) {
            LOG.warn("Fast-path checks are off (-D{}=off): {} used unchecked on {}.", CHECK_PROPERTY,
                    checks.stream().filter(FastPathCheck::used).map(c -> c.path().label()).collect(Collectors.joining(", ")), cpu.describeWithCap());
        }
        return new Plan(chosen, screened.used(), List.copyOf(checks), elapsed(start));
    }

    /**
     * Refuses products this CPU has no instructions for, before anything is loaded.
     *
     * @throws UnsupportedPrecisionException for bfloat16 on a CPU without bfloat16 instructions, or
     *     with {@code ONEDNN_MAX_CPU_ISA} below them
     */
    static void refuseUnsupported(PackedProducts.Format packing) {
        refuseUnsupported(packing, CpuInfo.current());
    }

    private static void refuseUnsupported(PackedProducts.Format packing, CpuInfo cpu) {
        String refusal = packing == PackedProducts.Format.BFLOAT16 ? cpu.bfloat16Refusal() : null;
        if (refusal != null) {
            throw new UnsupportedPrecisionException("This CPU has no bfloat16 products: " + refusal
                    + ". Run with --dtype float32 (the default) instead.");
        }
    }

    /**
     * Starts {@link #plan} on a thread of its own, with one intra-op thread (see
     * {@code EngineWorkers.onOneThread}), so that the checks run beside the model's loading.
     */
    static CompletableFuture<Plan> planAsync(ProbeShapes shapes, PackedProducts.Format packing, boolean screenWanted,
                                             ProductsFactory factory) {
        CompletableFuture<Plan> plan = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                plan.complete(EngineWorkers.onOneThread(() -> plan(shapes, packing, screenWanted, factory)));
            } catch (Throwable e) {
                plan.completeExceptionally(e);
            }
        }, "kabar-fast-path-checks");
        thread.setDaemon(true);
        thread.start();
        return plan;
    }

    /** Waits for a plan; its failure is thrown as it was thrown. */
    static Plan await(CompletableFuture<Plan> plan) {
        try {
            return plan.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for a plan whatever its outcome: the caller is already reporting a failure. */
    static void awaitQuietly(CompletableFuture<Plan> plan) {
        try {
            plan.join();
        } catch (RuntimeException e) {
            // The caller's failure is the one to report.
        }
    }

    /**
     * Checks the screened head for an engine on {@code packing} that wants it, as {@link #plan}
     * does: for engines that switch screening on after loading.
     */
    static FastPathCheck planScreen(ProbeShapes shapes, PackedProducts.Format packing, boolean screenWanted, CpuInfo cpu, boolean check) {
        if (!screenWanted) {
            return notChecked(FastPath.SCREENED_HEAD, "not asked for (-D" + HeadScreening.PROPERTY + ")");
        }
        if (packing != PackedProducts.Format.FLOAT32) {
            return notChecked(FastPath.SCREENED_HEAD, "only a head on packed float32 products is screened");
        }
        String refusal = cpu.bfloat16Refusal();
        if (refusal != null) {
            if (!SCREEN_REFUSAL_TOLD.getAndSet(true)) {
                LOG.warn("The {} is not used: {}. Greedy search computes the whole float32 head.", FastPath.SCREENED_HEAD.label(), refusal);
            }
            return unavailable(FastPath.SCREENED_HEAD, refusal);
        }
        if (!check) {
            return unchecked(FastPath.SCREENED_HEAD);
        }
        FastPathCheck screened = checked(FastPath.SCREENED_HEAD, "screened|" + shapes.vocab() + "|" + shapes.hidden(),
                () -> ProductCheck.screenedHead(shapes.vocab(), shapes.hidden()), cpu, "the whole float32 head");
        return screened.withUsed(screened.passed());
    }

    private static Plan planBfloat16(ProbeShapes shapes, ProductsFactory factory, CpuInfo cpu, boolean check, long start) {
        refuseUnsupported(PackedProducts.Format.BFLOAT16, cpu);
        List<FastPathCheck> checks = new ArrayList<>();
        checks.add(notChecked(FastPath.PACKED_FLOAT32, "bfloat16 mode packs bfloat16 weights"));
        if (check) {
            FastPathCheck products = checked(FastPath.BFLOAT16, key(FastPath.BFLOAT16, PackedProducts.Format.BFLOAT16, factory, shapes),
                    () -> withProducts(factory, PackedProducts.Format.BFLOAT16, p -> ProductCheck.packed(p, shapes.layers())), cpu, null);
            FastPathCheck fused = products.passed()
                    ? checked(FastPath.FUSED_PROJECTIONS, key(FastPath.FUSED_PROJECTIONS, PackedProducts.Format.BFLOAT16, factory, shapes),
                            () -> withProducts(factory, PackedProducts.Format.BFLOAT16, p -> ProductCheck.fused(p, shapes.fused())), cpu, null)
                    : null;
            for (FastPathCheck c : new FastPathCheck[] {products, fused}) {
                if (c != null && !c.passed()) {
                    throw new UnsupportedPrecisionException("bfloat16 products are wrong on " + cpu.describeWithCap() + ": " + c.path().label()
                            + " " + c.finding() + ". Run with --dtype float32 (the default) instead.");
                }
            }
            checks.add(fused.withUsed(true));
            checks.add(notChecked(FastPath.SCREENED_HEAD, "only float32 greedy search screens its head"));
            checks.add(products.withUsed(true));
        } else {
            checks.add(unchecked(FastPath.FUSED_PROJECTIONS));
            checks.add(notChecked(FastPath.SCREENED_HEAD, "only float32 greedy search screens its head"));
            checks.add(unchecked(FastPath.BFLOAT16));
            LOG.warn("Fast-path checks are off (-D{}=off): bfloat16 products used unchecked on {}.", CHECK_PROPERTY, cpu.describeWithCap());
        }
        return new Plan(PackedProducts.Format.BFLOAT16, false, List.copyOf(checks), elapsed(start));
    }

    /**
     * Checks every fast path on these shapes, whatever an engine would ask for, for
     * {@code kabar doctor}: fresh checks, not this process's earlier results.
     *
     * @param misordered check deliberately wrong packed products instead of oneDNN's, to show what a failure looks like
     * @return the packed float32, fused, screened-head and bfloat16 checks; {@code used} says what a
     *     default float32 engine would use (with checks off, {@value #CHECK_PROPERTY}, what it asks
     *     for, passed or not)
     */
    public static List<FastPathCheck> survey(ProbeShapes shapes, boolean misordered) {
        // As an engine runs them: on one intra-op thread.
        return EngineWorkers.onOneThread(() -> surveyHere(shapes, misordered));
    }

    private static List<FastPathCheck> surveyHere(ProbeShapes shapes, boolean misordered) {
        ProductsFactory factory = misordered ? PackedProducts::createMisordered : ONEDNN;
        CpuInfo cpu = CpuInfo.current();
        FastPathCheck packed = fresh(FastPath.PACKED_FLOAT32,
                withProducts(factory, PackedProducts.Format.FLOAT32, p -> ProductCheck.packed(p, shapes.layers())));
        FastPathCheck fusedPacked = fresh(FastPath.FUSED_PROJECTIONS,
                withProducts(factory, PackedProducts.Format.FLOAT32, p -> ProductCheck.fused(p, shapes.fused())));
        boolean check = checksOn();
        // With checks off an engine uses what it asks for, passed or not.
        boolean packedUsed = !check || (packed.passed() && fusedPacked.passed());
        FastPathCheck fused = packedUsed ? fusedPacked : fresh(FastPath.FUSED_PROJECTIONS, ProductCheck.fused(null, shapes.fused()));
        boolean screenWanted = HeadScreening.enabled();
        String refusal = cpu.bfloat16Refusal();
        FastPathCheck screened;
        FastPathCheck bfloat16;
        if (refusal != null) {
            screened = unavailable(FastPath.SCREENED_HEAD, refusal);
            bfloat16 = unavailable(FastPath.BFLOAT16, refusal);
        } else {
            screened = fresh(FastPath.SCREENED_HEAD, ProductCheck.screenedHead(shapes.vocab(), shapes.hidden()));
            screened = screened.withUsed((!check || screened.passed()) && packedUsed && screenWanted);
            bfloat16 = fresh(FastPath.BFLOAT16, withProducts(factory, PackedProducts.Format.BFLOAT16, p -> ProductCheck.packed(p, shapes.layers())));
        }
        return List.of(packed.withUsed(packedUsed), fused.withUsed(true), screened, bfloat16);
    }

    /**
     * Checks oneDNN's float32 packing without the rows kabar adds, on these shapes and a small
     * ragged layer, for {@code kabar doctor}: whether this CPU has the fault kabar's padding works
     * around. Never a path kabar uses.
     */
    public static FastPathCheck unpaddedPacking(ProbeShapes shapes) {
        List<Dense> probe = new ArrayList<>(shapes.layers());
        probe.add(new Dense(48, 64));
        return fresh(FastPath.PACKED_FLOAT32, EngineWorkers.onOneThread(() -> ProductCheck.unpaddedPacking(probe)));
    }

    private static FastPathCheck checked(FastPath path, String key, Supplier<ProductCheck.Outcome> run, CpuInfo cpu, String fallback) {
        boolean[] fresh = {false};
        ProductCheck.Outcome outcome = OUTCOMES.computeIfAbsent(key, k -> {
            fresh[0] = true;
            return run.get();
        });
        FastPathCheck result = fresh(path, outcome);
        if (fresh[0] && !result.passed() && fallback != null) {
            LOG.warn(warning(result, cpu, fallback));
        }
        return result;
    }

    /** Returns the one warning a failed check gives: the CPU, the path, the error, and what is used instead. */
    static String warning(FastPathCheck failed, CpuInfo cpu, String fallback) {
        if (fallback.equals(NO_FALLBACK)) {
            return "The " + failed.path().label() + " on plain products failed their check on " + cpu.describeWithCap() + ": "
                    + failed.error() + ". Plain products have no other way, so they stay in use and tokens may differ from "
                    + "transformers' on this CPU. `kabar doctor` shows every check.";
        }
        return "The " + failed.path().label() + " failed their check on " + cpu.describeWithCap() + ": " + failed.error()
                + ". They are not used: kabar uses " + fallback + " instead, with the same tokens. `kabar doctor` shows every check.";
    }

    private static FastPathCheck fresh(FastPath path, ProductCheck.Outcome outcome) {
        FastPathCheck.Verdict verdict = !outcome.available() ? FastPathCheck.Verdict.UNAVAILABLE
                : outcome.passed() ? FastPathCheck.Verdict.PASSED : FastPathCheck.Verdict.FAILED;
        return new FastPathCheck(path, verdict, false, outcome.worstRatio(), outcome.worstError(), outcome.worstScale(), outcome.where(),
                outcome.note(), outcome.seconds());
    }

    private static ProductCheck.Outcome withProducts(ProductsFactory factory, PackedProducts.Format format,
                                                     Function<PackedProducts, ProductCheck.Outcome> body) {
        return checkAll(factory, format, p -> new ProductCheck.Outcome[] {body.apply(p)})[0];
    }

    /** Runs checks on products made by {@code factory}; products that cannot even be made give outcomes that say why. */
    private static ProductCheck.Outcome[] checkAll(ProductsFactory factory, PackedProducts.Format format,
                                                   Function<PackedProducts, ProductCheck.Outcome[]> body) {
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(); PackedProducts products = factory.create(manager, format)) {
            return body.apply(products);
        } catch (RuntimeException e) {
            ProductCheck.Outcome refused = ProductCheck.Outcome.unavailable(e, (System.nanoTime() - start) / 1e9);
            return new ProductCheck.Outcome[] {refused, refused};
        }
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String key(FastPath path, PackedProducts.Format format, ProductsFactory factory, ProbeShapes shapes) {
        return path + "|" + format + "|" + (factory == ONEDNN ? "onednn" : factory.toString()) + "|" + shapes;
    }

    private static FastPathCheck unavailable(FastPath path, String why) {
        return new FastPathCheck(path, FastPathCheck.Verdict.UNAVAILABLE, false, Double.NaN, Double.NaN, Double.NaN, "", why, 0);
    }

    private static FastPathCheck notChecked(FastPath path, String why) {
        return new FastPathCheck(path, FastPathCheck.Verdict.NOT_CHECKED, false, Double.NaN, Double.NaN, Double.NaN, "", why, 0);
    }

    private static FastPathCheck unchecked(FastPath path) {
        return new FastPathCheck(path, FastPathCheck.Verdict.NOT_CHECKED, true, Double.NaN, Double.NaN, Double.NaN, "",
                "checks are off (-D" + CHECK_PROPERTY + "=off)", 0);
    }
}
