package dev.kabar.cli;

import dev.kabar.bench.GemmBenchmark;
import dev.kabar.bench.PrecisionAgreement;
import dev.kabar.bench.RandomCheckpoint;
import dev.kabar.bench.SummaryBenchmark;
import dev.kabar.bench.SyntheticSentences;
import dev.kabar.bench.TextBenchmark;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.bench.Workload;
import dev.kabar.bench.WorkloadRunner;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.engine.Precision;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.hub.ModelResolver;
import dev.kabar.runtime.Profile;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kabar bench}: measurements that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Init.class, BenchCommand.WorkloadCommand.class, BenchCommand.Text.class, BenchCommand.Gemm.class,
            BenchCommand.Memory.class, BenchCommand.Agreement.class, BenchCommand.Summaries.class})
final class BenchCommand {

    /** Writes a random-weight checkpoint of a real architecture. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Writes a random-weight checkpoint (config.json + model.safetensors) of the architecture in --config.")
    static final class Init implements Callable<Integer> {

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The architecture's config.json.")
        Path config;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the checkpoint into.")
        Path out;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            long params = RandomCheckpoint.write(config, out, seed);
            System.out.printf(Locale.ROOT, "{\"out\": \"%s\", \"parameters\": %d, \"seconds\": %.1f}%n",
                    out, params, (System.nanoTime() - start) / 1e9);
            return Main.EXIT_OK;
        }
    }

    /** Runs a workload of sentence lengths with exact output lengths. */
    @Command(name = "workload", mixinStandardHelpOptions = true,
            description = "Translates a workload ({\"src_ids\": [...], \"tgt_len\": N} per line), forcing each sentence to exactly tgt_len tokens, and prints one JSON line of figures.")
    static final class WorkloadCommand implements Callable<Integer> {

        @Option(names = "--model", required = true, paramLabel = "DIR|ID",
                description = "Checkpoint folder or hub id org/name[@revision] (a tokenizer is not needed).")
        String model;

        @Option(names = "--workload", paramLabel = "FILE", description = "The workload, e.g. ../shared/bench/news-256.jsonl.")
        Path workload;

        @Option(names = "--fixed", paramLabel = "SRCxNEWxCOUNT",
                description = "Instead of a file: COUNT random sentences of SRC source tokens generating NEW tokens each, e.g. 40x64x32.")
        String fixed;

        @Option(names = "--num-beams", defaultValue = "4", paramLabel = "N", description = "Beam size (default: ${DEFAULT-VALUE}).")
        int beams;

        @Option(names = "--batch-size", defaultValue = "0", paramLabel = "N", description = "Sentences per batch (file order unless --sort).")
        int batchSize;

        @Option(names = "--batch-tokens", defaultValue = "0", paramLabel = "N", description = "Padded source tokens per batch; sorts by length.")
        int batchTokens;

        @Option(names = "--sort", description = "Sort sentences by source length before batching (always on with --batch-tokens).")
        boolean sort;

        @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
                description = "Intra-op threads, shared by the workers, at least one each (default: one per core).")
        int threads;

        @Option(names = "--max-rows", defaultValue = "0", paramLabel = "N",
                description = "Rows (sentences × beams) decoding at once on each worker; as sentences finish, the next ones "
                        + "join (continuous batching). 0 = the whole batch at once.")
        int maxRows;

        @picocli.CommandLine.Mixin
        WorkerOptions workers;

        @Option(names = "--constrain-share", defaultValue = "0", paramLabel = "X",
                description = "Force a phrase into this share of the sentences (0 to 1), as a glossary would: each chosen "
                        + "sentence must contain its own first --phrase-tokens source ids (constrained beam search).")
        double constrainShare;

        @Option(names = "--phrase-tokens", defaultValue = "2", paramLabel = "N",
                description = "Tokens of each forced phrase with --constrain-share (default: ${DEFAULT-VALUE}).")
        int phraseTokens;

        @Option(names = "--profile", description = "Add a breakdown of where the time goes.")
        boolean profile;

