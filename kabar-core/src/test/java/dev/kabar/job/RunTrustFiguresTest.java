package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kabar.pipeline.TrustTally;
import dev.kabar.trust.ReasonCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's sentence verdicts reach its report, its summary line and the state database (#20). */
class RunTrustFiguresTest {

    @TempDir
    Path dir;

    static final TrustTally TALLY = new TrustTally(20, 3, 2, 4, 3,
            Map.of(ReasonCode.NUMBERS, 2L, ReasonCode.REPETITION, 1L));

    static RunReport report(RunReport.Trust trust) {
        return new RunReport("nightly", "jobs/nightly.yaml", 7, "completed", "2026-12-07T02:00:00Z", "2026-12-07T02:01:00Z",
                60.0, "out/2026-12-07", new RunReport.Articles(5, 0, 0, 5, 5, 0, 0, 0), 22, trust, null,
                RunReport.Memory.of(20, 10), "model", "key", null, List.of(), List.of(), List.of(),
                new RunReport.Recovery(0, 0), null);
    }

    @Test
    void theReportHoldsTheTallyAndSaysItInItsSummaryLine() throws Exception {
        RunReport report = report(RunReport.Trust.of(TALLY));
        JsonNode trust = new ObjectMapper().readTree(report.toJson()).get("trust");
        assertEquals("{\"checked\":20,\"suspect\":3,\"suspect_reasons\":{\"repetition\":1,\"numbers\":2},\"passed_through\":2,"
                + "\"second_tries\":4,\"second_tries_kept\":3}", trust.toString());
        assertEquals(report, RunReport.fromJson(report.toJson()));
        assertTrue(report.summaryLine().endsWith("outputs in out/2026-12-07; 20 sentences checked, 3 suspect (repetition 1, "
                + "numbers 2), 2 passed through as English, 4 second tries (3 kept the second)"), report.summaryLine());
    }

    @Test
    void aReportWrittenBeforeTheChecksStillReads() throws Exception {
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(report(RunReport.Trust.of(TALLY)).toJson());
        old.remove("trust");
        RunReport back = RunReport.fromJson(old.toString());
        assertNull(back.trust());
        assertTrue(back.summaryLine().endsWith("outputs in out/2026-12-07"), back.summaryLine());
    }

    @Test
    void theStateDatabaseKeepsTheFiguresPerRun() {
        try (StateStore store = StateStore.open(dir.resolve("state.db"))) {
            long run = store.startRun("nightly", dir.resolve("nightly.yaml"), dir.resolve("out"), 1, "host",
                    Instant.parse("2026-12-07T02:00:00Z"));
            store.finishRun(run, report(RunReport.Trust.of(TALLY)), null);
            StateStore.RunRow row = store.recentRuns("nightly", 1).get(0);
            assertEquals(RunReport.Trust.of(TALLY), row.trust());
            assertEquals(List.of("repetition", "numbers"), List.copyOf(row.trust().suspectReasons().keySet()), "order kept");
        }
    }

    @Test
    void anOldDatabaseGetsTheColumnsAndItsRunsShowZero() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = db.createStatement()) {
            // The runs table as version 2 made it, before the trust columns.
            s.execute("""
                    CREATE TABLE runs (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      job TEXT NOT NULL, job_file TEXT, status TEXT NOT NULL, pid INTEGER, host TEXT,
                      started_at TEXT NOT NULL, finished_at TEXT, output_folder TEXT,
                      articles_seen INTEGER NOT NULL DEFAULT 0, articles_unchanged INTEGER NOT NULL DEFAULT 0,
                      articles_done INTEGER NOT NULL DEFAULT 0, articles_failed INTEGER NOT NULL DEFAULT 0,
                      articles_quarantined INTEGER NOT NULL DEFAULT 0, sentences INTEGER NOT NULL DEFAULT 0,
                      tm_lookups INTEGER NOT NULL DEFAULT 0, tm_hits INTEGER NOT NULL DEFAULT 0,
                      wall_seconds REAL, error TEXT, report TEXT)""");
            s.execute("INSERT INTO runs (job, status, started_at, pid, host) VALUES ('nightly', 'completed', "
                    + "'2026-12-06T02:00:00Z', 1, 'host')");
            s.execute("PRAGMA user_version=2");
        }
        try (StateStore store = StateStore.open(file)) {
            assertEquals(RunReport.Trust.of(TrustTally.NONE), store.recentRuns("nightly", 1).get(0).trust());
            long run = store.startRun("nightly", dir.resolve("nightly.yaml"), dir.resolve("out"), 1, "host",
                    Instant.parse("2026-12-07T02:00:00Z"));
            store.finishRun(run, report(RunReport.Trust.of(TALLY)), null);
            assertEquals(3, store.recentRuns("nightly", 1).get(0).trust().suspect());
        }
        try (StateStore again = StateStore.open(file)) {
            assertEquals(2, again.recentRuns("nightly", 5).size(), "opening twice adds nothing twice");
        }
    }

    @Test
    void aRunWithAGlossaryReportsItsTermsAndSaysThemInItsSummaryLine() throws Exception {
        RunReport plain = report(RunReport.Trust.of(TALLY));
        RunReport.GlossaryTerms terms = RunReport.GlossaryTerms.of("terms/newsroom.csv",
                new dev.kabar.pipeline.TermTally(12, 11));
        RunReport report = new RunReport(plain.job(), plain.jobFile(), plain.runId(), plain.status(), plain.startedAt(),
                plain.finishedAt(), plain.seconds(), plain.outputFolder(), plain.articles(), plain.sentences(), plain.trust(),
                terms, plain.translationMemory(), plain.translator(), plain.modelKey(), plain.digest(), plain.outputs(),
                plain.problems(), plain.retentionDeleted(), plain.interruptedRunsRecovered(), plain.error());

        assertEquals("{\"file\":\"terms/newsroom.csv\",\"terms_applied\":12,\"terms_met\":11}",
                new ObjectMapper().readTree(report.toJson()).get("glossary").toString());
        assertEquals(report, RunReport.fromJson(report.toJson()));
        assertTrue(report.summaryLine().endsWith("second tries (3 kept the second); 12 glossary terms applied, 11 met"),
                report.summaryLine());
        assertTrue(new ObjectMapper().readTree(plain.toJson()).get("glossary").isNull(), "no glossary: null, key kept");
        assertFalse(plain.summaryLine().contains("glossary"), plain.summaryLine());
    }
}
