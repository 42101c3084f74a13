package dev.kabar.glossary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one term list file into terms, or fails on the first fault with a message that names the
 * file, the line, the column, what was expected and what to do. Not thread-safe; one per read.
 */
final class TermListReader {

    static final String ID = "id";
    static final String EN = "en";
    static final String ALTERNATIVES = "alternatives";
    static final String CASE_SENSITIVE = "case_sensitive";
    static final String WHOLE_WORD = "whole_word";
    static final String AFFIXES = "affixes";
    static final String KEEP = "keep";
    /** A column for the newsroom's own remarks; read and ignored. */
    static final String NOTE = "note";

    /** Every column a header may name, in the order the docs list them. */
    static final List<String> COLUMNS = List.of(ID, EN, ALTERNATIVES, CASE_SENSITIVE, WHOLE_WORD, AFFIXES, KEEP, NOTE);

    private static final Pattern START_LINE = Pattern.compile("startline (\\d+)");

    /** What a read yields. */
    record Result(List<GlossaryTerm> terms, Glossary.Format format, String formatReason) {
    }

    private final Path file;
    private String text;
    private int[] lineStarts;

    TermListReader(Path file) {
        this.file = file;
    }

    Result read() throws GlossaryException {
        text = decode(bytes());
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        lineStarts = lineStarts(text);
        Glossary.Format format;
        String reason;
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            format = Glossary.Format.CSV;
            reason = "by the .csv extension";
        } else if (name.endsWith(".tsv")) {
            format = Glossary.Format.TSV;
            reason = "by the .tsv extension";
        } else if (headerLine().indexOf('\t') >= 0) {
            format = Glossary.Format.TSV;
            reason = "a tab in the header line";
        } else {
            format = Glossary.Format.CSV;
            reason = "no tab in the header line";
        }
        return new Result(parse(format), format, reason);
    }

    private byte[] bytes() throws GlossaryException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GlossaryException(file, 0, null, "Cannot read the term list " + file + ": " + e
                    + ". Check the path and that the file is readable.", e);
        }
    }

    /** The bytes as UTF-8, refusing malformed input with the line and byte offset of the first fault. */
    private String decode(byte[] bytes) throws GlossaryException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new GlossaryException(file, line, null, file + " line " + line + ": byte " + at
                    + " is not UTF-8. Save the term list as UTF-8 (in a spreadsheet: CSV UTF-8).", null);
        }
        return out.flip().toString();
    }

    /** The first line that is neither empty nor a comment. */
    private String headerLine() {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                return line;
            }
        }
        return "";
    }

    private List<GlossaryTerm> parse(Glossary.Format format) throws GlossaryException {
        CSVFormat csv = format == Glossary.Format.CSV
                ? CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                        .setIgnoreSurroundingSpaces(true).get()
                : CSVFormat.RFC4180.builder().setDelimiter('\t').setQuote(null).setCommentMarker('#')
                        .setIgnoreEmptyLines(true).get();
        String separator = format == Glossary.Format.CSV ? "comma" : "tab";
        try (CSVParser parser = CSVParser.parse(text, csv)) {
            List<GlossaryTerm> terms = new ArrayList<>();
            Map<String, List<GlossaryTerm>> byFold = new HashMap<>();
            Map<String, Integer> header = null;
            try {
                for (CSVRecord record : parser) {
                    int line = lineOf(record.getCharacterPosition());
                    if (header == null) {
                        header = header(record, line);
                        continue;
                    }
                    if (blank(record)) {
                        continue;
                    }
                    if (record.size() > header.size()) {
                        throw fault(line, null, "the row has " + record.size() + " cells but the header names "
                                + header.size() + " columns. Quote a cell that holds a comma (\"Ministry of "
                                + "Defence, Indonesia\"), or, in a TSV file, remove the extra tab");
                    }
                    GlossaryTerm term = term(record, header, line);
                    GlossaryTerm earlier = Glossary.earlierSame(byFold, term);
                    if (earlier == null) {
                        terms.add(term);
                    } else if (!earlier.sameEntryAs(term)) {
                        throw duplicate(earlier, term);
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // Commons CSV reports an unclosed quote while iterating, as an unchecked exception whose
                // message alone says where the cell began.
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                Matcher start = START_LINE.matcher(why == null ? "" : why);
                int line = start.find() ? Integer.parseInt(start.group(1)) : (int) parser.getCurrentLineNumber();
                throw new GlossaryException(file, line, null, file + " line " + line + ": the " + separator
                        + "-separated text cannot be split into cells (" + why + "). Check for a quote that is "
                        + "opened and not closed; a quote inside a quoted cell is written \"\".", e);
            }
            if (header == null) {
                throw new GlossaryException(file, 0, null, file + " is empty. Its first line must be a header "
                        + "naming the columns, e.g. id,en,alternatives.", null);
            }
            if (terms.isEmpty()) {
                throw new GlossaryException(file, 0, null, file + " has a header but no terms. Add one row per "
                        + "term, or leave the glossary out.", null);
            }
            return terms;
        } catch (IOException e) {
            throw new GlossaryException(file, 0, null, "Cannot read the term list " + file + ": " + e + ".", e);
        }
    }

    /** The header's columns by name, checked: every name known, none twice, id and en present. */
    private Map<String, Integer> header(CSVRecord record, int line) throws GlossaryException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw fault(line, null, "header column " + (i + 1) + " has no name. Name it (one of " + COLUMNS
                        + ") or delete the column");
            }
            if (!COLUMNS.contains(name)) {
                String found = String.join(",", record.values());
                String hint = columns.isEmpty() && !name.equals(ID)
                        ? " The first line must be a header naming the columns, e.g. id,en,alternatives; found '"
                                + found + "'."
                        : "";
                throw fault(line, name, "'" + record.get(i).strip() + "' is not a column of a term list. The "
                        + "columns are " + COLUMNS + "; fix the spelling or delete the column." + hint);
            }
            if (columns.put(name, i) != null) {
                throw fault(line, name, "the header names '" + name + "' twice. Delete one of the two columns");
            }
        }
        for (String required : List.of(ID, EN)) {
            if (!columns.containsKey(required)) {
                throw fault(line, required, "the header has no '" + required + "' column. A term list needs at "
                        + "least id (the Indonesian term) and en (its English), e.g. id,en,alternatives");
            }
        }
        return columns;
    }

    private static boolean blank(CSVRecord record) {
        for (String cell : record) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private GlossaryTerm term(CSVRecord record, Map<String, Integer> header, int line) throws GlossaryException {
        String id = TermText.collapseSpace(cell(record, header, ID));
        if (id.isEmpty()) {
            throw fault(line, ID, "the Indonesian term is empty. Every row needs one; delete the row if it is not "
                    + "wanted");
        }
        if (!TermText.hasWordChar(id)) {
            throw fault(line, ID, "the term '" + id + "' holds no letter or digit. A term is one or more words");
        }
        if (!TermText.wordAtBothEnds(id)) {
            String end = TermText.isWordChar(id.codePointAt(0))
                    ? "ends with '" + new String(Character.toChars(id.codePointBefore(id.length()))) + "'"
                    : "starts with '" + new String(Character.toChars(id.codePointAt(0))) + "'";
            throw fault(line, ID, "the term '" + id + "' " + end + ". A term begins and ends with a letter or "
                    + "digit; write it without the punctuation around it (BSSN, not (BSSN))");
        }
        boolean caseSensitive = bool(record, header, CASE_SENSITIVE, false, line);
        boolean wholeWord = bool(record, header, WHOLE_WORD, true, line);
        boolean affixes = bool(record, header, AFFIXES, false, line);
        boolean keep = bool(record, header, KEEP, false, line);
        String english = TermText.collapseSpace(cell(record, header, EN));
        String alternativesCell = cell(record, header, ALTERNATIVES);
        if (keep && !english.isEmpty()) {
            throw fault(line, EN, "the term '" + id + "' is kept (keep is true), so its Indonesian form is forced "
                    + "as written and en must be empty; found '" + english + "'. Clear en, or set keep to false");
        }
        if (keep && !alternativesCell.isBlank()) {
            throw fault(line, ALTERNATIVES, "the term '" + id + "' is kept (keep is true), so it takes no English "
                    + "alternatives; found '" + alternativesCell.strip() + "'. Clear alternatives, or set keep "
                    + "to false");
        }
        if (!keep && english.isEmpty()) {
            throw fault(line, EN, "the English of '" + id + "' is empty. Give the English it must become, or set "
                    + "keep to true to keep the Indonesian form as written (names, brands)"
                    + (header.containsKey(KEEP) ? "" : "; that needs a keep column"));
        }
        List<String> alternatives = new ArrayList<>();
        if (!alternativesCell.isBlank()) {
            for (String part : alternativesCell.split("\\|", -1)) {
                String alternative = TermText.collapseSpace(part);
                if (alternative.isEmpty()) {
                    throw fault(line, ALTERNATIVES, "an alternative of '" + id + "' is empty in '"
                            + alternativesCell.strip() + "'. Separate alternatives with single | and nothing "
                            + "before the first or after the last");
                }
                alternatives.add(alternative);
            }
        }
        if (affixes && !wholeWord) {
            throw fault(line, AFFIXES, "affixes is true but whole_word is false for '" + id + "'. A term that "
                    + "matches inside any word already matches with affixes; set affixes to false, or "
                    + "whole_word to true");
        }
        return new GlossaryTerm(id, english, alternatives, caseSensitive, wholeWord, affixes, keep, line);
    }

    private static String cell(CSVRecord record, Map<String, Integer> header, String column) {
        Integer index = header.get(column);
        // A short row (a spreadsheet drops trailing empty cells) leaves the missing cells empty.
        return index == null || index >= record.size() ? "" : record.get(index);
    }

    private boolean bool(CSVRecord record, Map<String, Integer> header, String column, boolean byDefault, int line)
            throws GlossaryException {
        String value = cell(record, header, column).strip();
        if (value.isEmpty()) {
            return byDefault;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw fault(line, column, "expected true or false, found '" + value + "'. Write true or false, or leave the "
                + "cell empty for the default (" + byDefault + ")");
    }

    private GlossaryException duplicate(GlossaryTerm earlier, GlossaryTerm term) {
        List<String> differ = new ArrayList<>();
        String[][] pairs = {
            {EN, earlier.english(), term.english()},
            {ALTERNATIVES, String.join("|", earlier.alternatives()), String.join("|", term.alternatives())},
            {CASE_SENSITIVE, "" + earlier.caseSensitive(), "" + term.caseSensitive()},
            {WHOLE_WORD, "" + earlier.wholeWord(), "" + term.wholeWord()},
            {AFFIXES, "" + earlier.affixes(), "" + term.affixes()},
            {KEEP, "" + earlier.keep(), "" + term.keep()},
        };
        String column = null;
        for (String[] pair : pairs) {
            if (!pair[1].equals(pair[2])) {
                column = column == null ? pair[0] : column;
                differ.add(pair[0] + " '" + pair[1] + "' there, '" + pair[2] + "' here");
            }
        }
        if (differ.isEmpty()) {
            // Same settings, ids differing only in case, one of them case-sensitive.
            column = ID;
            differ.add("id '" + earlier.id() + "' there, '" + term.id() + "' here, which match the same text");
        }
        return fault(term.line(), column, "the term '" + term.id() + "' is already on line " + earlier.line()
                + ", saying something else (" + String.join("; ", differ) + "). A term must say one thing: delete "
                + "one of the two rows, or put the second English in the alternatives of the first");
    }

    private GlossaryException fault(int line, String column, String what) {
        String where = file + " line " + line + (column == null ? "" : ", column " + column);
        return new GlossaryException(file, line, column, where + ": " + what + (what.endsWith(".") ? "" : "."), null);
    }

    /**
     * The 1-based line a record starts on, from its character position. Commons CSV gives a record
     * that follows comment or blank lines the position of the first of them, and a record never
     * starts with either, so those lines are skipped.
     */
    private int lineOf(long position) {
        int found = Arrays.binarySearch(lineStarts, (int) position);
        int index = found >= 0 ? found : -found - 2;
        while (index + 1 < lineStarts.length && skippable(index)) {
            index++;
        }
        return index + 1;
    }

    /** Whether line {@code index} (0-based) is blank or a comment. */
    private boolean skippable(int index) {
        int from = lineStarts[index];
        int to = index + 1 < lineStarts.length ? lineStarts[index + 1] : text.length();
        String line = text.substring(from, to);
        return line.isBlank() || line.startsWith("#");
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
