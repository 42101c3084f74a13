package dev.kabar.generate;

/**
 * The logits processors of transformers 4.40, applied in its order to one row of scores:
 * repetition penalty → no-repeat n-gram → bad words → min length → min new tokens → forced BOS →
 * forced EOS → (renormalize) log-softmax.
 *
 * <p>Arithmetic is float32, as in the reference, so that scores match to the last bit where the
 * reference computes in float32.
 */
final class LogitsProcessors {

    private final GenerationConfig config;
    private final int maxLength;

    LogitsProcessors(GenerationConfig config) {
        this.config = config;
        this.maxLength = config.effectiveMaxLength();
    }

    /**
     * Processes {@code scores[offset, offset + vocab)} in place for a row whose decoder sequence so
     * far is {@code seq[0, len)} (decoder start token included).
     */
    void apply(float[] scores, int offset, int vocab, int[] seq, int len) {
        if (config.repetitionPenalty() != 1.0) {
            repetitionPenalty(scores, offset, vocab, seq, len);
        }
        if (config.noRepeatNgramSize() > 0) {
            noRepeatNgram(scores, offset, seq, len, config.noRepeatNgramSize());
        }
        for (int[] bad : config.badWordsIds()) {
            badWord(scores, offset, seq, len, bad);
        }
        int eos = config.eosTokenId();
        if (len < config.minLength()) {
            scores[offset + eos] = Float.NEGATIVE_INFINITY;
        }
        // The prompt of an encoder-decoder is the decoder start token, so new tokens = len - 1.
        if (len - 1 < config.minNewTokens()) {
            scores[offset + eos] = Float.NEGATIVE_INFINITY;
        }
        if (config.forcedBosTokenId() >= 0 && len == 1) {
            forceOnly(scores, offset, vocab, config.forcedBosTokenId());
        }
        if (config.forcedEosTokenId() >= 0 && len == maxLength - 1) {
            forceOnly(scores, offset, vocab, config.forcedEosTokenId());
        }
        if (config.renormalizeLogits()) {
            logSoftmax(scores, offset, vocab);
        }
    }

    private void repetitionPenalty(float[] scores, int offset, int vocab, int[] seq, int len) {
        float p = (float) config.repetitionPenalty();
        // Each distinct token once: gather then scatter in the reference, duplicates write the same value.
        boolean[] seen = new boolean[vocab];
        for (int i = 0; i < len; i++) {
            int t = seq[i];
            if (seen[t]) {
                continue;
            }
            seen[t] = true;
            float s = scores[offset + t];
            scores[offset + t] = s < 0 ? s * p : s / p;
        }
    }

    private static void noRepeatNgram(float[] scores, int offset, int[] seq, int len, int n) {
        if (len + 1 < n) {
            return;
        }
        // Ban every token that followed an earlier occurrence of the last n-1 tokens.
        int prefixStart = len - (n - 1);
        for (int i = 0; i + n <= len; i++) {
            boolean match = true;
            for (int j = 0; j < n - 1; j++) {
                if (seq[i + j] != seq[prefixStart + j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                scores[offset + seq[i + n - 1]] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    private static void badWord(float[] scores, int offset, int[] seq, int len, int[] bad) {
        int prefix = bad.length - 1;
        if (prefix > len) {
            return;
        }
        for (int j = 0; j < prefix; j++) {
            if (seq[len - prefix + j] != bad[j]) {
                return;
            }
        }
        scores[offset + bad[prefix]] = Float.NEGATIVE_INFINITY;
    }

    private static void forceOnly(float[] scores, int offset, int vocab, int token) {
        for (int i = 0; i < vocab; i++) {
            scores[offset + i] = Float.NEGATIVE_INFINITY;
        }
        scores[offset + token] = 0f;
    }

    static void logSoftmax(float[] scores, int offset, int vocab) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, scores[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            sum += Math.exp(scores[offset + i] - max);
        }
        float logSum = (float) Math.log(sum);
        for (int i = 0; i < vocab; i++) {
            scores[offset + i] = scores[offset + i] - max - logSum;
        }
    }
}
