package dev.kabar.article;

/**
 * How a CSV input is laid out.
 *
 * @param delimiter the field separator, or null to detect it among {@code ,} {@code ;} and tab
 * @param header whether the first record names the columns
 */
public record CsvLayout(Character delimiter, Header header) implements java.io.Serializable {

    /** Whether the first record of a CSV file is a header. */
    public enum Header {
        /** A header if the first record names a known field and looks like names, not data. */
        AUTO,
        /** The first record is a header. */
        PRESENT,
        /** There is no header; columns are chosen by 0-based index. */
        ABSENT
    }

    /** Detects both the delimiter and the header. */
    public static CsvLayout auto() {
        return new CsvLayout(null, Header.AUTO);
    }

    /** Returns a copy with an explicit delimiter. */
    public CsvLayout withDelimiter(char value) {
        return new CsvLayout(value, header);
    }

    /** Returns a copy with an explicit header choice. */
    public CsvLayout withHeader(Header value) {
        return new CsvLayout(delimiter, value);
    }
}
