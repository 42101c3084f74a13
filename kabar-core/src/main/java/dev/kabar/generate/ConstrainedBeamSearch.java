package dev.kabar.generate;

import dev.kabar.runtime.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lexically constrained beam search, token for token as transformers 4.40's
 * {@code _constrained_beam_search} with its {@code ConstrainedBeamSearchScorer}, over the same
 * continuous batches as {@link Generator}'s beam search.
 *
 * <p>Each step, per input with constraints: the best {@code 2 × num_beams} candidates are taken as
 * in plain beam search, except that an EOS candidate only finishes a hypothesis that meets every
 * constraint. Then each beam that has not met them all proposes the tokens that advance them (the
 * constraint in progress' next token, else every pending constraint's first), with their processed
 * score even when a processor made it negative infinity. All candidates are ranked by their bank
 * (how far they are through the constraints) × 100 plus their score, and the beams are taken
 * round-robin across banks: the best of each bank, then the second best of each, and so on. At the
 * length limit the beams that meet the constraints become hypotheses; when fewer than
 * {@code num_return_sequences} do, all of them do. So the constraints are not a guarantee: a row
 * may miss one, with a score of negative infinity when a forced token stood in for a processor's
 * choice.
 *
 * <p>Inputs without constraints are decoded exactly as {@link Generator}'s beam search decodes them.
 * Package-private: {@link Generator#generate} runs it when some input has constraints.
 */
final class ConstrainedBeamSearch {

    private final GenerationConfig config;
    private final LogitsProcessors processors;
    private final Profile profile;
    /** Per input, the constraint templates; empty for an input decoded as plain beam search. */
    private final List<List<ConstraintStates.Constraint>> templates;

    ConstrainedBeamSearch(GenerationConfig config, LogitsProcessors processors, Profile profile,
            List<List<ConstraintStates.Constraint>> templates) {
        this.config = config;
        this.processors = processors;
        this.profile = profile;
        this.templates = templates;
    }

    GenerationResult run(int inputs, int k, DecoderSession session, BeamBatch.Admission admission, int maxRows) {
        int vocab = session.vocabSize();
        int keep = config.numReturnSequences();
        BeamBatch batch = new BeamBatch(config, inputs, k, maxRows, session, admission);
        int cand = batch.candidates();
        // A finished hypothesis must meet every constraint; one that does not is dropped.
        BeamBatch.EosFilter meetsConstraints = (input, beam, len) -> {
            List<ConstraintStates.Constraint> mine = templates.get(input);
            return mine.isEmpty() || ConstraintStates.completes(mine, beam, len);
        };
        BeamBatch.AtLimit atLimit = (input, hyps, beams, scores, len) ->
                finalizeAtLimit(hyps, templates.get(input), beams, scores, len, k, keep);
        while (batch.live().length > 0) {
            int[] live = batch.live();
            int rows = live.length * k;
            BeamBatch.Rows step = batch.rows();
            StepScores.TopK top;
            // Per row, the tokens that advance its constraints and their scores with the beam's score added.
            int[][] advanceTokens = new int[rows][];
            float[][] advanceScores = new float[rows][];
            try (StepScores scores = session.step(step.last(), true)) {
                long t = profile.start();
                processors.apply(scores, step.seqs(), step.lens(), step.inputs());
                advanceCandidates(scores, live, k, batch, step.offsets(), advanceTokens, advanceScores);
                top = scores.topK(step.offsets(), k, cand);
                profile.stop(Profile.Phase.SEARCH, t);
            }
            long t = profile.start();
            for (int r = 0; r < live.length; r++) {
                int item = live[r];
                List<ConstraintStates.Constraint> mine = templates.get(item);
                int[] candIds = top.ids()[r];
                float[] candScores = top.scores()[r];
                if (!mine.isEmpty() && candScores[cand - 1] == Float.NEGATIVE_INFINITY && (long) k * vocab >= 64L * cand) {
                    // Fewer finite candidates than asked for: which negative infinities fill the
                    // rest is up to torch.topk's partial sort, and here they can become beams.
                    candScores = candScores.clone();
                    candIds = referenceTop(candIds, candScores, k * vocab);
                }
                BeamBatch.Selection chosen = batch.select(item, candIds, candScores, meetsConstraints);
                if (!mine.isEmpty()) {
                    bankStep(mine, batch.beams(item), batch.length(item), r * k, advanceTokens, advanceScores,
                            chosen.tokens(), chosen.scores(), chosen.sources());
                }
                batch.advance(r, item, chosen, candScores[0], atLimit);
            }
            profile.stop(Profile.Phase.BOOKKEEPING, t);
            batch.endStep();
        }
        return batch.finish(keep, config.padTokenId());
    }

    /**
     * For every beam of a constrained input that has not met its constraints, the tokens that
     * advance them and their processed scores plus the beam's score (float32, as the reference adds
     * them), read before the top-k, which may shift the scores in place.
     */
    private void advanceCandidates(StepScores scores, int[] live, int k, BeamBatch batch, float[] offsets,
            int[][] advanceTokens, float[][] advanceScores) {
        List<Integer> pairRows = new ArrayList<>();
        List<Integer> pairTokens = new ArrayList<>();
        for (int r = 0; r < live.length; r++) {
            int item = live[r];
            List<ConstraintStates.Constraint> mine = templates.get(item);
            if (mine.isEmpty()) {
                continue;
            }
            for (int b = 0; b < k; b++) {
                ConstraintStates.ListState state = new ConstraintStates.ListState(mine);
                state.reset(batch.beams(item)[b], batch.length(item));
                int row = r * k + b;
                if (state.completed()) {
                    continue;
                }
                List<Integer> tokens = state.advance();
                advanceTokens[row] = tokens.stream().mapToInt(Integer::intValue).toArray();
                for (int token : tokens) {
                    pairRows.add(row);
                    pairTokens.add(token);
                }
            }
        }
        if (pairRows.isEmpty()) {
            return;
        }
        float[] values = scores.get(pairRows.stream().mapToInt(Integer::intValue).toArray(),
                pairTokens.stream().mapToInt(Integer::intValue).toArray());
        int at = 0;
        for (int row = 0; row < advanceTokens.length; row++) {
            if (advanceTokens[row] == null) {
                continue;
            }
            float[] s = new float[advanceTokens[row].length];
            for (int j = 0; j < s.length; j++) {
                s[j] = values[at++] + offsets[row];
            }
            advanceScores[row] = s;
        }
    }

    /**
     * The reference's {@code step_sentence_constraint}: adds the advancing candidates to the
     * {@code k} chosen by score, ranks all by bank and score, and takes the beams round-robin across
     * banks. Rewrites {@code tokens}, {@code scores} and {@code sources} in place.
     *
     * @param beams the input's sequences before this step, each {@code len} long
     * @param firstRow the input's first row in {@code advanceTokens}
     */
    private static void bankStep(List<ConstraintStates.Constraint> mine, int[][] beams, int len, int firstRow,
            int[][] advanceTokens, float[][] advanceScores, int[] tokens, float[] scores, int[] sources) {
        int k = tokens.length;
        List<ConstraintStates.ListState> states = new ArrayList<>();
        List<Integer> allTokens = new ArrayList<>();
        List<Float> allScores = new ArrayList<>();
        List<Integer> allSources = new ArrayList<>();
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < k; i++) {
            int[] full = Arrays.copyOf(beams[sources[i]], len + 1);
            full[len] = tokens[i];
            ConstraintStates.ListState state = new ConstraintStates.ListState(mine);
            state.reset(full, len + 1);
            states.add(state);
            allTokens.add(tokens[i]);
            allScores.add(scores[i]);
            allSources.add(sources[i]);
            seen.add(asList(full));
        }
        int added = 0;
        for (int b = 0; b < k; b++) {
            int[] proposed = advanceTokens[firstRow + b];
            if (proposed == null) {
                continue;
            }
            ConstraintStates.ListState advance = new ConstraintStates.ListState(mine);
            advance.reset(beams[b], len);
            for (int j = 0; j < proposed.length; j++) {
                // Copied and fed even when the sequence is a duplicate: copies can share progress (see ConstraintStates).
                ConstraintStates.ListState state = advance.copy();
                state.add(proposed[j]);
                int[] full = Arrays.copyOf(beams[b], len + 1);
                full[len] = proposed[j];
                if (seen.add(asList(full))) {
                    states.add(state);
                    allTokens.add(proposed[j]);
                    allScores.add(advanceScores[firstRow + b][j]);
                    allSources.add(b);
                    added++;
                }
            }
        }
        if (added == 0) {
            // The reference re-ranks only when a candidate was added.
            return;
        }
        int n = states.size();
        int[] banks = new int[n];
        float[] zipped = new float[n];
        for (int i = 0; i < n; i++) {
            banks[i] = states.get(i).bank();
            // int64 banks × 100 plus float32 scores: PyTorch computes the sum in float32.
            zipped[i] = (float) (banks[i] * 100L) + allScores.get(i);
        }
        int[] order = CxxSort.sortDescending(zipped);
        // Each candidate's rank within its run of equal banks, then a stable sort by that rank:
        // the best of each bank first, then the second best of each, ...
        int[] increments = new int[n];
        int counter = -1;
        int current = banks[order[0]];
        for (int i = 0; i < n; i++) {
            int bank = banks[order[i]];
            if (bank == current) {
                counter++;
            } else {
                counter = 0;
                current = bank;
            }
            increments[i] = counter;
        }
        Integer[] rearrange = new Integer[n];
        for (int i = 0; i < n; i++) {
            rearrange[i] = i;
        }
        Arrays.sort(rearrange, (a, b) -> Integer.compare(increments[a], increments[b]));
        for (int j = 0; j < k; j++) {
            int chosen = order[rearrange[j]];
            tokens[j] = allTokens.get(chosen);
            scores[j] = allScores.get(chosen);
            sources[j] = allSources.get(chosen);
        }
    }

    /**
     * The reference's {@code finalize} for an input still open at the length limit: the beams that
     * meet every constraint become hypotheses; if fewer than {@code keep} do, every other beam does too.
     */
    private static void finalizeAtLimit(BeamHypotheses hyps, List<ConstraintStates.Constraint> mine, int[][] beams,
            float[] beamScores, int len, int k, int keep) {
        boolean[] collected = new boolean[k];
        int count = 0;
        for (int b = 0; b < k; b++) {
            if (mine.isEmpty() || ConstraintStates.completes(mine, beams[b], len)) {
                hyps.add(Arrays.copyOf(beams[b], len), beamScores[b], len - 1);
                collected[b] = true;
                count++;
            }
        }
        if (count < keep) {
            for (int b = 0; b < k; b++) {
                if (!collected[b]) {
                    hyps.add(Arrays.copyOf(beams[b], len), beamScores[b], len - 1);
                }
            }
        }
    }

    /**
     * Re-orders a group's top-k whose tail is negative infinity as torch.topk's partial sort leaves
     * it (see {@link CxxSort#partialSortTop}); {@code scores} is rewritten to match.
     */
    private static int[] referenceTop(int[] ids, float[] scores, int n) {
        int finite = 0;
        while (finite < scores.length && scores[finite] != Float.NEGATIVE_INFINITY) {
            finite++;
        }
        Integer[] byId = new Integer[finite];
        for (int i = 0; i < finite; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, (a, b) -> Integer.compare(ids[a], ids[b]));
        int[] finiteIds = new int[finite];
        float[] finiteKeys = new float[finite];
        for (int i = 0; i < finite; i++) {
            finiteIds[i] = ids[byId[i]];
            finiteKeys[i] = scores[byId[i]];
        }
        return CxxSort.partialSortTop(n, ids.length, finiteIds, finiteKeys, scores);
    }

    private static List<Integer> asList(int[] seq) {
        List<Integer> out = new ArrayList<>(seq.length);
        for (int v : seq) {
            out.add(v);
        }
        return out;
    }
}
