package dev.kabar.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.kabar.generate.StepScores;
import dev.kabar.nn.ScreenedHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * {@link StepScores} of a greedy step whose float32 logits are only computed where they can
 * matter: the LM head runs in bfloat16 with an error bound ({@link ScreenedHead}), and
 * {@link #argmax} computes exact float32 logits only for the tokens the bound cannot rule out.
 * The arg-max is the float32 head's, token for token.
 *
 * <p>Edits (the logits processors') are kept here as exact values (a banned entry is −∞, a set one
 * its value, a forced row −∞ but for its token) and written into the approximate logits by
 * {@link #argmax}'s one native call. {@link #get} computes exact logits of the pairs asked for.
 * {@link #logSoftmax} and {@link #topK} need every exact logit: the first call of either computes
 * the whole float32 head, replays the edits in order on it, and from then on every operation goes
 * to those scores ({@link NativeScores}). So does {@link #argmax} when the bound leaves too many
 * candidates, or meets an infinite or NaN logit.
 */
final class ScreenedScores implements StepScores {

    /**
     * Tokens per row in the candidates' blocks of 64 ({@link ScreenedHead#pick}) beyond which the
     * arg-max computes the whole head instead.
     */
    private static final int CANDIDATES_PER_ROW = 256;

    private final NDManager manager;
    private final ScreenedHead head;
    private final NDArray hidden;
    private final ScreenedHead.Screen screen;
    private final Function<NDArray, List<NDArray>> fullHead;
    private final int rows;
    private final int vocab;
    /** Exact values known from edits, by {@code row · vocab + token}. */
    private final Map<Long, Float> known = new HashMap<>();
    /** Rows that {@link #forceOnly} set to negative infinity except for {@link #known} entries. */
    private final boolean[] wiped;
    /** The edits so far, to replay on the exact scores. */
    private final List<Consumer<StepScores>> edits = new ArrayList<>();
    private NativeScores full;
    /**
     * Set by {@link #argmax} when it answered from the candidates: the approximate logits then hold
     * every edit (its native call writes them in), and each row's pick and exact logit are known.
     * Cleared by any later edit.
     */
    private boolean picked;
    private int[] pickedTokens;
    private float[] pickedValues;

    /**
     * Screens the logits of {@code hidden [rows, d]}, taking ownership of it.
     *
     * @param fullHead computes the exact float32 logits of the hidden states, as vocabulary chunks
     */
    ScreenedScores(NDManager parent, ScreenedHead head, NDArray hidden, int vocab, Function<NDArray, List<NDArray>> fullHead) {
        this.manager = parent.newSubManager();
        this.head = head;
        this.hidden = hidden;
        this.fullHead = fullHead;
        this.vocab = vocab;
        this.rows = (int) hidden.getShape().get(0);
        this.wiped = new boolean[rows];
        hidden.attach(manager);
        this.screen = head.screen(hidden);
        // Made inside the caller's scope (the session's step), they must outlive it.
        NDScope.unregister(hidden, screen.approx(), screen.error());
    }

    /** Returns each row's bound: every float32 logit lies within it of the approximate one. */
    float[] bounds() {
        return screen.error().toFloatArray();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int vocab() {
        return vocab;
    }

    private long key(int row, int token) {
        return (long) row * vocab + token;
    }

    @Override
    public void logSoftmax() {
        exactScores().logSoftmax();
    }

    @Override
    public float[] get(int[] r, int[] t) {
        if (full != null) {
            return full.get(r, t);
        }
        float[] out = new float[r.length];
        int[] which = new int[r.length];
        int missing = 0;
        for (int i = 0; i < r.length; i++) {
            Float value = known.get(key(r[i], t[i]));
            if (value != null) {
                out[i] = value;
            } else if (wiped[r[i]]) {
                out[i] = Float.NEGATIVE_INFINITY;
            } else {
                which[missing++] = i;
            }
        }
        if (missing > 0) {
            long[] pairRows = new long[missing];
            long[] pairTokens = new long[missing];
            for (int j = 0; j < missing; j++) {
                pairRows[j] = r[which[j]];
                pairTokens[j] = t[which[j]];
            }
            float[] values = head.exact(hidden, pairRows, pairTokens);
            for (int j = 0; j < missing; j++) {
                out[which[j]] = values[j];
            }
        }
        return out;
    }

    @Override
    public void set(int[] r, int[] t, float[] values) {
        if (full != null) {
            full.set(r, t, values);
            return;
        }
        int[] rr = r.clone();
        int[] tt = t.clone();
        float[] vv = values.clone();
        edits.add(s -> s.set(rr, tt, vv));
        put(rr, tt, vv);
    }

    @Override
    public void ban(int[] r, int[] t) {
        if (full != null) {
            full.ban(r, t);
            return;
        }
        int[] rr = r.clone();
        int[] tt = t.clone();
        edits.add(s -> s.ban(rr, tt));
        float[] values = new float[rr.length];
        Arrays.fill(values, Float.NEGATIVE_INFINITY);
        put(rr, tt, values);
    }

    @Override
    public void forceOnly(int[] r, int token) {
        if (full != null) {
            full.forceOnly(r, token);
            return;
        }
        if (r.length == 0) {
            return;
        }
        int[] rr = r.clone();
        edits.add(s -> s.forceOnly(rr, token));
        for (int row : rr) {
            wiped[row] = true;
        }
        known.keySet().removeIf(k -> wiped[(int) (k / vocab)]);
        int[] tokens = new int[rr.length];
        Arrays.fill(tokens, token);
        put(rr, tokens, new float[rr.length]);
    }

    /** Remembers exact values; they reach the approximate logits in {@link #argmax}'s native call. */
    private void put(int[] r, int[] t, float[] values) {
        picked = false;
        for (int i = 0; i < r.length; i++) {
            known.put(key(r[i], t[i]), values[i]);
        }
    }

    /**
     * The float32 arg-max (the first on ties) among the candidates the screen leaves; the exact
     * scores' own arg-max when there are too many of them or a value is NaN or infinite.
     */
    @Override
    public int[] argmax() {
        if (full != null) {
            return full.argmax();
        }
        long[] found;
        float[] exact;
        long[] wipedRows = IntStream.range(0, rows).filter(r -> wiped[r]).asLongStream().toArray();
        long[] entries = new long[known.size()];
        double[] values = new double[known.size()];
        int k = 0;
        for (Map.Entry<Long, Float> entry : known.entrySet()) {
            entries[k] = entry.getKey();
            values[k++] = entry.getValue();
        }
        ScreenedHead.Candidates candidates = head.pick(screen, hidden, rows * CANDIDATES_PER_ROW, wipedRows, entries, values);
        try (NDArray f = candidates.found(); NDArray e = candidates.exact()) {
            if (e == null) {
                return exactScores().argmax();
            }
            found = f.toLongArray();
            exact = e.toFloatArray();
        }
        int[] best = new int[rows];
        float[] bestValue = new float[rows];
        Arrays.fill(best, -1);
        for (int i = 0; i < exact.length; i++) {
            int row = (int) found[2 * i];
            int token = (int) found[2 * i + 1];
            Float value = known.get(key(row, token));
            float v = value != null ? value : wiped[row] ? Float.NEGATIVE_INFINITY : exact[i];
            if (Float.isNaN(v) || Float.isInfinite(v) && v > 0) {
                return exactScores().argmax();
            }
            // Candidates come in token order within a row, so a strict > keeps the first of equals.
            if (best[row] < 0 || v > bestValue[row]) {
                best[row] = token;
                bestValue[row] = v;
            }
        }
        for (int b : best) {
            if (b < 0) {
                // A row without candidates has a NaN bound or logit.
                return exactScores().argmax();
            }
        }
        picked = true;
        pickedTokens = best.clone();
        pickedValues = bestValue;
        return best;
    }

    /**
     * After an arg-max from the candidates, the log-sum-exp is taken over the approximate logits,
     * which {@link #argmax} left edited: each lies within the row's bound {@code e} of its float32
     * logit, so the log-sum-exp does too, and the picked token's logit is its exact one. The
     * log-probability is then within {@code e} of the float32 head's, at the
     * cost of one native pass over the approximate logits instead of the whole float32 head.
     * Otherwise the exact scores answer.
     */
    @Override
    public float[] logProbabilities(int[] tokens) {
        if (full != null || !picked) {
            return exactScores().logProbabilities(tokens);
        }
        float[] logSums;
        // Each row's pick has a finite approximate logit: it reached the row's maximum less twice the bound.
        long[] at = new long[rows];
        for (int r = 0; r < rows; r++) {
            at[r] = pickedTokens[r];
        }
        try (NDArray logSum = ScoreKernels.logSumExpAt(screen.approx(), at, manager)) {
            logSums = logSum.toFloatArray();
        }
        float[] out = new float[rows];
        int[] otherRows = new int[rows];
        int[] otherTokens = new int[rows];
        int others = 0;
        for (int r = 0; r < rows; r++) {
            if (tokens[r] == pickedTokens[r]) {
                out[r] = pickedValues[r] - logSums[r];
            } else {
                otherRows[others] = r;
                otherTokens[others++] = tokens[r];
            }
        }
        if (others > 0) {
            float[] values = get(Arrays.copyOf(otherRows, others), Arrays.copyOf(otherTokens, others));
            for (int i = 0; i < others; i++) {
                out[otherRows[i]] = values[i] - logSums[otherRows[i]];
            }
        }
        return out;
    }

    @Override
    public TopK topK(float[] rowOffsets, int group, int n) {
        return exactScores().topK(rowOffsets, group, n);
    }

    /** Computes the exact scores on first use, with the edits so far replayed on them. */
    private NativeScores exactScores() {
        if (full == null) {
            full = new NativeScores(manager, fullHead.apply(hidden));
            edits.forEach(edit -> edit.accept(full));
            edits.clear();
        }
        return full;
    }

    @Override
    public void close() {
        if (full != null) {
            full.close();
        }
        manager.close();
    }
}
