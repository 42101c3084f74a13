package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kabar.output.BilingualCsvWriter;
import dev.kabar.output.SentencePairCsvWriter;
import dev.kabar.pipeline.Counted;
import dev.kabar.pipeline.LoggedProgress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of a job with a fake translator: resume, re-runs, retries, quarantine, memory, locking, faults. */
class JobRunnerTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private Path threeArticles() throws IOException {
        return JobFixtures.articles(dir.resolve("in/news.jsonl"),
                "a1", "Menhan AS bicara", "Menteri bertemu. Baca juga: berita lain.",
                "a2", "Harga beras naik", "Harga naik lagi. Baca juga: berita lain.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut. Baca juga: berita lain.");
    }

    private JobRunner.Result run(Path jobFile, JobFixtures.FakeTranslator fake) throws Exception {
        return JobFixtures.runner(fake).run(JobFiles.load(jobFile), log::add);
    }

    @Test
    void aJobWritesPerArticleAndPerSentenceCsvSideBySideAndDigestsFromTheFormer() throws Exception {
        // #18 item 16: a newsroom wants the article table and the sentence table from one run.
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString(), "  digest: md");
        Files.writeString(jobFile, Files.readString(jobFile).replace("formats: [jsonl, csv]",
                "formats: [jsonl, csv, sentence_csv]"));

        JobRunner.Result result = run(jobFile, new JobFixtures.FakeTranslator(0));

        assertEquals("completed", result.report().status(), result.report().summaryLine());
        Path day = dir.resolve("out/2024-11-22");
        List<String> articleRows = Files.readAllLines(day.resolve("nightly-run1-0001.csv"));
        List<String> sentenceRows = Files.readAllLines(day.resolve("nightly-run1-0001.sentences.csv"));
        assertEquals(String.join(",", BilingualCsvWriter.COLUMNS), articleRows.get(0));
        assertEquals(String.join(",", SentencePairCsvWriter.COLUMNS), sentenceRows.get(0));
        assertEquals(1 + 2, articleRows.size(), "two articles in the first chunk, one row each");
        assertTrue(sentenceRows.size() > articleRows.size(), "one row per sentence pair: " + sentenceRows);
        assertTrue(Files.exists(day.resolve("nightly-run1-0002.sentences.csv")), "every file per chunk");
        String digest = Files.readString(day.resolve("nightly-digest.md"));
        assertEquals(1, digest.split("EN\\(Harga beras naik\\)", -1).length - 1, "each article once: " + digest);
    }

    @Test
    void theOlderPerSentenceSwitchStillMeansSentenceCsvInPlaceOfCsv() throws Exception {
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString(), "  per_sentence_csv: true");
        assertEquals(List.of(ChunkFormat.JSONL, ChunkFormat.SENTENCE_CSV), JobFiles.load(jobFile).formats());
        Files.writeString(jobFile, Files.readString(jobFile).replace("formats: [jsonl, csv]",
                "formats: [jsonl, csv, sentence_csv]"));
        JobFileException twice = assertThrows(JobFileException.class, () -> JobFiles.load(jobFile));
        assertTrue(twice.getMessage().contains("drop per_sentence_csv to write both"), twice.getMessage());
    }

    @Test
    void firstRunTranslatesEverythingAndReRunSkipsWhatIsUnchanged() throws Exception {
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString());
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);

        JobRunner.Result first = run(jobFile, fake);
        assertEquals("completed", first.report().status());
        assertEquals(3, first.report().articles().done());
        Map<String, List<JsonNode>> docs = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1), counts(docs));
        assertEquals("EN(Menhan AS bicara)", docs.get("a1").get(0).get("title_en").asText());
        assertTrue(Files.exists(dir.resolve("out/2024-11-22/nightly-run1-0001.csv")), "every format per chunk");
        assertTrue(Files.exists(first.reportFile()));
        RunReport reread = RunReport.fromJson(Files.readString(first.reportFile()));
        assertEquals(first.report().articles(), reread.articles());
        assertTrue(first.report().summaryLine().startsWith("kabar: job nightly run 1 completed: 3 articles processed"),
                first.report().summaryLine());

        int translatedBefore = fake.sentencesTranslated.get();
        JobRunner.Result second = run(jobFile, fake);
        assertEquals("completed", second.report().status());
        assertEquals(3, second.report().articles().unchanged());
        assertEquals(0, second.report().articles().processed());
        assertEquals(translatedBefore, fake.sentencesTranslated.get(), "nothing translated again");
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1), counts(JobFixtures.outputDocuments(dir.resolve("out"))));
    }

    @Test
    void progressCoversEveryInputOfTheJobInSentencesThenArticles() throws Exception {
        Path more = JobFixtures.articles(dir.resolve("in/more.jsonl"),
                "b1", "Gempa di Palu", "Warga mengungsi. Sekolah ditutup hari ini.");
        // Batches of two sentences, so that the ETA has a batch done and sentences left to show on.
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString(), "batching:", "  batch_sentences: 2");
        Files.writeString(jobFile, Files.readString(jobFile).replace("    format: jsonl\n",
                "    format: jsonl\n  - path: " + more + "\n    format: jsonl\n"));
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        // A clock that moves a second at every look, so that every report is due a line: no timing in the test.
        LoggedProgress progress = new LoggedProgress(lines::add, 1, () -> now[0] += 1_000_000_000L);

        JobRunner.Result result = JobFixtures.runner(new JobFixtures.FakeTranslator(0))
                .run(JobFiles.load(jobFile), log::add, progress);
        assertEquals(4, result.report().articles().done(), result.report().summaryLine());
        long sentences = result.report().sentences();
        assertEquals("progress: 0/" + sentences + " sentences (0%), 0/4 articles", lines.get(0),
                "the totals of both inputs, before the first batch");
        assertTrue(lines.size() > 2, lines.toString());
        for (String line : lines) {
            assertTrue(line.contains("/" + sentences + " sentences") && line.contains("/4 articles"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains(", ETA ")), lines.toString());
        assertTrue(result.report().summaryLine().contains(Counted.of(sentences, "sentence") + " translated"),
                result.report().summaryLine());
    }

    @Test
    void changedArticleIsTranslatedAgainAndMemoryAnswersItsOldSentences() throws Exception {
        Path input = threeArticles();
        Path jobFile = JobFixtures.job(dir, "nightly", input, dir.toString());
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        JobRunner.Result first = run(jobFile, fake);
        assertTrue(first.report().translationMemory().hits() == 0);

        // a2 gets a correction; a4 is new but repeats the boilerplate; both arrive the next night.
        JobFixtures.articles(input,
                "a1", "Menhan AS bicara", "Menteri bertemu. Baca juga: berita lain.",
                "a2", "Harga beras naik", "Harga naik lagi, kata pedagang. Baca juga: berita lain.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut. Baca juga: berita lain.",
                "a4", "Menhan AS bicara", "Menteri bertemu.");
        int before = fake.sentencesTranslated.get();
        JobRunner.Result second = run(jobFile, fake);
        assertEquals(2, second.report().articles().processed());
        assertEquals(2, second.report().articles().done());
        assertEquals(1, fake.sentencesTranslated.get() - before,
                "only the one sentence never seen goes to the model: " + second.report().translationMemory());
        assertEquals(RunReport.Memory.of(5, 4), second.report().translationMemory(), second.report().summaryLine());
        Map<String, List<JsonNode>> docs = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals(2, docs.get("a2").size(), "a changed article is a new record in the new run's chunk");
        assertEquals(1, docs.get("a4").size());
    }

    @Test
    void failedArticleIsRetriedThenQuarantinedNeverDropped() throws Exception {
        Path input = JobFixtures.articles(dir.resolve("in/news.jsonl"),
                "ok1", "Berita baik", "Semua lancar.",
                "bad", "Berita RUSAK", "Kalimat ini RUSAK.");
        Path jobFile = JobFixtures.job(dir, "nightly", input, dir.toString(), "state:", "  max_attempts: 2");
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);

        JobRunner.Result first = run(jobFile, fake);
        assertEquals("partial", first.report().status());
        assertEquals(1, first.report().articles().failed());
        assertTrue(first.report().problems().stream()
                .anyMatch(p -> p.key().equals("bad") && p.kind().equals("failed") && p.attempts() == 1),
                first.report().problems().toString());

        JobRunner.Result second = run(jobFile, fake);
        assertEquals(1, second.report().articles().processed(), "the failed article is retried");
        assertEquals(1, second.report().articles().quarantined());

        JobRunner.Result third = run(jobFile, fake);
        assertEquals(0, third.report().articles().processed());
        assertEquals(1, third.report().articles().skippedQuarantined());
        try (StateStore store = StateStore.open(dir.resolve("out/.kabar/state.db"))) {
            List<StateStore.ArticleRow> stuck = store.quarantined("nightly");
            assertEquals(1, stuck.size());
            assertEquals(2, stuck.get(0).attempts());
            assertTrue(stuck.get(0).lastError().contains("RUSAK"), stuck.get(0).lastError());
        }
        assertFalse(JobFixtures.outputDocuments(dir.resolve("out")).containsKey("bad"));

        // A corrected article (new content) leaves quarantine and is translated.
        JobFixtures.articles(input, "ok1", "Berita baik", "Semua lancar.", "bad", "Berita diperbaiki", "Kalimat ini baik.");
        JobRunner.Result fixed = run(jobFile, fake);
        assertEquals("completed", fixed.report().status());
        assertEquals(1, fixed.report().articles().done());
    }

    @Test
    void secondRunOfTheSameJobRefusesNamingTheHolder() throws Exception {
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString());
        Job job = JobFiles.load(jobFile);
        try (JobLock held = JobLock.acquire(job.database(), job.name(), JobFixtures.CLOCK.instant())) {
            JobLockedException e = assertThrows(JobLockedException.class,
                    () -> JobFixtures.runner(new JobFixtures.FakeTranslator(0)).run(job, log::add));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("2024-11-22T02:00:00Z"), e.getMessage());
        }
        assertEquals("completed", run(jobFile, new JobFixtures.FakeTranslator(0)).report().status(),
                "the lock is free once its holder closes it");
    }

    @Test
    void unwritableOutputFolderStopsBeforeTranslatingAndTheNextRunRecovers() throws Exception {
        Path blocker = dir.resolve("blocked");
        Files.writeString(blocker, "a file where the output folder's parent should be");
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString(), "state:",
                "  database: " + dir.resolve("state.db"));
        Files.writeString(jobFile, Files.readString(jobFile).replace(dir.resolve("out") + "/{date}",
                blocker + "/{date}"));
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        JobFailedException e = assertThrows(JobFailedException.class, () -> run(jobFile, fake));
        assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
        assertEquals(0, fake.sentencesTranslated.get(), "checked before any work");
        assertNotNull(e.report());
        assertEquals("failed", RunReport.fromJson(Files.readString(e.report())).status());

        Files.delete(blocker);
        JobRunner.Result next = run(jobFile, fake);
        assertEquals("completed", next.report().status());
        assertEquals(3, next.report().articles().done());
    }

    /** A stream that accepts {@code budget} bytes in all, then fails as a full disk does. */
    private static UnaryOperator<OutputStream> diskWithRoomFor(long budget) {
        long[] left = {budget};
        return out -> new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                if (--left[0] < 0) {
                    throw new IOException("No space left on device");
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    @Test
    void fullDiskStopsTheRunKeepsCommittedChunksAndTheNextRunFinishesWithoutDuplicates() throws Exception {
        Path input = JobFixtures.articles(dir.resolve("in/news.jsonl"),
                "a1", "Satu", "Isi satu.", "a2", "Dua", "Isi dua.", "a3", "Tiga", "Isi tiga.",
                "a4", "Empat", "Isi empat.", "a5", "Lima", "Isi lima.");
        Path jobFile = JobFixtures.job(dir, "nightly", input, dir.toString());
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        // Room for the first chunk (two articles, JSONL and CSV) and part of the second (each article's
        // JSONL grew by about 70 bytes with the glossary keys, #21).
        JobRunner full = new JobRunner(fake.factory(), diskWithRoomFor(2700), JobFixtures.CLOCK);
        JobFailedException e = assertThrows(JobFailedException.class, () -> full.run(JobFiles.load(jobFile), log::add));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        RunReport failed = RunReport.fromJson(Files.readString(e.report()));
        assertTrue(failed.articles().done() >= 2 && failed.articles().done() < 5, failed.summaryLine());
        Map<String, List<JsonNode>> partial = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals(failed.articles().done(), partial.size(), "only committed chunks are in the outputs");
        assertEquals(List.of(), JobFixtures.temporaries(dir.resolve("out")));

        JobRunner.Result next = run(jobFile, fake);
        assertEquals("completed", next.report().status());
        assertEquals(5 - failed.articles().done(), next.report().articles().done());
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1, "a4", 1, "a5", 1),
                counts(JobFixtures.outputDocuments(dir.resolve("out"))));
    }

    @Test
    void chunkWrittenButNeverCommittedIsRolledBackByTheNextRun() throws Exception {
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString());
        Job job = JobFiles.load(jobFile);
        // What a run killed between renaming its files and committing the chunk leaves behind.
        Path orphan = dir.resolve("out/2024-11-22/nightly-run1-0001.jsonl");
        Path stray = dir.resolve("out/2024-11-22/.nightly-run1-0001.csv.x1y2.tmp");
        try (StateStore store = StateStore.open(job.database())) {
            long run = store.startRun("nightly", jobFile, orphan.getParent(), 1, "elsewhere", JobFixtures.CLOCK.instant());
            store.beginChunk("nightly", run, List.of(orphan, dir.resolve("out/2024-11-22/nightly-run1-0001.csv")));
        }
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "{\"id\":\"a1\"}\n");
        Files.writeString(stray, "half a file");

        JobRunner.Result result = run(jobFile, new JobFixtures.FakeTranslator(0));
        assertEquals(new RunReport.Recovery(1, 1), result.report().interruptedRunsRecovered());
        assertFalse(Files.exists(orphan));
        assertFalse(Files.exists(stray));
        assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1), counts(JobFixtures.outputDocuments(dir.resolve("out"))));
    }

    @Test
    void retentionDeletesOnlyDatedFoldersOlderThanItsDays() throws Exception {
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString(), "retention:", "  keep_days: 7");
        Files.createDirectories(dir.resolve("out/2024-11-01"));
        Files.writeString(dir.resolve("out/2024-11-01/old.jsonl"), "{}\n");
        Files.createDirectories(dir.resolve("out/2024-11-20"));
        Files.createDirectories(dir.resolve("out/keep-me"));
        JobRunner.Result result = run(jobFile, new JobFixtures.FakeTranslator(0));
        assertFalse(Files.exists(dir.resolve("out/2024-11-01")));
        assertTrue(Files.exists(dir.resolve("out/2024-11-20")));
        assertTrue(Files.exists(dir.resolve("out/keep-me")));
        assertTrue(Files.exists(dir.resolve("out/.kabar/state.db")));
        assertEquals(1, result.report().retentionDeleted().size());
    }

    @Test
    void translationMemoryEntriesUnusedForTheirDaysArePrunedAfterARun() throws Exception {
        Path input = threeArticles();
        Path jobFile = JobFixtures.job(dir, "nightly", input, dir.toString(), "retention:", "  translation_memory_days: 30");
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        Instant day0 = JobFixtures.CLOCK.instant();
        assertEquals(0, runAt(jobFile, fake, day0).report().translationMemory().pruned());
        long stored;
        try (StateStore store = StateStore.open(dir.resolve("out/.kabar/state.db"))) {
            stored = store.memorySize();
        }
        assertTrue(stored >= 5, "titles and sentences of three articles are in memory: " + stored);

        // Twenty days on, a new article repeats a1's title and first sentence: those two entries are used again.
        JobFixtures.articles(input,
                "a1", "Menhan AS bicara", "Menteri bertemu. Baca juga: berita lain.",
                "a2", "Harga beras naik", "Harga naik lagi. Baca juga: berita lain.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut. Baca juga: berita lain.",
                "a4", "Menhan AS bicara", "Menteri bertemu.");
        JobRunner.Result day20 = runAt(jobFile, fake, day0.plus(Duration.ofDays(20)));
        assertEquals(RunReport.Memory.of(2, 2, 0), day20.report().translationMemory());

        // Forty days after the first run, what nobody used for thirty days goes; the two entries used on day 20 stay.
        JobRunner.Result day40 = runAt(jobFile, fake, day0.plus(Duration.ofDays(40)));
        assertEquals(stored - 2, day40.report().translationMemory().pruned(), day40.report().summaryLine());
        assertTrue(log.stream().anyMatch(l -> l.contains("deleted " + (stored - 2) + " translation-memory entries unused for 30 days")),
                String.join("\n", log));
        try (StateStore store = StateStore.open(dir.resolve("out/.kabar/state.db"))) {
            assertEquals(2, store.memorySize());
        }
    }

    @Test
    void aVersion1StateDatabaseGainsTheLastUsedColumn() throws Exception {
        Path db = dir.resolve("old.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE translation_memory (model_key TEXT NOT NULL, generation_key TEXT NOT NULL, "
                    + "source TEXT NOT NULL, target TEXT NOT NULL, target_tokens INTEGER NOT NULL, created_at TEXT NOT NULL, "
                    + "hits INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (model_key, generation_key, source))");
            s.execute("INSERT INTO translation_memory VALUES ('m', 'g', 'lama', 'old', 1, '2024-01-01T00:00:00Z', 3)");
            s.execute("PRAGMA user_version=1");
        }
        try (StateStore store = StateStore.open(db)) {
            store.memoryHits("m", "g", List.of("lama"), Instant.parse("2024-06-01T00:00:00Z"));
            assertEquals(0, store.memoryPrune(Instant.parse("2024-05-01T00:00:00Z")), "used on 1 June: kept");
            assertEquals(1, store.memoryPrune(Instant.parse("2024-07-01T00:00:00Z")));
            assertEquals(0, store.memorySize());
        }
    }

    @Test
    void theDigestCoversTheDaysCommittedArticlesInTheirNewestVersion() throws Exception {
        Path input = threeArticles();
        Path jobFile = JobFixtures.job(dir, "nightly", input, dir.toString(), "  digest: md");
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        JobRunner.Result first = run(jobFile, fake);
        Path digest = dir.resolve("out/2024-11-22/nightly-digest.md");
        assertEquals(digest.toString(), first.report().digest());
        String md = Files.readString(digest);
        assertTrue(md.contains("EN(Menhan AS bicara)") && md.contains("EN(Harga beras naik)")
                && md.contains("EN(Banjir di Jakarta)") && md.contains("3 articles"), md);

        // Later the same day a2's headline is corrected and a4 arrives: the digest is rendered again
        // from every committed chunk of the day, and shows a2 once, corrected.
        JobFixtures.articles(input,
                "a1", "Menhan AS bicara", "Menteri bertemu. Baca juga: berita lain.",
                "a2", "Harga beras turun", "Harga naik lagi. Baca juga: berita lain.",
                "a3", "Banjir di Jakarta", "Air setinggi lutut. Baca juga: berita lain.",
                "a4", "Gempa di Cianjur", "Warga mengungsi.");
        JobRunner.Result second = run(jobFile, fake);
        assertEquals("completed", second.report().status(), second.report().summaryLine());
        md = Files.readString(digest);
        assertTrue(md.contains("4 articles") && md.contains("EN(Harga beras turun)") && !md.contains("EN(Harga beras naik)")
                && md.contains("EN(Gempa di Cianjur)"), md);
    }

    private static String page(String title, String body) {
        return String.join("\n", title, "Kamis, 21 November 2024 14:20 WIB",
                "Jakarta - " + body + " Pemerintah menyampaikan keterangan resmi kepada wartawan pada sore hari.",
                "Warga diminta tetap tenang dan mengikuti arahan petugas di lapangan.", "Editor: Rina");
    }

    @Test
    void aCorrectedSavedPageIsTheSameArticleNotASecondOne() throws Exception {
        // #18 item 3: pages carry no id; keyed by their content, an edited title made a second article.
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("satu.txt"), page("Menhan AS bicara soal Rusia", "Menteri bertemu."));
        Files.writeString(pages.resolve("dua.txt"), page("Harga beras naik di pasar", "Harga naik lagi."));
        Path jobFile = dir.resolve("pages.yaml");
        Files.writeString(jobFile, String.join("\n", "name: pages", "inputs:", "  - path: pages", "models:",
                "  translator: " + dir, "outputs:", "  folder: out/{date}", "  formats: [jsonl]", "  digest: md", ""));
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        JobRunner.Result first = run(jobFile, fake);
        assertEquals(2, first.report().articles().done(), first.report().summaryLine());

        Files.writeString(pages.resolve("dua.txt"), page("Harga beras turun di pasar", "Harga naik lagi."));
        JobRunner.Result second = run(jobFile, fake);

        assertEquals(1, second.report().articles().processed(), "the edited page is translated again");
        assertEquals(1, second.report().articles().unchanged(), second.report().summaryLine());
        Map<String, List<JsonNode>> docs = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals(2, docs.size(), "two pages, two ids: " + docs.keySet());
        String md = Files.readString(dir.resolve("out/2024-11-22/pages-digest.md"));
        assertTrue(md.contains("2 articles") && md.contains("EN(Harga beras turun di pasar)")
                && !md.contains("EN(Harga beras naik di pasar)"), md);
    }

    @Test
    void aJobNeverReadsItsOwnOutputFolderEvenInsideItsInputFolder() throws Exception {
        // #18 item 4: outputs written under the input folder came back as inputs the next night.
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("satu.txt"), page("Menhan AS bicara soal Rusia", "Menteri bertemu."));
        Path jobFile = dir.resolve("pages.yaml");
        Files.writeString(jobFile, String.join("\n", "name: pages", "inputs:", "  - path: pages", "models:",
                "  translator: " + dir, "outputs:", "  folder: pages/out/{date}", "  formats: [jsonl, csv, sentence_csv]",
                "  digest: md", ""));
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        assertEquals("completed", run(jobFile, fake).report().status());

        log.clear();
        JobRunner.Result second = run(jobFile, fake);

        assertEquals("completed", second.report().status(), second.report().summaryLine() + log);
        assertEquals(1, second.report().articles().unchanged(), "the page only: " + second.report().summaryLine());
        assertEquals(List.of(), second.report().problems(), log.toString());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("kabar: note: ") && line.contains("output folder")), log.toString());
    }

    @Test
    void aJobRemembersTheDateOrderAFullerFileSettledAndReadsAOneDaySliceByIt() throws Exception {
        // #18 item 2: a one-day detik slice (every row 12/9/2025) became 12 September.
        Path feeds = Files.createDirectories(dir.resolve("feeds"));
        Files.writeString(feeds.resolve("detik-1.csv"), "id,judul,tanggal,isi_berita\n"
                + "d1,Banjir,12/8/2025 19:27,Air naik sejak pagi.\n"
                + "d2,Gempa,10/21/2025 20:05,Warga mengungsi ke lapangan.\n");
        Path jobFile = dir.resolve("feeds.yaml");
        Files.writeString(jobFile, String.join("\n", "name: feeds", "inputs:", "  - path: feeds/detik-*.csv", "models:",
                "  translator: " + dir, "outputs:", "  folder: out/{date}", "  formats: [jsonl]", ""));
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        JobRunner.Result first = run(jobFile, fake);
        assertEquals("completed", first.report().status(), first.report().summaryLine());
        assertTrue(log.stream().anyMatch(l -> l.contains("numeric dates read month-first") && l.contains("feeds/detik-*.csv")),
                log.toString());

        Files.delete(feeds.resolve("detik-1.csv"));
        Files.writeString(feeds.resolve("detik-2.csv"), "id,judul,tanggal,isi_berita\n"
                + "d3,Kebakaran,12/9/2025 19:27,Api padam sore hari.\n");
        log.clear();
        JobRunner.Result second = runAt(jobFile, fake, Instant.parse("2024-11-23T02:00:00Z"));

        assertEquals("completed", second.report().status(), second.report().summaryLine());
        Map<String, List<JsonNode>> docs = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals("2025-12-09T19:27+07:00", docs.get("d3").get(0).get("date").asText(), "read month-first, as remembered");
        assertTrue(log.stream().noneMatch(l -> l.contains("nothing settles the order")), log.toString());
    }

    @Test
    void aUriInputIsLeftToTheSparkRunnerWithOneProblem() throws Exception {
        Path jobFile = JobFixtures.job(dir, "nightly", threeArticles(), dir.toString());
        Files.writeString(jobFile, Files.readString(jobFile).replace("inputs:\n",
                "inputs:\n  - path: hdfs://namenode/berita/*.jsonl\n"));
        JobRunner.Result result = run(jobFile, new JobFixtures.FakeTranslator(0));
        assertEquals("partial", result.report().status(), result.report().summaryLine());
        assertEquals(3, result.report().articles().done(), "the other input is read");
        assertTrue(log.stream().anyMatch(l -> l.contains("hdfs://namenode/berita/*.jsonl") && l.contains("Spark runner")),
                log.toString());
    }

    private JobRunner.Result runAt(Path jobFile, JobFixtures.FakeTranslator fake, Instant when) throws Exception {
        return new JobRunner(fake.factory(), UnaryOperator.identity(), Clock.fixed(when, ZoneOffset.UTC))
                .run(JobFiles.load(jobFile), log::add);
    }

    private static Map<String, Integer> counts(Map<String, List<JsonNode>> docs) {
        Map<String, Integer> out = new java.util.HashMap<>();
        docs.forEach((id, list) -> out.put(id, list.size()));
        return out;
    }
}
