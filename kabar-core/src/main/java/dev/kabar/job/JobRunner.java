package dev.kabar.job;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.DateOrderChoice;
import dev.kabar.article.InputException;
import dev.kabar.article.InputSpec;
import dev.kabar.article.NewsPageCleaner;
import dev.kabar.article.ReadProblem;
import dev.kabar.article.ReadResult;
import dev.kabar.digest.Digest;
import dev.kabar.digest.DigestFile;
import dev.kabar.digest.DigestInputException;
import dev.kabar.digest.DigestReader;
import dev.kabar.hub.HubSettings;
import dev.kabar.output.AtomicFile;
import dev.kabar.pipeline.Counted;
import dev.kabar.pipeline.FatalTranslationException;
import dev.kabar.pipeline.RunSummary;
import dev.kabar.pipeline.TermTally;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TranslationProgress;
import dev.kabar.pipeline.TrustTally;
import dev.kabar.summarize.ExtractiveSummarizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a nightly job: the use case behind {@code kabar run}. Idempotent and resumable:
 *
 * <ol>
 *   <li>takes the job's lock ({@link JobLock}) and rolls back what a killed run left: its run row
 *       is marked killed, and the files of its uncommitted chunks are deleted;</li>
 *   <li>reads the inputs and keeps only articles that are new, changed (content hash), or failed
 *       fewer times than the job allows;</li>
 *   <li>checks the output folder and loads the model (the slow part) only when there is work;</li>
 *   <li>translates through the translation memory, and commits the articles chunk by chunk:
 *       the chunk is recorded as pending, its files are written atomically, then one transaction
 *       marks the chunk committed and its articles done. A crash anywhere leaves either a committed
 *       chunk or a pending one whose files the next run deletes, so the outputs never hold an
 *       article twice and never lose one that the database calls done;</li>
 *   <li>records failed articles (quarantined at the attempt limit), prunes old output folders,
 *       writes the run report.</li>
 * </ol>
 *
 * A failure of one article is recorded and the run goes on; a failure that concerns every article
 * stops the run with a {@link JobFailedException} after recording it. Not thread-safe; one run per
 * instance at a time.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final TranslatorFactory translators;
    private final UnaryOperator<OutputStream> streams;
    private final Clock clock;
    private final ModelLocks locks;

    /**
     * Creates a runner.
     *
     * @param translators loads the model
     * @param streams wraps every output file's stream (identity in production; a full disk in tests)
     * @param clock the run date and timestamps
     */
    public JobRunner(TranslatorFactory translators, UnaryOperator<OutputStream> streams, Clock clock) {
        this(translators, streams, clock, new ModelLocks(HubSettings.fromEnvironment(), LOG::info, clock));
    }

    /**
     * Creates a runner whose hub models named by branch or tag are resolved through {@code locks}.
     */
    public JobRunner(TranslatorFactory translators, UnaryOperator<OutputStream> streams, Clock clock, ModelLocks locks) {
        this.translators = Objects.requireNonNull(translators, "translators");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    /** The production runner: the DJL engine, real files, the system clock, the hub of the environment. */
    public static JobRunner standard() {
        return new JobRunner(new EngineTranslatorFactory(), UnaryOperator.identity(), Clock.systemDefaultZone());
    }

    /**
     * The outcome of a run that finished.
     *
     * @param report the report
     * @param reportFile where it was written
     */
    public record Result(RunReport report, Path reportFile) {
    }

    /**
     * Runs the job without reporting the translation's progress.
     *
     * @see #run(Job, Consumer, TranslationProgress)
     */
    public Result run(Job job, Consumer<String> log) throws JobFileException, JobLockedException, JobFailedException {
        return run(job, log, TranslationProgress.NONE);
    }

    /**
     * Runs the job.
     *
     * @param log receives messages (recovery, skips, failures)
     * @param progress hears the translation advance: one run over every article of all the job's
     *     inputs that needs translating (new, changed, or failed before), in sentences and articles
     * @return the report of a run that went to its end, completed or partial
     * @throws JobLockedException when another run of the job holds its lock; nothing was changed
     * @throws JobFileException when the job's generation settings are refused by the model
     * @throws JobFailedException when the run stopped; what was committed stays, the next run resumes
     */
    public Result run(Job job, Consumer<String> log, TranslationProgress progress)
            throws JobFileException, JobLockedException, JobFailedException {
        Objects.requireNonNull(progress, "progress");
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        StateStore store;
        try {
            store = StateStore.open(job.database());
        } catch (StateStoreException e) {
            throw new JobFailedException(e.getMessage(), e, null);
        }
        try (store; JobLock lock = JobLock.acquire(job.database(), job.name(), started)) {
            return new Execution(job, store, log, progress, started, startNanos).run();
        } catch (StateStoreException e) {
            throw new JobFailedException(e.getMessage(), e, null);
        }
    }

    /** One run's working state. */
    private final class Execution {
        final Job job;
        final StateStore store;
        final Consumer<String> log;
        final TranslationProgress progress;
        final Instant started;
        final long startNanos;
        final Path outputFolder;
        final List<RunReport.Problem> problems = new ArrayList<>();
        final List<String> committedFiles = new ArrayList<>();
        final List<String> retentionDeleted = new ArrayList<>();
        long memoryPruned;
        long runId;
        RunReport.Recovery recovery = new RunReport.Recovery(0, 0);
        int seen;
        int unchanged;
        int skippedQuarantined;
        int processed;
        int done;
        int failed;
        int quarantined;
        long sentences;
        // Summed over committed articles, so that the report agrees with the outputs' roll-ups even when the run stops.
        TrustTally trust = TrustTally.NONE;
        TermTally terms = TermTally.NONE;
        String modelKey;
        TranslationMemoryTranslator memory;
        boolean readProblems;
        boolean digestProblem;
        Path digestFile;
        boolean finished;
        Path finishedReport;

        Execution(Job job, StateStore store, Consumer<String> log, TranslationProgress progress, Instant started,
                long startNanos) {
            this.job = job;
            this.store = store;
            this.log = log;
            this.progress = progress;
            this.started = started;
            this.startNanos = startNanos;
            this.outputFolder = job.outputFolder(LocalDate.ofInstant(started, clock.getZone()));
        }

        Result run() throws JobFileException, JobLockedException, JobFailedException {
            recover();
            runId = store.startRun(job.name(), job.file(), outputFolder, ProcessHandle.current().pid(), JobLock.host(),
                    started);
            TranslatorFactory.Loaded loaded = null;
            try {
                List<Work> work = selectWork(read());
                if (!work.isEmpty()) {
                    prepareOutputFolder();
                    loaded = load();
                    translate(loaded, work);
                }
                if (job.digest() != null) {
                    writeDigest();
                }
                if (job.keepDays() != null) {
                    pruneOldOutputs();
                }
                if (job.memoryDays() != null) {
                    pruneMemory();
                }
                String status = failed + quarantined == 0 && !readProblems && !digestProblem ? "completed" : "partial";
                return finish(status, null);
            } catch (JobFailedException | JobFileException e) {
                finishQuietly(e.getMessage());
                throw e;
            } catch (IOException | FatalTranslationException | StateStoreException e) {
                Path report = finishQuietly(e.getMessage());
                throw new JobFailedException("job '" + job.name() + "' run " + runId + " stopped: " + e.getMessage(), e,
                        report);
            } finally {
                if (loaded != null && loaded.resources() != null) {
                    try {
                        loaded.resources().close();
                    } catch (Exception e) {
                        log.accept("kabar: warning: the model could not be closed cleanly: " + e.getMessage());
                    }
                }
            }
        }

        /** Rolls back what killed runs left: their run rows and their uncommitted chunks' files. */
        void recover() {
            int killed = store.markInterruptedRuns(job.name(), started);
            int chunks = 0;
            Set<Path> folders = new HashSet<>();
            for (StateStore.PendingChunk chunk : store.pendingChunks(job.name())) {
                for (Path file : chunk.files()) {
                    try {
                        Files.deleteIfExists(file);
                        folders.add(file.toAbsolutePath().getParent());
                    } catch (IOException e) {
                        throw new StateStoreException("cannot delete '" + file + "', written by an interrupted run "
                                + "but never committed: " + e.getMessage(), e);
                    }
                }
                store.abandonChunk(chunk.id());
                chunks++;
            }
            for (Path folder : folders) {
                deleteStrayTemporaries(folder);
            }
            if (killed + chunks > 0) {
                log.accept("kabar: recovered from an interrupted run of job " + job.name() + ": " + killed
                        + " run(s) marked killed, " + chunks + " uncommitted chunk(s) rolled back.");
            }
            recovery = new RunReport.Recovery(killed, chunks);
        }

        /** A killed JVM cannot run AtomicFile's shutdown hook; its hidden {@code .name.*.tmp} files are removed here. */
        void deleteStrayTemporaries(Path folder) {
            if (!Files.isDirectory(folder)) {
                return;
            }
            String prefix = "." + job.name() + "-run";
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".tmp");
            })) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                log.accept("kabar: warning: cannot clean temporary files in '" + folder + "': " + e.getMessage());
            }
        }

        /** The job file's folder: the anchor of its pages' location keys, as of its relative paths. */
        Path jobFolder() {
            Path parent = job.file().toAbsolutePath().normalize().getParent();
            return parent == null ? Path.of("") : parent;
        }

        List<Article> read() {
            // Jobs never read standard input: a nightly run has none.
            ArticleSource source = new ArticleSource(new NewsPageCleaner(), new ByteArrayInputStream(new byte[0]),
                    jobFolder()).skipping(job.outputsBase());
            List<Article> articles = new ArrayList<>();
            DateOrderMemory dateOrders = new DateOrderMemory(store, job.name(), clock, log);
            for (InputSpec input : job.inputs()) {
                if (input.isUri()) {
                    readProblem(new ReadProblem(input.location(), null, "a URI input is read by the Spark runner only "
                            + "(spark-submit --class dev.kabar.spark.Main); kabar run reads files and folders"));
                    continue;
                }
                try {
                    ReadResult result = source.read(dateOrders.apply(input));
                    for (DateOrderChoice choice : result.dateOrders()) {
                        dateOrders.observe(input.source(), choice);
                    }
                    articles.addAll(result.articles());
                    result.problems().forEach(this::readProblem);
                    result.notes().forEach(note -> log.accept("kabar: note: " + note));
                } catch (InputException e) {
                    readProblem(new ReadProblem(input.location(), null, e.getMessage()));
                }
            }
            seen = articles.size();
            return articles;
        }

        void readProblem(ReadProblem problem) {
            readProblems = true;
            problems.add(new RunReport.Problem("read", null, problem.origin() + (problem.line() == null ? ""
                    : ":" + problem.line()), 0, problem.message()));
            log.accept("kabar: " + problem);
        }

        /** An article to translate, with its identity in the state database. */
        record Work(Article article, String key, String contentHash) {
        }

        List<Work> selectWork(List<Article> articles) {
            Map<String, StateStore.ArticleRow> known = store.articles(job.name());
            Set<String> keys = new HashSet<>();
            List<Work> work = new ArrayList<>();
            for (Article article : articles) {
                String key = article.id();
                String hash = contentHash(article);
                if (!keys.add(key)) {
                    // Two inputs with one id: the first wins, as in a re-publication; the other is named, not lost.
                    problems.add(new RunReport.Problem("duplicate", key, article.origin(), 0,
                            "another article of this run has the same id; only the first is translated"));
                    continue;
                }
                StateStore.ArticleRow row = known.get(key);
                if (row != null && row.contentHash().equals(hash)) {
                    if (row.status() == ArticleStatus.DONE) {
                        unchanged++;
                        continue;
                    }
                    if (row.status() == ArticleStatus.QUARANTINED) {
                        skippedQuarantined++;
                        continue;
                    }
                }
                work.add(new Work(article, key, hash));
            }
            processed = work.size();
            return work;
        }

        void prepareOutputFolder() throws JobFailedException {
            try {
                Files.createDirectories(outputFolder);
                // Creating the folder is not proof of being able to write in it (permissions, read-only mounts).
                Path probe = Files.createTempFile(outputFolder, ".kabar-probe-", ".tmp");
                Files.delete(probe);
            } catch (IOException | SecurityException e) {
                String message = "output folder '" + outputFolder + "' cannot be written (" + e
                        + "); nothing was translated.";
                Path report = finishQuietly(message);
                throw new JobFailedException("job '" + job.name() + "' run " + runId + " stopped: " + message, e, report);
            }
        }

        TranslatorFactory.Loaded load() throws JobFileException, JobFailedException {
            String translator;
            try {
                // A branch or tag runs at the commit the job's lock file holds (locked now if it holds none).
                translator = locks.resolve(job.file(), "translator", job.translator());
            } catch (ModelLockException e) {
                String message = e.getMessage() + " (job file '" + job.file() + "', models.translator); nothing was translated.";
                Path report = finishQuietly(message);
                throw new JobFailedException("job '" + job.name() + "' run " + runId + " stopped: " + message, e, report);
            }
            try {
                TranslatorFactory.Loaded loaded = translators.load(translator, job.generation(), job.workers(), job.precision(),
                        job.trust());
                modelKey = loaded.modelKey();
                return loaded;
            } catch (TranslatorFactory.ModelLoadException e) {
                // A bad setting's message names its key (generation, trust.second_try_settings, models.dtype).
                String message = e.getMessage() + " (job file '" + job.file() + "'"
                        + (e.badSetting() ? "" : ", models.translator") + "); nothing was translated.";
                Path report = finishQuietly(message);
                if (e.badSetting()) {
                    throw new JobFileException("job file '" + job.file() + "': " + e.getMessage(), e);
                }
                throw new JobFailedException("job '" + job.name() + "' run " + runId + " stopped: " + message, e, report);
            }
        }

        void translate(TranslatorFactory.Loaded loaded, List<Work> work) throws IOException {
            memory = new TranslationMemoryTranslator(loaded.translator(), store, loaded.modelKey(),
                    loaded.generationKey(), loaded.secondTryGenerationKey(), clock);
            // Nightly outputs carry the same extractive summary as kabar translate's default.
            ArticleTranslator translator = ArticleTranslator.of(memory, job.batching(), ExtractiveSummarizer.NEWS_LENGTH);
            ChunkFiles files = new ChunkFiles(job.formats(), streams);
            Chunker chunker = new Chunker(files, work);
            RunSummary summary = translator.translate(work.stream().map(Work::article).toList(), chunker::accept, progress);
            chunker.flush();
            sentences = summary.sentences();
        }

        /** Collects translated articles into chunks and commits each. */
        final class Chunker {
            final ChunkFiles files;
            final Map<Article, Work> byArticle = new java.util.IdentityHashMap<>();
            final List<TranslatedArticle> pending = new ArrayList<>();
            int sequence;

            Chunker(ChunkFiles files, List<Work> work) {
                this.files = files;
                work.forEach(w -> byArticle.put(w.article(), w));
            }

            void accept(TranslatedArticle translated) throws IOException {
                if (translated.failed()) {
                    Work w = byArticle.get(translated.article());
                    StateStore.RecordedFailure recorded = store.recordFailure(job.name(), runId, w.key(),
                            w.contentHash(), translated.article().origin(), translated.failure(), job.maxAttempts(),
                            clock.instant());
                    ArticleStatus status = recorded.status();
                    if (status == ArticleStatus.QUARANTINED) {
                        quarantined++;
                    } else {
                        failed++;
                    }
                    problems.add(new RunReport.Problem(status.dbName(), w.key(), translated.article().origin(),
                            recorded.attempts(), translated.failure()));
                    log.accept("kabar: " + translated.article().origin() + ": article " + w.key() + " "
                            + (status == ArticleStatus.QUARANTINED ? "quarantined" : "failed, to be retried") + ": "
                            + translated.failure());
                    return;
                }
                pending.add(translated);
                if (pending.size() >= job.chunkArticles()) {
                    flush();
                }
            }

            void flush() throws IOException {
                if (pending.isEmpty()) {
                    return;
                }
                sequence++;
                List<Path> names = files.names(outputFolder, job.name(), runId, sequence);
                // Recorded before the first byte, so that a crash mid-write is found and rolled back.
                long chunkId = store.beginChunk(job.name(), runId, names);
                try {
                    files.write(names, pending);
                } catch (IOException | RuntimeException e) {
                    for (Path name : names) {
                        Files.deleteIfExists(name);
                    }
                    store.abandonChunk(chunkId);
                    throw e;
                }
                List<StateStore.CommittedArticle> committed = pending.stream()
                        .map(t -> byArticle.get(t.article()))
                        .map(w -> new StateStore.CommittedArticle(w.key(), w.contentHash(), w.article().origin()))
                        .toList();
                store.commitChunk(job.name(), runId, chunkId, committed,
                        String.join(", ", names.stream().map(Path::toString).toList()), clock.instant());
                names.forEach(n -> committedFiles.add(n.toString()));
                done += pending.size();
                for (TranslatedArticle article : pending) {
                    trust = trust.plus(article.trustTally());
                    terms = terms.plus(article.termTally());
                }
                pending.clear();
            }
        }

        /**
         * Renders the English digest of every article committed to today's output folder, by this
         * run or earlier runs of the day, to {@code <job>-digest.html} (or {@code .md}) there. Only
         * committed chunks are read, newest first, so an article corrected later shows its newest
         * version. A digest that cannot be written leaves the outputs as they are and makes the run
         * partial.
         */
        void writeDigest() {
            Path folder = outputFolder.toAbsolutePath().normalize();
            List<Path> files = new ArrayList<>();
            for (Path f : store.committedFiles(job.name())) {
                Path file = f.toAbsolutePath().normalize();
                String name = file.getFileName().toString();
                // One per-article format per chunk is enough: the reader shows an article once anyway.
                boolean perArticle = name.endsWith(".jsonl") || name.endsWith(".json")
                        || (name.endsWith(".csv") && !name.endsWith("." + ChunkFormat.SENTENCE_CSV.extension()));
                if (folder.equals(file.getParent()) && perArticle && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
            if (files.isEmpty()) {
                return;
            }
            Path target = folder.resolve(job.name() + "-digest." + job.digest());
            DigestReader reader = new DigestReader(job.digestSuspects());
            try {
                List<String> unreadable = reader.readAll(files);
                if (!unreadable.isEmpty()) {
                    throw new DigestInputException(String.join("; ", unreadable));
                }
                Digest digest = Digest.of(reader.entries());
                DigestFile.write(digest, target);
                digestFile = target;
                log.accept("kabar: digest of " + Counted.of(digest.entries().size(), "article") + " written to " + target);
            } catch (DigestInputException | IOException | RuntimeException e) {
                digestProblem = true;
                problems.add(new RunReport.Problem("digest", null, target.toString(), 0, e.getMessage()));
                log.accept("kabar: warning: digest not written: " + e.getMessage());
            }
        }

        /** Deletes translation-memory entries nobody used for {@code translation_memory_days}. */
        void pruneMemory() {
            memoryPruned = store.memoryPrune(started.minus(Duration.ofDays(job.memoryDays())));
            if (memoryPruned > 0) {
                log.accept("kabar: retention: deleted " + memoryPruned + " translation-memory entries unused for "
                        + job.memoryDays() + " days");
            }
        }

        /** Deletes dated output folders older than {@code keep_days}; only folders whose name is the pattern's. */
        void pruneOldOutputs() {
            Path base = job.outputsBase();
            String segment = Path.of(job.folderPattern()).getFileName().toString();
            if (!segment.contains(Job.DATE) || !Files.isDirectory(base)) {
                return; // {date} higher up the path: too unusual to delete anything automatically
            }
            String prefix = segment.substring(0, segment.indexOf(Job.DATE));
            String suffix = segment.substring(segment.indexOf(Job.DATE) + Job.DATE.length());
            LocalDate today = LocalDate.ofInstant(started, clock.getZone());
            LocalDate oldestKept = today.minusDays(job.keepDays());
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(base, Files::isDirectory)) {
                for (Path folder : folders) {
                    String name = folder.getFileName().toString();
                    if (!name.startsWith(prefix) || !name.endsWith(suffix)
                            || name.length() != prefix.length() + 10 + suffix.length()) {
                        continue;
                    }
                    LocalDate date;
                    try {
                        date = LocalDate.parse(name.substring(prefix.length(), prefix.length() + 10));
                    } catch (DateTimeParseException e) {
                        continue;
                    }
                    if (date.isBefore(oldestKept)) {
                        deleteTree(folder);
                        retentionDeleted.add(folder.toString());
                        log.accept("kabar: retention: deleted " + folder + " (older than " + job.keepDays() + " days)");
                    }
                }
            } catch (IOException e) {
                log.accept("kabar: warning: retention could not prune '" + base + "': " + e.getMessage());
            }
        }

        void deleteTree(Path folder) throws IOException {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        RunReport report(String status, String error) {
            Instant finished = clock.instant();
            double seconds = Duration.ofNanos(System.nanoTime() - startNanos).toNanos() / 1e9;
            int notCommitted = Math.max(0, processed - done - failed - quarantined);
            if (error == null) {
                notCommitted = 0;
            }
            RunReport.Articles articles = new RunReport.Articles(seen, unchanged, skippedQuarantined, processed, done,
                    failed, quarantined, notCommitted);
            RunReport.Memory mem = memory == null ? RunReport.Memory.of(0, 0, memoryPruned)
                    : RunReport.Memory.of(memory.lookups(), memory.hits(), memoryPruned);
            return new RunReport(job.name(), job.file().toString(), runId, status, started.toString(),
                    finished.toString(), seconds, outputFolder.toString(), articles, sentences, RunReport.Trust.of(trust),
                    job.glossary() == null ? null : RunReport.GlossaryTerms.of(job.glossary().toString(), terms), mem,
                    job.translator(),
                    modelKey, digestFile == null ? null : digestFile.toString(), List.copyOf(committedFiles),
                    List.copyOf(problems),
                    List.copyOf(retentionDeleted), recovery, error);
        }

        Result finish(String status, String error) {
            RunReport report = report(status, error);
            Path file = job.database().toAbsolutePath().getParent().resolve("reports")
                    .resolve(job.name() + "-run" + runId + ".json");
            Path written = null;
            try {
                Files.createDirectories(file.getParent());
                try (AtomicFile out = AtomicFile.create(file)) {
                    out.stream().write(report.toJson().getBytes(StandardCharsets.UTF_8));
                    out.commit();
                }
                written = file;
            } catch (IOException e) {
                // The database row holds the same figures; a report that cannot be written does not undo the run.
                log.accept("kabar: warning: cannot write the run report '" + file + "': " + e.getMessage());
            }
            finished = true;
            finishedReport = written;
            store.finishRun(runId, report, written);
            return new Result(report, written);
        }

        /** Records a stopped run; a second failure while recording must not hide the first. */
        Path finishQuietly(String error) {
            if (finished) {
                return finishedReport;
            }
            try {
                return finish("failed", error).reportFile();
            } catch (RuntimeException e) {
                log.accept("kabar: warning: the failed run could not be recorded: " + e.getMessage());
                return null;
            }
        }
    }

    /** SHA-256 of what is translated (title and paragraphs): the same text gives the same hash on every night. */
    public static String contentHash(Article article) {
        StringBuilder text = new StringBuilder(article.title() == null ? "" : article.title());
        for (String paragraph : article.paragraphs()) {
            text.append('\n').append(paragraph);
        }
        return ModelFingerprint.sha256(text.toString());
    }
}
