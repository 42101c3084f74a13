package dev.kabar.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.TestData;
import dev.kabar.api.ArticleTranslator;
import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputSpec;
import dev.kabar.job.EngineTranslatorFactory;
import dev.kabar.job.JobFiles;
import dev.kabar.job.JobRunner;
import dev.kabar.job.StateStore;
import dev.kabar.pipeline.TranslatedArticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark runner in local mode on the tiny Marian checkpoint: the same tokens as the library on
 * one machine, every article exactly once across reruns, a retried task and a killed driver.
 */
class SparkJobRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startSpark() {
        // local[2,3]: two cores, and a failed task is tried again (up to three times), as on a cluster.
        spark = SparkSession.builder().master("local[2,3]").appName("kabar-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private Path articles(String name, String... idTitleBody) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < idTitleBody.length; i += 3) {
            lines.append(JSON.writeValueAsString(Map.of("id", idTitleBody[i], "title", idTitleBody[i + 1], "body",
                    idTitleBody[i + 2]))).append('\n');
        }
        Path file = dir.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines.toString());
        return file;
    }

    private Path job() throws Exception {
        Path file = dir.resolve("nightly.yaml");
        Files.writeString(file, String.join("\n", "name: nightly", "inputs:", "  - path: in", "models:",
                "  translator: " + TestData.conformance("marian-tiny"), "generation:", "  max_new_tokens: 8",
                "outputs:", "  folder: out/{date}", "  formats: [jsonl]", "  chunk_articles: 2", "  digest: md", ""));
        return file;
    }

    private SparkJobRunner.Result run(Path jobFile) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-11-22T02:00:00Z"), ZoneOffset.UTC);
        return new SparkJobRunner(spark, clock, log::add).run(JobFiles.load(jobFile));
    }

    /** Every JSONL document under the job's outputs, by id (a list, so duplicates show). */
    private Map<String, List<JsonNode>> documents() throws Exception {
        Map<String, List<JsonNode>> byId = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getParent().getFileName().toString().equals("jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode doc = JSON.readTree(line);
                        byId.computeIfAbsent(doc.get("id").asText(), k -> new ArrayList<>()).add(doc);
                    }
                }
            }
        }
        return byId;
    }

    @Test
    void translatesAsTheLibraryDoesAndEachArticleOnceAcrossReruns() throws Exception {
        articles("a.jsonl", "a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta.",
                "a2", "Harga beras naik", "Harga beras naik lagi di pasar.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut merendam rumah warga.");
        Path jobFile = job();

        SparkJobRunner.Result first = run(jobFile);

        assertEquals("completed", first.status(), first.summaryLine("nightly") + log);
        assertEquals(3, first.processed());
        Map<String, List<JsonNode>> docs = documents();
        assertEquals(List.of(1, 1, 1), docs.values().stream().map(List::size).toList());
        // The very tokens the library gives on one machine.
        List<Article> read = new ArticleSource().read(InputSpec.of(dir.resolve("in/a.jsonl").toString())).articles();
        try (ArticleTranslator local = ArticleTranslator.open(TranslatorSpec.of(TestData.conformance("marian-tiny").toString())
                .withGeneration(Map.of("max_new_tokens", 8)))) {
            for (TranslatedArticle t : local.translate(read)) {
                assertEquals(t.title().english(), docs.get(t.article().id()).get(0).get("title_en").asText());
            }
        }

        SparkJobRunner.Result again = run(jobFile);
        assertEquals(0, again.processed(), "nothing changed: " + again.summaryLine("nightly"));
        assertEquals(3, again.unchanged());

        articles("b.jsonl", "a4", "Gempa di Cianjur", "Warga mengungsi ke lapangan.");
        SparkJobRunner.Result third = run(jobFile);
        assertEquals(1, third.processed());
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1, "a4", 1), counts(documents()));
        // The day's digest and the run's report, built on the driver from the committed waves.
        String digest = Files.readString(dir.resolve("out/2024-11-22/nightly-digest.md"));
        assertTrue(digest.contains("4 articles"), digest);
        JsonNode report = JSON.readTree(dir.resolve("out/2024-11-22/nightly-spark-report.json").toFile());
        assertEquals(1, report.get("articles_processed").asInt());
        assertEquals(3, report.get("articles_unchanged").asInt());
    }

    @Test
    void aRetriedTaskAndAKilledDriverLeaveEveryArticleExactlyOnce() throws Exception {
        articles("a.jsonl", "a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta.",
                "a2", "Harga beras naik", "Harga beras naik lagi di pasar.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut merendam rumah warga.");
        Path jobFile = job();
        String before = System.getProperty(DistinctTexts.FAIL_FIRST_ATTEMPT);
        System.setProperty(DistinctTexts.FAIL_FIRST_ATTEMPT, "true");
        try {
            SparkJobRunner.Result retried = run(jobFile);
            assertEquals(3, retried.processed(), retried.summaryLine("nightly"));
        } finally {
            TestData.restoreProperty(DistinctTexts.FAIL_FIRST_ATTEMPT, before);
        }
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1), counts(documents()), "the failed attempt wrote nothing");

        // A driver killed after Spark committed a wave but before it was recorded: the wave is still
        // 'running' in the state database. The rerun removes its output and does the work again.
        articles("b.jsonl", "a4", "Gempa di Cianjur", "Warga mengungsi ke lapangan.");
        Path orphan = dir.resolve("out/2024-11-22/nightly-wave-orphan");
        Files.createDirectories(orphan.resolve("jsonl"));
        Files.writeString(orphan.resolve("jsonl/part-00000.txt"),
                "{\"id\":\"a4\",\"title_en\":\"half a run\"}\n");
        try (StateStore store = StateStore.open(dir.resolve("out/.kabar/state.db"))) {
            store.beginWave("nightly", orphan.toString(), Instant.parse("2024-11-22T01:00:00Z"));
        }

        SparkJobRunner.Result rerun = run(jobFile);

        assertEquals(1, rerun.processed(), rerun.summaryLine("nightly"));
        assertTrue(Files.notExists(orphan), "the killed driver's wave is gone");
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1, "a4", 1), counts(documents()));
        assertTrue(log.stream().anyMatch(l -> l.contains("did not finish was removed")), log.toString());
    }

    @Test
    void anExecutorWhoseModelIsNotTheDriversRefusesToTranslate() throws Exception {
        articles("a.jsonl", "a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta.");
        Path jobFile = job();
        // As if --archives had shipped another model than the one the job (and the driver) names.
        spark.conf().set(SparkJobRunner.MODEL_CONF, TestData.conformance("marian-tiny-b").toString());
        try {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> run(jobFile));
            String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(message.contains("fingerprint"), message);
        } finally {
            spark.conf().unset(SparkJobRunner.MODEL_CONF);
        }
        assertTrue(Files.notExists(dir.resolve("out/2024-11-22/nightly-wave-1/jsonl")), "nothing written");
        SparkJobRunner.Result next = run(jobFile);
        assertEquals(1, next.processed(), "the wave left running is redone: " + next.summaryLine("nightly"));
        assertEquals(Map.of("a1", 1), counts(documents()));
    }

    @Test
    void aUriInputIsListedAndReadThroughTheClustersFileSystem() throws Exception {
        // file:// goes through Hadoop's file system as hdfs:// or s3a:// would: listing, globs, reading.
        articles("a.jsonl", "a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta.");
        articles("b.jsonl", "a2", "Harga beras naik", "Harga beras naik lagi di pasar.");
        Path jobFile = dir.resolve("uri.yaml");
        Files.writeString(jobFile, String.join("\n", "name: uri", "inputs:", "  - path: " + dir.resolve("in").toUri() + "*.jsonl",
                "models:", "  translator: " + TestData.conformance("marian-tiny"), "generation:", "  max_new_tokens: 8",
                "outputs:", "  folder: out/{date}", "  formats: [jsonl]", ""));

        SparkJobRunner.Result result = run(jobFile);

        assertEquals("completed", result.status(), result.summaryLine("uri") + log);
        assertEquals(Map.of("a1", 1, "a2", 1), counts(documents()));
        assertTrue(documents().get("a1").get(0).get("source_file").asText().startsWith("file:"),
                documents().get("a1").get(0).toString());
    }

    @Test
    void aBackfillIsWrittenOneMonthAtATimeEachWaveCommittedBeforeTheNext() throws Exception {
        Path feed = dir.resolve("in/arsip.jsonl");
        Files.createDirectories(feed.getParent());
        Files.writeString(feed, String.join("\n",
                JSON.writeValueAsString(Map.of("id", "m1", "title", "Banjir", "body", "Air naik sejak pagi.", "date", "2019-03-02")),
                JSON.writeValueAsString(Map.of("id", "m2", "title", "Gempa", "body", "Warga mengungsi.", "date", "2019-04-11")),
                JSON.writeValueAsString(Map.of("id", "m3", "title", "Pasar", "body", "Harga naik lagi.", "date", "2019-03-20")),
                ""));

        SparkJobRunner.Result result = new SparkJobRunner(spark, Clock.fixed(Instant.parse("2024-11-22T02:00:00Z"),
                ZoneOffset.UTC), log::add).run(JobFiles.load(job()), true);

        assertEquals(3, result.processed(), result.summaryLine("nightly"));
        try (StateStore store = StateStore.open(dir.resolve("out/.kabar/state.db"))) {
            List<StateStore.Wave> waves = store.waves("nightly", "committed");
            assertEquals(List.of(2, 1), waves.stream().map(StateStore.Wave::articles).toList(), "March, then April");
            assertTrue(waves.get(0).output().endsWith("-2019-03") && waves.get(1).output().endsWith("-2019-04"),
                    waves.toString());
        }
        assertEquals(Map.of("m1", 1, "m2", 1, "m3", 1), counts(documents()));
    }

    @Test
    void sparkWritesWhatKabarTranslateWritesFieldByFieldAndLoadsTheModelOncePerExecutor() throws Exception {
        // Six articles in three partitions (chunk_articles 2) on two cores: one executor JVM, one model.
        articles("a.jsonl", "a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta. Mereka membahas perang.",
                "a2", "Harga beras naik", "Harga beras naik lagi di pasar.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut merendam rumah warga.",
                "a4", "Gempa di Cianjur", "Warga mengungsi ke lapangan.",
                "a5", "Pasar ikan baru", "Wali kota meresmikan pasar ikan.",
                "a6", "Jalan tol dibuka", "Presiden meresmikan jalan tol baru di Sumatera.");
        int before = ExecutorTranslators.opened();
        run(job());
        assertTrue(ExecutorTranslators.opened() - before <= 1, "opened " + (ExecutorTranslators.opened() - before) + " times");

        Path cli = dir.resolve("cli.jsonl");
        List<Article> read = new ArticleSource().read(InputSpec.of(dir.resolve("in/a.jsonl").toString())).articles();
        try (ArticleTranslator local = ArticleTranslator.open(TranslatorSpec.of(TestData.conformance("marian-tiny").toString())
                .withGeneration(Map.of("max_new_tokens", 8)));
             java.io.Writer out = Files.newBufferedWriter(cli)) {
            dev.kabar.output.JsonArticleWriter writer = new dev.kabar.output.JsonArticleWriter(out, true);
            for (TranslatedArticle t : local.translate(read)) {
                writer.write(t);
            }
            writer.finish();
        }
        Map<String, List<JsonNode>> spark = documents();
        for (String line : Files.readAllLines(cli)) {
            com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            com.fasterxml.jackson.databind.node.ObjectNode actual =
                    (com.fasterxml.jackson.databind.node.ObjectNode) spark.get(expected.get("id").asText()).get(0).deepCopy();
            // Run fields: where the article was read from, and the time and reuse of this run.
            for (com.fasterxml.jackson.databind.node.ObjectNode doc : List.of(expected, actual)) {
                doc.remove("source_file");
                ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("stats")).remove(List.of("translation_ms",
                        "reused_sentences"));
            }
            assertEquals(expected, actual, expected.get("id").asText());
        }
    }

    @Test
    void sparkGivesEverySentenceTheTrustRecordKabarRunGives() throws Exception {
        // The random checkpoint's output is suspect nearly always, so second tries happen; an English
        // quote is passed through; a sentence repeated across partitions gets its first outcome.
        String quote = "\"We will not back down from this fight,\" the minister told reporters on Friday.";
        String[] articles = {"a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta. " + quote,
            "a2", "Harga beras naik", "Harga beras naik lagi di pasar. Pemerintah menyiapkan operasi pasar.",
            "a3", "Banjir di Jakarta", "Air setinggi lutut merendam 15 rumah warga.",
            "a4", "Gempa di Cianjur", "Warga mengungsi ke lapangan. Pemerintah menyiapkan operasi pasar."};
        articles("a.jsonl", articles);
        SparkJobRunner.Result sparkRun = run(job());
        assertEquals("completed", sparkRun.status(), sparkRun.summaryLine("nightly") + log);

        // kabar run of the same job, in a folder of its own.
        Path sparkDir = dir;
        dir = dir.resolve("local");
        articles("a.jsonl", articles);
        Path localJob = job();
        JobRunner.Result local = new JobRunner(new EngineTranslatorFactory(), java.util.function.UnaryOperator.identity(),
                Clock.fixed(Instant.parse("2024-11-22T02:00:00Z"), ZoneOffset.UTC)).run(JobFiles.load(localJob), log::add);
        assertEquals("completed", local.report().status(), log.toString());
        Map<String, JsonNode> expected = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode doc = JSON.readTree(line);
                    expected.put(doc.get("id").asText(), doc);
                }
            }
        }
        dir = sparkDir;

        Map<String, List<JsonNode>> actual = documents();
        assertEquals(java.util.Set.of("a1", "a2", "a3", "a4"), expected.keySet());
        List<String> actions = new ArrayList<>();
        for (JsonNode want : expected.values()) {
            String id = want.get("id").asText();
            JsonNode got = actual.get(id).get(0);
            for (String field : List.of("title_en", "title_trust", "paragraphs", "warnings")) {
                assertEquals(want.get(field), got.get(field), id + " " + field);
            }
            // The article's figures, trust counts included, less this run's time and reuse.
            List<JsonNode> stats = new ArrayList<>();
            for (JsonNode doc : List.of(want, got)) {
                com.fasterxml.jackson.databind.node.ObjectNode copy = doc.get("stats").deepCopy();
                copy.remove(List.of("translation_ms", "reused_sentences"));
                stats.add(copy);
            }
            assertEquals(stats.get(0), stats.get(1), id + " stats");
            actions.add(want.get("title_trust").get("action").asText());
            want.get("paragraphs").forEach(paragraph -> paragraph.forEach(pair -> actions.add(pair.get("action").asText())));
        }
        // What the comparison covers: second tries made (either attempt kept), and a sentence passed through.
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("second_try_kept_")), actions.toString());
        assertTrue(actions.contains("passed_through"), actions.toString());
        JsonNode englishPair = expected.get("a1").get("paragraphs").get(0).get(1);
        assertEquals(quote, englishPair.get("en").asText());
    }

    @Test
    void eachDistinctTextIsTranslatedOnceAcrossPartitionsAsOnOneMachine() throws Exception {
        // The same two sentences in articles that land in different partitions (two articles each).
        String shared = "Harga beras naik lagi di pasar. Pemerintah menyiapkan operasi pasar.";
        articles("a.jsonl", "a1", "Berita satu", shared, "a2", "Berita dua", "Warga antre sejak pagi. " + shared,
                "a3", "Berita tiga", shared, "a4", "Berita empat", "Hujan turun di Bogor.");
        SparkJobRunner.Result result = run(job());
        assertEquals(4, result.processed());

        List<Article> read = new ArticleSource().read(InputSpec.of(dir.resolve("in/a.jsonl").toString())).articles();
        long oneMachine;
        try (ArticleTranslator local = ArticleTranslator.open(TranslatorSpec.of(TestData.conformance("marian-tiny").toString())
                .withGeneration(Map.of("max_new_tokens", 8)))) {
            oneMachine = local.translate(read, a -> { }, dev.kabar.pipeline.TranslationProgress.NONE).translatedTexts();
        }
        String line = log.stream().filter(l -> l.contains("distinct texts translated")).findFirst().orElseThrow();
        assertTrue(line.startsWith("kabar: " + oneMachine + " distinct texts translated for "), line + " vs " + oneMachine);
        assertEquals(8, oneMachine, "4 titles and 4 distinct body sentences (the shared two, and one more each in a2 and a4)");
    }

    @Test
    void theDateOrderAFullerFileSettledIsRememberedForALaterOneDaySlice() throws Exception {
        Path feeds = Files.createDirectories(dir.resolve("feeds"));
        Files.writeString(feeds.resolve("detik-1.csv"), "id,judul,tanggal,isi_berita\n"
                + "d1,Banjir,12/8/2025 19:27,Air naik sejak pagi.\n" + "d2,Gempa,10/21/2025 20:05,Warga mengungsi.\n");
        Path jobFile = dir.resolve("feeds.yaml");
        Files.writeString(jobFile, String.join("\n", "name: feeds", "inputs:", "  - path: feeds/detik-*.csv", "models:",
                "  translator: " + TestData.conformance("marian-tiny"), "generation:", "  max_new_tokens: 8", "outputs:",
                "  folder: out/{date}", "  formats: [jsonl]", ""));
        run(jobFile);
        Files.delete(feeds.resolve("detik-1.csv"));
        Files.writeString(feeds.resolve("detik-2.csv"), "id,judul,tanggal,isi_berita\nd3,Kebakaran,12/9/2025 19:27,Api padam.\n");

        run(jobFile);

        assertEquals("2025-12-09T19:27+07:00", documents().get("d3").get(0).get("date").asText(), "month-first, as remembered");
        assertTrue(log.stream().anyMatch(l -> l.contains("remembered for input 'feeds/detik-*.csv'")), log.toString());
    }

    @Test
    void outputsThatWouldGoToAClusterFileSystemAreRefusedBeforeAnythingRuns() throws Exception {
        articles("a.jsonl", "a1", "Menhan AS bicara", "Menteri pertahanan bertemu di Jakarta.");
        Path jobFile = job();
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        String before = conf.get("fs.defaultFS");
        // As on YARN, where a path without a scheme means HDFS.
        conf.set("fs.defaultFS", "hdfs://namenode:8020");
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> run(jobFile));
            assertTrue(e.getMessage().contains("hdfs://") && e.getMessage().contains("outputs.folder"), e.getMessage());
        } finally {
            conf.set("fs.defaultFS", before);
        }
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    private static Map<String, Integer> counts(Map<String, List<JsonNode>> docs) {
        Map<String, Integer> out = new HashMap<>();
        docs.forEach((id, list) -> out.put(id, list.size()));
        return out;
    }
}
