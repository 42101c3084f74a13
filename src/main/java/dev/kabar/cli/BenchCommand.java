package dev.kabar.cli;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kabar bench}: measurements that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Memory.class})
final class BenchCommand {

    /** Runs many decode steps and prints resident memory as it goes, to show that it stays flat. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Runs at least --steps decode steps and prints resident memory (RSS) and heap as JSON lines.")
    static final class Memory implements Callable<Integer> {

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint folder.")
        Path model;

        @Option(names = "--steps", defaultValue = "10000", paramLabel = "N", description = "Decode steps to run (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--num-beams", defaultValue = "1", paramLabel = "N", description = "Beam size (default: ${DEFAULT-VALUE}).")
        int beams;

        @Option(names = "--report-every", defaultValue = "1000", paramLabel = "N", description = "Print a line every N steps (default: ${DEFAULT-VALUE}).")
        int every;

        // Mixed lengths so that every batch has padding and the allocator sees varied shapes.
        private static final String[] SENTENCES = {
            "Menteri Pertahanan AS berbicara dengan mitranya dari Rusia.",
            "Harga beras naik di Jakarta.",
            "Presiden meresmikan jalan tol baru di Sumatera Utara pada hari Jumat, 22 November 2024, didampingi para menteri.",
            "Banjir melanda Semarang.",
        };

        @Override
        public Integer call() {
            if (steps < 1 || beams < 1 || every < 1) {
                throw new IllegalArgumentException("--steps, --num-beams and --report-every must be at least 1.");
            }
            try (Seq2SeqEngine engine = Seq2SeqEngine.load(model)) {
                GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", 64,
                        "min_new_tokens", 64));
                int[][] ids = new int[SENTENCES.length][];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = engine.tokenizer().encode(SENTENCES[i]);
                }
                long done = 0;
                long nextReport = 0;
                double firstRss = -1;
                double maxRss = 0;
                double lastRss = 0;
                long start = System.nanoTime();
                while (done < steps) {
                    if (done >= nextReport) {
                        lastRss = rssMb();
                        if (firstRss < 0 && done > 0) {
                            firstRss = lastRss;
                        }
                        maxRss = Math.max(maxRss, lastRss);
                        Runtime rt = Runtime.getRuntime();
                        // RSS includes the Java heap the JVM has committed; what is left is native memory.
                        System.out.printf(Locale.ROOT,
                                "{\"steps\": %d, \"rss_mb\": %.1f, \"heap_committed_mb\": %.1f, \"heap_used_mb\": %.1f, \"rss_minus_heap_mb\": %.1f}%n",
                                done, lastRss, rt.totalMemory() / 1048576.0, (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                                lastRss - rt.totalMemory() / 1048576.0);
                        nextReport += every;
                    }
                    GenerationResult r = engine.generateIds(ids, gen);
                    done += r.sequences()[0].length - 1;
                }
                lastRss = rssMb();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT,
                        "{\"summary\": true, \"steps\": %d, \"seconds\": %.1f, \"rss_first_mb\": %.1f, \"rss_last_mb\": %.1f, \"rss_max_mb\": %.1f, \"rss_growth_mb\": %.1f}%n",
                        done, seconds, firstRss, lastRss, Math.max(maxRss, lastRss), lastRss - firstRss);
            }
            return Main.EXIT_OK;
        }

        private static double rssMb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
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
