package dev.kabar.job;

import dev.kabar.output.ArticleWriter;
import dev.kabar.output.AtomicFile;
import dev.kabar.output.BilingualCsvWriter;
import dev.kabar.output.JsonArticleWriter;
import dev.kabar.output.SentencePairCsvWriter;
import dev.kabar.pipeline.TranslatedArticle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes one output chunk: the same articles once per format, each file through an
 * {@link AtomicFile}, so a file is either whole or absent. Files are named
 * {@code <job>-run<id>-<chunk>.<ext>}: a name is never reused, so a chunk never overwrites another.
 * Not thread-safe.
 */
public final class ChunkFiles {

    private final List<ChunkFormat> formats;
    private final UnaryOperator<OutputStream> streams;

    /**
     * Creates a writer of chunks.
     *
     * @param formats the files to write
     * @param streams wraps each file's stream; identity in production, a failing stream in tests of
     *     a full disk
     */
    public ChunkFiles(List<ChunkFormat> formats, UnaryOperator<OutputStream> streams) {
        this.formats = List.copyOf(formats);
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    /** The files chunk {@code sequence} of run {@code runId} will write in {@code folder}. */
    public List<Path> names(Path folder, String job, long runId, int sequence) {
        List<Path> files = new ArrayList<>();
        for (ChunkFormat format : formats) {
            files.add(folder.resolve(String.format(Locale.ROOT, "%s-run%d-%04d.%s", job, runId, sequence,
                    format.extension())));
        }
        return files;
    }

    /**
     * Writes the chunk's files; on failure deletes any of them already in place, so that either all
     * files of the chunk exist or none.
     *
     * @param files from {@link #names}, in format order
     * @throws IOException naming the file that could not be written
     */
    public void write(List<Path> files, List<TranslatedArticle> articles) throws IOException {
        List<Path> written = new ArrayList<>();
        try {
            for (int i = 0; i < formats.size(); i++) {
                writeOne(files.get(i), formats.get(i), articles);
                written.add(files.get(i));
            }
        } catch (IOException | RuntimeException e) {
            for (Path file : written) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    private void writeOne(Path file, ChunkFormat format, List<TranslatedArticle> articles) throws IOException {
        try (AtomicFile atomic = AtomicFile.create(file)) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(streams.apply(atomic.stream()),
                    StandardCharsets.UTF_8));
            ArticleWriter out = switch (format) {
                case CSV -> new BilingualCsvWriter(writer);
                case SENTENCE_CSV -> new SentencePairCsvWriter(writer);
                case JSON -> new JsonArticleWriter(writer, false);
                case JSONL -> new JsonArticleWriter(writer, true);
            };
            try {
                for (TranslatedArticle article : articles) {
                    out.write(article);
                }
                out.finish();
                writer.flush();
            } catch (IOException e) {
                throw new IOException("cannot write '" + file + "': " + e.getMessage(), e);
            }
            atomic.commit();
        }
    }
}
