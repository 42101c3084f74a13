package dev.kabar.article;

import java.util.List;

/**
 * One input to read and how to read it.
 *
 * @param location a file, a folder (read recursively), or {@code -} for standard input
 * @param format the input format, {@link InputFormat#AUTO} to decide per file by extension
 * @param include glob patterns a file in a folder must match (any of them), empty for all files;
 *     a pattern without {@code /} matches the file name, one with {@code /} the path inside the folder
 * @param exclude glob patterns that leave a file out of a folder, matched like {@code include}
 * @param fields which CSV columns or JSON fields hold id, title, body, date, url, category
 * @param csv the CSV delimiter and header choice
 * @param dateOrder how to read numeric dates in CSV and JSON fields
 * @param source the input as it was written where it was given (a job's {@code inputs[i].path}
 *     before its glob was expanded): the key under which a job remembers what it learnt about the
 *     input; the location when not given
 * @param rememberedDateOrder the order an earlier file of the same source settled, used when a
 *     file's own values settle none; null when there is none
 */
public record InputSpec(String location, InputFormat format, List<String> include, List<String> exclude,
        FieldMapping fields, CsvLayout csv, DateOrder dateOrder, String source, DateOrder rememberedDateOrder) implements java.io.Serializable {

    /** The location that means standard input. */
    public static final String STDIN = "-";

    /** Fills defaults for null parts and copies the lists. */
    public InputSpec {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("an input location is required: a file, a folder, or - for standard input");
        }
        format = format == null ? InputFormat.AUTO : format;
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        fields = fields == null ? FieldMapping.auto() : fields;
        csv = csv == null ? CsvLayout.auto() : csv;
        dateOrder = dateOrder == null ? DateOrder.AUTO : dateOrder;
        source = source == null || source.isBlank() ? location : source;
    }

    /** A spec with no source of its own and nothing remembered. */
    public InputSpec(String location, InputFormat format, List<String> include, List<String> exclude,
            FieldMapping fields, CsvLayout csv, DateOrder dateOrder) {
        this(location, format, include, exclude, fields, csv, dateOrder, null, null);
    }

    /** Reads the location with every choice automatic. */
    public static InputSpec of(String location) {
        return new InputSpec(location, InputFormat.AUTO, List.of(), List.of(), FieldMapping.auto(), CsvLayout.auto(),
                DateOrder.AUTO);
    }

    /** Returns a copy with the given format. */
    public InputSpec withFormat(InputFormat value) {
        return new InputSpec(location, value, include, exclude, fields, csv, dateOrder, source, rememberedDateOrder);
    }

    /** Returns a copy with the given include patterns. */
    public InputSpec withInclude(String... globs) {
        return new InputSpec(location, format, List.of(globs), exclude, fields, csv, dateOrder, source, rememberedDateOrder);
    }

    /** Returns a copy with the given exclude patterns. */
    public InputSpec withExclude(String... globs) {
        return new InputSpec(location, format, include, List.of(globs), fields, csv, dateOrder, source, rememberedDateOrder);
    }

    /** Returns a copy with the given field mapping. */
    public InputSpec withFields(FieldMapping value) {
        return new InputSpec(location, format, include, exclude, value, csv, dateOrder, source, rememberedDateOrder);
    }

    /** Returns a copy with the given CSV layout. */
    public InputSpec withCsv(CsvLayout value) {
        return new InputSpec(location, format, include, exclude, fields, value, dateOrder, source, rememberedDateOrder);
    }

    /** Returns a copy with the given date order. */
    public InputSpec withDateOrder(DateOrder value) {
        return new InputSpec(location, format, include, exclude, fields, csv, value, source, rememberedDateOrder);
    }

    /** Returns a copy with the given source (see {@link #source()}). */
    public InputSpec withSource(String value) {
        return new InputSpec(location, format, include, exclude, fields, csv, dateOrder, value, rememberedDateOrder);
    }

    /** Returns a copy that falls back on the given remembered date order. */
    public InputSpec withRememberedDateOrder(DateOrder value) {
        return new InputSpec(location, format, include, exclude, fields, csv, dateOrder, source, value);
    }

    /**
     * Whether the location is a URI with a scheme ({@code hdfs://}, {@code s3a://},
     * {@code file:///}): read through a cluster's file system by the Spark runner, not as a path.
     */
    public boolean isUri() {
        return location.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    }
}
