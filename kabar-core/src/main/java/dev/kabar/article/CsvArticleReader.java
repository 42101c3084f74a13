package dev.kabar.article;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads articles from RFC 4180 CSV, one per record, with quoted multi-line fields, a detected or
 * given delimiter and header, and configurable columns. A record with broken quoting is reported
 * with the line where it starts; reading resumes on the next line so that one stray quote does
 * not swallow the rest of the file. Thread-safe.
 */
public final class CsvArticleReader implements ArticleReader {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private final CsvLayout layout;
    private final FieldMapping fields;
    private final DateOrder dateOrder;
    private final DateOrder remembered;
    private final NewsPageCleaner cleaner;

    /** Creates a reader with the given layout, columns, date order and body cleaner. */
    public CsvArticleReader(CsvLayout layout, FieldMapping fields, DateOrder dateOrder, DateOrder remembered,
            NewsPageCleaner cleaner) {
        this.layout = layout;
        this.fields = fields;
        this.dateOrder = dateOrder;
        this.remembered = remembered;
        this.cleaner = cleaner;
    }

    /** One parsed record, the line it starts on, and how many malformed records were skipped before it. */
    private record Row(int line, List<String> values, int skippedBefore) {
    }

    @Override
    public ReadResult read(InputText input) {
        String text = input.text();
        char delimiter = layout.delimiter() != null ? layout.delimiter() : detectDelimiter(text);
        List<ReadProblem> problems = new ArrayList<>();
        List<Row> rows = parse(text, delimiter, input.origin(), problems);
        if (rows.isEmpty()) {
            problems.add(new ReadProblem(input.origin(), null, "the CSV file has no records"));
            return new ReadResult(List.of(), problems);
        }
        List<String> header = hasHeader(rows.get(0)) ? rows.get(0).values() : null;
        Columns columns;
        try {
            columns = new Columns(header, fields);
        } catch (IllegalArgumentException e) {
            problems.add(new ReadProblem(input.origin(), 1, e.getMessage() + "; " + layoutSeen(rows.get(0), delimiter,
                    header != null)));
            return new ReadResult(List.of(), problems);
        }
        List<FieldRecord> records = new ArrayList<>();
        int rowNumber = 0;
        for (Row row : rows.subList(header == null ? 0 : 1, rows.size())) {
            rowNumber++;
            if (header != null && row.values().size() != header.size()) {
                problems.add(new ReadProblem(input.origin(), row.line(), "the record has " + row.values().size()
                        + " fields but the header has " + header.size() + "; skipped it; quote fields that contain '"
                        + printable(delimiter) + "' or line breaks"));
                continue;
            }
            List<String> v = row.values();
            // Records are numbered as in the file: a malformed record skipped before this one still counts.
            int recordNumber = rowNumber + row.skippedBefore();
            records.add(new FieldRecord(input.origin() + "#row " + recordNumber, row.line(), columns.id.get(v),
                    columns.title.get(v), columns.body.get(v), columns.date.get(v), columns.url.get(v),
                    columns.category.get(v)));
        }
        ReadResult result = FieldRecord.toArticles(records, input, dateOrder, remembered, cleaner);
        return new ReadResult(List.of(), problems).plus(result);
    }

    /**
     * Says how the file was read (delimiter, columns of the first record, header or not) and what to
     * pass when that is not what the file is.
     */
    private String layoutSeen(Row first, char delimiter, boolean header) {
        List<String> cells = first.values();
        String shown = cells.size() <= 6 ? String.valueOf(cells.stream().map(CsvArticleReader::shortCell).toList())
                : cells.subList(0, 6).stream().map(CsvArticleReader::shortCell).toList() + " and " + (cells.size() - 6) + " more";
        String read = "read with the delimiter '" + printable(delimiter) + "' ("
                + (layout.delimiter() != null ? "as given" : "detected among , ; tab and |") + "), the first record has "
                + cells.size() + (cells.size() == 1 ? " column " : " columns ") + shown;
        String delimiterHint = "; if the file has another delimiter pass --csv-delimiter (csv_delimiter in a job file)";
        if (header) {
            return read + ", taken as the header" + delimiterHint;
        }
        String why = switch (layout.header()) {
            case ABSENT -> ", not a header (as given)";
            case PRESENT -> ", taken as the header";
            case AUTO -> ", not taken as a header because no cell is a usual column name (such as title/judul, "
                    + "body/isi_berita, date/tanggal)";
        };
        return read + why + delimiterHint + "; if the first record names the columns pass --csv-header yes and "
                + "--body-field with one of its names";
    }

    private static String shortCell(String cell) {
        String flat = cell.strip().replaceAll("\\s+", " ");
        return "'" + (flat.length() > 40 ? flat.substring(0, 40) + "…" : flat) + "'";
    }

