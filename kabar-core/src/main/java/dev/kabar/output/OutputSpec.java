package dev.kabar.output;

import java.nio.file.Path;

/**
 * Where and how to write a run's articles.
 *
 * @param location a file path, or {@code -} for standard output
 * @param format the file format
 * @param perSentence one CSV row per sentence pair instead of per article (CSV only)
 */
public record OutputSpec(String location, OutputFormat format, boolean perSentence) {

    /** The location that means standard output. */
    public static final String STDOUT = "-";

    /**
     * Checks that the parts fit together.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public OutputSpec {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("an output location is required: a file, or - for standard output");
        }
        if (format == null) {
            throw new IllegalArgumentException("an output format is required: csv, json or jsonl");
        }
        if (perSentence && format != OutputFormat.CSV) {
            throw new IllegalArgumentException("--per-sentence writes CSV rows, but the output format is "
                    + format.name().toLowerCase() + "; use a .csv file or --format csv, or drop --per-sentence");
        }
    }

    /**
     * Resolves the format: the one given, else standard output's JSONL, else the file's extension.
     *
     * @param location a file path or {@code -}
     * @param format a format name ({@code csv}, {@code json}, {@code jsonl}), or null to decide from the location
     * @param perSentence one row per sentence pair
     * @throws IllegalArgumentException when the format is unknown or cannot be told from the name
     */
    public static OutputSpec resolve(String location, String format, boolean perSentence) {
        OutputFormat resolved;
        if (format != null) {
            resolved = OutputFormat.fromName(format);
        } else if (STDOUT.equals(location)) {
            resolved = perSentence ? OutputFormat.CSV : OutputFormat.JSONL;
        } else {
            resolved = OutputFormat.forFileName(Path.of(location).getFileName().toString());
            if (resolved == null) {
                throw new IllegalArgumentException("cannot tell the output format from '" + location
                        + "'; name the file .csv, .json or .jsonl, or give --format csv|json|jsonl");
            }
        }
        return new OutputSpec(location, resolved, perSentence);
    }

    /** Whether the output is standard output. */
    public boolean toStdout() {
        return STDOUT.equals(location);
    }
}
