package dev.kabar.api;

import dev.kabar.article.Article;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.glossary.Glossary;
import dev.kabar.glossary.GlossaryException;
import dev.kabar.hub.ModelResolver;
import dev.kabar.job.ModelFingerprint;
import dev.kabar.pipeline.EngineSentenceTranslator;
import dev.kabar.pipeline.RunSummary;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.SummaryStep;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TranslationProgress;
import dev.kabar.pipeline.TranslationRun;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.pipeline.TranslationSink;
import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SummaryLength;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Translates and summarises Indonesian articles: the one way into kabar's pipeline for the command
 * line, the job runner and the Spark runner. Articles come back in the order given, each with its
 * sentence pairs, statistics, summary, or the reason it failed; one bad article never stops the
 * others. Not thread-safe: one call at a time (the engine already decodes on all its workers).
 */
public final class ArticleTranslator implements AutoCloseable {

    private final TranslationRun run;
    private final TranslationSettings settings;
    private final SentenceTranslator translator;
    private final UnaryOperator<TranslatedArticle> summaries;
    private final String summaryMethod;
    private final Seq2SeqEngine engine;
    private final String fingerprint;

    private ArticleTranslator(SentenceTranslator translator, TranslationSettings settings, SummaryStep step,
            Seq2SeqEngine engine, String fingerprint) {
        this.run = new TranslationRun(translator, settings);
        this.settings = settings;
        this.translator = translator;
        this.summaries = step == null ? UnaryOperator.identity() : step;
        this.summaryMethod = step == null ? "none" : step.method();
        this.engine = engine;
        this.fingerprint = fingerprint;
    }

    /**
     * Reads the spec's glossary when it names one, loads its model (a folder, or a pinned hub id
     * from the local cache) and readies the pipeline.
     *
     * @throws IOException when the model cannot be resolved or read, or when the glossary cannot be
     *     used: then its cause is the {@link GlossaryException}, and its message that exception's,
     *     naming the file, the line and what to do
     */
    public static ArticleTranslator open(TranslatorSpec spec) throws IOException {
        // Read before the model: a bad term list is found in milliseconds, not after seconds of loading.
        Glossary glossary = readGlossary(spec);
        Path folder = ModelResolver.resolve(spec.model());
        Seq2SeqEngine engine = Seq2SeqEngine.load(folder, spec.precision());
        try {
            if (spec.workers() > 0 || spec.intraOpThreads() > 0) {
                int workers = spec.workers() > 0 ? spec.workers() : Seq2SeqEngine.DEFAULT_WORKERS;
                if (spec.intraOpThreads() > 0) {
                    engine.withWorkers(workers, spec.intraOpThreads());
                } else {
                    engine.withWorkers(workers);
                }
            }
            GenerationConfig config = engine.generationConfig(spec.generation());
            // Checked here, before any article: a bad second-try setting must not surface mid-run.
            GenerationConfig secondTry = spec.trust().secondTryConfig(spec.generation(), engine::generationConfig);
            return new ArticleTranslator(new EngineSentenceTranslator(engine, config, secondTry),
                    spec.settings().withGlossary(glossary), extractive(spec.summaryLength()), engine, ModelFingerprint.of(folder));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The spec's glossary, read, or null when it names none.
     *
     * @throws IOException whose cause is the {@link GlossaryException} and whose message is its own
     */
    static Glossary readGlossary(TranslatorSpec spec) throws IOException {
        if (spec.glossary() == null) {
            return null;
        }
        try {
            return Glossary.read(Path.of(spec.glossary()));
        } catch (GlossaryException e) {
            // open's callers (the Spark executors, benches) handle one checked failure; the typed cause stays.
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Wraps a sentence translator of the caller's (a job's translation memory, a test's fake) in the
     * same pipeline.
     *
     * @param summary the extractive summary length, or null for none
     */
    public static ArticleTranslator of(SentenceTranslator translator, TranslationSettings settings, SummaryLength summary) {
        return new ArticleTranslator(translator, settings, extractive(summary), null, null);
    }

    /**
     * Wraps a sentence translator of the caller's with a summary step of its own (an abstractive
     * summariser on its own engine, which the caller owns and closes).
     *
     * @param summaries the summary step, or null for none
     */
    public static ArticleTranslator of(SentenceTranslator translator, TranslationSettings settings, SummaryStep summaries) {
        return new ArticleTranslator(translator, settings, summaries, null, null);
    }

    private static SummaryStep extractive(SummaryLength length) {
        return length == null ? null : SummaryStep.extractive(new ExtractiveSummarizer(), length);
    }

    /** Translates and summarises the articles, returning them in the order given. */
    public List<TranslatedArticle> translate(List<Article> articles) {
        List<TranslatedArticle> out = new ArrayList<>(articles.size());
        try {
            translate(articles, out::add, TranslationProgress.NONE);
        } catch (IOException e) {
            // Only the sink writes, and a list cannot fail to.
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Translates and summarises the articles, handing each to {@code sink} as it completes, in the
     * order given, and reporting progress.
     *
     * @return the run's figures
     * @throws IOException when the sink cannot take an article (a full disk): the run stops there
     */
    public RunSummary translate(List<Article> articles, TranslationSink sink, TranslationProgress progress)
            throws IOException {
        return run.run(articles, raw -> sink.accept(summaries.apply(raw)), progress);
    }

    /** The batching, trust and glossary settings the pipeline runs with. */
    public TranslationSettings settings() {
        return settings;
    }

    /**
     * The sentence translator under the pipeline: what a distributed runner uses to translate the
     * distinct texts of a whole data set once, before assembling articles from them.
     */
    public SentenceTranslator sentenceTranslator() {
        return translator;
    }

    /** How summaries are made: {@code none}, or the summary step's method. */
    public String summaryMethod() {
        return summaryMethod;
    }

    /**
     * The model's fingerprint (SHA-256 over its files, as the job's translation memory keys it), or
     * null for a translator given by the caller: executors compare it with the driver's.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The engine's tokens-in limit of one sentence: the longest input the model takes. */
    public int maxInputTokens() {
        return run.maxInputTokens();
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
