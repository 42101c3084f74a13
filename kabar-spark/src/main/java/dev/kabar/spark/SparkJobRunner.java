package dev.kabar.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputException;
import dev.kabar.article.InputSpec;
import dev.kabar.article.NewsPageCleaner;
import dev.kabar.article.ReadResult;
import dev.kabar.digest.Digest;
import dev.kabar.digest.DigestFile;
import dev.kabar.digest.DigestReader;
import dev.kabar.hub.HubSettings;
import dev.kabar.hub.ModelResolver;
import dev.kabar.job.DateOrderMemory;
import dev.kabar.job.Job;
import dev.kabar.job.JobLock;
import dev.kabar.job.JobRunner;
import dev.kabar.job.ModelFingerprint;
import dev.kabar.job.ModelLocks;
import dev.kabar.job.StateStore;
import dev.kabar.output.AtomicFile;
import dev.kabar.output.OutputFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Runs a job file on Spark, exactly once: the driver recovers from a killed driver (a wave left
 * {@code running} has its output deleted), skips done articles by a left-anti join against the
 * committed waves' {@code (id, content_hash)}, writes the rest in one Spark write (Parquet, the
 * wave's record of what it holds, then the JSONL documents derived from it), and records the wave
 * committed. Spark's commit protocol makes a retried task or a lost executor write nothing twice;
 * the wave record makes a rerun after a killed driver redo the wave rather than repeat it.
 */
public final class SparkJobRunner {

    /** Texts per partition of the translating stage: the pipeline's read-ahead window. */
    static final int TEXTS_PER_PARTITION = 4096;

    /** The configuration key naming the model folder as executors see it (an {@code --archives} alias). */
    public static final String MODEL_CONF = "spark.kabar.model";

    /**
     * Where executors read the job's glossary, when not at the driver's own path: the name of a file
     * shipped with {@code --files terms.csv} (in each executor's working folder) or a path on shared
     * storage. Its content must equal the driver's.
     */
    public static final String GLOSSARY_CONF = "spark.kabar.glossary";

    private final SparkSession spark;
    private final Clock clock;
    private final Consumer<String> log;

    /** Creates a runner on a session; {@code log} takes the lines a person reads. */
    public SparkJobRunner(SparkSession spark, Clock clock, Consumer<String> log) {
        this.spark = spark;
        this.clock = clock;
        this.log = log;
    }

    /**
     * What a run did.
     *
     * @param wave the committed wave's id, or 0 when there was nothing to translate
     * @param output the wave's folder, or null
     * @param seen articles read
     * @param unchanged done articles skipped
     * @param processed articles translated in this wave
     * @param failed of those, the ones that could not be translated
     * @param problems input problems (files or records that could not be read)
     */
    public record Result(long wave, Path output, long seen, long unchanged, long processed, long failed, List<String> problems) {

        /** {@code completed} when nothing went wrong, else {@code partial}. */
        public String status() {
            return failed == 0 && problems.isEmpty() ? "completed" : "partial";
        }

        /** The line that ends a run. */
        public String summaryLine(String job) {
            return String.format(Locale.ROOT, "kabar: spark job %s %s: %d articles read, %d unchanged skipped, %d "
                    + "translated (%d failed), %d input problems%s", job, status(), seen, unchanged, processed, failed,
                    problems.size(), output == null ? "" : ", wave " + wave + " in " + output);
        }
    }

    /** Runs the job in one wave. */
    public Result run(Job job) throws Exception {
        return run(job, false);
    }

