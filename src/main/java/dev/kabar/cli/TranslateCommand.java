package dev.kabar.cli;

import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.CsvLayout;
import dev.kabar.article.DateOrder;
import dev.kabar.article.FieldMapping;
import dev.kabar.article.InputException;
import dev.kabar.article.InputFormat;
import dev.kabar.article.InputSpec;
import dev.kabar.article.NewsPageCleaner;
import dev.kabar.article.ReadProblem;
import dev.kabar.article.ReadResult;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.output.OutputSpec;
import dev.kabar.output.TranslationOutput;
import dev.kabar.pipeline.EngineSentenceTranslator;
import dev.kabar.pipeline.LoggedProgress;
import dev.kabar.pipeline.RunSummary;
import dev.kabar.pipeline.TerminalProgressBar;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TranslationProgress;
import dev.kabar.pipeline.TranslationRun;
import dev.kabar.pipeline.TranslationSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kabar translate}: news articles in (saved pages, folders, CSV, JSON, JSONL, lines), a
 * bilingual CSV, JSON or JSONL file out. Parses the options, reads the inputs, runs a
 * {@link TranslationRun} and maps the outcome to an exit code.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Translates Indonesian news articles into English and writes a bilingual CSV, JSON or JSONL file.",
            "Inputs are files, folders (read recursively, filtered by --include/--exclude) or - for standard "
                    + "input. Each file's format comes from its extension (.txt or none: a saved news page; .csv/.tsv; "
                    + ".json; .jsonl/.ndjson) unless --input-format says otherwise.",
            "Without -o, JSONL goes to standard output. Problems and the summary go to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:All inputs read and all articles translated.",
            "1:The run failed: the model cannot be loaded, the output cannot be written, the model broke; no "
                    + "output file is written.",
            "2:Bad usage or option value; nothing was done.",
            "3:Partial: some inputs, records or articles were skipped (each is named on standard error with its "
                    + "file and line); the output holds all the others."})
