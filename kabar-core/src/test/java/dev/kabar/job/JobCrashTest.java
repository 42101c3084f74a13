package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle loses nothing and duplicates nothing: a child JVM runs the
 * job slowly, is killed once it has committed some articles, and an in-process run finishes the job.
 */
class JobCrashTest {

    @TempDir
    Path dir;

    @Test
    void killedRunIsResumedWithoutLossOrDuplicates() throws Exception {
        int total = 40;
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            rows.add("k" + i);
            rows.add("Judul nomor " + i);
            rows.add("Kalimat pertama berita " + i + ". Kalimat kedua berita " + i + ".");
        }
        Path input = JobFixtures.articles(dir.resolve("in/news.jsonl"), rows.toArray(String[]::new));
        // One article per chunk and one sentence per batch, so the kill lands between many commits.
        Path jobFile = JobFixtures.job(dir, "crashy", input, dir.toString(), "batching:", "  batch_sentences: 1");
        Files.writeString(jobFile, Files.readString(jobFile).replace("chunk_articles: 2", "chunk_articles: 1"));
        Job job = JobFiles.load(jobFile);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowJobMain.class.getName(), jobFile.toString(), "15")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            int done = waitForDone(job, 5, child, dir.resolve("child.log"));
            assertTrue(child.isAlive(), "the child must still be running when killed (done " + done + ")");

            // While it runs, a second run of the same job is refused, naming the child.
            JobLockedException locked = assertThrows(JobLockedException.class,
                    () -> JobFixtures.runner(new JobFixtures.FakeTranslator(0)).run(job, line -> { }));
            assertTrue(locked.getMessage().contains("pid " + child.pid()), locked.getMessage());

            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        int committedBeforeKill = doneCount(job);
        assertTrue(committedBeforeKill < total, "killed before the end: " + committedBeforeKill);

        JobRunner.Result resumed = JobFixtures.runner(new JobFixtures.FakeTranslator(0)).run(job, line -> { });
        assertEquals("completed", resumed.report().status());
        assertEquals(1, resumed.report().interruptedRunsRecovered().killedRuns());
        assertEquals(total - committedBeforeKill, resumed.report().articles().done(), "only the rest is translated");

        Map<String, List<JsonNode>> docs = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals(total, docs.size(), "nothing lost");
        docs.forEach((id, list) -> assertEquals(1, list.size(), () -> id + " written " + list.size() + " times"));
        assertEquals(List.of(), JobFixtures.temporaries(dir.resolve("out")), "no temporary file left behind");
        try (StateStore store = StateStore.open(job.database())) {
            assertEquals("killed", store.recentRuns("crashy", 5).get(1).status());
            assertEquals(total, store.articles("crashy").values().stream()
                    .filter(a -> a.status() == ArticleStatus.DONE).count());
        }
    }

    private static int waitForDone(Job job, int atLeast, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(job.database())) {
                int done = doneCount(job);
                if (done >= atLeast) {
                    return done;
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child ended early with " + child.exitValue() + "; its output:\n"
                        + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child committed fewer than " + atLeast + " articles in 30 s");
    }

    private static int doneCount(Job job) {
        try (StateStore store = StateStore.open(job.database())) {
            return (int) store.articles(job.name()).values().stream().filter(a -> a.status() == ArticleStatus.DONE).count();
        }
    }
}
