package dev.kabar.article;

import java.util.Locale;

/** The kinds of article input kabar reads. */
public enum InputFormat {
    /** Decide per file from its extension: {@code .csv}/{@code .tsv}, {@code .json}, {@code .jsonl}/{@code .ndjson}, {@code .txt} or none for text. */
    AUTO,
    /** A saved news page (its visible text), cleaned by {@link NewsPageCleaner}; one article per file. */
    TEXT,
    /** RFC 4180 CSV, one article per record. */
    CSV,
    /** A JSON array of article objects, or an object holding such an array. */
    JSON,
    /** One JSON article object per line. */
    JSONL,
    /** Ad hoc text, one sentence per line: each non-blank line becomes its own one-paragraph article. */
    LINES;

    /**
     * Parses a format name such as {@code csv} or {@code auto} (case ignored).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static InputFormat fromName(String name) {
        for (InputFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("input format '" + name
                + "' is not one of auto, text, csv, json, jsonl, lines");
    }

    /**
     * Decides the format of a file from its name, for {@link #AUTO}.
     *
     * @return the format, or null when the extension says nothing kabar knows
     */
    public static InputFormat forFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return TEXT;
        }
        return switch (name.substring(dot + 1)) {
            case "txt", "text" -> TEXT;
            case "csv", "tsv" -> CSV;
            case "json" -> JSON;
            case "jsonl", "ndjson" -> JSONL;
            default -> null;
        };
    }
}
