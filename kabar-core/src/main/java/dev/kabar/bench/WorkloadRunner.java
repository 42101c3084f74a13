package dev.kabar.bench;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.ForcedWords;
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

    /**
     * What a run measured.
     *
     * @param constrained sentences decoded with a forced phrase ({@code constrainShare})
     * @param constraintsMet of those, the outputs that hold their phrase
     */
    public record Result(int sentences, long generatedTokens, double wallSeconds, double flops, int constrained,
            int constraintsMet) {

        /** A run without constraints. */
        public Result(int sentences, long generatedTokens, double wallSeconds, double flops) {
            this(sentences, generatedTokens, wallSeconds, flops, 0, 0);
        }
    }

    private WorkloadRunner() {
    }

    /**
     * Translates every sentence of the workload, forcing each to its {@code tgt_len}, and checks that
     * every output has exactly that many tokens before its EOS. Batches run one after the other;
     * the engine decodes each on its workers.
     */
    public static Result run(Seq2SeqEngine engine, Workload workload, int beams, Batching batching, Profile profile) {
        return run(engine, workload, beams, batching, profile, 0, 0);
    }

    /**
     * Like {@link #run(Seq2SeqEngine, Workload, int, Batching, Profile)}, with a phrase forced into a
     * share of the sentences, as a glossary would: the sentences spread evenly through the workload,
     * {@code share} of them, each forced to contain its own first {@code phraseTokens} source ids
     * (the id→en vocabulary is shared, so they are target tokens too). Those sentences decode by
     * constrained beam search in the same batches as the others; their phrase's tokens may override
     * the exact lengths, so only the others are held to their {@code tgt_len}, and the constrained
     * ones count the tokens they did generate.
     */
    public static Result run(Seq2SeqEngine engine, Workload workload, int beams, Batching batching, Profile profile,
            double share, int phraseTokens) {
        if (share < 0 || share > 1 || share > 0 && (beams < 2 || phraseTokens < 1)) {
            throw new IllegalArgumentException("A constrained share must lie in [0, 1] and needs at least 2 beams and a phrase "
                    + "of at least 1 token; got share " + share + ", " + beams + " beams, " + phraseTokens + " tokens.");
        }
        List<Workload.Sentence> sentences = workload.sentences();
        int[] lengths = sentences.stream().mapToInt(s -> s.srcIds().length).toArray();
        List<int[]> batches = new TokenBudgetBatcher(batching.batchTokens(), batching.batchSize(), batching.sorted()).batches(lengths);
        long tokens = 0;
        double flops = 0;
        int constrained = 0;
        int met = 0;
        long start = System.nanoTime();
        int maxRows = batching.maxRows() > 0 ? batching.maxRows() : Integer.MAX_VALUE;
        for (int[] batch : batches) {
            List<Workload.Sentence> members = new ArrayList<>(batch.length);
            for (int index : batch) {
                members.add(sentences.get(index));
            }
            List<int[]> phrases = new ArrayList<>(batch.length);
            for (int index : batch) {
                boolean chosen = Math.floor((index + 1) * share) > Math.floor(index * share);
                int[] src = sentences.get(index).srcIds();
                // The source's own first ids, the closing EOS left out.
                phrases.add(chosen ? Arrays.copyOf(src, Math.min(phraseTokens, Math.max(1, src.length - 1))) : null);
            }
            Exact run = generateExact(engine, members, beams, profile, maxRows, phrases);
            for (int i = 0; i < batch.length; i++) {
                int[] seq = run.result().sequences()[i];
                int tgt = members.get(i).tgtLen();
                int generated = tgt;
                if (phrases.get(i) != null) {
                    constrained++;
                    generated = generatedTokens(seq, run.gen());
                    if (contains(seq, phrases.get(i))) {
                        met++;
                    }
                } else if (seq.length < tgt + 2 || seq[tgt + 1] != run.gen().eosTokenId()) {
                    throw new IllegalStateException("Sentence " + batch[i] + " did not end after exactly " + tgt + " tokens.");
                }
                tokens += generated;
                flops += ModelArithmetic.flops(engine.config(), members.get(i).srcIds().length, generated + 1, beams);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(sentences.size(), tokens, wall, flops, constrained, met);
    }

    /** Tokens after the decoder start, up to EOS or padding. */
    private static int generatedTokens(int[] seq, GenerationConfig gen) {
        int n = 0;
        for (int k = 1; k < seq.length && seq[k] != gen.eosTokenId() && seq[k] != gen.padTokenId(); k++) {
            n++;
        }
        return n;
    }

    private static boolean contains(int[] seq, int[] phrase) {
        for (int start = 0; start + phrase.length <= seq.length; start++) {
            if (Arrays.equals(seq, start, start + phrase.length, phrase, 0, phrase.length)) {
                return true;
            }
        }
        return false;
    }

    /** One batch's output and the generation settings that made it. */
    record Exact(GenerationConfig gen, GenerationResult result) { }

    /**
     * Decodes one batch of workload sentences with {@code beams} beams, each forced to exactly its
     * {@code tgt_len} tokens and then EOS, at most {@code maxRows} rows at once per worker.
     */
    static Exact generateExact(Seq2SeqEngine engine, List<Workload.Sentence> batch, int beams, Profile profile, int maxRows) {
        return generateExact(engine, batch, beams, profile, maxRows, null);
    }

    /** Like the above, with a phrase forced into the sentences whose entry of {@code phrases} is not null. */
    static Exact generateExact(Seq2SeqEngine engine, List<Workload.Sentence> batch, int beams, Profile profile, int maxRows,
            List<int[]> phrases) {
        int[][] ids = batch.stream().map(Workload.Sentence::srcIds).toArray(int[][]::new);
        int[] tgt = batch.stream().mapToInt(Workload.Sentence::tgtLen).toArray();
        int longest = Arrays.stream(tgt).max().orElse(0);
        GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", longest + 1,
                "early_stopping", true));
        List<List<ForcedWords>> constraints = null;
        if (phrases != null && phrases.stream().anyMatch(java.util.Objects::nonNull)) {
            constraints = phrases.stream().map(p -> p == null ? List.<ForcedWords>of() : List.of(ForcedWords.phrase(p))).toList();
        }
        return new Exact(gen, engine.generateIdsExactLengths(ids, gen, tgt, profile, maxRows, constraints));
    }
}
