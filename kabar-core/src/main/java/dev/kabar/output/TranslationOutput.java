package dev.kabar.output;

import dev.kabar.pipeline.TranslatedArticle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The output of a run: a writer of the chosen format over an {@link AtomicFile}, or over standard
 * output. Write the articles, then {@link #commit()}; closing without a commit leaves any existing
 * file as it was. Not thread-safe.
 */
public final class TranslationOutput implements AutoCloseable {

    private final OutputSpec spec;
    private final AtomicFile file;
    private final Writer writer;
    private final ArticleWriter articles;

    private TranslationOutput(OutputSpec spec, AtomicFile file, Writer writer) throws IOException {
        this.spec = spec;
        this.file = file;
        this.writer = writer;
        this.articles = switch (spec.format()) {
            case CSV -> spec.perSentence() ? new SentencePairCsvWriter(writer) : new BilingualCsvWriter(writer);
            case JSON -> new JsonArticleWriter(writer, false);
            case JSONL -> new JsonArticleWriter(writer, true);
        };
    }

    /**
     * Opens the output: for a file, creates its temporary file now, so that an unwritable location
     * fails before any work.
     *
     * @param spec where and how
     * @param stdout standard output, used when {@code spec} says {@code -}; flushed, never closed
     * @throws IOException naming the file when it cannot be created
     */
    public static TranslationOutput open(OutputSpec spec, Writer stdout) throws IOException {
        if (spec.toStdout()) {
            return new TranslationOutput(spec, null, stdout);
        }
        AtomicFile file = AtomicFile.create(Path.of(spec.location()));
        try {
            Writer writer = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8));
            return new TranslationOutput(spec, file, writer);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Writes one article (a failed one goes to JSON only). */
    public void write(TranslatedArticle article) throws IOException {
        try {
            articles.write(article);
        } catch (IOException e) {
            throw new IOException("cannot write " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Completes the document and, for a file, puts it in place atomically. */
    public void commit() throws IOException {
        try {
            articles.finish();
            writer.flush();
        } catch (IOException e) {
            throw new IOException("cannot write " + describe() + ": " + e.getMessage(), e);
        }
        if (file != null) {
            file.commit();
        }
    }

    /** The output in words, for messages: {@code 'out.csv'} or {@code standard output}. */
    public String describe() {
        return spec.toStdout() ? "standard output" : "'" + spec.location() + "'";
    }

    /** Abandons an uncommitted file; standard output is only flushed. */
    @Override
    public void close() {
        if (file != null) {
            file.close();
        } else {
            try {
                writer.flush();
            } catch (IOException e) {
                // Standard output has gone; there is no one left to tell.
            }
        }
    }
}