    /** Picks the delimiter that occurs most often outside quotes on the first line. */
    static char detectDelimiter(String text) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < DELIMITERS.length; k++) {
                    if (c == DELIMITERS[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < DELIMITERS.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return DELIMITERS[best];
    }

    private List<Row> parse(String text, char delimiter, String origin, List<ReadProblem> problems) {
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        int firstLine = 1;
        int skipped = 0;
        while (firstLine <= lineStarts.length) {
            int base = lineStarts[firstLine - 1];
            long linesDone = 0;
            try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(base)), format)) {
                Iterator<CSVRecord> records = parser.iterator();
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    int line = lineOf(lineStarts, base + (int) record.getCharacterPosition());
                    rows.add(new Row(line, record.toList(), skipped));
                    linesDone = parser.getCurrentLineNumber();
                }
                return rows;
            } catch (UncheckedIOException | IllegalStateException | IOException e) {
                // The bad record starts on the first non-blank line after the last good record.
                int bad = firstLine + (int) linesDone;
                while (bad <= lineStarts.length && lineText(text, lineStarts, bad).isBlank()) {
                    bad++;
                }
                Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
                problems.add(new ReadProblem(origin, bad, "malformed quoting in the record that starts here ("
                        + cause.getMessage() + "); skipped this line and went on with the next; close the quoted "
                        + "field, or double a quote inside it (\"\")"));
                firstLine = bad + 1;
                skipped++;
            }
        }
        return rows;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (i + 1 < text.length()) {
                    starts.add(i + 1);
                }
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static String lineText(String text, int[] lineStarts, int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        return text.substring(start, end);
    }

    private boolean hasHeader(Row first) {
        return switch (layout.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(first.values());
        };
    }

    /** A header names a known field and holds short names, not article text. */
    private boolean looksLikeHeader(List<String> cells) {
        boolean known = false;
        for (String cell : cells) {
            String name = cell.strip();
            if (name.length() > 60 || name.contains("\n")) {
                return false;
            }
            known |= Columns.knownName(name, fields);
        }
        return known;
    }

    private static String printable(char delimiter) {
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }

    /** Where each part of an article sits in a record. */
    private static final class Columns {
        final Column id;
        final Column title;
        final Column body;
        final Column date;
        final Column url;
        final Column category;

        Columns(List<String> header, FieldMapping mapping) {
            id = resolve(header, mapping.id(), FieldMapping.ID_NAMES, "id", false);
            title = resolve(header, mapping.title(), FieldMapping.TITLE_NAMES, "title", false);
            body = resolve(header, mapping.body(), FieldMapping.BODY_NAMES, "body", true);
            date = resolve(header, mapping.date(), FieldMapping.DATE_NAMES, "date", false);
            url = resolve(header, mapping.url(), FieldMapping.URL_NAMES, "url", false);
            category = resolve(header, mapping.category(), FieldMapping.CATEGORY_NAMES, "category", false);
        }

        static boolean knownName(String cell, FieldMapping mapping) {
            String name = cell.toLowerCase(Locale.ROOT);
            for (String explicit : Arrays.asList(mapping.id(), mapping.title(), mapping.body(), mapping.date(),
                    mapping.url(), mapping.category())) {
                if (explicit != null && explicit.equalsIgnoreCase(name)) {
                    return true;
                }
            }
            for (List<String> names : List.of(FieldMapping.ID_NAMES, FieldMapping.TITLE_NAMES, FieldMapping.BODY_NAMES,
                    FieldMapping.DATE_NAMES, FieldMapping.URL_NAMES, FieldMapping.CATEGORY_NAMES)) {
                for (String known : names) {
                    if (known.equalsIgnoreCase(name)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static Column resolve(List<String> header, String explicit, List<String> usual, String part,
                boolean required) {
            if (explicit != null) {
                if (header != null) {
                    for (int i = 0; i < header.size(); i++) {
                        if (header.get(i).strip().equalsIgnoreCase(explicit.strip())) {
                            return new Column(i);
                        }
                    }
                }
                if (explicit.strip().matches("\\d+")) {
                    return new Column(Integer.parseInt(explicit.strip()));
                }
                throw new IllegalArgumentException("the " + part + " column '" + explicit + "' is not in the header "
                        + header + "; name one of its columns or give a 0-based column index");
            }
            if (header != null) {
                for (String name : usual) {
                    for (int i = 0; i < header.size(); i++) {
                        if (header.get(i).strip().equalsIgnoreCase(name)) {
                            return new Column(i);
                        }
                    }
                }
            }
            if (required) {
                throw new IllegalArgumentException(header == null
                        ? "the CSV file has no header, so the " + part + " column must be given by 0-based index"
                        : "no " + part + " column in the header " + header + "; expected one of " + usual
                                + ", or name the column");
            }
            return new Column(-1);
        }
    }

    /** A column index, or -1 for a part the input does not have. */
    private record Column(int index) {
        String get(List<String> values) {
            return index >= 0 && index < values.size() ? values.get(index) : null;
        }
    }
}
