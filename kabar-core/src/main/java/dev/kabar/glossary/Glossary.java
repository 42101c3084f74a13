package dev.kabar.glossary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A term list: the terms in file order, which breaks the last ties between overlapping matches, and
 * where they came from. Read one with {@link #read(Path)}; match it with {@link #matcher()}.
 */
public final class Glossary {

    /** How a term list file is split into cells. */
    public enum Format {
        /** Comma-separated, RFC 4180 quoting ({@code "Ministry of Defence, Indonesia"}). */
        CSV,
        /** Tab-separated, no quoting: a cell holds no tab and no line break. */
        TSV
    }

    private final List<GlossaryTerm> terms;
    private final String source;
    private final Format format;
    private final String formatReason;

    private Glossary(List<GlossaryTerm> terms, String source, Format format, String formatReason) {
        this.terms = List.copyOf(terms);
        this.source = source;
        this.format = format;
        this.formatReason = formatReason;
    }

    /**
     * Reads a term list: CSV or TSV (by the {@code .csv} or {@code .tsv} extension, otherwise by
     * whether the header line holds a tab), UTF-8 with or without a byte-order mark, header row first.
     * The columns and rules are in {@code docs/glossaries.md}.
     *
     * @throws GlossaryException when the file cannot be read or holds a fault, with the file, line,
     *     column, what was expected and what to do
     */
    public static Glossary read(Path file) throws GlossaryException {
        TermListReader.Result read = new TermListReader(file).read();
        return new Glossary(read.terms(), file.toString(), read.format(), read.formatReason());
    }

    /**
     * A term list built in code, in the order given. Terms that repeat an earlier one exactly are
     * dropped, as when reading a file.
     *
     * @throws IllegalArgumentException when two terms would match the same text but say different things
     */
    public static Glossary of(List<GlossaryTerm> terms) {
        List<GlossaryTerm> kept = new ArrayList<>(terms.size());
        Map<String, List<GlossaryTerm>> byFold = new HashMap<>();
        for (GlossaryTerm term : terms) {
            GlossaryTerm earlier = earlierSame(byFold, Objects.requireNonNull(term, "term"));
            if (earlier == null) {
                kept.add(term);
            } else if (!earlier.sameEntryAs(term)) {
                throw new IllegalArgumentException("The term '" + term.id() + "' appears twice, saying different "
                        + "things: " + earlier + " and " + term + ".");
            }
        }
        return new Glossary(kept, "(built in code)", null, "built in code");
    }

    /**
     * The term already in {@code byFold} (terms by their case-folded id) that {@code term} repeats, or
     * {@code null} when there is none, in which case {@code term} is added.
     */
    static GlossaryTerm earlierSame(Map<String, List<GlossaryTerm>> byFold, GlossaryTerm term) {
        List<GlossaryTerm> same = byFold.computeIfAbsent(TermText.fold(term.id()), k -> new ArrayList<>(1));
        for (GlossaryTerm earlier : same) {
            if (earlier.sameTermAs(term)) {
                return earlier;
            }
        }
        same.add(term);
        return null;
    }

    /** The terms, in file order, repeats dropped. */
    public List<GlossaryTerm> terms() {
        return terms;
    }

    /** Where the terms came from: the file path, or {@code (built in code)}. */
    public String source() {
        return source;
    }

    /** The format the file was read as, or {@code null} for terms built in code. */
    public Format format() {
        return format;
    }

    /** Why that format was chosen, e.g. {@code by the .tsv extension} or {@code a tab in the header line}. */
    public String formatReason() {
        return formatReason;
    }

    /** A matcher over these terms; building one indexes the terms, so build it once and share it. */
    public GlossaryMatcher matcher() {
        return new GlossaryMatcher(this);
    }

    /** One line for a log: the number of terms, the file and how it was read. */
    @Override
    public String toString() {
        return terms.size() + " terms from " + source + (format == null ? "" : " (" + format + ", " + formatReason + ")");
    }
}
