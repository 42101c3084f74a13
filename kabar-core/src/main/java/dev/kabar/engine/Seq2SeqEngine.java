package dev.kabar.engine;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.checkpoint.CheckpointException;
import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.TensorSource;
import dev.kabar.checkpoint.WeightFiles;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.generate.ForcedWords;
import dev.kabar.generate.Generator;
import dev.kabar.nn.PackedProducts;
import dev.kabar.nn.EncoderDecoderModel;
import dev.kabar.nn.WeightStore;
import dev.kabar.runtime.DjlOffline;
import dev.kabar.runtime.CpuInfo;
import dev.kabar.runtime.Profile;
import dev.kabar.tokenize.TextTokenizer;
import dev.kabar.tokenize.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A Hugging Face encoder-decoder checkpoint (MarianMT or BART) loaded for generation.
 *
 * <p>Load a folder exactly as the hub publishes it; then {@link #generate(List, Map)} turns texts into
 * texts, or {@link #generateIds(int[][], GenerationConfig)} ids into ids, with the semantics of
 * transformers' {@code generate()}. Generation settings come from the checkpoint's
 * {@code generation_config.json} (else the generation keys of its {@code config.json}) with per-call
 * overrides under the same names. One engine may be used by one thread at a time; each call is
 * decoded on the engine's own workers ({@link #withWorkers}).
 */
public final class Seq2SeqEngine implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Inputs each worker decodes at once when a call brings more: the next inputs join as others
     * finish (continuous batching). Measured on the opus-mt architecture with two workers (kabar
     * bench workload, news-256 in file order, two interleaved runs): greedy 541-593 tokens/s at 96
     * rows a worker, 536-575 at 128, 461-539 at 192; beam 4 207-214 at 384 rows (96 inputs),
     * 194-202 at 256, 170-190 at 128. Enough rows for efficient matrix products, few enough that
     * the tail of a batch stays busy.
     */
    public static final int DEFAULT_INPUTS_PER_WORKER = 96;

    /** The most rows (inputs × beams) a worker decodes at once by default, whatever the beam count: it bounds the caches' memory. */
    public static final int DEFAULT_MAX_ROWS_CAP = 384;

    /** Returns the rows each worker decodes at once by default with {@code beams} beams. */
    public static int defaultMaxRows(int beams) {
        return Math.max(beams, Math.min(DEFAULT_MAX_ROWS_CAP, DEFAULT_INPUTS_PER_WORKER * beams));
    }

    /**
     * Workers decoding the parts of a call side by side ({@link EngineWorkers}): one per core, at
     * most four. Measured on 2 cores only; beyond that, four keeps the caches of four parts in
     * memory (about 1 GB each for opus-mt at 128 rows) while each worker still gets several
     * threads on a large machine.
     */
    public static final int DEFAULT_WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    static {
        DjlOffline.ensure();
    }

    /** The intra-op threads the workers share: DJL's {@code ai.djl.pytorch.num_threads} when set, else one per core. */
    static int intraOpThreads() {
        return Math.max(1, Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
    }

    private final Path folder;
    private final ModelConfig config;
    private final JsonNode generationDefaults;
    private final EncoderDecoderModel model;
    private final TextTokenizer tokenizer;
    private final Precision precision;
    private volatile EngineWorkers workers = new EngineWorkers(DEFAULT_WORKERS, intraOpThreads());
    private volatile int lmHeadChunk = ModelDecoderSession.LM_HEAD_CHUNK;
    private final PackedProducts.Format packing;
    private final FastPaths.ProductsFactory productsFactory;
    private volatile boolean screenGreedy;
    private volatile List<FastPathCheck> fastPaths;
    private final double checkSeconds;

    private Seq2SeqEngine(Path folder, ModelConfig config, JsonNode generationDefaults, EncoderDecoderModel model,
                          TextTokenizer tokenizer, Precision precision, FastPaths.Plan plan, FastPaths.ProductsFactory productsFactory) {
        this.checkSeconds = plan.seconds();
        this.packing = plan.packing();
        this.productsFactory = productsFactory;
        this.screenGreedy = plan.screen();
        this.fastPaths = plan.checks();
        this.precision = precision;
        this.folder = folder;
        this.config = config;
        this.generationDefaults = generationDefaults;
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Loads a checkpoint folder, preferring safetensors weights. */
    public static Seq2SeqEngine load(Path folder) {
        return load(folder, WeightFormat.AUTO);
    }

    /** Loads a checkpoint folder, preferring safetensors weights, with its products in {@code precision}. */
    public static Seq2SeqEngine load(Path folder, Precision precision) {
        return load(folder, WeightFormat.AUTO, true, precision);
    }

    /**
     * Loads a checkpoint folder: config, generation config, tokenizer and weights.
     *
     * @throws CheckpointException naming the file or tensor that is missing, corrupt or unsupported
     * @throws dev.kabar.tokenize.TokenizerException when the tokenizer files are missing or corrupt
     */
    public static Seq2SeqEngine load(Path folder, WeightFormat format) {
        return load(folder, format, true);
    }

    /**
     * Loads a checkpoint folder, optionally without its tokenizer: a model-only engine works on
     * token ids ({@link #generateIds}) and is what benchmarks on random-weight checkpoints use.
     */
    public static Seq2SeqEngine load(Path folder, WeightFormat format, boolean withTokenizer) {
        return load(folder, format, withTokenizer, Precision.FLOAT32);
    }

    /**
     * Loads a checkpoint folder whose matrix products run in the given precision (see {@link Precision}).
     *
     * @throws CheckpointException naming the file or tensor that is missing, corrupt or unsupported
     */
    public static Seq2SeqEngine load(Path folder, WeightFormat format, boolean withTokenizer, Precision precision) {
        return load(folder, format, withTokenizer, precision, precision.packing());
    }

    /**
     * Loads a checkpoint folder whose dense layers pack their weights as {@code packing} says, or
     * multiply with PyTorch's plain float32 products when it is null; {@code precision} only names
     * the result.
     *
     * @throws CheckpointException naming the file or tensor that is missing, corrupt or unsupported
     */
    public static Seq2SeqEngine load(Path folder, WeightFormat format, boolean withTokenizer, Precision precision,
                                     PackedProducts.Format packing) {
        return load(folder, format, withTokenizer, precision, packing, FastPaths.ONEDNN);
    }

    /**
     * Like {@link #load(Path, WeightFormat, boolean, Precision, PackedProducts.Format)}, with packed
     * products made by {@code factory}: for tests that prove the fast-path guard refuses wrong ones.
     * Each fast path is checked first ({@link FastPaths}); a path that fails is not used.
     *
     * @throws UnsupportedPrecisionException when bfloat16 products are asked for and this machine cannot run them correctly
     */
    static Seq2SeqEngine load(Path folder, WeightFormat format, boolean withTokenizer, Precision precision,
                              PackedProducts.Format packing, FastPaths.ProductsFactory factory) {
        ModelConfig config = ModelConfig.read(folder);
        // A CPU without bfloat16 instructions is refused at once, before anything is loaded.
        FastPaths.refuseUnsupported(packing);
        // The checks run on the other core while this thread loads the weights (on one intra-op
        // thread, see EngineWorkers.onOneThread), packed as asked: a check that fails, rarely, means
        // loading them again with plain products.
        CompletableFuture<FastPaths.Plan> planning = FastPaths.planAsync(FastPaths.ProbeShapes.of(config),
                packing, HeadScreening.enabled(), factory);
        TextTokenizer tokenizer = null;
        EncoderDecoderModel model = null;
        try {
            JsonNode genDefaults = readGenerationDefaults(folder, config);
            tokenizer = withTokenizer ? Tokenizers.load(folder) : null;
            model = loadModel(folder, format, config, packing, factory);
            FastPaths.Plan plan = FastPaths.await(planning);
            if (plan.packing() != packing) {
                model.close();
                model = null;
                model = loadModel(folder, format, config, plan.packing(), factory);
            }
            return new Seq2SeqEngine(folder, config, genDefaults, model, tokenizer, precision, plan, factory);
        } catch (RuntimeException e) {
            // Let the checks end before the failure is reported, so that nothing runs on behind it.
            FastPaths.awaitQuietly(planning);
            if (model != null) {
                model.close();
            }
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    /** Loads the network with its dense layers packed as {@code packing} says, or on plain products when null. */
    private static EncoderDecoderModel loadModel(Path folder, WeightFormat format, ModelConfig config, PackedProducts.Format packing,
                                                 FastPaths.ProductsFactory factory) {
        NDManager manager = NDManager.newBaseManager();
        try (TensorSource weights = WeightFiles.open(folder, format)) {
            // On one intra-op thread: see EngineWorkers.onOneThread.
            return EngineWorkers.onOneThread(() -> {
                WeightStore store = new WeightStore(weights, manager, folder.toString());
                if (packing != null) {
                    store = store.withPackedProducts(factory.create(manager, packing));
                }
                return EncoderDecoderModel.load(config, store, manager);
            });
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static JsonNode readGenerationDefaults(Path folder, ModelConfig config) {
        Path file = folder.resolve("generation_config.json");
        if (!Files.isRegularFile(file)) {
            // transformers' GenerationConfig.from_model_config: the generation keys of config.json.
            return config.raw();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException(file + " is not valid JSON (" + e.getMessage() + "); re-download the checkpoint.", e);
        }
    }

    /** Returns how this engine multiplies matrices. */
    public Precision precision() {
        return precision;
    }

    /** Returns how the dense layers multiply, for benchmark output: {@code packed} (oneDNN, weights packed at load) or {@code plain}. */
    public String products() {
        return model.packedHead() ? "packed" : "plain";
    }

    /** Returns the checkpoint folder. */
    public Path folder() {
        return folder;
    }

    /** Returns the model's config. */
    public ModelConfig config() {
        return config;
    }

    /**
     * Returns the tokenizer.
     *
     * @throws IllegalStateException when the engine was loaded without one
     */
    public TextTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("The engine for " + folder + " was loaded without a tokenizer; it works on token ids only.");
        }
        return tokenizer;
    }

    /** Returns the network, for tests and benchmarks that look inside. */
    public EncoderDecoderModel model() {
        return model;
    }

    /**
     * Sets how many workers decode the parts of each call side by side; they share the intra-op
     * threads. Call it before generating, not during a call.
     *
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public Seq2SeqEngine withWorkers(int count) {
        return withWorkers(count, intraOpThreads());
    }

    /**
     * Like {@link #withWorkers(int)}, with {@code threads} intra-op threads shared by the workers
     * instead of one per core: for a process that owns only part of the machine (a Spark executor
     * running {@code spark.task.cpus} per task), and for tests, which must reach the paths of a
     * larger machine on any.
     */
    public Seq2SeqEngine withWorkers(int count, int threads) {
        EngineWorkers next = new EngineWorkers(count, threads);
        EngineWorkers old = workers;
        workers = next;
        old.close();
        return this;
    }

    /**
     * Computes the LM head in vocabulary slices of {@code rows} rows, for tests: the tiny test
     * vocabularies fit in one slice of the default size, and the sliced scores' paths must give
     * the same tokens.
     */
    Seq2SeqEngine withLmHeadChunk(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("An LM-head slice needs at least one row, not " + rows + ".");
        }
        if (packing != null && FastPaths.checksOn()) {
            // Other slices are other shapes: they are checked like the default ones before use.
            FastPaths.Plan plan = EngineWorkers.onOneThread(() -> FastPaths.plan(FastPaths.ProbeShapes.of(config, rows), packing, false,
                    productsFactory));
            if (plan.packing() != packing) {
                throw new IllegalStateException("LM-head slices of " + rows + " rows fail the check of their packed products on this CPU; "
                        + "keep the default slices.");
            }
        }
        lmHeadChunk = rows;
        return this;
    }

    /**
     * Sets whether greedy steps screen the LM head through its bfloat16 copy ({@link ScreenedScores}),
     * for tests: by default the system property {@value HeadScreening#PROPERTY} decides.
     */
    Seq2SeqEngine withHeadScreening(boolean screen) {
        FastPathCheck screened = EngineWorkers.onOneThread(() -> FastPaths.planScreen(FastPaths.ProbeShapes.of(config, lmHeadChunk), packing,
                screen, CpuInfo.current(), FastPaths.checksOn()));
        screenGreedy = screened.used();
        fastPaths = fastPaths.stream().map(c -> c.path() == FastPath.SCREENED_HEAD ? screened : c).toList();
        return this;
    }

    /**
     * Returns every fast path with what its check found on this machine and whether this engine
     * uses it ({@link FastPaths}).
     */
    public List<FastPathCheck> fastPaths() {
        return fastPaths;
    }

    /**
     * Returns the seconds the fast-path checks took when this engine was loaded, on another thread
     * while the weights loaded (near 0 when this process had run them before).
     */
    public double fastPathCheckSeconds() {
        return checkSeconds;
    }

    /**
     * Returns the fast paths this engine uses as a JSON object for benchmark output, e.g.
     * {@code {"packed_float32": "used", "screened_head": "not used: failed"}}.
     */
    public String fastPathsJson() {
        StringBuilder json = new StringBuilder("{");
        for (FastPathCheck c : fastPaths) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(c.path().key()).append("\": \"").append(c.used() ? "used" : "not used: " + c.verdict().label())
                    .append(c.used() && !c.passed() ? " (unchecked)" : "").append('"');
        }
        return json.append('}').toString();
    }

    /**
     * Returns how greedy steps compute the LM head, for benchmark output: {@code screened} through
     * its bfloat16 copy (float32 only), or {@code whole}.
     */
    public String greedyHead() {
        return screenGreedy && model.canScreenHead() ? "screened" : "whole";
    }

    /** Returns the number of workers decoding the parts of a call side by side. */
    public int workers() {
        return workers.workers();
    }

    /**
     * Returns the settings in force for a call: the checkpoint's defaults with {@code overrides}
     * (Hugging Face key names, e.g. {@code num_beams}) on top.
     *
     * @throws dev.kabar.generate.InvalidGenerationOptionException naming a bad key or value
     */
    public GenerationConfig generationConfig(Map<String, ?> overrides) {
        return GenerationConfig.resolve(generationDefaults, overrides, config.vocabSize());
    }

    /**
     * Translates or summarises each text with overrides of the defaults: {@code num_return_sequences}
     * output texts per input (one by default), grouped by input, in order.
     */
    public List<String> generate(List<String> texts, Map<String, ?> overrides) {
        return generate(texts, generationConfig(overrides));
    }

    /**
     * Translates or summarises each text with the given settings: {@code num_return_sequences}
     * output texts per input (one by default), grouped by input, in order.
     */
    public List<String> generate(List<String> texts, GenerationConfig gen) {
        if (texts.isEmpty()) {
            return List.of();
        }
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer().encode(texts.get(i));
        }
        GenerationResult result = generateIds(ids, gen);
        List<String> out = new ArrayList<>(texts.size());
        for (int[] seq : result.sequences()) {
            out.add(tokenizer.decode(seq));
        }
        return out;
    }

    /**
     * Generates from encoder input ids. Rows of different lengths are padded on the right with the
     * pad id and masked, as a padded tokenizer batch would be. More than {@link #defaultMaxRows}
     * rows a worker are decoded by continuous batching, with the same results.
     */
    public GenerationResult generateIds(int[][] inputIds, GenerationConfig gen) {
        if (inputIds.length == 0) {
            return new GenerationResult(new int[0][], gen.numBeams() > 1 ? new float[0] : null);
        }
        int rows = defaultMaxRows(gen.numBeams());
        if ((long) inputIds.length * gen.numBeams() > rows) {
            return generateIds(inputIds, gen, rows);
        }
        int[][][] padded = pad(inputIds);
        return generateIds(padded[0], padded[1], gen);
    }

    private int[][][] pad(int[][] inputIds) {
        int width = 0;
        for (int[] row : inputIds) {
            if (row.length == 0) {
                throw new IllegalArgumentException("An input row has no tokens; encode text with the tokenizer, which adds </s>.");
            }
            width = Math.max(width, row.length);
        }
        int[][] ids = new int[inputIds.length][width];
        int[][] mask = new int[inputIds.length][width];
        for (int i = 0; i < ids.length; i++) {
            Arrays.fill(ids[i], config.padTokenId());
            System.arraycopy(inputIds[i], 0, ids[i], 0, inputIds[i].length);
            Arrays.fill(mask[i], 0, inputIds[i].length, 1);
        }
        return new int[][][] {ids, mask};
    }

    /** Generates from an already padded batch and its attention mask (1 = token, 0 = padding). */
    public GenerationResult generateIds(int[][] inputIds, int[][] attentionMask, GenerationConfig gen) {
        return run(new Call(gen, Integer.MAX_VALUE, null, Profile.OFF, null), inputIds, attentionMask);
    }

    /**
     * Generates with per-input constraints: {@code constraints.get(i)} are input {@code i}'s
     * {@link ForcedWords} (a glossary's terms for that sentence), applied after the config's own
     * {@code force_words_ids}. Inputs with none decode as plain beam search, with the same tokens
     * and scores as {@link #generateIds(int[][], GenerationConfig)}; all decode in the same
     * continuous batches. Needs {@code num_beams} > 1 when any input has constraints.
     *
     * @throws dev.kabar.generate.InvalidGenerationOptionException for an id outside the vocabulary,
     *     a disjunctive item with an alternative that starts another, or constraints with one beam
     */
    public GenerationResult generateIds(int[][] inputIds, GenerationConfig gen, List<List<ForcedWords>> constraints) {
        if (constraints.size() != inputIds.length) {
            throw new IllegalArgumentException(constraints.size() + " constraint lists for " + inputIds.length + " inputs.");
        }
        for (List<ForcedWords> items : constraints) {
            if (items != null) {
                ForcedWords.check(items, config.vocabSize());
            }
        }
        if (inputIds.length == 0) {
            return new GenerationResult(new int[0][], gen.numBeams() > 1 ? new float[0] : null);
        }
        int rows = defaultMaxRows(gen.numBeams());
        int maxRows = (long) inputIds.length * gen.numBeams() > rows ? rows : Integer.MAX_VALUE;
        int[][][] padded = pad(inputIds);
        return run(new Call(gen, maxRows, null, Profile.OFF, constraints), padded[0], padded[1]);
    }

    /**
     * Generates with at most {@code maxRows} rows (inputs × beams) decoding at once on each worker:
     * inputs are admitted as others finish (continuous batching), so a long list of sentences keeps
     * the matrix products large without decoding everything at once. Results equal
     * {@link #generateIds(int[][], GenerationConfig)}.
     */
    public GenerationResult generateIds(int[][] inputIds, GenerationConfig gen, int maxRows) {
        int[][][] padded = pad(inputIds);
        return run(new Call(gen, maxRows, null, Profile.OFF, null), padded[0], padded[1]);
    }

    /**
     * Generates exactly {@code newTokens[i]} tokens and then EOS for input {@code i}: a
     * benchmark-only switch that makes a random-weight checkpoint do a trained model's work.
     */
    public GenerationResult generateIdsExactLengths(int[][] inputIds, GenerationConfig gen, int[] newTokens, Profile profile) {
        return generateIdsExactLengths(inputIds, gen, newTokens, profile, Integer.MAX_VALUE);
    }

    /** Like {@link #generateIdsExactLengths(int[][], GenerationConfig, int[], Profile)} with a row budget (continuous batching). */
    public GenerationResult generateIdsExactLengths(int[][] inputIds, GenerationConfig gen, int[] newTokens, Profile profile, int maxRows) {
        return generateIdsExactLengths(inputIds, gen, newTokens, profile, maxRows, null);
    }

    /**
     * Like {@link #generateIdsExactLengths(int[][], GenerationConfig, int[], Profile, int)} with
     * per-input constraints, as {@link #generateIds(int[][], GenerationConfig, List)} takes them: the
     * cost of a glossary on a benchmark workload. A constraint's tokens may override the forced
     * lengths, as they override any processor, so constrained outputs may differ in length.
     */
    public GenerationResult generateIdsExactLengths(int[][] inputIds, GenerationConfig gen, int[] newTokens, Profile profile,
            int maxRows, List<List<ForcedWords>> constraints) {
        if (newTokens.length != inputIds.length) {
            throw new IllegalArgumentException(newTokens.length + " exact lengths for " + inputIds.length + " inputs.");
        }
        if (constraints != null) {
            if (constraints.size() != inputIds.length) {
                throw new IllegalArgumentException(constraints.size() + " constraint lists for " + inputIds.length + " inputs.");
            }
            for (List<ForcedWords> items : constraints) {
                if (items != null) {
                    ForcedWords.check(items, config.vocabSize());
                }
            }
        }
        int[][][] padded = pad(inputIds);
        return run(new Call(gen, maxRows, newTokens, profile, constraints), padded[0], padded[1]);
    }

    /**
     * What one call asks of each part it is split into.
     *
     * @param maxRows rows decoding at once per part, {@link Integer#MAX_VALUE} for all of the part
     * @param exactLengths per input, the tokens to force before EOS (benchmarks), or null
     * @param constraints per input, its own constraints, or null; they travel with the input's index
     */
    private record Call(GenerationConfig gen, int maxRows, int[] exactLengths, Profile profile, List<List<ForcedWords>> constraints) {

        Generator generatorFor(int[] inputs) {
            Generator g = new Generator(gen).withProfile(profile);
            if (maxRows < Integer.MAX_VALUE) {
                g = g.withMaxRows(maxRows);
            }
            if (exactLengths != null) {
                int[] mine = new int[inputs.length];
                for (int j = 0; j < inputs.length; j++) {
                    mine[j] = exactLengths[inputs[j]];
                }
                g = g.withExactLengths(mine);
            }
            if (constraints != null) {
                List<List<ForcedWords>> mine = new ArrayList<>(inputs.length);
                for (int input : inputs) {
                    List<ForcedWords> items = constraints.get(input);
                    mine.add(items == null ? List.of() : items);
                }
                g = g.withConstraints(mine);
            }
            return g;
        }
    }

    /**
     * Splits the inputs into one part per worker and decodes the parts side by side. Inputs are
     * dealt to the parts longest first, in turn, so each part gets a like share of long and short
     * sources and the workers finish together; each input's result does not depend on its part.
     */
    private GenerationResult run(Call call, int[][] inputIds, int[][] attentionMask) {
        int[] lengths = ModelDecoderSession.lengths(attentionMask);
        EngineWorkers engineWorkers = workers;
        int parts = Math.min(engineWorkers.workers(), inputIds.length);
        int[] longestFirst = longestFirst(lengths, IntStream.range(0, lengths.length).toArray());
        List<int[]> members = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int[] part = new int[(inputIds.length - p + parts - 1) / parts];
            for (int j = 0; j < part.length; j++) {
                part[j] = longestFirst[p + j * parts];
            }
            Arrays.sort(part);
            members.add(part);
        }
        List<Callable<GenerationResult>> tasks = new ArrayList<>(parts);
        // Each part gets its share of the intra-op threads, a lone input all of them. That used to
        // lose (a lone input took 20.3-21.9 ms a token on two threads against 16.2-16.6 on one),
        // since every operation of a step paid for a fork and join through DJL; as one native call
        // per step (DecoderStep) the decoder gains from the second thread: batch 1 greedy 14.7-15.5
        // ms a token on one thread against 12.9-14.6 on two, four interleaved runs (beam 4: 16.7-17.8
        // against 16.7-18.5, as its search loses what its products gain). The first worker runs
        // every call of one part (EngineWorkers), so only one thread ever holds OpenMP helpers.
        // With plain products it stays on one thread, as before: MKL does not split a product of
        // a few rows, and its LM head is spread over the other threads instead (LmHeadPlan).
        int share = engineWorkers.share(parts);
        int each = inputIds.length == 1 && !model.packedHead() ? 1 : share;
        LmHeadPlan lmHead = new LmHeadPlan(lmHeadChunk, share, engineWorkers, screenGreedy);
        for (int[] part : members) {
            int[][] ids = new int[part.length][];
            int[][] mask = new int[part.length][];
            int[] partLengths = new int[part.length];
            for (int j = 0; j < part.length; j++) {
                ids[j] = inputIds[part[j]];
                mask[j] = attentionMask[part[j]];
                partLengths[j] = lengths[part[j]];
            }
            Generator generator = call.generatorFor(part);
            // Longest sources first: their translations take the most steps, so with continuous
            // batching they should start early rather than be decoded alone at the end.
            int[] order = longestFirst(partLengths, IntStream.range(0, part.length).toArray());
            tasks.add(() -> generator.withAdmissionOrder(order).generate(part.length,
                    (n, beams) -> new ModelDecoderSession(model, ids, mask, beams, call.profile(), lmHead)));
        }
        List<GenerationResult> results = engineWorkers.runAll(tasks, each);
        return results.size() == 1 ? results.get(0) : merge(members, results, inputIds.length, call.gen().padTokenId());
    }

    /** Returns {@code indices} ordered by descending length, ties in index order. */
    private static int[] longestFirst(int[] lengths, int[] indices) {
        return Arrays.stream(indices).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -lengths[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Puts the parts' results back in input order, padding every sequence to the widest, as one batch would be. */
    private static GenerationResult merge(List<int[]> members, List<GenerationResult> results, int inputs, int pad) {
        int width = 0;
        for (GenerationResult r : results) {
            for (int[] seq : r.sequences()) {
                width = Math.max(width, seq.length);
            }
        }
        // num_return_sequences rows per input, grouped by input.
        int per = results.get(0).sequences().length / members.get(0).length;
        int[][] sequences = new int[inputs * per][];
        float[] scores = results.get(0).scores() == null ? null : new float[inputs * per];
        float[] confidences = results.get(0).confidences() == null ? null : new float[inputs * per];
        for (int p = 0; p < members.size(); p++) {
            int[] part = members.get(p);
            GenerationResult r = results.get(p);
            for (int j = 0; j < part.length * per; j++) {
                int to = part[j / per] * per + j % per;
                int[] seq = Arrays.copyOf(r.sequences()[j], width);
                Arrays.fill(seq, r.sequences()[j].length, width, pad);
                sequences[to] = seq;
                if (scores != null) {
                    scores[to] = r.scores()[j];
                }
                if (confidences != null) {
                    confidences[to] = r.confidences()[j];
                }
            }
        }
        return new GenerationResult(sequences, scores, confidences);
    }

    /** Releases the weights and the tokenizer. */
    @Override
    public void close() {
        workers.close();
        model.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
