package dev.kabar.output;

import java.util.Locale;

/** The file formats {@code kabar translate} writes. */
public enum OutputFormat {
    /** RFC 4180 CSV: one row per article, or per sentence pair with {@code --per-sentence}. */
    CSV,
    /** A JSON array of article documents ({@link ArticleDocument}). */
    JSON,
    /** One article document per line. */
    JSONL;

    /**
     * Parses a format name such as {@code csv} (case ignored).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static OutputFormat fromName(String name) {
        for (OutputFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("output format '" + name + "' is not one of csv, json, jsonl");
    }

    /**
     * Decides the format from a file name's extension ({@code .csv}, {@code .json},
     * {@code .jsonl} or {@code .ndjson}).
     *
     * @return the format, or null when the extension is none of these
     */
    public static OutputFormat forFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        return null;
    }
}
