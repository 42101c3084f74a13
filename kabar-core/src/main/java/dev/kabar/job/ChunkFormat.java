package dev.kabar.job;

import dev.kabar.output.OutputFormat;
import java.util.Locale;

/**
 * A file a job writes for each output chunk: one of {@code kabar translate}'s formats, with CSV
 * offered both per article and per sentence pair so that a job can write the two side by side.
 */
public enum ChunkFormat {
    /** One article document per line ({@code .jsonl}). */
    JSONL("jsonl", OutputFormat.JSONL, false),
    /** A JSON array of article documents ({@code .json}). */
    JSON("json", OutputFormat.JSON, false),
    /** One CSV row per article ({@code .csv}). */
    CSV("csv", OutputFormat.CSV, false),
    /** One CSV row per sentence pair ({@code .sentences.csv}). */
    SENTENCE_CSV("sentences.csv", OutputFormat.CSV, true);

    private final String extension;
    private final OutputFormat format;
    private final boolean perSentence;

    ChunkFormat(String extension, OutputFormat format, boolean perSentence) {
        this.extension = extension;
        this.format = format;
        this.perSentence = perSentence;
    }

    /** The name job files use: {@code jsonl}, {@code json}, {@code csv} or {@code sentence_csv}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name's extension, without the leading dot. */
    public String extension() {
        return extension;
    }

    /** The writer's format. */
    public OutputFormat format() {
        return format;
    }

    /** True for one row per sentence pair. */
    public boolean perSentence() {
        return perSentence;
    }

    /** True when each article is one record, so a digest can be read from the file. */
    public boolean perArticle() {
        return !perSentence;
    }

    /**
     * Parses a job file's format name (case ignored).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static ChunkFormat fromKey(String key) {
        for (ChunkFormat format : values()) {
            if (format.key().equalsIgnoreCase(key.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("output format '" + key + "' is not one of jsonl, json, csv, sentence_csv");
    }
}