        @Option(names = "--gemm-gflops", defaultValue = "0", paramLabel = "X",
                description = "The machine's matrix-multiply rate in the run's dtype from 'kabar bench gemm', to print the run "
                        + "as a share of it.")
        double gemm;

        @picocli.CommandLine.Mixin
        PrecisionOption dtype;

        @Override
        public Integer call() {
            if (batchSize == 0 && batchTokens == 0) {
                batchSize = 32;
            }
            if (batchSize < 0 || batchTokens < 0 || beams < 1 || threads < 0 || maxRows < 0) {
                throw new IllegalArgumentException("--batch-size, --batch-tokens, --threads and --max-rows must not be "
                        + "negative, and --num-beams must be at least 1 (got " + batchSize + ", " + batchTokens + ", " + threads
                        + ", " + maxRows + ", " + beams + ").");
            }
            workers.check();
            if (threads > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            }
            if ((workload == null) == (fixed == null)) {
                throw new IllegalArgumentException("Give exactly one of --workload FILE and --fixed SRCxNEWxCOUNT.");
            }
            Precision precision = dtype.precision();
            long loadStart = System.nanoTime();
            try (Seq2SeqEngine engine = Seq2SeqEngine.load(ModelResolver.resolve(model), WeightFormat.AUTO, false, precision)) {
                double load = (System.nanoTime() - loadStart) / 1e9;
                workers.applyTo(engine);
                Workload w = workload != null ? Workload.read(workload) : fixedWorkload(engine);
                Profile timings = profile ? Profile.recording() : Profile.OFF;
                WorkloadRunner.Result r = WorkloadRunner.run(engine, w, beams,
                        new WorkloadRunner.Batching(batchSize, batchTokens, sort || batchTokens > 0, maxRows), timings,
                        constrainShare, phraseTokens);
                double gflops = r.flops() / r.wallSeconds() / 1e9;
                StringBuilder line = new StringBuilder();
                line.append(String.format(Locale.ROOT,
                        "{\"engine\": \"%s\", \"dtype\": \"%s\", \"products\": \"%s\", \"greedy_head\": \"%s\", \"fast_paths\": %s, \"fast_path_check_s\": %.2f, \"num_beams\": %d, \"batching\": \"%s\", \"workers\": %d, "
                                + "\"sentences\": %d, \"generated_tokens\": %d, \"wall_s\": %.2f, \"sentences_per_s\": %.2f, "
                                + "\"tokens_per_s\": %.1f, \"load_s\": %.2f, \"peak_rss_mb\": %.0f, \"gflops_per_s\": %.1f",
                        GemmBenchmark.engineDescription(), precision.label(), engine.products(), engine.greedyHead(), engine.fastPathsJson(),
                        engine.fastPathCheckSeconds(), beams, describe(),
                        engine.workers(),
                        r.sentences(),
                        r.generatedTokens(), r.wallSeconds(),
                        r.sentences() / r.wallSeconds(), r.generatedTokens() / r.wallSeconds(), load, Memory.peakRssMb(), gflops));
                if (constrainShare > 0) {
                    line.append(String.format(Locale.ROOT, ", \"constrained\": %d, \"constraints_met\": %d", r.constrained(),
                            r.constraintsMet()));
                }
                if (profile) {
                    line.append(", \"profile\": ").append(timings.toJson());
                }
                if (gemm > 0) {
                    line.append(String.format(Locale.ROOT, ", \"share_of_gemm_rate\": %.3f", gflops / gemm));
                }
                System.out.println(line.append("}"));
            }
            return Main.EXIT_OK;
        }

