package dev.kabar.pipeline;

import dev.kabar.glossary.Glossary;

/**
 * How a {@link TranslationRun} batches and splits.
 *
 * @param batchTokens most padded input tokens per batch (longest sentence × sentences)
 * @param batchSentences most sentences per batch
 * @param maxInputTokens longest input in tokens before a sentence is split at clause boundaries, or
 *     0 for the translator's own limit ({@link SentenceTranslator#maxInputTokens()})
 * @param readAheadTexts how many texts to collect, across articles, before sorting them into
 *     batches: the more, the better batches match in length, at the cost of memory and of results
 *     arriving later
 * @param trust language detection, checks and second tries
 * @param glossary the terms forced into the English of the sentences that contain them, or null for none
 */
public record TranslationSettings(int batchTokens, int batchSentences, int maxInputTokens, int readAheadTexts,
        TrustSettings trust, Glossary glossary) {

    /**
     * Default token budget of a batch. Batches are large because the engine decodes them by
     * continuous batching (at most 96 sentences at once on each engine worker, the next ones joining as others finish),
     * which keeps its matrix products large to the end of the batch (kabar bench workload: greedy
     * news-256 sorted, 284 tokens/s in batches of 32 against 424-435 continuous).
     */
    public static final int DEFAULT_BATCH_TOKENS = 8192;
    /** Default number of sentences in a batch. */
    public static final int DEFAULT_BATCH_SENTENCES = 256;
    /** Read-ahead in batches: CTranslate2 reads a multiple of the batch size so sorting has material. */
    public static final int READ_AHEAD_BATCHES = 16;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the bad value and what is allowed
     */
    public TranslationSettings {
        trust = trust == null ? TrustSettings.defaults() : trust;
        if (batchTokens < 1) {
            throw new IllegalArgumentException("the batch token budget must be at least 1, but is " + batchTokens + ".");
        }
        if (batchSentences < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1 sentence, but is " + batchSentences + ".");
        }
        if (maxInputTokens < 0) {
            throw new IllegalArgumentException("the input token limit must be at least 1 (or 0 for the model's own), but is "
                    + maxInputTokens + ".");
        }
        if (readAheadTexts < 1) {
            throw new IllegalArgumentException("the read-ahead must be at least 1 text, but is " + readAheadTexts + ".");
        }
    }

    /** Settings with the {@linkplain TrustSettings#defaults() default trust settings} and no glossary. */
    public TranslationSettings(int batchTokens, int batchSentences, int maxInputTokens, int readAheadTexts) {
        this(batchTokens, batchSentences, maxInputTokens, readAheadTexts, TrustSettings.defaults(), null);
    }

    /** Settings without a glossary. */
    public TranslationSettings(int batchTokens, int batchSentences, int maxInputTokens, int readAheadTexts,
            TrustSettings trust) {
        this(batchTokens, batchSentences, maxInputTokens, readAheadTexts, trust, null);
    }

    /**
     * The defaults: {@value #DEFAULT_BATCH_TOKENS} tokens and {@value #DEFAULT_BATCH_SENTENCES}
     * sentences a batch, the model's limit, {@value #READ_AHEAD_BATCHES} batches read ahead.
     */
    public static TranslationSettings defaults() {
        return of(DEFAULT_BATCH_TOKENS, DEFAULT_BATCH_SENTENCES, 0);
    }

    /** Settings with a read-ahead of {@link #READ_AHEAD_BATCHES} batches. */
    public static TranslationSettings of(int batchTokens, int batchSentences, int maxInputTokens) {
        return new TranslationSettings(batchTokens, batchSentences, maxInputTokens,
                Math.max(1, batchSentences) * READ_AHEAD_BATCHES);
    }

    /** Returns a copy with another read-ahead. */
    public TranslationSettings withReadAhead(int texts) {
        return new TranslationSettings(batchTokens, batchSentences, maxInputTokens, texts, trust, glossary);
    }

    /** Returns a copy with other trust settings. */
    public TranslationSettings withTrust(TrustSettings value) {
        return new TranslationSettings(batchTokens, batchSentences, maxInputTokens, readAheadTexts, value, glossary);
    }

    /** Returns a copy with another glossary (null for none). */
    public TranslationSettings withGlossary(Glossary value) {
        return new TranslationSettings(batchTokens, batchSentences, maxInputTokens, readAheadTexts, trust, value);
    }
}
