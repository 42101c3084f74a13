package dev.kabar.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running state of beam search over a continuous batch: every input's live beams (sequences,
 * length, running scores) and finished hypotheses, which inputs the session holds, and how inputs
 * join and leave it. {@link Generator}'s plain beam search and {@link ConstrainedBeamSearch} share it.
 *
 * <p>A step goes: {@link #rows()} for the session and the logits processors; per live input,
 * {@link #select} over its top candidates, then {@link #advance} with the beams chosen; then
 * {@link #endStep()}, which gathers the session's rows and admits new inputs. The searches differ
 * only in which EOS candidates become hypotheses, how the chosen beams may be re-ranked between
 * {@code select} and {@code advance}, and what happens at the length limit; those stay with them.
 */
final class BeamBatch {

    /** Admits more inputs into a session; {@link Generator} supplies its continuous-batching policy. */
    interface Admission {
        int[] admit(DecoderSession session, int[] present, int[] next, int inputs, int beams);
    }

    /** Decides whether an EOS after {@code beam}'s first {@code len} tokens may finish a hypothesis of {@code input}. */
    interface EosFilter {
        boolean accepts(int input, int[] beam, int len);
    }

    /** Turns the live beams of an input still open at the length limit into hypotheses. */
    interface AtLimit {
        void collect(int input, BeamHypotheses hyps, int[][] beams, float[] scores, int len);
    }

    /**
     * A step's per-row arrays, in the session's row order: beam {@code b} of the {@code r}-th live
     * input is row {@code r × k + b}; {@code offsets} are the beams' running scores.
     */
    record Rows(int[] last, int[][] seqs, int[] lens, int[] inputs, float[] offsets) { }

    /**
     * The {@code k} continuations chosen for one input: beam {@code b} becomes beam
     * {@code sources[b]} followed by {@code tokens[b]}, with running score {@code scores[b]}.
     */
    record Selection(int[] tokens, float[] scores, int[] sources) { }

    private final int inputs;
    private final int k;
    private final int cand;
    private final int maxLen;
    private final int vocab;
    private final int eos;
    private final int capacity;
    private final DecoderSession session;
    private final Admission admission;
    private final BeamHypotheses[] hyps;
    private final int[] lens;
    // Sequences and running scores of every live beam, indexed [input][beam].
    private final int[][][] seqs;
    private final float[][] beamScores;
    private final int[] next = {0};
    /** The inputs whose rows the session holds, in row order. */
    private int[] live;
    private final List<Integer> nextLive = new ArrayList<>();
    private final List<Integer> rowOrder = new ArrayList<>();

    /** Sets up {@code inputs} inputs with {@code k} beams each and admits the first into {@code session}. */
    BeamBatch(GenerationConfig config, int inputs, int k, int maxRows, DecoderSession session, Admission admission) {
        this.inputs = inputs;
        this.k = k;
        this.cand = 2 * k;
        this.maxLen = config.effectiveMaxLength();
        this.vocab = session.vocabSize();
        this.eos = config.eosTokenId();
        this.capacity = Math.max(1, (int) Math.min(inputs, (long) maxRows / k));
        this.session = session;
        this.admission = admission;
        hyps = new BeamHypotheses[inputs];
        lens = new int[inputs];
        seqs = new int[inputs][k][maxLen];
        beamScores = new float[inputs][k];
        for (int i = 0; i < inputs; i++) {
            hyps[i] = new BeamHypotheses(k, config.lengthPenalty(), config.earlyStopping(), maxLen);
            lens[i] = 1;
            for (int b = 0; b < k; b++) {
                seqs[i][b][0] = config.decoderStartTokenId();
                // Only beam 0 is live at first, so the k beams do not start as copies of each other.
                beamScores[i][b] = b == 0 ? 0f : -1e9f;
            }
        }
        live = admission.admit(session, new int[0], next, inputs, k);
    }

    /** The inputs decoding this step, in row order; empty when all are done. */
    int[] live() {
        return live;
    }

    /** How many candidates per input a step ranks: {@code 2 × k}, as the reference's top-k. */
    int candidates() {
        return cand;
    }

    /** The live beams of {@code input}, each {@link #length} tokens long so far. */
    int[][] beams(int input) {
        return seqs[input];
    }

    /** The length of {@code input}'s live beams, the decoder start token included. */
    int length(int input) {
        return lens[input];
    }

    /** Builds the rows of this step from the live inputs' beams. */
    Rows rows() {
        int rows = live.length * k;
        int[] last = new int[rows];
        int[][] rowSeqs = new int[rows][];
        int[] rowLens = new int[rows];
        int[] rowInputs = new int[rows];
        float[] offsets = new float[rows];
        for (int r = 0; r < live.length; r++) {
            int item = live[r];
            for (int b = 0; b < k; b++) {
                rowSeqs[r * k + b] = seqs[item][b];
                rowLens[r * k + b] = lens[item];
                last[r * k + b] = seqs[item][b][lens[item] - 1];
                rowInputs[r * k + b] = item;
                offsets[r * k + b] = beamScores[item][b];
            }
        }
        return new Rows(last, rowSeqs, rowLens, rowInputs, offsets);
    }

    /**
     * Walks {@code input}'s candidates best first, as the reference's {@code BeamSearchScorer.process}:
     * an EOS among the first {@code k} finishes a hypothesis when {@code eosFilter} accepts it, one
     * further down is skipped, and the first {@code k} others become the next beams.
     *
     * @throws IllegalStateException when fewer than {@code k} candidates are not EOS
     */
    Selection select(int input, int[] candIds, float[] candScores, EosFilter eosFilter) {
        int len = lens[input];
        // BeamSearchScorer.process: cur_len counts the token being chosen.
        int curLen = len + 1;
        int[] tokens = new int[k];
        float[] scores = new float[k];
        int[] sources = new int[k];
        int filled = 0;
        for (int rank = 0; rank < cand && filled < k; rank++) {
            int beamIdx = candIds[rank] / vocab;
            int token = candIds[rank] % vocab;
            if (token == eos) {
                if (rank >= k) {
                    continue;
                }
                if (eosFilter.accepts(input, seqs[input][beamIdx], len)) {
                    hyps[input].add(Arrays.copyOf(seqs[input][beamIdx], len), candScores[rank], curLen - 1);
                }
            } else {
                tokens[filled] = token;
                scores[filled] = candScores[rank];
                sources[filled] = beamIdx;
                filled++;
            }
        }
        if (filled < k) {
            throw new IllegalStateException("Beam search found fewer than " + k + " continuations for input " + input
                    + "; the vocabulary is smaller than 2 × num_beams or every token is banned.");
        }
        return new Selection(tokens, scores, sources);
    }

    /**
     * Makes {@code chosen} the live beams of {@code input}, the {@code r}-th live input, and decides
     * whether it is done given this step's best candidate score; an input that reaches the length
     * limit undone is handed to {@code atLimit} and done. An input not done keeps its rows at the
     * next {@link #endStep()}.
     */
    void advance(int r, int input, Selection chosen, float bestScore, AtLimit atLimit) {
        int len = lens[input];
        int[][] newSeqs = new int[k][];
        for (int b = 0; b < k; b++) {
            newSeqs[b] = seqs[input][chosen.sources()[b]].clone();
            newSeqs[b][len] = chosen.tokens()[b];
        }
        seqs[input] = newSeqs;
        beamScores[input] = chosen.scores();
        lens[input] = len + 1;
        boolean done = hyps[input].isDone(bestScore, len + 1);
        if (!done && lens[input] >= maxLen) {
            atLimit.collect(input, hyps[input], seqs[input], beamScores[input], lens[input]);
            done = true;
        }
        if (!done) {
            nextLive.add(input);
            for (int b = 0; b < k; b++) {
                rowOrder.add(r * k + chosen.sources()[b]);
            }
        }
    }

    /** Reorders the session's rows to follow the beams, drops the inputs done, and admits new ones. */
    void endStep() {
        // Follows the beams and drops finished inputs in the one gather a step needs anyway.
        session.selectRows(rowOrder.stream().mapToInt(Integer::intValue).toArray());
        live = nextLive.stream().mapToInt(Integer::intValue).toArray();
        rowOrder.clear();
        nextLive.clear();
        // Admitting copies the caches, so newcomers join in bulk: once a quarter of the places are free.
        if (next[0] < inputs && (capacity - live.length) * 4 >= capacity) {
            live = admission.admit(session, live, next, inputs, k);
        }
    }

    /** The {@code keep} best hypotheses of every input, padded to one width, with their scores. */
    GenerationResult finish(int keep, int padTokenId) {
        return BeamHypotheses.finish(hyps, keep, maxLen, eos, padTokenId);
    }

    /**
     * {@link AtLimit} of plain beam search ({@code BeamSearchScorer.finalize}): at the length limit
     * every live beam becomes a hypothesis too.
     */
    static void collectAll(int input, BeamHypotheses hyps, int[][] beams, float[] scores, int len) {
        for (int b = 0; b < beams.length; b++) {
            hyps.add(Arrays.copyOf(beams[b], len), scores[b], len - 1);
        }
    }
}
