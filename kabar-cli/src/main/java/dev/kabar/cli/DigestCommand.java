package dev.kabar.cli;

import dev.kabar.digest.Digest;
import dev.kabar.digest.DigestFile;
import dev.kabar.digest.DigestReader;
import dev.kabar.digest.DigestRenderer;
import dev.kabar.digest.SuspectSentences;
import dev.kabar.pipeline.Counted;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kabar digest}: kabar's JSON, JSONL or per-article CSV outputs in, one English digest for
 * readers out (HTML or Markdown, by the output's extension). Reads every input, reports the ones it
 * cannot use, and maps the outcome to an exit code.
 */
@Command(name = "digest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Renders an English digest of translated articles: grouped by day (newest first, undated last), then "
                    + "by category or source; each with its English and Indonesian titles, time, source, summary, "
                    + "link and reading time.",
            "Articles without a summary_en show their first two translated sentences, marked as such."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Digest written from all inputs.",
            "1:The digest could not be written; an existing file is left as it was.",
            "2:Bad usage, such as an output that is neither .html nor .md.",
            "3:Partial: some inputs or records could not be read (each named on standard error); the digest "
                    + "holds all the others. When no translated article could be read at all, nothing is written."})
final class DigestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "kabar translate outputs: .json, .jsonl or .csv.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The digest: .html (one self-contained page) or .md (Markdown); written atomically.")
    Path output;

    @Option(names = "--suspect", paramLabel = "mark|omit", defaultValue = "mark",
            description = "Sentences whose translation kabar's checks found suspect: mark (default: a numbered marker and "
                    + "a note with the reasons) or omit (left out; a suspect headline is withheld). Articles whose "
                    + "sentences are mostly suspect are listed apart under 'Translations to check' either way.")
    String suspect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Checked first so that a wrong extension costs no reading.
        DigestRenderer.forFileName(output.getFileName().toString());
        PrintWriter err = spec.commandLine().getErr();
        SuspectSentences suspects;
        try {
            suspects = SuspectSentences.parse(suspect);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--suspect: " + e.getMessage() + ".");
        }
        DigestReader reader = new DigestReader(suspects);
        List<String> unreadable = reader.readAll(inputs);
        unreadable.forEach(m -> err.println("kabar: " + m));
        reader.problems().forEach(p -> err.println("kabar: " + p));
        Digest digest = Digest.of(reader.entries());
        if (digest.entries().isEmpty() && (!unreadable.isEmpty() || !reader.problems().isEmpty() || reader.failedArticles() > 0)) {
            // An empty page would replace a good digest with nothing, and say all went well.
            err.println("kabar: no translated article could be read from " + Counted.of(inputs.size(), "input")
                    + (reader.failedArticles() > 0 ? " (" + Counted.of(reader.failedArticles(), "record") + " without a translation: are "
                    + "these kabar translate outputs?)" : "") + "; nothing written, '" + output + "' is left as it was.");
            err.flush();
            return Main.EXIT_PARTIAL;
        }
        DigestFile.write(digest, output);
        err.println("kabar: digest of " + Counted.of(digest.entries().size(), "article") + " written to '" + output + "'"
                + (reader.failedArticles() > 0 ? "; " + Counted.of(reader.failedArticles(), "failed article") + " left out" : "")
                + (reader.duplicateArticles() > 0 ? "; " + reader.duplicateArticles() + " repeated articles shown once" : ""));
        err.flush();
        return unreadable.isEmpty() && reader.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_PARTIAL;
    }
}