    /**
     * Runs the job; with {@code byMonth}, in one wave per month of the articles' dates (a backfill
     * of an archive): each wave is one write, committed and recorded before the next begins, so a
     * driver killed in month 40 of 120 costs that month only.
     */
    public Result run(Job job, boolean byMonth) throws Exception {
        LocalDate date = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        refuseOutputsOffTheDriversFileSystem(job, date);
        try (JobLock lock = JobLock.acquire(job.database(), job.name(), clock.instant());
             StateStore store = StateStore.open(job.database())) {
            recover(job, store);

            String reference = new ModelLocks(HubSettings.fromEnvironment(), log, clock)
                    .resolve(job.file(), "translator", job.translator());
            Path model = ModelResolver.resolve(reference);
            String fingerprint = ModelFingerprint.of(model);
            TranslatorSpec spec = spec(job, model);
            checkGlossaryOnExecutors(job, spec);

            List<String> problems = new ArrayList<>();
            JavaRDD<Article> articles = read(job, store, problems);
            // One id, one article: the first by origin, as the single-machine runner keeps the first.
            JavaPairRDD<String, Article> byId = articles.keyBy(Article::id)
                    .reduceByKey((a, b) -> a.origin().compareTo(b.origin()) <= 0 ? a : b);
            JavaPairRDD<String, Article> byIdentity = byId.values()
                    .keyBy(a -> a.id() + "\u0000" + JobRunner.contentHash(a));
            long seen = byIdentity.count();
            JavaPairRDD<String, Article> work = byIdentity.subtractByKey(done(store, job));
            long processed = work.count();
            if (processed == 0) {
                Result result = new Result(0, null, seen, seen, 0, 0, problems);
                writeReport(job, date, result);
                log.accept(result.summaryLine(job.name()));
                return result;
            }

            JavaPairRDD<String, Article> todo = work.cache();
            List<String> groups = byMonth ? todo.values().map(SparkJobRunner::month).distinct().collect().stream()
                    .sorted().toList() : List.of("");
            long lastWave = 0;
            Path lastOutput = null;
            long failed = 0;
            for (String group : groups) {
                JavaRDD<Article> part = byMonth ? todo.values().filter(a -> month(a).equals(group)) : todo.values();
                long count = byMonth ? part.count() : processed;
                Path folder = job.outputFolder(date);
                String name = job.name() + "-wave-" + StateStore.WAVE + (group.isEmpty() ? "" : "-" + group);
                long wave = store.beginWave(job.name(), folder.resolve(name).toString(), clock.instant());
                Path output = folder.resolve(name.replace(StateStore.WAVE, Long.toString(wave)));
                int partitions = (int) Math.max(1, (count + job.chunkArticles() - 1) / job.chunkArticles());
                JavaRDD<Row> rows = translate(part, partitions, spec, fingerprint);
                long writeStart = System.nanoTime();
                spark.createDataFrame(rows, OutputRows.SCHEMA).write().parquet(output.resolve("parquet").toString());
                long parquetDone = System.nanoTime();
                Dataset<Row> written = spark.read().parquet(output.resolve("parquet").toString());
                if (job.formats().stream().anyMatch(f -> f.format() == OutputFormat.JSONL)) {
                    written.select("document").write().text(output.resolve("jsonl").toString());
                }
                log.accept(String.format(java.util.Locale.ROOT, "kabar: times: assembling, summarising and writing Parquet "
                        + "%.1f s, JSONL from it %.1f s", (parquetDone - writeStart) / 1e9,
                        (System.nanoTime() - parquetDone) / 1e9));
                failed += written.filter("status <> 'ok'").count();
                store.finishWave(wave, "committed", (int) count, clock.instant());
                if (byMonth) {
                    log.accept("kabar: wave " + wave + " (" + group + "): " + count + " articles committed in " + output);
                }
                lastWave = wave;
                lastOutput = output;
            }
            todo.unpersist();
            Result result = new Result(lastWave, lastOutput, seen, seen - processed, processed, failed, problems);
            if (job.digest() != null) {
                digest(job, store, date);
            }
            writeReport(job, date, result);
            log.accept(result.summaryLine(job.name()));
            return result;
        }
    }

