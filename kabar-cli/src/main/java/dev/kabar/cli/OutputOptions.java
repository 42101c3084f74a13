package dev.kabar.cli;

import dev.kabar.output.OutputSpec;
import picocli.CommandLine.Option;

/** Where and in which format the commands that write articles write them; a picocli mixin. */
final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = OutputSpec.STDOUT,
            description = "Output file (.csv, .json or .jsonl), written atomically; - for standard output "
                    + "(default, as JSONL).")
    String output;

    @Option(names = "--format", paramLabel = "csv|json|jsonl",
            description = "Output format; default: from the output file's extension, JSONL on standard output.")
    String format;

    @Option(names = "--per-sentence",
            description = "CSV with one row per sentence pair (article_id, paragraph, index, id, en, in_summary) instead of one per article.")
    boolean perSentence;


    /**
     * Resolves the output.
     *
     * @throws IllegalArgumentException when the format is unknown or does not fit
     */
    OutputSpec spec() {
        return OutputSpec.resolve(output, format, perSentence);
    }
}
