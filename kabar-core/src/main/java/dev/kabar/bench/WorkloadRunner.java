package dev.kabar.bench;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.pipeline.TokenBudgetBatcher;
import dev.kabar.runtime.Profile;
import java.util.ArrayList;
import java.util.Arrays;
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
     * every output has exactly that many tokens before its EOS. Batches run one after the other;
     * the engine decodes each on its workers.
     */
    public static Result run(Seq2SeqEngine engine, Workload workload, int beams, Batching batching, Profile profile) {
        List<Workload.Sentence> sentences = workload.sentences();
        int[] lengths = sentences.stream().mapToInt(s -> s.srcIds().length).toArray();
        List<int[]> batches = new TokenBudgetBatcher(batching.batchTokens(), batching.batchSize(), batching.sorted()).batches(lengths);
        long tokens = 0;
        double flops = 0;
        long start = System.nanoTime();
        int maxRows = batching.maxRows() > 0 ? batching.maxRows() : Integer.MAX_VALUE;
        for (int[] batch : batches) {
            List<Workload.Sentence> members = new ArrayList<>(batch.length);
            for (int index : batch) {
                members.add(sentences.get(index));
            }
            Exact run = generateExact(engine, members, beams, profile, maxRows);
            for (int i = 0; i < batch.length; i++) {
                int[] seq = run.result().sequences()[i];
                int tgt = members.get(i).tgtLen();
                if (seq.length < tgt + 2 || seq[tgt + 1] != run.gen().eosTokenId()) {
                    throw new IllegalStateException("Sentence " + batch[i] + " did not end after exactly " + tgt + " tokens.");
                }
                tokens += tgt;
                flops += ModelArithmetic.flops(engine.config(), members.get(i).srcIds().length, tgt + 1, beams);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(sentences.size(), tokens, wall, flops);
    }

    /** One batch's output and the generation settings that made it. */
    record Exact(GenerationConfig gen, GenerationResult result) { }

    /**
     * Decodes one batch of workload sentences with {@code beams} beams, each forced to exactly its
     * {@code tgt_len} tokens and then EOS, at most {@code maxRows} rows at once per worker.
     */
    static Exact generateExact(Seq2SeqEngine engine, List<Workload.Sentence> batch, int beams, Profile profile, int maxRows) {
        int[][] ids = batch.stream().map(Workload.Sentence::srcIds).toArray(int[][]::new);
        int[] tgt = batch.stream().mapToInt(Workload.Sentence::tgtLen).toArray();
        int longest = Arrays.stream(tgt).max().orElse(0);
        GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", longest + 1,
                "early_stopping", true));
        return new Exact(gen, engine.generateIdsExactLengths(ids, gen, tgt, profile, maxRows));
    }
}
