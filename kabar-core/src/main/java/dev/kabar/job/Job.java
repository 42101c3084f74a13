package dev.kabar.job;

import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.InputSpec;
import dev.kabar.digest.SuspectSentences;
import dev.kabar.engine.Precision;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.pipeline.TrustSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A checked job, ready to run: a {@link JobSpec} with defaults filled in, globs expanded to the
 * files they match and paths resolved against the working directory.
 *
 * @param name the job's name
 * @param file the job file
 * @param inputs one input per file or folder to read
 * @param translator the translator's folder or pinned hub id, as written
 * @param summariser the summariser's folder or pinned hub id, or null
 * @param generation generation overrides under their Hugging Face names
 * @param batching batch sizes and split limit, and the {@linkplain #trust() trust settings}
 * @param workers the engine's workers ({@code batching.workers}), or 0 for its default
 * @param precision the precision of the translator's matrix products ({@code models.dtype})
 * @param folderPattern the output folder, {@code {date}} not yet replaced
 * @param formats the output files, each written once per chunk
 * @param digest the digest format, {@code html} or {@code md}, or null for none
 * @param chunkArticles articles per committed output chunk
 * @param keepDays days to keep old dated output folders, or null to keep all
 * @param memoryDays days to keep translation-memory entries nobody used, or null to keep all
 * @param database the state database
 * @param maxAttempts failing runs before an article is quarantined
 * @param digestSuspects whether the digest marks suspect sentences or leaves them out
 *     ({@code outputs.digest.suspect})
 * @param glossary the term list ({@code glossary}), resolved against the job file's folder, or null for
 *     none; it was read when the job was loaded, and {@code batching} holds what was read
 */
public record Job(String name, Path file, List<InputSpec> inputs, String translator, String summariser,
        Map<String, Object> generation, TranslationSettings batching, int workers, Precision precision, String folderPattern,
        List<ChunkFormat> formats, String digest, int chunkArticles, Integer keepDays, Integer memoryDays, Path database,
        int maxAttempts, SuspectSentences digestSuspects, Path glossary) {

    /** The placeholder in {@code outputs.folder} that becomes the run date. */
    public static final String DATE = "{date}";

    /** A job whose digest marks suspect sentences. */
    public Job(String name, Path file, List<InputSpec> inputs, String translator, String summariser,
            Map<String, Object> generation, TranslationSettings batching, int workers, Precision precision, String folderPattern,
            List<ChunkFormat> formats, String digest, int chunkArticles, Integer keepDays, Integer memoryDays, Path database,
            int maxAttempts) {
        this(name, file, inputs, translator, summariser, generation, batching, workers, precision, folderPattern, formats, digest,
                chunkArticles, keepDays, memoryDays, database, maxAttempts, SuspectSentences.MARK, null);
    }

    /** A job without a glossary. */
    public Job(String name, Path file, List<InputSpec> inputs, String translator, String summariser,
            Map<String, Object> generation, TranslationSettings batching, int workers, Precision precision, String folderPattern,
            List<ChunkFormat> formats, String digest, int chunkArticles, Integer keepDays, Integer memoryDays, Path database,
            int maxAttempts, SuspectSentences digestSuspects) {
        this(name, file, inputs, translator, summariser, generation, batching, workers, precision, folderPattern, formats, digest,
                chunkArticles, keepDays, memoryDays, database, maxAttempts, digestSuspects, null);
    }

    /** Copies the collections. */
    public Job {
        digestSuspects = digestSuspects == null ? SuspectSentences.MARK : digestSuspects;
        inputs = List.copyOf(inputs);
        generation = Map.copyOf(generation);
        formats = List.copyOf(formats);
    }

    /** Language detection, the confidence threshold and second tries: the job file's {@code trust:} block. */
    public TrustSettings trust() {
        return batching.trust();
    }

    /**
     * The translator as a serialisable spec, for runners that open it elsewhere (the Spark
     * executors): the model given, this job's generation, batching and trust settings, its glossary's
     * path (absolute, since executors do not share the driver's working directory), and the
     * extractive summary of {@code kabar run}. Workers and threads are the runner's to set.
     *
     * @param model the translator's folder or pinned hub id as the runner resolved it
     */
    public TranslatorSpec translatorSpec(String model) {
        return TranslatorSpec.of(model).withGeneration(generation)
                .withBatching(batching.batchTokens(), batching.batchSentences(), batching.maxInputTokens())
                .withSummary("extractive")
                .withTrust(trust())
                .withGlossary(glossary == null ? null : glossary.toAbsolutePath().normalize().toString());
    }

    /** The output folder of a run on {@code date}. */
    public Path outputFolder(LocalDate date) {
        return Path.of(folderPattern.replace(DATE, date.toString()));
    }

    /**
     * The folder that holds the dated output folders: the part of the pattern above the segment
     * with {@code {date}}, or the output folder itself when the pattern has no date.
     */
    public Path outputsBase() {
        Path pattern = Path.of(folderPattern);
        Path base = pattern;
        for (Path p = pattern; p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().contains(DATE)) {
                base = p.getParent();
            }
        }
        return base == null ? Path.of(".") : base;
    }
}
