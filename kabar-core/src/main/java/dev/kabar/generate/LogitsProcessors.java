package dev.kabar.generate;

import java.util.Arrays;

/**
 * The logits processors of transformers 4.40, applied in its order to the scores of all live rows:
 * repetition penalty → no-repeat n-gram → bad words → min length → min new tokens → forced BOS →
 * forced EOS → (benchmark-only exact lengths) → (renormalize) log-softmax.
 *
 * <p>Each processor works out in Java which few entries of which rows it changes and applies them
 * as one sparse edit, so the scores themselves never leave native memory. Arithmetic is float32,
 * as in the reference.
 */
final class LogitsProcessors {

    private final GenerationConfig config;
    private final int maxLength;
    private final int[] exactNewTokens;

    LogitsProcessors(GenerationConfig config, int[] exactNewTokens) {
        this.config = config;
        this.maxLength = config.effectiveMaxLength();
        this.exactNewTokens = exactNewTokens;
    }

    /** Returns the benchmark-only exact lengths, or null. */
    int[] exactNewTokens() {
        return exactNewTokens;
    }

    /**
     * Processes the scores of the live rows in place.
     *
     * @param seqs the decoder sequence of each row (decoder start token included)
     * @param lens how many tokens of each row's sequence are valid
     * @param inputs the input each row belongs to
     */
    void apply(StepScores scores, int[][] seqs, int[] lens, int[] inputs) {
        if (config.repetitionPenalty() != 1.0) {
            repetitionPenalty(scores, seqs, lens);
        }
        if (config.noRepeatNgramSize() > 0) {
            noRepeatNgram(scores, seqs, lens, config.noRepeatNgramSize());
        }
        if (!config.badWordsIds().isEmpty()) {
            badWords(scores, seqs, lens);
        }
        int eos = config.eosTokenId();
        // The prompt of an encoder-decoder is the decoder start token, so new tokens = len - 1.
        IntPairs minimum = new IntPairs();
        IntPairs bos = new IntPairs();
        IntPairs end = new IntPairs();
        for (int r = 0; r < lens.length; r++) {
            int len = lens[r];
            if (len < config.minLength() || len - 1 < config.minNewTokens()) {
                minimum.add(r, eos);
            }
            if (config.forcedBosTokenId() >= 0 && len == 1) {
                bos.add(r, config.forcedBosTokenId());
            }
            if (config.forcedEosTokenId() >= 0 && len == maxLength - 1) {
                end.add(r, config.forcedEosTokenId());
            }
        }
        if (minimum.size() > 0) {
            scores.ban(minimum.rows(), minimum.tokens());
        }
        if (bos.size() > 0) {
            scores.forceOnly(bos.rows(), config.forcedBosTokenId());
        }
        if (end.size() > 0) {
            scores.forceOnly(end.rows(), config.forcedEosTokenId());
        }
        if (exactNewTokens != null) {
            exactLengths(scores, lens, inputs);
        }
        if (config.renormalizeLogits()) {
            scores.logSoftmax();
        }
    }

    private void repetitionPenalty(StepScores scores, int[][] seqs, int[] lens) {
        float p = (float) config.repetitionPenalty();
        IntPairs pairs = new IntPairs();
        for (int r = 0; r < seqs.length; r++) {
            // Each distinct token once: gather then scatter in the reference, duplicates write the same value.
            int[] distinct = Arrays.stream(seqs[r], 0, lens[r]).distinct().toArray();
            for (int t : distinct) {
                pairs.add(r, t);
            }
        }
        float[] values = scores.get(pairs.rows(), pairs.tokens());
        for (int i = 0; i < values.length; i++) {
            float s = values[i];
            values[i] = s < 0 ? s * p : s / p;
        }
        scores.set(pairs.rows(), pairs.tokens(), values);
    }

    private static void noRepeatNgram(StepScores scores, int[][] seqs, int[] lens, int n) {
        IntPairs pairs = new IntPairs();
        for (int r = 0; r < seqs.length; r++) {
            int len = lens[r];
            if (len + 1 < n) {
                continue;
            }
            int prefixStart = len - (n - 1);
            int[] seq = seqs[r];
            // Ban every token that followed an earlier occurrence of the last n-1 tokens.
            for (int i = 0; i + n <= len; i++) {
                boolean match = true;
                for (int j = 0; j < n - 1; j++) {
                    if (seq[i + j] != seq[prefixStart + j]) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    pairs.add(r, seq[i + n - 1]);
                }
            }
        }
        if (pairs.size() > 0) {
            scores.ban(pairs.rows(), pairs.tokens());
        }
    }

    private void badWords(StepScores scores, int[][] seqs, int[] lens) {
        IntPairs pairs = new IntPairs();
        for (int[] bad : config.badWordsIds()) {
            int prefix = bad.length - 1;
            for (int r = 0; r < seqs.length; r++) {
                int len = lens[r];
                if (prefix > len) {
                    continue;
                }
                boolean match = true;
                for (int j = 0; j < prefix; j++) {
                    if (seqs[r][len - prefix + j] != bad[j]) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    pairs.add(r, bad[prefix]);
                }
            }
        }
        if (pairs.size() > 0) {
            scores.ban(pairs.rows(), pairs.tokens());
        }
    }

    private void exactLengths(StepScores scores, int[] lens, int[] inputs) {
        IntPairs early = new IntPairs();
        IntPairs due = new IntPairs();
        int eos = config.eosTokenId();
        for (int r = 0; r < inputs.length; r++) {
            if (lens[r] - 1 < exactNewTokens[inputs[r]]) {
                early.add(r, eos);
            } else {
                due.add(r, eos);
            }
        }
        if (early.size() > 0) {
            scores.ban(early.rows(), early.tokens());
        }
        if (due.size() > 0) {
            scores.forceOnly(due.rows(), eos);
        }
    }

    /** A growable list of (row, token) pairs. */
    private static final class IntPairs {
        private int[] rows = new int[16];
        private int[] tokens = new int[16];
        private int size;

        void add(int row, int token) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            rows[size] = row;
            tokens[size++] = token;
        }

        int size() {
            return size;
        }

        int[] rows() {
            return Arrays.copyOf(rows, size);
        }

        int[] tokens() {
            return Arrays.copyOf(tokens, size);
        }
    }
}
