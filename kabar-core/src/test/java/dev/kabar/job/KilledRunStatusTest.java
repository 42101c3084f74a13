package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-way ({@code kill -9}) recorded neither its end nor its totals: {@code kabar status}
 * shows it killed as soon as its process is gone from this host, with the articles its committed
 * chunks marked done.
 */
class KilledRunStatusTest {

    @TempDir
    Path dir;

    @Test
    void aRunWhoseProcessIsGoneIsKilledAndCountsItsCommittedArticles() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        long deadPid = exited.pid();
        Instant now = Instant.parse("2026-12-07T02:00:00Z");
        try (StateStore store = StateStore.open(dir.resolve("state.db"))) {
            long killed = store.startRun("nightly", dir.resolve("nightly.yaml"), dir.resolve("out"), deadPid, JobLock.host(), now);
            long chunk = store.beginChunk("nightly", killed, List.of(dir.resolve("out/a.jsonl")));
            store.commitChunk("nightly", killed, chunk, List.of(new StateStore.CommittedArticle("a", "h1", "in.txt"),
                    new StateStore.CommittedArticle("b", "h2", "in.txt")), "out/a.jsonl", now);
            long alive = store.startRun("nightly", dir.resolve("nightly.yaml"), dir.resolve("out"), ProcessHandle.current().pid(),
                    JobLock.host(), now);
            long elsewhere = store.startRun("nightly", dir.resolve("nightly.yaml"), dir.resolve("out"), deadPid, "another-host", now);
            List<StateStore.RunRow> rows = store.recentRuns("nightly", 10);
            StateStore.RunRow first = rows.stream().filter(r -> r.id() == killed).findFirst().orElseThrow();
            assertEquals("killed", first.shownStatus());
            assertEquals(2, first.done(), "the committed chunk's articles count");
            assertEquals("running", rows.stream().filter(r -> r.id() == alive).findFirst().orElseThrow().shownStatus());
            assertEquals("running", rows.stream().filter(r -> r.id() == elsewhere).findFirst().orElseThrow().shownStatus(),
                    "another host's process cannot be looked up from here");
        }
    }
}
