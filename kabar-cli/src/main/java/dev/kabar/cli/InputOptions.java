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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The inputs of the commands that read articles ({@code translate}, {@code summarize}): files,
 * folders or standard input, their format, and the field mapping of CSV and JSON records. A picocli
 * mixin, so that both commands read articles the same way.
 */
final class InputOptions {

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR|-",
            description = "Article files, folders of them, or - for standard input.")
    List<String> inputs;

    /** Returns true when no input was named on the command line. */
    boolean none() {
        return inputs == null || inputs.isEmpty();
    }

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
            description = "CSV field separator: one character, or 'tab'; default: detected among , ; tab and |.")
    String csvDelimiter;

    @Option(names = "--csv-header", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether a CSV's first record names the columns (default: ${DEFAULT-VALUE}).")
    String csvHeader;

    @Option(names = "--date-order", paramLabel = "auto|day-first|month-first|strict", defaultValue = "auto",
            description = "How to read numeric dates in CSV and JSON fields: auto decides per file from its values "
                    + "(day-first, with a warning, when they cannot tell); strict refuses such a file "
                    + "(default: ${DEFAULT-VALUE}).")
    String dateOrder;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Read only files of a folder that match (repeatable); without / the glob matches the file name.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files of a folder that match (repeatable).")
    List<String> exclude = new ArrayList<>();

    /**
     * Checks the options and returns one spec per input.
     *
     * @throws IllegalArgumentException naming a bad option value or a missing input
     */
    List<InputSpec> specs() {
        if (none()) {
            throw new IllegalArgumentException("an input is required: article files, folders, or - for standard input.");
        }
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

    /**
     * Reads every input; an input that cannot be read at all is a problem like a bad file, and the
     * others go on.
     *
     * @return the files left out on purpose (kabar's own output met in a folder), to print as notes
     */
    static List<ReadProblem> read(List<InputSpec> specs, List<Article> articles, List<ReadProblem> problems) {
        List<ReadProblem> notes = new ArrayList<>();
        // Standard input is read at call time, so that tests (and wrappers) can replace System.in.
        ArticleSource source = new ArticleSource(new NewsPageCleaner(), System.in);
        for (InputSpec input : specs) {
            try {
                ReadResult result = source.read(input);
                articles.addAll(result.articles());
                problems.addAll(result.problems());
                notes.addAll(result.notes());
            } catch (InputException e) {
                problems.add(new ReadProblem(input.location().equals(InputSpec.STDIN) ? "stdin" : input.location(), null,
                        e.getMessage()));
            }
        }
        return notes;
    }

    /**
     * Prints each distinct warning once per file: a Latin-1 file read as lines copies its encoding
     * warning to every line's article, and one message says it.
     */
    static void printWarnings(List<Article> articles, PrintWriter err) {
        // One line per file and kind of warning (its text with the quoted values left out), with the
        // count and the first few records: 200 rows of a feed without a time zone are one fact.
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Article article : articles) {
            String origin = article.origin() == null ? "?" : article.origin();
            String file = origin.contains("#") ? origin.substring(0, origin.indexOf('#')) : origin;
            for (String warning : article.warnings()) {
                if (seen.add(file + "\u0000" + warning)) {
                    groups.computeIfAbsent(file + "\u0000" + QUOTED.matcher(warning).replaceAll("'…'"), k -> new ArrayList<>())
                            .add(new String[] {origin, warning});
                }
            }
        }
        for (Map.Entry<String, List<String[]>> group : groups.entrySet()) {
            List<String[]> all = group.getValue();
            if (all.size() == 1) {
                err.println("kabar: warning: " + all.get(0)[0] + ": " + all.get(0)[1]);
                continue;
            }
            String file = group.getKey().substring(0, group.getKey().indexOf('\u0000'));
            String kind = group.getKey().substring(group.getKey().indexOf('\u0000') + 1);
            List<String> first = new ArrayList<>();
            for (String[] w : all.subList(0, Math.min(EXAMPLES, all.size()))) {
                String where = w[0].startsWith(file) ? w[0].substring(file.length()) : w[0];
                Matcher quoted = QUOTED.matcher(w[1]);
                first.add((where.isEmpty() ? w[0] : where) + (quoted.find() ? " " + quoted.group() : ""));
            }
            err.println("kabar: warning: " + file + ": " + all.size() + " records: " + kind + " (first: " + String.join(", ", first)
                    + (all.size() > EXAMPLES ? ", …" : "") + ")");
        }
    }

    /** A quoted value in a warning, which differs from record to record. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    /** Records named in an aggregated warning. */
    private static final int EXAMPLES = 3;
}
