package dev.kabar.cli;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.article.Article;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadProblem;
import dev.kabar.engine.Precision;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.glossary.Glossary;
import dev.kabar.glossary.GlossaryException;
import dev.kabar.hub.ModelResolver;
import dev.kabar.output.OutputSpec;
import dev.kabar.output.TranslationOutput;
import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.Counted;
import dev.kabar.pipeline.EngineSentenceTranslator;
import dev.kabar.pipeline.RunSummary;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.SummaryStep;
import dev.kabar.pipeline.TermTally;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.pipeline.TranslationSink;
import dev.kabar.summarize.AbstractiveSummarizer;
import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SummaryLength;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kabar translate}: news articles in (saved pages, folders, CSV, JSON, JSONL, lines), a
 * bilingual CSV, JSON or JSONL file out. Parses the options, reads the inputs, runs a
 * {@link ArticleTranslator} and maps the outcome to an exit code.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Translates Indonesian news articles into English and writes a bilingual CSV, JSON or JSONL file.",
            "Inputs are files, folders (read recursively, filtered by --include/--exclude) or - for standard "
                    + "input. Each file's format comes from its extension (.txt or none: a saved news page; .csv/.tsv; "
                    + ".json; .jsonl/.ndjson) unless --input-format says otherwise.",
            "Each article gets a summary: by default the best Indonesian sentences (--summary-words 60) and their "
                    + "translations; --summarizer DIR summarises the English with a BART-family model instead.",
            "Without -o, JSONL goes to standard output. Problems and the run's figures go to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:All inputs read and all articles translated.",
            "1:The run failed: the model cannot be loaded, the output cannot be written, the model broke; no "
                    + "output file is written.",
            "2:Bad usage or option value; nothing was done.",
            "3:Partial: some inputs, records or articles were skipped (each is named on standard error with its "
                    + "file and line); the output holds all the others."})