        private Workload fixedWorkload(Seq2SeqEngine engine) {
            String[] parts = fixed.split("x");
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                return SyntheticSentences.fixed(Integer.parseInt(parts[2]), Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        engine.config().vocabSize(), engine.generationConfig(Map.of()).eosTokenId(), 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fixed must look like SRCxNEWxCOUNT (e.g. 40x64x32), but is \"" + fixed + "\".");
            }
        }

        private String describe() {
            String rows = maxRows > 0 ? ", continuous with " + maxRows + " rows a worker" : "";
            if (batchTokens > 0) {
                return "sorted, " + batchTokens + " tokens" + (batchSize > 0 ? ", at most " + batchSize + " sentences" : "") + rows;
            }
            return (sort ? "sorted" : "file order") + ", " + batchSize + " sentences" + rows;
        }
    }

    /** Runs real articles end to end. */
    @Command(name = "text", mixinStandardHelpOptions = true,
            description = "Translates real articles end to end (reading, cleaning, splitting, translation, JSONL output) and prints "
                    + "articles/min and sentences/s as one JSON line.")
    static final class Text implements Callable<Integer> {

        @Option(names = "--model", required = true, paramLabel = "DIR|ID",
                description = "Checkpoint folder or hub id org/name[@revision], with its tokenizer.")
        String model;

        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "ARTICLES", description = "Article files or folders (any input kabar translate reads).")
        List<String> inputs;

        @Option(names = "--input-format", defaultValue = "auto", paramLabel = "FORMAT", description = "auto, text, csv, json, jsonl or lines.")
        String inputFormat;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Translate at most N articles (0 = all).")
        int limit;

        @Option(names = "--batch-tokens", defaultValue = "" + TranslationSettings.DEFAULT_BATCH_TOKENS, paramLabel = "N",
                description = "Padded source tokens per batch (default: ${DEFAULT-VALUE}).")
        int batchTokens;

        @Option(names = "--batch-size", defaultValue = "" + TranslationSettings.DEFAULT_BATCH_SENTENCES, paramLabel = "N",
                description = "Sentences per batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @picocli.CommandLine.Mixin
        WorkerOptions workers;

        @picocli.CommandLine.Mixin
        PrecisionOption dtype;

        @picocli.CommandLine.Mixin
        GenerationOptions generation;

        @Option(names = "--no-language-detection",
                description = "Translate every sentence without deciding its language, to measure what detection costs.")
        boolean noLanguageDetection;

        @Override
        public Integer call() throws Exception {
            workers.check();
            Precision precision = dtype.precision();
            List<dev.kabar.article.InputSpec> specs = new java.util.ArrayList<>();
            for (String in : inputs) {
                specs.add(dev.kabar.article.InputSpec.of(in).withFormat(dev.kabar.article.InputFormat.fromName(inputFormat)));
            }
            Path out = Files.createTempFile("kabar-bench-text", ".jsonl");
            try (Seq2SeqEngine engine = Seq2SeqEngine.load(ModelResolver.resolve(model), precision)) {
                workers.applyTo(engine);
                dev.kabar.generate.GenerationConfig gen = engine.generationConfig(generation.overrides());
                TranslationSettings settings = TranslationSettings.of(batchTokens, batchSize, 0)
                        .withTrust(dev.kabar.pipeline.TrustSettings.defaults().withDetectLanguage(!noLanguageDetection));
                TextBenchmark.Result r = TextBenchmark.run(engine, gen, specs, limit, settings, out);
                double total = r.totalSeconds();
                System.out.printf(Locale.ROOT,
                        "{\"engine\": \"%s\", \"dtype\": \"%s\", \"products\": \"%s\", \"greedy_head\": \"%s\", \"fast_paths\": %s, \"fast_path_check_s\": %.2f, \"num_beams\": %d, \"workers\": %d, \"articles\": %d, \"articles_failed\": %d, \"input_problems\": %d, "
                                + "\"sentences\": %d, \"translated_sentences\": %d, \"read_s\": %.2f, \"translate_s\": %.2f, \"write_s\": %.2f, "
                                + "\"wall_s\": %.2f, \"articles_per_min\": %.1f, \"sentences_per_s\": %.2f, \"language_detection\": %b, "
                                + "\"language_models_s\": %.2f, \"trust\": \"%s\"}%n",
                        GemmBenchmark.engineDescription(), precision.label(), engine.products(), engine.greedyHead(), engine.fastPathsJson(),
                        engine.fastPathCheckSeconds(), gen.numBeams(),
                        engine.workers(),
                        r.articles(),
                        r.articlesFailed(), r.problems(), r.sentences(),
                        r.translatedTexts(), r.readSeconds(), r.translateSeconds(), r.writeSeconds(), total,
                        r.articles() / total * 60, r.sentences() / total, !noLanguageDetection, r.languageModelSeconds(),
                        r.trust().describe());
            } finally {
                Files.deleteIfExists(out);
            }
            return Main.EXIT_OK;
        }
    }

    /** Times extractive summaries of pages of growing size. */
    @Command(name = "summaries", mixinStandardHelpOptions = true,
            description = {"Builds saved pages of the given sizes from real article text and times kabar summarize on each "
                    + "(reading and cleaning, sentence splitting, summarising, JSONL output), one JSON line a page.",
                "The pages are the articles' body paragraphs in order, repeated when they run out, under the first "
                        + "article's title. A 64 KB page runs first, untimed, to warm the JVM up."})
    static final class Summaries implements Callable<Integer> {

        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "ARTICLES",
                description = "Article files or folders whose text makes the pages (any input kabar summarize reads), "
                        + "e.g. ../shared/corpus/detik-2025/data_berita.csv.")
        List<String> inputs;

        @Option(names = "--sizes", defaultValue = "0.25,1,4,16", split = ",", paramLabel = "MB",
                description = "Page sizes in MiB (default: ${DEFAULT-VALUE}).")
        List<Double> sizes;

        @Override
        public Integer call() throws Exception {
            for (double size : sizes) {
                if (!(size > 0) || size > 1024) {
                    throw new IllegalArgumentException("--sizes takes page sizes in MiB above 0 and at most 1024, but has " + size + ".");
                }
            }
            List<dev.kabar.article.InputSpec> specs = new ArrayList<>();
            for (String in : inputs) {
                specs.add(dev.kabar.article.InputSpec.of(in));
            }
            SummaryBenchmark bench = SummaryBenchmark.fromArticles(specs);
            bench.run(64 * 1024);
            for (double size : sizes) {
                SummaryBenchmark.Result r = bench.run(Math.round(size * 1048576));
                System.out.printf(Locale.ROOT, "{\"page_mb\": %.2f, \"page_bytes\": %d, \"paragraphs\": %d, \"sentences\": %d, "
                                + "\"ranked_sentences\": %d, \"summary_words\": %d, \"read_s\": %.3f, \"split_s\": %.3f, "
                                + "\"summarize_s\": %.3f, \"write_s\": %.3f, \"total_s\": %.3f, \"peak_heap_mb\": %.0f}%n",
                        r.pageBytes() / 1048576.0, r.pageBytes(), r.paragraphs(), r.sentences(), r.rankedSentences(),
                        r.summaryWords(), r.readSeconds(), r.splitSeconds(), r.summarizeSeconds(), r.writeSeconds(),
                        r.totalSeconds(), r.peakHeapMb());
                System.out.flush();
            }
            return Main.EXIT_OK;
        }
    }

    /** Compares bfloat16 tokens with float32 ones. */
    @Command(name = "agreement", mixinStandardHelpOptions = true,
            description = {"Prints how often the bfloat16 mode picks the same tokens as float32, as one JSON line.",
                "With --workload: both precisions on the workload (exact lengths, batches in file order). With --golden: "
                        + "bfloat16 against the golden outputs (transformers, float32) in the checkpoint folder's golden.jsonl."})
    static final class Agreement implements Callable<Integer> {

        @Option(names = "--model", required = true, paramLabel = "DIR|ID", description = "Checkpoint folder or hub id org/name[@revision].")
        String model;

        @Option(names = "--workload", paramLabel = "FILE", description = "The workload, e.g. ../shared/bench/news-256.jsonl.")
        Path workload;

        @Option(names = "--golden", description = "Compare with the checkpoint folder's golden.jsonl (a conformance checkpoint).")
        boolean golden;

        @Option(names = "--num-beams", defaultValue = "4", paramLabel = "N", description = "Beam size with --workload (default: ${DEFAULT-VALUE}).")
        int beams;

        @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Sentences per batch with --workload "
                + "(default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Override
        public Integer call() {
            if ((workload == null) == !golden) {
                throw new IllegalArgumentException("Give exactly one of --workload FILE and --golden.");
            }
            if (beams < 1 || batchSize < 1) {
                throw new IllegalArgumentException("--num-beams and --batch-size must be at least 1 (got " + beams + " and " + batchSize + ").");
            }
            Path folder = ModelResolver.resolve(model);
            PrecisionAgreement a;
            String reference;
            if (golden) {
                Path file = folder.resolve("golden.jsonl");
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(folder + " has no golden.jsonl; --golden needs a conformance checkpoint.");
                }
                try (Seq2SeqEngine candidate = Seq2SeqEngine.load(folder, WeightFormat.AUTO, false, Precision.BFLOAT16)) {
                    a = PrecisionAgreement.onGoldenCases(candidate, file);
                }
                reference = "transformers float32 (golden.jsonl)";
            } else {
                Workload w = Workload.read(workload);
                try (Seq2SeqEngine ref = Seq2SeqEngine.load(folder, WeightFormat.AUTO, false, Precision.FLOAT32);
                     Seq2SeqEngine candidate = Seq2SeqEngine.load(folder, WeightFormat.AUTO, false, Precision.BFLOAT16)) {
                    a = PrecisionAgreement.onWorkload(ref, candidate, w, beams, batchSize);
                }
                reference = "kabar float32";
            }
            System.out.printf(Locale.ROOT, "{\"reference\": \"%s\", \"candidate\": \"kabar bfloat16\", \"sequences\": %d, "
                            + "\"identical_sequences\": %d, \"tokens\": %d, \"agreeing_tokens\": %d, \"token_agreement\": %.4f, "
                            + "\"sequence_agreement\": %.4f, \"prefix_agreement\": %.4f}%n",
                    reference, a.sequences(), a.identical(), a.tokens(), a.agreeing(), a.tokenAgreement(), a.sequenceAgreement(),
                    a.prefixAgreement());
            return Main.EXIT_OK;
        }
    }

    /** Measures the matrix-multiply rate. */
    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "Prints this machine's float32 and bfloat16 matrix-multiply GFLOP/s through the engine, "
                    + "for square and model-shaped products.")
    static final class Gemm implements Callable<Integer> {

        @Option(names = "--seconds", defaultValue = "2", paramLabel = "S", description = "Time per shape (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Override
        public Integer call() {
            // The best rate of each element type, over every way its products run.
            Map<String, List<GemmBenchmark.Measurement>> byType = new LinkedHashMap<>();
            for (GemmBenchmark.Precision type : GemmBenchmark.Precision.values()) {
                String refusal = GemmBenchmark.unavailable(type);
                if (refusal != null) {
                    System.out.printf(Locale.ROOT, "{\"dtype\": \"%s\", \"products\": \"%s\", \"unavailable\": \"%s\"}%n", type.label(),
                            type.products(), refusal.replace("\"", "'"));
                    continue;
                }
                List<GemmBenchmark.Measurement> ms = GemmBenchmark.run(type, seconds);
                for (GemmBenchmark.Measurement m : ms) {
                    System.out.printf(Locale.ROOT, "{\"dtype\": \"%s\", \"products\": \"%s\", \"m\": %d, \"k\": %d, \"n\": %d, "
                                    + "\"gflops_per_s\": %.1f}%n",
                            m.dtype(), m.products(), m.m(), m.k(), m.n(), m.gflopsPerSecond());
                }
                byType.computeIfAbsent(type.label(), k -> new ArrayList<>()).addAll(ms);
            }
            byType.forEach((dtype, ms) -> System.out.printf(Locale.ROOT, "{\"dtype\": \"%s\", \"best_gflops_per_s\": %.1f}%n",
                    dtype, GemmBenchmark.best(ms)));
            return Main.EXIT_OK;
        }
    }

    /** Runs many sentences and prints resident memory as it goes, to show that it stays flat. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Translates --sentences random sentences of mixed lengths (exact output lengths) in batches and prints "
                    + "resident memory (RSS) and heap as JSON lines, then a summary.")
    static final class Memory implements Callable<Integer> {

        @Option(names = "--model", required = true, paramLabel = "DIR|ID",
                description = "Checkpoint folder or hub id org/name[@revision] (a tokenizer is not needed).")
        String model;

        @Option(names = "--sentences", defaultValue = "10000", paramLabel = "N", description = "Sentences to run (default: ${DEFAULT-VALUE}).")
        int sentences;

        @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Sentences per batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--num-beams", defaultValue = "1", paramLabel = "N", description = "Beam size (default: ${DEFAULT-VALUE}).")
        int beams;

        @Option(names = "--report-every", defaultValue = "1000", paramLabel = "N",
                description = "Print a line every N sentences (default: ${DEFAULT-VALUE}).")
        int every;

        @picocli.CommandLine.Mixin
        PrecisionOption dtype;

        @Override
        public Integer call() {
            if (sentences < 1 || beams < 1 || every < 1 || batchSize < 1) {
                throw new IllegalArgumentException("--sentences, --batch-size, --num-beams and --report-every must be at least 1.");
            }
            Precision precision = dtype.precision();
            try (Seq2SeqEngine engine = Seq2SeqEngine.load(ModelResolver.resolve(model), WeightFormat.AUTO, false, precision)) {
                GenerationConfig probe = engine.generationConfig(Map.of());
                // Mixed lengths so that every batch has padding and the allocator sees varied shapes.
                Workload all = SyntheticSentences.mixed(sentences, 4, 60, 3, 60, engine.config().vocabSize(),
                        probe.eosTokenId(), 1);
                long done = 0;
                long steps = 0;
                double firstRss = -1;
                double maxRss = 0;
                double lastRss = rssMb();
                report(0, 0, lastRss);
                long start = System.nanoTime();
                for (int from = 0; from < sentences; from += batchSize) {
                    List<Workload.Sentence> batch = all.sentences().subList(from, Math.min(sentences, from + batchSize));
                    int[][] ids = batch.stream().map(Workload.Sentence::srcIds).toArray(int[][]::new);
                    int[] tgt = batch.stream().mapToInt(Workload.Sentence::tgtLen).toArray();
                    int longest = java.util.Arrays.stream(tgt).max().orElse(0);
                    GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", longest + 1));
                    GenerationResult r = engine.generateIdsExactLengths(ids, gen, tgt, Profile.OFF);
                    steps += r.sequences()[0].length - 1;
                    long before = done;
                    done += batch.size();
                    if (done / every != before / every || done == sentences) {
                        lastRss = rssMb();
                        if (firstRss < 0) {
                            firstRss = lastRss;
                        }
                        maxRss = Math.max(maxRss, lastRss);
                        report(done, steps, lastRss);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT,
                        "{\"summary\": true, \"sentences\": %d, \"steps\": %d, \"seconds\": %.1f, \"rss_first_report_mb\": %.1f, "
                                + "\"rss_last_mb\": %.1f, \"rss_max_mb\": %.1f, \"rss_growth_mb\": %.1f}%n",
                        done, steps, seconds, firstRss, lastRss, maxRss, lastRss - firstRss);
            }
            return Main.EXIT_OK;
        }

        private static void report(long sentences, long steps, double rss) {
            Runtime rt = Runtime.getRuntime();
            // RSS includes the Java heap the JVM has committed; what is left is native memory.
            System.out.printf(Locale.ROOT,
                    "{\"sentences\": %d, \"steps\": %d, \"rss_mb\": %.1f, \"heap_committed_mb\": %.1f, \"heap_used_mb\": %.1f, "
                            + "\"rss_minus_heap_mb\": %.1f}%n",
                    sentences, steps, rss, rt.totalMemory() / 1048576.0, (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                    rss - rt.totalMemory() / 1048576.0);
        }

        static double peakRssMb() {
            return statusMb("VmHWM:");
        }

        private static double rssMb() {
            return statusMb("VmRSS:");
        }

        private static double statusMb(String key) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(key)) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