final class TranslateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-",
            description = "Article files, folders of them, or - for standard input.")
    List<String> inputs;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint folder as the Hugging Face hub publishes it (config.json, weights, tokenizer files).")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = OutputSpec.STDOUT,
            description = "Output file (.csv, .json or .jsonl), written atomically; - for standard output "
                    + "(default, as JSONL).")
    String output;

    @Option(names = "--format", paramLabel = "csv|json|jsonl",
            description = "Output format; default: from the output file's extension, JSONL on standard output.")
    String format;

    @Option(names = "--per-sentence",
            description = "CSV with one row per sentence pair (article_id, paragraph, index, id, en) instead of one per article.")
    boolean perSentence;

    @Option(names = "--input-format", paramLabel = "auto|text|csv|json|jsonl|lines", defaultValue = "auto",
            description = "How to read the inputs; auto decides per file by extension, and reads standard input "
                    + "as a saved page. lines: one sentence per line (default: ${DEFAULT-VALUE}).")
    String inputFormat;

    @Option(names = "--id-field", paramLabel = "NAME", description = "CSV column or JSON field of the article id.")
    String idField;

    @Option(names = "--title-field", paramLabel = "NAME", description = "CSV column or JSON field of the title.")
    String titleField;

    @Option(names = "--body-field", paramLabel = "NAME", description = "CSV column or JSON field of the body.")
    String bodyField;

    @Option(names = "--date-field", paramLabel = "NAME", description = "CSV column or JSON field of the date.")
    String dateField;

    @Option(names = "--url-field", paramLabel = "NAME", description = "CSV column or JSON field of the url.")
    String urlField;

    @Option(names = "--category-field", paramLabel = "NAME", description = "CSV column or JSON field of the category.")
    String categoryField;

    @Option(names = "--csv-delimiter", paramLabel = "CHAR",
            description = "CSV field separator: one character, or 'tab'; default: detected among , ; and tab.")
    String csvDelimiter;

    @Option(names = "--csv-header", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether a CSV's first record names the columns (default: ${DEFAULT-VALUE}).")
    String csvHeader;

    @Option(names = "--date-order", paramLabel = "auto|day-first|month-first", defaultValue = "auto",
            description = "How to read numeric dates in CSV and JSON fields (default: ${DEFAULT-VALUE}).")
    String dateOrder;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Read only files of a folder that match (repeatable); without / the glob matches the file name.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files of a folder that match (repeatable).")
    List<String> exclude = new ArrayList<>();

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

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress log lines when standard error is not a terminal (default: ${DEFAULT-VALUE}).")
    int progressInterval;

    @Mixin
    GenerationOptions generation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Every option is checked before the slow parts (reading, loading the model), so that a typo costs nothing.
        List<InputSpec> inputSpecs = inputSpecs();
        OutputSpec outputSpec = OutputSpec.resolve(output, format, perSentence);
        if (maxInputTokens != null && maxInputTokens < 1) {
            throw new IllegalArgumentException("--max-input-tokens must be at least 1, but is " + maxInputTokens + ".");
        }
        TranslationSettings settings = TranslationSettings.of(batchTokens, batchSize,
                maxInputTokens == null ? 0 : maxInputTokens);
        if (progressInterval < 1) {
            throw new IllegalArgumentException("--progress-interval must be at least 1 second, but is "
                    + progressInterval + ".");
        }
        PrintWriter err = spec.commandLine().getErr();

        try (TranslationOutput out = TranslationOutput.open(outputSpec, spec.commandLine().getOut());
             Seq2SeqEngine engine = Seq2SeqEngine.load(model)) {
            GenerationConfig gen = engine.generationConfig(generation.overrides());
            TranslationRun run = new TranslationRun(new EngineSentenceTranslator(engine, gen), settings);

            List<Article> articles = new ArrayList<>();
            List<ReadProblem> problems = new ArrayList<>();
            read(inputSpecs, articles, problems);
            problems.forEach(problem -> err.println("kabar: " + problem));
            printWarnings(articles, err);

            List<TranslatedArticle> failed = new ArrayList<>();
            RunSummary summary = run.run(articles, translated -> {
                out.write(translated);
                // Reading warnings were printed above; these are the ones translation added (a word too long to cut).
                translated.warnings().stream().skip(translated.article().warnings().size())
                        .forEach(w -> err.println("kabar: warning: " + translated.article().origin() + ": " + w));
                if (translated.failed()) {
                    failed.add(translated);
                    err.println("kabar: " + translated.article().origin() + ": translation failed, article "
                            + translated.article().id() + " skipped: " + translated.failure());
                }
            }, progress(err));
            out.commit();
            err.println(summaryLine(summary, problems.size(), out));
            err.flush();
            return problems.isEmpty() && failed.isEmpty() ? Main.EXIT_OK : Main.EXIT_PARTIAL;
        }
    }

    private List<InputSpec> inputSpecs() {
        InputFormat inFormat = InputFormat.fromName(inputFormat);
        FieldMapping fields = new FieldMapping(idField, titleField, bodyField, dateField, urlField, categoryField);
        CsvLayout csv = new CsvLayout(delimiter(csvDelimiter), header(csvHeader));
        DateOrder order = DateOrder.fromName(dateOrder);
        List<InputSpec> specs = new ArrayList<>();
        boolean stdinSeen = false;
        for (String input : inputs) {
            if (input.equals(InputSpec.STDIN)) {
                if (stdinSeen) {
                    throw new IllegalArgumentException("standard input (-) can be read only once, but is given twice.");
                }
                stdinSeen = true;
            } else if (!Files.exists(Path.of(input))) {
                throw new IllegalArgumentException("input '" + input + "' does not exist; give a file, a folder, or - "
                        + "for standard input.");
            }
            specs.add(new InputSpec(input, inFormat, include, exclude, fields, csv, order));
        }
        return specs;
    }

    private static Character delimiter(String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("tab") || value.equals("\\t") || value.equals("\t")) {
            return '\t';
        }
        if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
            throw new IllegalArgumentException("--csv-delimiter must be one character other than a quote or a line "
                    + "break, or 'tab', but is '" + value + "'.");
        }
        return value.charAt(0);
    }

    private static CsvLayout.Header header(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> CsvLayout.Header.AUTO;
            case "yes", "true" -> CsvLayout.Header.PRESENT;
            case "no", "false" -> CsvLayout.Header.ABSENT;
            default -> throw new IllegalArgumentException("--csv-header must be auto, yes or no, but is '" + value + "'.");
        };
    }

    /** Reads every input; an input that cannot be read at all is a problem like a bad file, and the others go on. */
    private static void read(List<InputSpec> specs, List<Article> articles, List<ReadProblem> problems) {
        // Standard input is read at call time, so that tests (and wrappers) can replace System.in.
        ArticleSource source = new ArticleSource(new NewsPageCleaner(), System.in);
        for (InputSpec input : specs) {
            try {
                ReadResult result = source.read(input);
                articles.addAll(result.articles());
                problems.addAll(result.problems());
            } catch (InputException e) {
                problems.add(new ReadProblem(input.location().equals(InputSpec.STDIN) ? "stdin" : input.location(), null,
                        e.getMessage()));
            }
        }
    }

    /**
     * Prints each distinct warning once per file: a Latin-1 file read as lines copies its encoding
     * warning to every line's article, and one message says it.
     */
    private static void printWarnings(List<Article> articles, PrintWriter err) {
        Set<String> printed = new LinkedHashSet<>();
        for (Article article : articles) {
            String origin = article.origin() == null ? "?" : article.origin();
            String file = origin.contains("#") ? origin.substring(0, origin.indexOf('#')) : origin;
            for (String warning : article.warnings()) {
                if (printed.add(file + "\u0000" + warning)) {
                    err.println("kabar: warning: " + origin + ": " + warning);
                }
            }
        }
    }

    private TranslationProgress progress(PrintWriter err) {
        if (System.console() != null) {
            return new TerminalProgressBar(err);
        }
        return new LoggedProgress(LoggerFactory.getLogger(TranslateCommand.class), progressInterval);
    }

    static String summaryLine(RunSummary s, int skippedInputs, TranslationOutput out) {
        double seconds = Math.max(s.seconds(), 1e-9);
        return String.format(Locale.ROOT,
                "kabar: %d articles translated, %d failed, %d inputs or records skipped; %d sentences (%d unique texts translated, "
                        + "%d reused, %d sentences split); %d tokens in, %d out; %.1f s (%.2f articles/s, %.1f sentences/s); "
                        + "output: %s",
                s.articlesOk(), s.articlesFailed(), skippedInputs, s.sentences(), s.translatedTexts(), s.reusedTexts(),
                s.splitSentences(), s.sourceTokens(), s.targetTokens(), s.seconds(), s.articles() / seconds,
                s.sentences() / seconds, out.describe());
    }
}