final class TranslateCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "DIR|ID",
            description = "Checkpoint folder as the Hugging Face hub publishes it (config.json, weights, tokenizer files), "
                    + "or a hub id org/name[@revision] resolved through the Hugging Face cache (downloaded when missing).")
    String model;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    SummaryOptions summary;

    @Mixin
    SummarizerOptions summarizer;

    @Option(names = "--batch-tokens", paramLabel = "N", defaultValue = "" + TranslationSettings.DEFAULT_BATCH_TOKENS,
            description = "Most padded input tokens in one batch (longest sentence x sentences) (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TranslationSettings.DEFAULT_BATCH_SENTENCES,
            description = "Most sentences in one batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-input-tokens", paramLabel = "N",
            description = "Longest sentence, in model tokens without </s>, before it is split at clause boundaries; "
                    + "default: the tokenizer's model_max_length less its special tokens.")
    Integer maxInputTokens;

    @Mixin
    WorkerOptions workers;

    @Mixin
    PrecisionOption dtype;

    /** {@code --dtype}, read before any work. */
    private Precision precision;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress lines when standard error is not a terminal (default: ${DEFAULT-VALUE}); "
                    + "on a terminal a bar is redrawn in place.")
    int progressInterval;

    @Mixin
    GenerationOptions generation;

    @Mixin
    TrustOptions trust;

    @Option(names = "--glossary", paramLabel = "FILE",
            description = "A term list (CSV or TSV: id, en, optional alternatives, case_sensitive, whole_word, affixes, "
                    + "keep) whose terms are forced into the English of the sentences that contain them; each sentence's "
                    + "terms, and whether each was met, are recorded in the output (docs/glossaries.md).")
    Path glossary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        precision = dtype.precision();
        if (input.none() && OutputSpec.STDOUT.equals(outputOptions.output) && outputOptions.format == null
                && !outputOptions.perSentence) {
            return translateLines();
        }
        // Every option is checked before the slow parts (reading, loading the model), so that a typo costs nothing.
        List<InputSpec> inputSpecs = input.specs();
        OutputSpec outputSpec = outputOptions.spec();
        refuseOutputOverInput(outputSpec, inputSpecs);
        SummaryLength length = summary.length();
        summarizer.validate();
        if (summarizer.enabled() && !summary.enabled()) {
            throw new IllegalArgumentException("--no-summary makes no summary, so --summarizer cannot go with it.");
        }
        if (summarizer.enabled() && summary.lengthGiven()) {
            throw new IllegalArgumentException("--summary-sentences, --summary-words and --summary-ratio set the length "
                    + "of extractive summaries; with --summarizer, set the length with --summarizer-max-new-tokens "
                    + "and --summarizer-min-length.");
        }
        TranslationSettings settings = settings();
        if (progressInterval < 1) {
            throw new IllegalArgumentException("--progress-interval must be at least 1 second, but is "
                    + progressInterval + ".");
        }
        workers.check();
        PrintWriter err = spec.commandLine().getErr();

        try (TranslationOutput out = TranslationOutput.open(outputSpec, spec.commandLine().getOut());
             Seq2SeqEngine engine = Seq2SeqEngine.load(ModelResolver.resolve(model), precision);
             Seq2SeqEngine summarizerEngine = summarizer.enabled()
                     ? Seq2SeqEngine.load(ModelResolver.resolve(summarizer.checkpoint), precision) : null) {
            workers.applyTo(engine);
            if (summarizerEngine != null) {
                workers.applyTo(summarizerEngine);
            }
            SentenceTranslator sentences = translator(engine, settings);
            SummaryStep summaries = null;
            if (summarizerEngine != null) {
                AbstractiveSummarizer abstractive = new AbstractiveSummarizer(summarizerEngine,
                        summarizerEngine.generationConfig(summarizer.overrides()),
                        summarizer.maxInputTokens == null ? 0 : summarizer.maxInputTokens);
                summaries = SummaryStep.abstractive(abstractive, modelName(Path.of(summarizer.checkpoint)));
            } else if (summary.enabled()) {
                summaries = SummaryStep.extractive(new ExtractiveSummarizer(), length);
            }
            // The library's one way in, as the job runner and the Spark runner take it.
            ArticleTranslator translator = ArticleTranslator.of(sentences, settings, summaries);

            List<Article> articles = new ArrayList<>();
            List<ReadProblem> problems = new ArrayList<>();
            List<ReadProblem> notes = InputOptions.read(inputSpecs, articles, problems);
            notes.forEach(note -> err.println("kabar: note: " + note));
            problems.forEach(problem -> err.println("kabar: " + problem));
            InputOptions.printWarnings(articles, err);

            List<TranslatedArticle> failed = new ArrayList<>();
            // Summed from the articles written, so the line agrees with their stats.terms_applied and terms_met.
            TermTally[] terms = {TermTally.NONE};
            ProgressDisplay display = ProgressDisplay.forStandardError(err, progressInterval);
            TranslationSink sink = translated -> {
                out.write(translated);
                terms[0] = terms[0].plus(translated.termTally());
                // Reading warnings were printed above; these are the ones translation added (a word too long to cut).
                translated.warnings().stream().skip(translated.article().warnings().size())
                        .forEach(w -> display.message("kabar: warning: " + translated.article().origin() + ": " + w));
                if (translated.failed()) {
                    failed.add(translated);
                    display.message("kabar: " + translated.article().origin() + ": translation failed, article "
                            + translated.article().id() + " skipped: " + translated.failure());
                }
            };
            RunSummary runSummary;
            try {
                runSummary = translator.translate(articles, sink, display.progress());
            } finally {
                display.end(); // a run that stopped leaves the bar's line open; the error goes below it
            }
            out.commit();
            err.println(summaryLine(runSummary, problems.size(), out.describe(), settings.glossary() == null ? null : terms[0]));
            if (summaries != null) {
                err.println(summaryCountLine(summaries));
            }
            err.flush();
            return problems.isEmpty() && failed.isEmpty() ? Main.EXIT_OK : Main.EXIT_PARTIAL;
        }
    }

    /**
     * The batching, trust and glossary settings the options ask for, checked; the glossary is read
     * here, before any article is read or the model loaded.
     *
     * @throws IllegalArgumentException naming the option at fault, or for a term list that cannot be
     *     used, the term list's own message (file, line, column, what to do) with the
     *     {@link GlossaryException} as its cause
     */
    TranslationSettings settings() {
        if (maxInputTokens != null && maxInputTokens < 1) {
            throw new IllegalArgumentException("--max-input-tokens must be at least 1, but is " + maxInputTokens + ".");
        }
        return TranslationSettings.of(batchTokens, batchSize, maxInputTokens == null ? 0 : maxInputTokens)
                .withTrust(trust.settings()).withGlossary(glossary());
    }

    /** The {@code --glossary} term list, read; null without the option. */
    private Glossary glossary() {
        if (glossary == null) {
            return null;
        }
        try {
            return Glossary.read(glossary);
        } catch (GlossaryException e) {
            // A bad term list is bad usage (exit 2), like a bad option value: nothing has been done yet.
            throw new IllegalArgumentException("--glossary: " + e.getMessage(), e);
        }
    }

    /**
     * The sentence translator over a loaded engine: the generation options, and the second try the
     * trust settings ask for, both checked here, before any input is read.
     *
     * @throws dev.kabar.generate.InvalidGenerationOptionException naming a bad key or value
     */
    SentenceTranslator translator(Seq2SeqEngine engine, TranslationSettings settings) {
        GenerationConfig gen = engine.generationConfig(generation.overrides());
        GenerationConfig secondTry = settings.trust().secondTryConfig(generation.overrides(), engine::generationConfig);
        return new EngineSentenceTranslator(engine, gen, secondTry);
    }

    /**
     * Refuses an output file that is one of the inputs (the same file, also through links) or lies in
     * an input folder, before anything is read: writing it would destroy the input, or make it an
     * input of the next run.
     *
     * @throws IllegalArgumentException naming the output and the input
     */
    static void refuseOutputOverInput(OutputSpec output, List<InputSpec> inputs) throws IOException {
        if (OutputSpec.STDOUT.equals(output.location())) {
            return;
        }
        Path out = Path.of(output.location()).toAbsolutePath().normalize();
        Path outParent = out.getParent() != null && Files.isDirectory(out.getParent()) ? out.getParent().toRealPath() : out.getParent();
        Path outReal = Files.exists(out) ? out.toRealPath() : (outParent == null ? out : outParent.resolve(out.getFileName()));
        for (InputSpec in : inputs) {
            if (InputSpec.STDIN.equals(in.location())) {
                continue;
            }
            Path inPath = Path.of(in.location());
            Path inReal = inPath.toRealPath();
            if (Files.isDirectory(inReal) ? outReal.startsWith(inReal) : outReal.equals(inReal)) {
                throw new IllegalArgumentException("the output " + output.location() + (Files.isDirectory(inReal)
                        ? " lies in the input folder " + in.location() + ", so the next run would read it as an input"
                        : " is the input " + in.location() + (outReal.equals(out) ? "" : " (" + outReal + ")") + ", which writing it would destroy")
                        + "; write the output somewhere else. Nothing was read or written.");
            }
        }
    }

    /**
     * The ad hoc mode, {@code echo TEXT | kabar translate --model M}: with no input and no output
     * named, each line of standard input is one sentence and its translation is printed as one
     * line, in order; blank lines stay blank (a model would invent text for them).
     */
    private int translateLines() throws java.io.IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, but is " + batchSize + ".");
        }
        workers.check();
        // Lines are printed as translated, unchecked (docs/trust.md); the flags are still checked, so a typo is not silent.
        trust.settings();
        if (glossary != null) {
            // Bare lines have no record to say which terms were met, and bypass the pipeline that forces them.
            throw new IllegalArgumentException("--glossary needs articles and an output that records each sentence's terms: "
                    + "name an input file (or - for standard input) or -o FILE. The line-by-line mode of standard input "
                    + "prints bare translations and cannot force terms.");
        }
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(ModelResolver.resolve(model), precision)) {
            workers.applyTo(engine);
            GenerationConfig gen = engine.generationConfig(generation.overrides());
            PrintWriter out = spec.commandLine().getOut();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
            List<String> batch = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                batch.add(line);
                if (batch.size() == batchSize) {
                    printTranslations(engine, gen, batch, out);
                }
            }
            printTranslations(engine, gen, batch, out);
        }
        return Main.EXIT_OK;
    }

    private static void printTranslations(Seq2SeqEngine engine, GenerationConfig gen, List<String> batch, PrintWriter out) {
        List<String> texts = batch.stream().filter(t -> !t.isBlank()).toList();
        List<String> translated = engine.generate(texts, gen);
        int next = 0;
        for (String s : batch) {
            out.println(s.isBlank() ? "" : translated.get(next++));
        }
        out.flush();
        batch.clear();
    }

    /** The checkpoint's folder name, which names the model in {@code abstractive:<model>}. */
    static String modelName(Path checkpoint) {
        Path name = checkpoint.toAbsolutePath().normalize().getFileName();
        return name == null ? checkpoint.toString() : name.toString();
    }

    static String summaryCountLine(SummaryStep summaries) {
        String line = "kabar: " + Counted.of(summaries.summaries(), "summary", "summaries") + " (" + summaries.method() + ")";
        if (summaries.method().startsWith(ArticleSummary.ABSTRACTIVE_PREFIX)) {
            line += "; " + Counted.of(summaries.chunks(), "chunk") + " summarised, " + Counted.of(summaries.chunkedArticles(), "article")
                    + " longer than the summariser's input " + (summaries.chunkedArticles() == 1 ? "was" : "were") + " cut into chunks";
        }
        return line;
    }

    static String summaryLine(RunSummary s, int skippedInputs, String output) {
        return summaryLine(s, skippedInputs, output, null);
    }

    /**
     * The line that ends a run: its figures, the trust tally and, when a glossary is in use, the
     * glossary terms applied and met ({@link TermTally#describe()}).
     *
     * @param terms the terms of the articles written, or null when the run has no glossary
     */
    static String summaryLine(RunSummary s, int skippedInputs, String output, TermTally terms) {
        double seconds = Math.max(s.seconds(), 1e-9);
        return String.format(Locale.ROOT,
                "kabar: %s translated, %d failed, %s skipped; %s (%s translated, "
                        + "%s reused, %s split); %s in, %d out; %.1f s (%.2f articles/s, %.1f sentences/s); "
                        + "%s; output: %s",
                Counted.of(s.articlesOk(), "article"), s.articlesFailed(), Counted.of(skippedInputs, "input or record", "inputs or records"),
                Counted.of(s.sentences(), "sentence"), Counted.of(s.translatedTexts(), "unique text"), Counted.of(s.reusedSentences(), "sentence"),
                Counted.of(s.splitSentences(), "sentence"), Counted.of(s.sourceTokens(), "token"), s.targetTokens(), s.seconds(),
                s.articles() / seconds, s.sentences() / seconds,
                s.trust().describe() + (terms == null ? "" : "; " + terms.describe()), output);
    }
}
