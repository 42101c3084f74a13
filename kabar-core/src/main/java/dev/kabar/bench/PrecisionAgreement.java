package dev.kabar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.runtime.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How often two runs pick the same tokens: a candidate (bfloat16) against a reference (float32,
 * or transformers' golden outputs).
 *
 * @param sequences sequences compared
 * @param identical sequences the candidate reproduced exactly
 * @param tokens the reference's tokens, padding after its end left out
 * @param agreeing reference tokens the candidate has at the same position
 * @param prefix reference tokens before the first position where the two differ, summed over sequences
 */
public record PrecisionAgreement(int sequences, int identical, long tokens, long agreeing, long prefix) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Compares two sets of sequences row by row; trailing {@code pad} tokens are not counted. */
    public static PrecisionAgreement compare(int[][] reference, int[][] candidate, int pad) {
        if (reference.length != candidate.length) {
            throw new IllegalArgumentException(reference.length + " reference sequences against " + candidate.length + " candidates.");
        }
        int identical = 0;
        long tokens = 0;
        long agreeing = 0;
        long prefix = 0;
        for (int i = 0; i < reference.length; i++) {
            int[] ref = strip(reference[i], pad);
            int[] cand = strip(candidate[i], pad);
            identical += java.util.Arrays.equals(ref, cand) ? 1 : 0;
            tokens += ref.length;
            boolean same = true;
            for (int j = 0; j < ref.length; j++) {
                boolean match = j < cand.length && cand[j] == ref[j];
                agreeing += match ? 1 : 0;
                same &= match;
                prefix += same ? 1 : 0;
            }
        }
        return new PrecisionAgreement(reference.length, identical, tokens, agreeing, prefix);
    }

    /** Adds up two comparisons. */
    public PrecisionAgreement plus(PrecisionAgreement o) {
        return new PrecisionAgreement(sequences + o.sequences, identical + o.identical, tokens + o.tokens, agreeing + o.agreeing,
                prefix + o.prefix);
    }

    /** Returns the share of reference tokens the candidate has at the same position. */
    public double tokenAgreement() {
        return tokens == 0 ? 1 : (double) agreeing / tokens;
    }

    /** Returns the share of sequences reproduced exactly. */
    public double sequenceAgreement() {
        return sequences == 0 ? 1 : (double) identical / sequences;
    }

    /** Returns the share of reference tokens before the first difference. */
    public double prefixAgreement() {
        return tokens == 0 ? 1 : (double) prefix / tokens;
    }

    /**
     * Runs a workload through both engines, in batches of {@code batchSize} in file order, each
     * sentence forced to its {@code tgt_len} as {@link WorkloadRunner} does, and compares the tokens.
     */
    public static PrecisionAgreement onWorkload(Seq2SeqEngine reference, Seq2SeqEngine candidate, Workload workload, int beams,
                                                int batchSize) {
        List<Workload.Sentence> sentences = workload.sentences();
        PrecisionAgreement total = new PrecisionAgreement(0, 0, 0, 0, 0);
        for (int start = 0; start < sentences.size(); start += batchSize) {
            List<Workload.Sentence> batch = sentences.subList(start, Math.min(sentences.size(), start + batchSize));
            WorkloadRunner.Exact r = WorkloadRunner.generateExact(reference, batch, beams, Profile.OFF, Integer.MAX_VALUE);
            WorkloadRunner.Exact c = WorkloadRunner.generateExact(candidate, batch, beams, Profile.OFF, Integer.MAX_VALUE);
            total = total.plus(compare(r.result().sequences(), c.result().sequences(), r.gen().padTokenId()));
        }
        return total;
    }

    /**
     * Runs the golden cases of a conformance checkpoint ({@code golden.jsonl}: {@code input_ids},
     * {@code attention_mask}, {@code generate_kwargs}, {@code output_ids} from transformers in
     * float32) through the engine and compares its tokens with the golden ones.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static PrecisionAgreement onGoldenCases(Seq2SeqEngine candidate, Path goldenJsonl) {
        PrecisionAgreement total = new PrecisionAgreement(0, 0, 0, 0, 0);
        try (BufferedReader in = Files.newBufferedReader(goldenJsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = JSON.readTree(line);
                @SuppressWarnings("unchecked")
                Map<String, Object> kwargs = JSON.convertValue(c.get("generate_kwargs"), Map.class);
                GenerationConfig gen = candidate.generationConfig(kwargs);
                GenerationResult r = candidate.generateIds(matrix(c.get("input_ids")), matrix(c.get("attention_mask")), gen);
                total = total.plus(compare(matrix(c.get("output_ids")), r.sequences(), gen.padTokenId()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden cases " + goldenJsonl + ": " + e.getMessage(), e);
        }
        return total;
    }

    private static int[][] matrix(JsonNode rows) {
        List<int[]> out = new ArrayList<>();
        for (JsonNode row : rows) {
            int[] r = new int[row.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = row.get(i).asInt();
            }
            out.add(r);
        }
        return out.toArray(new int[0][]);
    }

    private static int[] strip(int[] seq, int pad) {
        int n = seq.length;
        while (n > 0 && seq[n - 1] == pad) {
            n--;
        }
        return java.util.Arrays.copyOf(seq, n);
    }
}