    /**
     * Translates the articles with each distinct text translated once across all partitions (see
     * {@link DistinctTexts}), and returns their output rows.
     */
    private JavaRDD<Row> translate(JavaRDD<Article> articles, int partitions, TranslatorSpec spec, String fingerprint) {
        JavaPairRDD<String, String> needed = articles.repartition(partitions)
                .mapPartitions(new DistinctTexts.Needed(spec, fingerprint)).mapToPair(t -> t).cache();
        // Texts are batched by length within a partition, so partitions of texts are made as large as
        // the pipeline's read-ahead window (4,096 texts), but at least one per core of the cluster.
        long start = System.nanoTime();
        long uses = needed.count();
        long found = System.nanoTime();
        int textPartitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
                (uses + TEXTS_PER_PARTITION - 1) / TEXTS_PER_PARTITION);
        JavaRDD<String> distinct = needed.keys().distinct(textPartitions);
        JavaPairRDD<String, DistinctTexts.Translated> translated = distinct
                .mapPartitions(new DistinctTexts.TranslateTexts(spec, fingerprint)).mapToPair(t -> t).cache();
        long texts = translated.count();
        long done = System.nanoTime();
        log.accept("kabar: " + texts + " distinct texts translated for " + uses + " uses by articles (one machine "
                + "translates the same " + texts + ")");
        log.accept(String.format(java.util.Locale.ROOT, "kabar: times: reading and finding the texts %.1f s, translating "
                + "them %.1f s", (found - start) / 1e9, (done - found) / 1e9));
        JavaPairRDD<String, Iterable<Tuple2<String, DistinctTexts.Translated>>> perArticle = needed.join(translated)
                .mapToPair(e -> new Tuple2<>(e._2()._1(), new Tuple2<>(e._1(), e._2()._2()))).groupByKey();
        JavaRDD<Tuple2<Article, Iterable<Tuple2<String, DistinctTexts.Translated>>>> joined = articles.keyBy(Article::id)
                .leftOuterJoin(perArticle).values()
                .map(v -> new Tuple2<Article, Iterable<Tuple2<String, DistinctTexts.Translated>>>(v._1(),
                        v._2().isPresent() ? v._2().get() : List.of()));
        return joined.repartition(partitions).mapPartitions(new DistinctTexts.Assemble(spec, fingerprint));
    }

    /**
     * Renders the day's digest on the driver from the documents of every wave committed to the
     * day's output folder, newest wave first, so a corrected article shows its newest version.
     */
    private void digest(Job job, StateStore store, LocalDate date) throws IOException {
        Path folder = job.outputFolder(date).toAbsolutePath().normalize();
        List<String> parquet = new ArrayList<>();
        for (StateStore.Wave wave : store.waves(job.name(), "committed")) {
            Path output = Path.of(wave.output()).toAbsolutePath().normalize();
            if (folder.equals(output.getParent())) {
                parquet.add(0, output.resolve("parquet").toString());
            }
        }
        if (parquet.isEmpty()) {
            return;
        }
        Path documents = Files.createTempFile("kabar-digest-", ".jsonl");
        try {
            List<String> lines = new ArrayList<>();
            for (String wave : parquet) {
                spark.read().parquet(wave).filter("status = 'ok'").select("document").collectAsList()
                        .forEach(r -> lines.add(r.getString(0)));
            }
            Files.write(documents, lines);
            DigestReader reader = new DigestReader(job.digestSuspects());
            List<String> unreadable = reader.readAll(List.of(documents));
            if (!unreadable.isEmpty()) {
                throw new IOException(String.join("; ", unreadable));
            }
            Path target = folder.resolve(job.name() + "-digest." + job.digest());
            DigestFile.write(Digest.of(reader.entries()), target);
            log.accept("kabar: digest of " + reader.entries().size() + " articles written to " + target);
        } finally {
            Files.deleteIfExists(documents);
        }
    }

    /** Writes the run's figures beside its outputs, {@code <job>-spark-report.json}, atomically. */
    private void writeReport(Job job, LocalDate date, Result result) throws IOException {
        Path folder = job.outputFolder(date);
        Files.createDirectories(folder);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job", job.name());
        report.put("status", result.status());
        report.put("finished_at", clock.instant().toString());
        report.put("wave", result.wave());
        report.put("output", result.output() == null ? null : result.output().toString());
        report.put("articles_seen", result.seen());
        report.put("articles_unchanged", result.unchanged());
        report.put("articles_processed", result.processed());
        report.put("articles_failed", result.failed());
        report.put("problems", result.problems());
        try (AtomicFile file = AtomicFile.create(folder.resolve(job.name() + "-spark-report.json"))) {
            // Bytes first: Jackson would close the stream, and the atomic file commits it itself.
            file.stream().write(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            file.commit();
        }
    }

    /** The month of an article's date ({@code 2019-03}), or {@code undated}. */
    static String month(Article article) {
        String date = article.date();
        return date != null && date.matches("\\d{4}-\\d{2}.*") ? date.substring(0, 7) : "undated";
    }

    /**
     * Refuses an output folder that Spark would resolve to a cluster file system (a path without a
     * scheme goes to {@code fs.defaultFS}, HDFS on YARN): the driver deletes a killed run's wave and
     * writes the digest and report with plain file access, so on another file system a rerun could
     * leave a wave twice. Until outputs on HDFS or S3 are supported, they must be on a file system the
     * driver and the executors share.
     */
    private void refuseOutputsOffTheDriversFileSystem(Job job, LocalDate date) {
        java.net.URI folder = new org.apache.hadoop.fs.Path(job.outputFolder(date).toString()).toUri();
        String scheme = folder.getScheme() != null ? folder.getScheme()
                : org.apache.hadoop.fs.FileSystem.getDefaultUri(spark.sparkContext().hadoopConfiguration()).getScheme();
        if (scheme != null && !scheme.equals("file")) {
            throw new IllegalArgumentException("job '" + job.name() + "': outputs.folder '" + job.outputFolder(date)
                    + "' would be written to " + scheme + ":// (the cluster's default file system), which kabar-spark "
                    + "cannot yet keep exactly once; give a folder the driver and the executors share, written as "
                    + "file:///... or on a shared mount in local mode");
        }
    }

    /** Deletes the output of every wave a killed driver left running, and marks it abandoned. */
    private void recover(Job job, StateStore store) throws IOException {
        for (StateStore.Wave wave : store.waves(job.name(), "running")) {
            Path output = Path.of(wave.output());
            if (Files.exists(output)) {
                try (Stream<Path> files = Files.walk(output)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            store.finishWave(wave.id(), "abandoned", 0, clock.instant());
            log.accept("kabar: note: wave " + wave.id() + " of a run that did not finish was removed (" + output
                    + "); its articles are translated again");
        }
    }

    /**
     * The translator as executors open it: the archive alias when given, else the driver's folder;
     * the glossary at {@link #GLOSSARY_CONF} when given, else at the driver's absolute path.
     */
    private TranslatorSpec spec(Job job, Path folder) {
        String model = spark.conf().getOption(MODEL_CONF).getOrElse(() -> folder.toAbsolutePath().toString());
        int taskCpus = Integer.parseInt(spark.conf().getOption("spark.task.cpus").getOrElse(() -> "1"));
        int executorCores = executorCores();
        int workers = Math.max(1, executorCores / taskCpus);
        TranslatorSpec spec = job.translatorSpec(model).withThreads(job.workers() > 0 ? job.workers() : workers, workers * taskCpus);
        String glossary = spark.conf().getOption(GLOSSARY_CONF).getOrElse(() -> null);
        return glossary == null || spec.glossary() == null ? spec : spec.withGlossary(glossary);
    }

    /**
     * Reads the job's glossary once on the driver and once in each of {@code defaultParallelism}
     * tasks, and stops the run before any work when a task cannot read it at the spec's path or reads
     * other bytes than the driver's: a term list missing on one node would otherwise fail each of its
     * tasks in turn, deep in the run.
     *
     * @throws IllegalStateException naming the path, the executor host and what to do
     */
    private void checkGlossaryOnExecutors(Job job, TranslatorSpec spec) throws IOException {
        if (spec.glossary() == null) {
            return;
        }
        String driverHash;
        try {
            dev.kabar.glossary.Glossary.read(job.glossary());
            driverHash = GlossaryProbe.sha256(job.glossary());
        } catch (dev.kabar.glossary.GlossaryException | IOException e) {
            throw new IllegalStateException("job file '" + job.file() + "': glossary '" + job.glossary()
                    + "' cannot be used on the driver: " + e.getMessage(), e);
        }
        int tasks = Math.max(1, spark.sparkContext().defaultParallelism());
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            slots.add(i);
        }
        List<String> answers = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(slots, tasks)
                .mapPartitions(new GlossaryProbe(spec.glossary())).collect();
        for (String answer : answers) {
            if (!answer.endsWith(" " + driverHash)) {
                throw new IllegalStateException("the glossary '" + spec.glossary() + "' of job file '" + job.file()
                        + "' cannot be used on an executor as the driver reads it: " + answer + " (the driver's is sha256 "
                        + driverHash + "). Put the term list where every executor reads it at that path (a shared "
                        + "folder), or ship it with --files " + job.glossary().getFileName() + " --conf " + GLOSSARY_CONF + "="
                        + job.glossary().getFileName() + "; nothing was translated.");
            }
        }
        log.accept("kabar: glossary " + spec.glossary() + " (sha256 " + driverHash + ") readable in " + tasks
                + " executor task(s)");
    }

    /** One probe task: reads the glossary at the executors' path and answers its host and content hash. */
    static final class GlossaryProbe implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Integer>,
            String> {
        private static final long serialVersionUID = 1L;
        private final String path;

        GlossaryProbe(String path) {
            this.path = path;
        }

        @Override
        public java.util.Iterator<String> call(java.util.Iterator<Integer> slots) {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            try {
                dev.kabar.glossary.Glossary.read(Path.of(path));
                return List.of("executor on " + host + " read sha256 " + sha256(Path.of(path))).iterator();
            } catch (dev.kabar.glossary.GlossaryException | IOException | RuntimeException e) {
                return List.of("executor on " + host + " cannot read it: " + e.getMessage()).iterator();
            }
        }

        static String sha256(Path file) throws IOException {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                return java.util.HexFormat.of().formatHex(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }

    /** Cores of one executor: {@code spark.executor.cores}, or the N of {@code local[N]}. */
    private int executorCores() {
        String cores = spark.conf().getOption("spark.executor.cores").getOrElse(() -> null);
        if (cores != null) {
            return Integer.parseInt(cores);
        }
        String master = spark.sparkContext().master();
        if (master.startsWith("local[")) {
            String n = master.substring(6, master.indexOf(']')).split(",")[0];
            return n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
        }
        return 1;
    }

    /** {@code (id, content_hash)} of every translated article of the committed waves. */
    private JavaPairRDD<String, Boolean> done(StateStore store, Job job) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> folders = new ArrayList<>();
        for (StateStore.Wave wave : store.waves(job.name(), "committed")) {
            folders.add(Path.of(wave.output()).resolve("parquet").toString());
        }
        if (folders.isEmpty()) {
            return JavaPairRDD.fromJavaRDD(context.<Tuple2<String, Boolean>>emptyRDD());
        }
        return spark.read().parquet(folders.toArray(String[]::new)).filter("status = 'ok'").select("id", "content_hash")
                .javaRDD().mapToPair(r -> new Tuple2<>(r.getString(0) + "\u0000" + r.getString(1), Boolean.TRUE));
    }

    /** Reads every input file on the executors, one file per task, with kabar's readers. */
    private JavaRDD<Article> read(Job job, StateStore store, List<String> problems) throws InputException {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // A one-day slice of a feed cannot settle its date order: executors fall back on the order
        // an earlier file of the same job input settled, as kabar run does.
        DateOrderMemory dateOrders = new DateOrderMemory(store, job.name(), clock, log);
        Path anchor = job.file().toAbsolutePath().normalize().getParent();
        Path skip = job.outputsBase().toAbsolutePath().normalize();
        List<FileToRead> files = new ArrayList<>();
        JavaRDD<ReadItem> fromUris = context.emptyRDD();
        for (InputSpec given : job.inputs()) {
            InputSpec input = dateOrders.apply(given);
            if (input.isUri()) {
                // A file system of the cluster's (HDFS, S3, ...): Spark lists it (folders and globs)
                // and hands each whole file to one task.
                InputSpec spec = input;
                fromUris = fromUris.union(context.binaryFiles(input.location()).flatMap(file ->
                        readItems(file._2().toArray(), file._1(), file._1(), spec).iterator()));
                continue;
            }
            Path location = Path.of(input.location());
            List<Path> paths = Files.isDirectory(location)
                    ? ArticleSource.filesIn(location, input.include(), input.exclude()) : List.of(location);
            for (Path path : paths) {
                Path absolute = path.toAbsolutePath().normalize();
                // A job never reads its own output folder.
                if (!(absolute.startsWith(skip) && !location.toAbsolutePath().normalize().startsWith(skip))) {
                    files.add(new FileToRead(absolute.toString(), anchor.relativize(absolute).toString().replace('\\', '/'),
                            input));
                }
            }
        }
        JavaRDD<ReadItem> items = context.parallelize(files, Math.max(1, Math.min(Math.max(files.size(), 1), 64)))
                .flatMap(f -> readItems(Files.readAllBytes(Path.of(f.path())), f.path(), f.key(), f.spec()).iterator())
                .union(fromUris).cache();
        for (ReadItem item : items.filter(i -> i.problem() != null || i.dateOrder() != null).collect()) {
            if (item.problem() != null) {
                problems.add(item.problem());
                log.accept("kabar: " + item.problem());
                continue;
            }
            dateOrders.observe(item.source(), item.dateOrder());
        }
        return items.filter(i -> i.article() != null).map(ReadItem::article);
    }

    /** Reads one whole file's bytes with kabar's readers, on an executor. */
    static List<ReadItem> readItems(byte[] bytes, String path, String key, InputSpec spec) {
        ReadResult result = new ArticleSource(new NewsPageCleaner(), new ByteArrayInputStream(new byte[0]))
                .readContent(bytes, path, key, spec);
        List<ReadItem> out = new ArrayList<>();
        result.articles().forEach(a -> out.add(new ReadItem(a, null)));
        result.problems().forEach(p -> out.add(new ReadItem(null, p.toString())));
        result.dateOrders().forEach(d -> out.add(new ReadItem(null, null, d, spec.source())));
        return out;
    }

    /** One input file: its path, its location key (relative to the job file's folder), and how to read it. */
    record FileToRead(String path, String key, InputSpec spec) implements Serializable {
    }
}
