package dev.kabar.generate;

import dev.kabar.runtime.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Greedy and beam search over a {@link DecoderSession}, reproducing transformers 4.40's
 * {@code generate()} for encoder-decoder models token for token.
 *
 * <p>Inputs that are finished leave the running batch at once ({@link DecoderSession#selectRows}),
 * so no compute is spent on them; the reference keeps them and feeds padding, which does not change
 * the other rows' results.
 */
public final class Generator {

    private final GenerationConfig config;
    private final LogitsProcessors processors;
    private final Profile profile;
    private final int maxRows;
    private final int[] admissionOrder;
    /** Per input, constraints on top of {@code force_words_ids}; null when there are none. */
    private final List<List<ForcedWords>> inputConstraints;

    /** Creates a generator for validated settings. */
    public Generator(GenerationConfig config) {
        this(config, null, Profile.OFF, Integer.MAX_VALUE, null, null);
    }

    private Generator(GenerationConfig config, int[] exactNewTokens, Profile profile, int maxRows, int[] admissionOrder,
            List<List<ForcedWords>> inputConstraints) {
        this.config = config;
        this.processors = new LogitsProcessors(config, exactNewTokens);
        this.profile = profile;
        this.maxRows = maxRows;
        this.admissionOrder = admissionOrder;
        this.inputConstraints = inputConstraints;
    }

    /**
     * Returns a generator that makes input {@code i} produce exactly {@code newTokens[i]} tokens and
     * then EOS, whatever the model prefers. A benchmark-only switch: it lets a random-weight
     * checkpoint do the same work a trained model would on real sentences.
     */
    public Generator withExactLengths(int[] newTokens) {
        return new Generator(config, newTokens.clone(), profile, maxRows, admissionOrder, inputConstraints);
    }

    /** Returns a generator that records where its time goes into {@code profile}. */
    public Generator withProfile(Profile profile) {
        return new Generator(config, processors.exactNewTokens(), profile, maxRows, admissionOrder, inputConstraints);
    }

    /**
     * Returns a generator that keeps at most {@code rows} rows (inputs × beams) decoding at once and
     * admits the next inputs as others finish (continuous batching). The results are the same as
     * decoding all inputs together; only the work per step changes. By default all inputs start at once.
     */
    public Generator withMaxRows(int rows) {
        if (rows < config.numBeams()) {
            throw new InvalidGenerationOptionException("The row budget must hold at least one input's " + config.numBeams()
                    + " beams, but is " + rows + ".");
        }
        return new Generator(config, processors.exactNewTokens(), profile, rows, admissionOrder, inputConstraints);
    }

    /**
     * Returns a generator that admits inputs in the given order (a permutation of the input
     * indices) instead of index order. Results stay indexed by input. With continuous batching,
     * admitting the longest inputs first keeps the batch full until the end, instead of finishing on
     * a few long inputs decoded at a handful of rows per step.
     */
    public Generator withAdmissionOrder(int[] order) {
        int[] copy = order.clone();
        boolean[] seen = new boolean[copy.length];
        for (int i : copy) {
            if (i < 0 || i >= copy.length || seen[i]) {
                throw new IllegalArgumentException("An admission order must be a permutation of 0.." + (copy.length - 1)
                        + ", but " + Arrays.toString(copy) + " is not.");
            }
            seen[i] = true;
        }
        return new Generator(config, processors.exactNewTokens(), profile, maxRows, copy, inputConstraints);
    }

    /**
     * Returns a generator that also constrains each input by its own items (transformers'
     * {@code force_words_ids} form), after the config's {@code force_words_ids}, which apply to
     * every input: {@code constraints.get(i)} belongs to input {@code i}. An input with no items at
     * all is decoded by plain beam search, with the same tokens and scores as without this call.
     * Constraints need beam search ({@code num_beams} > 1).
     *
     * @throws InvalidGenerationOptionException when an input has constraints and {@code num_beams} is 1
     */
    public Generator withConstraints(List<List<ForcedWords>> constraints) {
        List<List<ForcedWords>> copy = new ArrayList<>(constraints.size());
        for (List<ForcedWords> items : constraints) {
            copy.add(items == null ? List.of() : List.copyOf(items));
            if (items != null && !items.isEmpty() && config.numBeams() == 1) {
                throw new InvalidGenerationOptionException("Per-sentence constraints (force_words_ids) need constrained beam "
                        + "search, but num_beams is 1; set num_beams to 2 or more.");
            }
        }
        return new Generator(config, processors.exactNewTokens(), profile, maxRows, admissionOrder, List.copyOf(copy));
    }

    /**
     * Generates for {@code inputs} sources, admitted in index order unless an admission order was given.
     *
     * @param inputs number of sources
     * @param sessionFactory opens a session over the sources, given the number of sources and the
     *     rows per source (1 for greedy, {@code num_beams} for beam search); the generator closes it
     */
    public GenerationResult generate(int inputs, BiFunction<Integer, Integer, DecoderSession> sessionFactory) {
        if (admissionOrder != null && admissionOrder.length != inputs) {
            throw new IllegalArgumentException("The admission order has " + admissionOrder.length + " inputs, the call " + inputs + ".");
        }
        if (inputConstraints != null && inputConstraints.size() != inputs) {
            throw new IllegalArgumentException("Constraints were given for " + inputConstraints.size() + " inputs, the call has " + inputs + ".");
        }
        int beams = config.numBeams();
        if (config.effectiveMaxLength() <= 1) {
            // No room for any token after the decoder start token.
            int rows = inputs * config.numReturnSequences();
            int[][] out = new int[rows][];
            for (int i = 0; i < rows; i++) {
                out[i] = new int[] {config.decoderStartTokenId()};
            }
            return new GenerationResult(out, beams > 1 ? new float[rows] : null);
        }
        List<List<ConstraintStates.Constraint>> templates = constraintTemplates(inputs);
        try (DecoderSession session = sessionFactory.apply(inputs, beams)) {
            if (beams == 1) {
                return greedy(inputs, session);
            }
            if (templates != null) {
                return new ConstrainedBeamSearch(config, processors, profile, templates).run(inputs, beams, session, this::admit, maxRows);
            }
            return beamSearch(inputs, beams, session);
        }
    }

    /** Each input's constraints (the config's, then its own), or null when no input has any. */
    private List<List<ConstraintStates.Constraint>> constraintTemplates(int inputs) {
        boolean any = !config.forceWordsIds().isEmpty();
        if (inputConstraints != null) {
            for (List<ForcedWords> items : inputConstraints) {
                any |= !items.isEmpty();
            }
        }
        if (!any) {
            return null;
        }
        List<List<ConstraintStates.Constraint>> out = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            List<ForcedWords> items = new ArrayList<>(config.forceWordsIds());
            if (inputConstraints != null) {
                items.addAll(inputConstraints.get(i));
            }
            out.add(ConstraintStates.of(items));
        }
        return out;
    }

    /** Admits the next pending inputs into free rows; returns the new present list. */
    int[] admit(DecoderSession session, int[] present, int[] next, int inputs, int beams) {
        int free = (int) Math.min((long) maxRows / beams - present.length, inputs - next[0]);
        if (free <= 0) {
            return present;
        }
        int[] joining = new int[free];
        for (int i = 0; i < free; i++) {
            int k = next[0]++;
            joining[i] = admissionOrder == null ? k : admissionOrder[k];
        }
        int[] order = session.admit(joining);
        int[] out = Arrays.copyOf(present, present.length + free);
        System.arraycopy(order, 0, out, present.length, free);
        return out;
    }

    private GenerationResult greedy(int inputs, DecoderSession session) {
        int maxLen = config.effectiveMaxLength();
        int[][] seqs = new int[inputs][maxLen];
        int[] lens = new int[inputs];
        boolean[] finished = new boolean[inputs];
        for (int i = 0; i < inputs; i++) {
            seqs[i][0] = config.decoderStartTokenId();
            lens[i] = 1;
        }
        // Each input's sum of chosen-token log-probabilities, for its confidence.
        double[] logProbSums = new double[inputs];
        int[] next = {0};
        // The inputs whose rows the session holds, in row order; some may be finished already.
        int[] present = admit(session, new int[0], next, inputs, 1);
        while (present.length > 0) {
            int[] last = new int[present.length];
            int[][] rowSeqs = new int[present.length][];
            int[] rowLens = new int[present.length];
            for (int r = 0; r < present.length; r++) {
                int input = present[r];
                rowSeqs[r] = seqs[input];
                rowLens[r] = lens[input];
                // Finished rows are fed padding, as the reference does, until they are dropped.
                last[r] = finished[input] ? config.padTokenId() : seqs[input][lens[input] - 1];
            }
            int[] chosen;
            try (StepScores scores = session.step(last, false)) {
                long t = profile.start();
                processors.apply(scores, rowSeqs, rowLens, present);
                chosen = scores.argmax();
                float[] logProbs = scores.logProbabilities(chosen);
                for (int r = 0; r < present.length; r++) {
                    if (!finished[present[r]]) {
                        logProbSums[present[r]] += logProbs[r];
                    }
                }
                profile.stop(Profile.Phase.SEARCH, t);
            }
            long t = profile.start();
            int finishedPresent = 0;
            for (int r = 0; r < present.length; r++) {
                int input = present[r];
                if (!finished[input]) {
                    seqs[input][lens[input]++] = chosen[r];
                    finished[input] = chosen[r] == config.eosTokenId() || lens[input] >= maxLen;
                }
                if (finished[input]) {
                    finishedPresent++;
                }
            }
            profile.stop(Profile.Phase.BOOKKEEPING, t);
            // Dropping rows copies the caches, so finished rows go in bulk: once they are a quarter
            // of the batch, or all of it. Until then they cost one row of compute each.
            if (finishedPresent > 0 && (finishedPresent * 4 >= present.length || finishedPresent == present.length)) {
                int[] keepRows = new int[present.length - finishedPresent];
                int[] nextPresent = new int[keepRows.length];
                int kept = 0;
                for (int r = 0; r < present.length; r++) {
                    if (!finished[present[r]]) {
                        keepRows[kept] = r;
                        nextPresent[kept++] = present[r];
                    }
                }
                session.selectRows(keepRows);
                present = admit(session, nextPresent, next, inputs, 1);
            }
        }
        // Rows that ended early are padded to the longest, as the reference's greedy loop does.
        int width = 0;
        for (int len : lens) {
            width = Math.max(width, len);
        }
        int[][] out = new int[inputs][width];
        for (int i = 0; i < inputs; i++) {
            Arrays.fill(out[i], config.padTokenId());
            System.arraycopy(seqs[i], 0, out[i], 0, lens[i]);
        }
        float[] confidences = new float[inputs];
        for (int i = 0; i < inputs; i++) {
            confidences[i] = lens[i] > 1 ? (float) (logProbSums[i] / (lens[i] - 1)) : Float.NaN;
        }
        return new GenerationResult(out, null, confidences);
    }

    /** Runs beam search with {@code k} beams; package-private so tests can run it with one beam. */
    GenerationResult beamSearch(int inputs, int k, DecoderSession session) {
        BeamBatch batch = new BeamBatch(config, inputs, k, maxRows, session, this::admit);
        BeamBatch.EosFilter anyEos = (input, beam, len) -> true;
        while (batch.live().length > 0) {
            int[] live = batch.live();
            BeamBatch.Rows rows = batch.rows();
            StepScores.TopK top;
            try (StepScores scores = session.step(rows.last(), true)) {
                long t = profile.start();
                processors.apply(scores, rows.seqs(), rows.lens(), rows.inputs());
                top = scores.topK(rows.offsets(), k, batch.candidates());
                profile.stop(Profile.Phase.SEARCH, t);
            }
            long t = profile.start();
            for (int r = 0; r < live.length; r++) {
                float[] candScores = top.scores()[r];
                BeamBatch.Selection chosen = batch.select(live[r], top.ids()[r], candScores, anyEos);
                batch.advance(r, live[r], chosen, candScores[0], BeamBatch::collectAll);
            }
            profile.stop(Profile.Phase.BOOKKEEPING, t);
            batch.endStep();
        }
        return batch.finish(config.numReturnSequences(), config.padTokenId());
    }
}
