package dev.kabar.api;

import dev.kabar.engine.Precision;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.pipeline.TrustSettings;
import dev.kabar.summarize.SummaryLength;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to open an {@link ArticleTranslator}, as plain serialisable values, so that a
 * driver can build it once and ship it to executors.
 *
 * @param model the translator: a checkpoint folder, or a hub id pinned to a commit
 *     ({@code Helsinki-NLP/opus-mt-id-en@<40 hex>}) resolved through the local cache
 * @param dtype {@code float32} or {@code bfloat16}, the precision of the matrix products
 * @param generation generation overrides under their Hugging Face names ({@code num_beams}, ...)
 * @param batchTokens most padded input tokens per batch
 * @param batchSentences most sentences per batch
 * @param maxInputTokens longest sentence before it is split at clause boundaries, 0 for the model's limit
 * @param workers workers decoding side by side, 0 for the engine's default (one per core, at most 4)
 * @param intraOpThreads intra-op threads shared by the workers, 0 for one per core; a Spark
 *     executor sets it to {@code spark.task.cpus} × its concurrent tasks
 * @param summary {@code none}, {@code extractive} (the news length), or an extractive length
 *     ({@code sentences:3}, {@code words:60}, {@code ratio:0.2})
 * @param trust language detection, the confidence threshold, and whether and how suspect sentences
 *     are tried again ({@link TrustSettings#secondTrySettings()}); null for the defaults
 * @param glossary the term list ({@code terms.csv}, docs/glossaries.md) whose terms are forced into
 *     the English, as a path that {@link ArticleTranslator#open} reads where it runs (on a Spark
 *     executor: a path every executor can read); null for none
 */
public record TranslatorSpec(String model, String dtype, Map<String, Object> generation, int batchTokens,
        int batchSentences, int maxInputTokens, int workers, int intraOpThreads, String summary, TrustSettings trust,
        String glossary) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks every value, so that a bad spec fails on the driver and not on each executor. */
    public TranslatorSpec {
        Objects.requireNonNull(model, "model");
        dtype = dtype == null ? "float32" : dtype;
        Precision.parse(dtype);
        generation = generation == null ? Map.of() : new LinkedHashMap<>(generation);
        if (batchTokens < 1 || batchSentences < 1 || maxInputTokens < 0 || workers < 0 || intraOpThreads < 0) {
            throw new IllegalArgumentException("batch sizes must be at least 1, and the input limit, workers and threads "
                    + "at least 0, but they are " + batchTokens + ", " + batchSentences + ", " + maxInputTokens + ", "
                    + workers + ", " + intraOpThreads + ".");
        }
        summary = summary == null ? "extractive" : summary.strip();
        summaryLength(summary);
        trust = trust == null ? TrustSettings.defaults() : trust;
        if (glossary != null && glossary.isBlank()) {
            throw new IllegalArgumentException("the glossary path is empty; give a term list (terms.csv), or null for none.");
        }
    }

    /** A spec without a glossary. */
    public TranslatorSpec(String model, String dtype, Map<String, Object> generation, int batchTokens, int batchSentences,
            int maxInputTokens, int workers, int intraOpThreads, String summary, TrustSettings trust) {
        this(model, dtype, generation, batchTokens, batchSentences, maxInputTokens, workers, intraOpThreads, summary, trust,
                null);
    }

    /** A spec with the default batching, workers, summary and trust settings. */
    public static TranslatorSpec of(String model) {
        return new TranslatorSpec(model, "float32", Map.of(), TranslationSettings.DEFAULT_BATCH_TOKENS,
                TranslationSettings.DEFAULT_BATCH_SENTENCES, 0, 0, 0, "extractive", TrustSettings.defaults());
    }

    /** Returns a copy with the given generation overrides. */
    public TranslatorSpec withGeneration(Map<String, Object> value) {
        return new TranslatorSpec(model, dtype, value, batchTokens, batchSentences, maxInputTokens, workers, intraOpThreads,
                summary, trust, glossary);
    }

    /** Returns a copy with the given batching. */
    public TranslatorSpec withBatching(int tokens, int sentences, int maxInput) {
        return new TranslatorSpec(model, dtype, generation, tokens, sentences, maxInput, workers, intraOpThreads, summary,
                trust, glossary);
    }

    /** Returns a copy with the given workers and intra-op threads (0 for the defaults). */
    public TranslatorSpec withThreads(int workerCount, int threads) {
        return new TranslatorSpec(model, dtype, generation, batchTokens, batchSentences, maxInputTokens, workerCount, threads,
                summary, trust, glossary);
    }

    /** Returns a copy with the given summary setting. */
    public TranslatorSpec withSummary(String value) {
        return new TranslatorSpec(model, dtype, generation, batchTokens, batchSentences, maxInputTokens, workers,
                intraOpThreads, value, trust, glossary);
    }

    /** Returns a copy with the given trust settings (language detection, threshold, second tries). */
    public TranslatorSpec withTrust(TrustSettings value) {
        return new TranslatorSpec(model, dtype, generation, batchTokens, batchSentences, maxInputTokens, workers,
                intraOpThreads, summary, value, glossary);
    }

    /** Returns a copy with the given glossary path (null for none), read by {@link ArticleTranslator#open}. */
    public TranslatorSpec withGlossary(String path) {
        return new TranslatorSpec(model, dtype, generation, batchTokens, batchSentences, maxInputTokens, workers,
                intraOpThreads, summary, trust, path);
    }

    /** The precision of the matrix products. */
    public Precision precision() {
        return Precision.parse(dtype);
    }

    /**
     * The batching and trust settings as the pipeline takes them, without the glossary: reading that
     * is {@link ArticleTranslator#open}'s, which adds it with {@link TranslationSettings#withGlossary}.
     */
    public TranslationSettings settings() {
        return TranslationSettings.of(batchTokens, batchSentences, maxInputTokens).withTrust(trust);
    }

    /** The extractive summary length, or null for no summary. */
    public SummaryLength summaryLength() {
        return summaryLength(summary);
    }

    private static SummaryLength summaryLength(String summary) {
        return switch (summary) {
            case "none" -> null;
            case "extractive" -> dev.kabar.summarize.ExtractiveSummarizer.NEWS_LENGTH;
            default -> SummaryLength.parse(summary);
        };
    }
}
