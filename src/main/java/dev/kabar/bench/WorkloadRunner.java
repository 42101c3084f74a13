package dev.kabar.bench;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.pipeline.TokenBudgetBatcher;
import dev.kabar.runtime.Profile;
import java.util.List;
import java.util.Map;

/** Runs a workload through an engine with exact output lengths and measures it. */
public final class WorkloadRunner {

    /**
     * How the sentences are grouped: batches by count or padded source tokens, optionally sorted by
     * length, and at most {@code maxRows} rows decoding at once within a batch (continuous batching;
     * 0 = the whole batch at once).
     */
    public record Batching(int batchSize, int batchTokens, boolean sorted, int maxRows) {
        /** Batching without a row budget. */
        public Batching(int batchSize, int batchTokens, boolean sorted) {
            this(batchSize, batchTokens, sorted, 0);
        }
    }

    /** What a run measured. */
    public record Result(int sentences, long generatedTokens, double wallSeconds, double flops) { }

    private WorkloadRunner() {
    }

    /**
     * Translates every sentence of the workload, forcing each to its {@code tgt_len}, and checks that
     * every output has exactly that many tokens before its EOS.
     */
    public static Result run(Seq2SeqEngine engine, Workload workload, int beams, Batching batching, Profile profile) {
        return run(engine, workload, beams, batching, profile, 1);
    }

    /**
     * Runs the workload with {@code workers} threads, each taking the next batch from a shared
     * queue. With one intra-op thread per worker this uses the cores through independent batches
     * rather than by splitting each matrix product.
     */
    public static Result run(Seq2SeqEngine engine, Workload workload, int beams, Batching batching, Profile profile, int workers) {
        List<Workload.Sentence> sentences = workload.sentences();
        int[] lengths = sentences.stream().mapToInt(s -> s.srcIds().length).toArray();
        List<int[]> batches = new TokenBudgetBatcher(batching.batchTokens(), batching.batchSize(), batching.sorted()).batches(lengths);
        // Longest batches first, so the workers finish together.
        batches.sort((a, b) -> Integer.compare(b.length, a.length));
        java.util.concurrent.ConcurrentLinkedQueue<int[]> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(batches);
        java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.DoubleAdder flops = new java.util.concurrent.atomic.DoubleAdder();
        long start = System.nanoTime();
        if (workers <= 1) {
            drain(engine, sentences, beams, queue, profile, tokens, flops, batching.maxRows());
        } else {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
            try {
                List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    // Profiles are per thread; only the first worker's is recorded.
                    Profile p = w == 0 ? profile : Profile.OFF;
                    futures.add(pool.submit(() -> drain(engine, sentences, beams, queue, p, tokens, flops, batching.maxRows())));
                }
                for (java.util.concurrent.Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while running the workload.", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A worker failed: " + e.getCause().getMessage(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(sentences.size(), tokens.get(), wall, flops.sum());
    }

    private static void drain(Seq2SeqEngine engine, List<Workload.Sentence> sentences, int beams,
                              java.util.Queue<int[]> queue, Profile profile,
                              java.util.concurrent.atomic.AtomicLong tokens, java.util.concurrent.atomic.DoubleAdder flops,
                              int maxRows) {
        int[] batch;
        while ((batch = queue.poll()) != null) {
            int[][] ids = new int[batch.length][];
            int[] tgt = new int[batch.length];
            int longest = 0;
            for (int i = 0; i < batch.length; i++) {
                Workload.Sentence s = sentences.get(batch[i]);
                ids[i] = s.srcIds();
                tgt[i] = s.tgtLen();
                longest = Math.max(longest, s.tgtLen());
            }
            GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", longest + 1,
                    "early_stopping", true));
            GenerationResult r = engine.generateIdsExactLengths(ids, gen, tgt, profile, maxRows > 0 ? maxRows : Integer.MAX_VALUE);
            for (int i = 0; i < batch.length; i++) {
                int[] seq = r.sequences()[i];
                if (seq.length < tgt[i] + 2 || seq[tgt[i] + 1] != gen.eosTokenId()) {
                    throw new IllegalStateException("Sentence " + batch[i] + " did not end after exactly " + tgt[i] + " tokens.");
                }
                tokens.addAndGet(tgt[i]);
                flops.add(ModelArithmetic.flops(engine.config(), ids[i].length, tgt[i] + 1, beams));
            }
        }
    }
}
