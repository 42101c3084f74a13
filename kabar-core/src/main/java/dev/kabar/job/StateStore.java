package dev.kabar.job;

import dev.kabar.pipeline.Translation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of nightly jobs in one SQLite database: runs, articles, output chunks and the
 * translation memory. Every change that must survive a crash is one transaction; the database runs
 * in WAL mode with {@code synchronous=FULL}, so a committed transaction survives a killed process
 * and a power cut. Several jobs may share a database. Not thread-safe: one instance per thread.
 */
public final class StateStore implements AutoCloseable {

    /** Schema version written to {@code PRAGMA user_version}; a newer database is refused. */
    static final int SCHEMA_VERSION = 2;

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          job TEXT NOT NULL, job_file TEXT, status TEXT NOT NULL, pid INTEGER, host TEXT,
          started_at TEXT NOT NULL, finished_at TEXT, output_folder TEXT,
          articles_seen INTEGER NOT NULL DEFAULT 0, articles_unchanged INTEGER NOT NULL DEFAULT 0,
          articles_done INTEGER NOT NULL DEFAULT 0, articles_failed INTEGER NOT NULL DEFAULT 0,
          articles_quarantined INTEGER NOT NULL DEFAULT 0, sentences INTEGER NOT NULL DEFAULT 0,
          tm_lookups INTEGER NOT NULL DEFAULT 0, tm_hits INTEGER NOT NULL DEFAULT 0,
          wall_seconds REAL, error TEXT, report TEXT)""",
        """
        CREATE TABLE IF NOT EXISTS articles (
          job TEXT NOT NULL, article_key TEXT NOT NULL, content_hash TEXT NOT NULL, origin TEXT,
          status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'quarantined')),
          attempts INTEGER NOT NULL, last_error TEXT, output TEXT, run_id INTEGER, updated_at TEXT NOT NULL,
          PRIMARY KEY (job, article_key))""",
        """
        CREATE TABLE IF NOT EXISTS chunks (
          id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL, run_id INTEGER NOT NULL, files TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'committed', 'abandoned')))""",
        """
        CREATE TABLE IF NOT EXISTS translation_memory (
          model_key TEXT NOT NULL, generation_key TEXT NOT NULL, source TEXT NOT NULL,
          target TEXT NOT NULL, target_tokens INTEGER NOT NULL, created_at TEXT NOT NULL,
          hits INTEGER NOT NULL DEFAULT 0, last_used_at TEXT, confidence REAL,
          PRIMARY KEY (model_key, generation_key, source))""",
        """
        CREATE TABLE IF NOT EXISTS date_orders (
          job TEXT NOT NULL, source TEXT NOT NULL,
          date_order TEXT NOT NULL CHECK (date_order IN ('day-first', 'month-first')),
          settled_by TEXT, settled_at TEXT NOT NULL,
          PRIMARY KEY (job, source))""",
        """
        CREATE TABLE IF NOT EXISTS waves (
          id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL, output TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'committed', 'abandoned')),
          articles INTEGER NOT NULL DEFAULT 0, started_at TEXT NOT NULL, finished_at TEXT)""",
        "CREATE INDEX IF NOT EXISTS runs_by_job ON runs (job, id)",
        "CREATE INDEX IF NOT EXISTS chunks_by_status ON chunks (job, status)"
    };

    /**
     * Columns of {@code runs} added for sentence trust (#20), each with its type. A database made
     * before them gets them on opening, by name rather than by schema version: an older kabar
     * reading the database ignores them, so it need not be refused.
     */
    private static final Map<String, String> TRUST_COLUMNS = trustColumns();

    /** How long opening waits for another connection's lock. */
    private static final int BUSY_MILLIS = 10_000;

    private static Map<String, String> trustColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : List.of("sentences_checked", "sentences_suspect", "sentences_passed_through", "second_tries",
                "second_tries_kept")) {
            columns.put(name, "INTEGER NOT NULL DEFAULT 0");
        }
        // Reason counts as code=count pairs joined by commas, in the order of the checks: numbers=2,repetition=1.
        columns.put("suspect_reasons", "TEXT NOT NULL DEFAULT ''");
        return columns;
    }

    private final Path file;
    private final Connection db;

    private StateStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens the database, creating it and its folder when missing.
     *
     * @throws StateStoreException naming the file when it cannot be opened or is not a kabar state database
     */
    public static StateStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot create the folder of state database '" + file + "': " + e, e);
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                prepareSchema(s, file);
            } catch (SQLException | RuntimeException e) {
                // Closing also ends an open transaction, so that a failed open holds no lock.
                db.close();
                throw e;
            }
            return new StateStore(file, db);
        } catch (SQLException e) {
            throw new StateStoreException("cannot open state database '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Sets the connection up and brings the schema up to date. */
    private static void prepareSchema(Statement s, Path file) throws SQLException {
        // WAL: readers (kabar status) never block the run; FULL: a commit is on disk before it returns.
        // First, so that the statements below wait for a concurrent writer instead of failing.
        s.execute("PRAGMA busy_timeout=" + BUSY_MILLIS);
        // Switching a new database to WAL, and taking the write lock beside a connection that is doing
        // so, can fail at once with SQLITE_BUSY instead of waiting: both are retried for as long.
        retryWhileBusy(s, "PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        // The schema is read and brought up to date under the write lock: two processes opening one
        // database at once (a run starting while kabar status reads it) would otherwise both see a
        // column missing and both add it, and the second would fail.
        retryWhileBusy(s, "BEGIN IMMEDIATE");
        int version;
        try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        if (version > SCHEMA_VERSION) {
            throw new StateStoreException("state database '" + file + "' has schema version " + version
                    + ", newer than this kabar understands (" + SCHEMA_VERSION + "); upgrade kabar.", null);
        }
        for (String ddl : SCHEMA) {
            s.execute(ddl);
        }
        if (version == 1) {
            // Version 2 records when an entry was last used, so that unused entries can be pruned.
            s.execute("ALTER TABLE translation_memory ADD COLUMN last_used_at TEXT");
        }
        // Columns of #20, looked up rather than tied to the schema version: an older kabar reading this
        // database just ignores them, so the version need not change. The model's confidence in a stored
        // translation lets a memory hit be checked as the first translation was.
        addMissingColumns(s, "translation_memory", Map.of("confidence", "REAL"));
        addMissingColumns(s, "runs", TRUST_COLUMNS);
        s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
        s.execute("COMMIT");
    }

    /** Runs {@code sql}, again every 20 ms while SQLite answers SQLITE_BUSY, for at most {@link #BUSY_MILLIS}. */
    private static void retryWhileBusy(Statement s, String sql) throws SQLException {
        long deadline = System.nanoTime() + BUSY_MILLIS * 1_000_000L;
        while (true) {
            try {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                // SQLITE_BUSY is primary result code 5; extended codes keep it in the low byte.
                if ((e.getErrorCode() & 0xff) != 5 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the database lock", e);
            }
        }
    }

    private static void addMissingColumns(Statement s, String table, Map<String, String> columns) throws SQLException {
        List<String> present = new ArrayList<>();
        try (ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                present.add(r.getString("name"));
            }
        }
        for (Map.Entry<String, String> column : columns.entrySet()) {
            if (!present.contains(column.getKey())) {
                s.execute("ALTER TABLE " + table + " ADD COLUMN " + column.getKey() + " " + column.getValue());
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    private StateStoreException failure(String doing, SQLException e) {
        return new StateStoreException("state database '" + file + "': cannot " + doing + ": " + e.getMessage(), e);
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    private <T> T transaction(String doing, SqlWork<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    // ---- runs ---------------------------------------------------------------------------------

    /** Records the start of a run and returns its id. */
    public long startRun(String job, Path jobFile, Path outputFolder, long pid, String host, Instant startedAt) {
        return transaction("record the start of a run", () -> {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO runs (job, job_file, status, pid, host, "
                    + "started_at, output_folder) VALUES (?, ?, 'running', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, job);
                s.setString(2, jobFile.toString());
                s.setLong(3, pid);
                s.setString(4, host);
                s.setString(5, startedAt.toString());
                s.setString(6, outputFolder.toString());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Marks the job's runs still recorded as running as killed: the caller holds the job's lock, so
     * no live process owns them.
     *
     * @return how many there were
     */
    public int markInterruptedRuns(String job, Instant now) {
        return transaction("mark interrupted runs", () -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE runs SET status = 'killed', finished_at = ?, "
                    + "error = 'the process ended before the run finished (killed, crashed or powered off)' "
                    + "WHERE job = ? AND status = 'running'")) {
                s.setString(1, now.toString());
                s.setString(2, job);
                return s.executeUpdate();
            }
        });
    }

    /** Records the end of a run with its figures. */
    public void finishRun(long runId, RunReport report, Path reportFile) {
        transaction("record the end of run " + runId, () -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE runs SET status = ?, finished_at = ?, "
                    + "articles_seen = ?, articles_unchanged = ?, articles_done = ?, articles_failed = ?, "
                    + "articles_quarantined = ?, sentences = ?, tm_lookups = ?, tm_hits = ?, wall_seconds = ?, "
                    + "error = ?, report = ?, sentences_checked = ?, sentences_suspect = ?, sentences_passed_through = ?, "
                    + "second_tries = ?, second_tries_kept = ?, suspect_reasons = ? WHERE id = ?")) {
                RunReport.Articles a = report.articles();
                s.setString(1, report.status());
                s.setString(2, report.finishedAt());
                s.setInt(3, a.seen());
                s.setInt(4, a.unchanged());
                s.setInt(5, a.done());
                s.setInt(6, a.failed());
                s.setInt(7, a.quarantined());
                s.setLong(8, report.sentences());
                s.setLong(9, report.translationMemory().lookups());
                s.setLong(10, report.translationMemory().hits());
                s.setDouble(11, report.seconds());
                s.setString(12, report.error());
                s.setString(13, reportFile == null ? null : reportFile.toString());
                RunReport.Trust trust = report.trust() == null ? RunReport.Trust.of(dev.kabar.pipeline.TrustTally.NONE)
                        : report.trust();
                s.setLong(14, trust.checked());
                s.setLong(15, trust.suspect());
                s.setLong(16, trust.passedThrough());
                s.setLong(17, trust.secondTries());
                s.setLong(18, trust.secondTriesKept());
                s.setString(19, reasonsText(trust.suspectReasons()));
                s.setLong(20, runId);
                s.executeUpdate();
                return null;
            }
        });
    }

    /**
     * A run as recorded.
     *
     * @param id the run id
     * @param job the job's name
     * @param status running, completed, partial, failed or killed
     * @param startedAt ISO instant
     * @param finishedAt ISO instant, or null
     * @param done articles committed
     * @param failed articles failed (to be retried)
     * @param quarantined articles quarantined in the run
     * @param unchanged articles skipped as unchanged
     * @param tmLookups translation-memory lookups
     * @param tmHits translation-memory hits
     * @param error why the run stopped, or null
     * @param pid the process that ran it
     * @param host the machine that ran it
     * @param trust the verdicts of the sentences of the articles it committed (all zero for a run that
     *     did not finish, or one recorded before kabar checked sentences)
     */
    public record RunRow(long id, String job, String status, String startedAt, String finishedAt, int done, int failed,
            int quarantined, int unchanged, long tmLookups, long tmHits, String error, long pid, String host,
            RunReport.Trust trust) {

        /**
         * Returns the status to show: a run recorded as {@code running} whose process is gone from
         * this host was killed ({@code kill -9}, a crash), though only the next run records that.
         * A run of another host is shown as recorded: its process cannot be looked up from here.
         */
        public String shownStatus() {
            if ("running".equals(status) && JobLock.host().equals(host)
                    && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return "killed";
            }
            return status;
        }
    }

    /** The latest runs, newest first, of one job or (null) of all. */
    public List<RunRow> recentRuns(String job, int limit) {
        // A run that did not finish recorded no totals; the articles its committed chunks marked done still count.
        try (PreparedStatement s = db.prepareStatement("SELECT id, job, status, started_at, finished_at, MAX(articles_done, "
                + "(SELECT COUNT(*) FROM articles a WHERE a.job = runs.job AND a.run_id = runs.id AND a.status = 'done')), "
                + "articles_failed, articles_quarantined, articles_unchanged, tm_lookups, tm_hits, error, pid, host, "
                + "sentences_checked, sentences_suspect, suspect_reasons, sentences_passed_through, second_tries, second_tries_kept "
                + "FROM runs WHERE (? IS NULL OR job = ?) ORDER BY id DESC LIMIT ?")) {
            s.setString(1, job);
            s.setString(2, job);
            s.setInt(3, limit);
            List<RunRow> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RunRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getInt(6), r.getInt(7), r.getInt(8), r.getInt(9), r.getLong(10), r.getLong(11),
                            r.getString(12), r.getLong(13), r.getString(14), new RunReport.Trust(r.getLong(15), r.getLong(16),
                                    reasonsFromText(r.getString(17)), r.getLong(18), r.getLong(19), r.getLong(20))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list runs", e);
        }
    }

    static String reasonsText(Map<String, Long> reasons) {
        StringBuilder text = new StringBuilder();
        reasons.forEach((code, count) -> text.append(text.length() == 0 ? "" : ",").append(code).append('=').append(count));
        return text.toString();
    }

    static Map<String, Long> reasonsFromText(String text) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return reasons;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new StateStoreException("state database: suspect_reasons holds '" + text
                        + "', not code=count pairs joined by commas; the database was changed by hand", null);
            }
            reasons.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
        return reasons;
    }

    // ---- articles -----------------------------------------------------------------------------

    /**
     * An article as recorded.
     *
     * @param job the job
     * @param key the source id, else a content hash
     * @param contentHash SHA-256 of what was translated
     * @param origin where it was read from
     * @param status its status
     * @param attempts failing runs so far (0 once done)
     * @param lastError the last failure, or null
     * @param output the output files holding it, or null
     */
    public record ArticleRow(String job, String key, String contentHash, String origin, ArticleStatus status,
            int attempts, String lastError, String output) {
    }

    /** Every recorded article of a job, by key. */
    public Map<String, ArticleRow> articles(String job) {
        Map<String, ArticleRow> out = new HashMap<>();
        for (ArticleRow row : query("WHERE job = ?", job)) {
            out.put(row.key(), row);
        }
        return out;
    }

    /** Quarantined articles of one job or (null) of all. */
    public List<ArticleRow> quarantined(String job) {
        return query("WHERE status = 'quarantined' AND (? IS NULL OR job = ?) ORDER BY job, article_key", job, job);
    }

    private List<ArticleRow> query(String where, String... args) {
        try (PreparedStatement s = db.prepareStatement("SELECT job, article_key, content_hash, origin, status, attempts, "
                + "last_error, output FROM articles " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<ArticleRow> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new ArticleRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            ArticleStatus.fromDb(r.getString(5)), r.getInt(6), r.getString(7), r.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read articles", e);
        }
    }

    /**
     * Records a failed article: its attempts go up by one (starting again when its content changed),
     * and it is quarantined when they reach {@code maxAttempts}.
     *
     * @return the status recorded and the attempts so far
     */
    public RecordedFailure recordFailure(String job, long runId, String key, String contentHash, String origin,
            String error, int maxAttempts, Instant now) {
        return transaction("record a failed article", () -> {
            int attempts = 0;
            try (PreparedStatement s = db.prepareStatement("SELECT content_hash, attempts, status FROM articles "
                    + "WHERE job = ? AND article_key = ?")) {
                s.setString(1, job);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getString(1).equals(contentHash) && !"done".equals(r.getString(3))) {
                        attempts = r.getInt(2);
                    }
                }
            }
            attempts++;
            ArticleStatus status = attempts >= maxAttempts ? ArticleStatus.QUARANTINED : ArticleStatus.FAILED;
            upsert(job, runId, key, contentHash, origin, status, attempts, error, null, now);
            return new RecordedFailure(status, attempts);
        });
    }

    /**
     * What {@link #recordFailure} recorded.
     *
     * @param status failed, or quarantined at the limit
     * @param attempts failing runs so far
     */
    public record RecordedFailure(ArticleStatus status, int attempts) {
    }

    private void upsert(String job, long runId, String key, String hash, String origin, ArticleStatus status,
            int attempts, String error, String output, Instant now) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO articles (job, article_key, content_hash, origin, "
                + "status, attempts, last_error, output, run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (job, article_key) DO UPDATE SET content_hash = excluded.content_hash, "
                + "origin = excluded.origin, status = excluded.status, attempts = excluded.attempts, "
                + "last_error = excluded.last_error, output = excluded.output, run_id = excluded.run_id, "
                + "updated_at = excluded.updated_at")) {
            s.setString(1, job);
            s.setString(2, key);
            s.setString(3, hash);
            s.setString(4, origin);
            s.setString(5, status.dbName());
            s.setInt(6, attempts);
            s.setString(7, error);
            s.setString(8, output);
            s.setLong(9, runId);
            s.setString(10, now.toString());
            s.executeUpdate();
        }
    }

    // ---- output chunks ------------------------------------------------------------------------

    /**
     * A chunk whose files may or may not have been written, and whose articles were not committed.
     *
     * @param id the chunk id
     * @param files the files it was to write
     */
    public record PendingChunk(long id, List<Path> files) {
    }

    /** Records, before any byte is written, that a chunk will write {@code files}; returns its id. */
    public long beginChunk(String job, long runId, List<Path> files) {
        return transaction("record an output chunk", () -> {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO chunks (job, run_id, files, status) "
                    + "VALUES (?, ?, ?, 'pending')", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, job);
                s.setLong(2, runId);
                s.setString(3, String.join("\n", files.stream().map(p -> p.toAbsolutePath().toString()).toList()));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * The article of a committed chunk.
     *
     * @param key the article key
     * @param contentHash its content hash
     * @param origin where it was read from
     */
    public record CommittedArticle(String key, String contentHash, String origin) {
    }

    /** In one transaction, marks the chunk committed and its articles done with their output location. */
    public void commitChunk(String job, long runId, long chunkId, List<CommittedArticle> articles, String output,
            Instant now) {
        transaction("commit an output chunk", () -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE chunks SET status = 'committed' WHERE id = ?")) {
                s.setLong(1, chunkId);
                s.executeUpdate();
            }
            for (CommittedArticle a : articles) {
                upsert(job, runId, a.key(), a.contentHash(), a.origin(), ArticleStatus.DONE, 0, null, output, now);
            }
            return null;
        });
    }

    /** The job's chunks begun but never committed: their files, if any, hold uncommitted articles. */
    public List<PendingChunk> pendingChunks(String job) {
        try (PreparedStatement s = db.prepareStatement("SELECT id, files FROM chunks WHERE job = ? AND status = 'pending' "
                + "ORDER BY id")) {
            s.setString(1, job);
            List<PendingChunk> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new PendingChunk(r.getLong(1), files(r.getString(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list pending chunks", e);
        }
    }

    /** The files of the job's committed chunks, newest chunk first. */
    public List<Path> committedFiles(String job) {
        try (PreparedStatement s = db.prepareStatement("SELECT files FROM chunks WHERE job = ? AND status = 'committed' "
                + "ORDER BY id DESC")) {
            s.setString(1, job);
            List<Path> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.addAll(files(r.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list committed chunks", e);
        }
    }

    /** The paths of a chunk's {@code files} column, one per line. */
    private static List<Path> files(String column) {
        return Arrays.stream(column.split("\n")).map(Path::of).toList();
    }

    /** Marks a chunk abandoned, once its files are gone. */
    public void abandonChunk(long chunkId) {
        transaction("abandon an output chunk", () -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE chunks SET status = 'abandoned' WHERE id = ?")) {
                s.setLong(1, chunkId);
                s.executeUpdate();
                return null;
            }
        });
    }

    // ---- translation memory -------------------------------------------------------------------

    /**
     * The stored translations of {@code sources} (normalised) for a model and generation settings,
     * each with its confidence, null for an entry stored without one (or before confidences were kept).
     */
    public Map<String, Translation> memoryLookup(String modelKey, String generationKey, List<String> sources) {
        Map<String, Translation> out = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT target, target_tokens, confidence FROM translation_memory "
                + "WHERE model_key = ? AND generation_key = ? AND source = ?")) {
            for (String source : sources) {
                s.setString(1, modelKey);
                s.setString(2, generationKey);
                s.setString(3, source);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        // getObject, not getDouble and wasNull: with this SQLite driver a NULL came back
                        // as 0 with wasNull false, and 0 would read as a confidence of certainty.
                        Object confidence = r.getObject(3);
                        out.put(source, new Translation(r.getString(1), r.getInt(2),
                                confidence == null ? null : ((Number) confidence).doubleValue()));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the translation memory", e);
        }
    }

    /** Stores translations (keys normalised) in one transaction; an existing entry is kept. */
    public void memoryStore(String modelKey, String generationKey, Map<String, Translation> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        transaction("write the translation memory", () -> {
            try (PreparedStatement s = db.prepareStatement("INSERT OR IGNORE INTO translation_memory (model_key, "
                    + "generation_key, source, target, target_tokens, created_at, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Translation> e : new LinkedHashMap<>(entries).entrySet()) {
                    s.setString(1, modelKey);
                    s.setString(2, generationKey);
                    s.setString(3, e.getKey());
                    s.setString(4, e.getValue().text());
                    s.setInt(5, e.getValue().tokens());
                    s.setString(6, now.toString());
                    if (e.getValue().confidence() == null) {
                        s.setNull(7, Types.REAL);
                    } else {
                        s.setDouble(7, e.getValue().confidence());
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** Counts the hits of entries and notes when they were used, for pruning by use. */
    public void memoryHits(String modelKey, String generationKey, List<String> sources, Instant now) {
        if (sources.isEmpty()) {
            return;
        }
        transaction("count translation-memory hits", () -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE translation_memory SET hits = hits + 1, last_used_at = ? "
                    + "WHERE model_key = ? AND generation_key = ? AND source = ?")) {
                for (String source : sources) {
                    s.setString(1, now.toString());
                    s.setString(2, modelKey);
                    s.setString(3, generationKey);
                    s.setString(4, source);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /**
     * Deletes translation-memory entries last used (stored or hit) before {@code cutoff}, whatever
     * their model or settings: entries of a replaced model revision age out the same way.
     *
     * @return how many entries were deleted
     */
    public long memoryPrune(Instant cutoff) {
        return transaction("prune the translation memory", () -> {
            try (PreparedStatement s = db.prepareStatement(
                    "DELETE FROM translation_memory WHERE COALESCE(last_used_at, created_at) < ?")) {
                // ISO-8601 instants in UTC ("2024-11-22T17:38:00Z") compare as text in time order to the
                // second, which is all that pruning by days needs.
                s.setString(1, cutoff.toString());
                return (long) s.executeUpdate();
            }
        });
    }

    /**
     * The numeric date order each input of a job has settled, by the input as written in the job
     * file: a one-day slice of a feed cannot settle it alone, so the order learnt from a fuller file
     * is kept.
     *
     * @return {@code day-first} or {@code month-first} by source
     */
    public Map<String, String> dateOrders(String job) {
        Map<String, String> orders = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT source, date_order FROM date_orders WHERE job = ?")) {
            s.setString(1, job);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    orders.put(r.getString(1), r.getString(2));
                }
            }
            return orders;
        } catch (SQLException e) {
            throw failure("read the date orders of job '" + job + "'", e);
        }
    }

    /**
     * Records the date order a file of {@code source} settled by its own values.
     *
     * @param order {@code day-first} or {@code month-first}
     * @param settledBy the file whose values settled it
     */
    public void rememberDateOrder(String job, String source, String order, String settledBy, Instant now) {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO date_orders (job, source, date_order, settled_by, "
                + "settled_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job, source) DO UPDATE SET date_order = excluded.date_order, "
                + "settled_by = excluded.settled_by, settled_at = excluded.settled_at")) {
            s.setString(1, job);
            s.setString(2, source);
            s.setString(3, order);
            s.setString(4, settledBy);
            s.setString(5, now.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the date order of '" + source + "'", e);
        }
    }

    /**
     * One write of a distributed run (the Spark runner): its output folder, and whether it was
     * committed. A wave is recorded {@code running} before its write starts and {@code committed}
     * after the write has committed, so a wave left running by a killed driver names the folder to
     * delete before the job runs again.
     */
    public record Wave(long id, String output, String status, int articles) {
    }

    /** In a wave's output folder, the placeholder for the wave's id. */
    public static final String WAVE = "{wave}";

    /**
     * Records a wave about to write {@code output} (where {@value #WAVE} becomes the wave's id);
     * returns its id.
     */
    public long beginWave(String job, String output, Instant now) {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO waves (job, output, status, started_at) VALUES (?, ?, "
                + "'running', ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, job);
            s.setString(2, output);
            s.setString(3, now.toString());
            s.executeUpdate();
            long id;
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            if (output.contains(WAVE)) {
                try (PreparedStatement u = db.prepareStatement("UPDATE waves SET output = ? WHERE id = ?")) {
                    u.setString(1, output.replace(WAVE, Long.toString(id)));
                    u.setLong(2, id);
                    u.executeUpdate();
                }
            }
            return id;
        } catch (SQLException e) {
            throw failure("record a wave of job '" + job + "'", e);
        }
    }

    /** Marks a wave {@code committed} (its output is whole) or {@code abandoned} (its output was removed). */
    public void finishWave(long id, String status, int articles, Instant now) {
        try (PreparedStatement s = db.prepareStatement("UPDATE waves SET status = ?, articles = ?, finished_at = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setInt(2, articles);
            s.setString(3, now.toString());
            s.setLong(4, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the end of wave " + id, e);
        }
    }

    /** The job's waves with the given status, oldest first. */
    public List<Wave> waves(String job, String status) {
        List<Wave> waves = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, output, status, articles FROM waves WHERE job = ? "
                + "AND status = ? ORDER BY id")) {
            s.setString(1, job);
            s.setString(2, status);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    waves.add(new Wave(r.getLong(1), r.getString(2), r.getString(3), r.getInt(4)));
                }
            }
            return waves;
        } catch (SQLException e) {
            throw failure("read the waves of job '" + job + "'", e);
        }
    }

    /** Entries in the translation memory, for status and tests. */
    public long memorySize() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM translation_memory")) {
            return r.getLong(1);
        } catch (SQLException e) {
            throw failure("count the translation memory", e);
        }
    }

    /** Closes the connection. */
    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Every change was committed in its own transaction; there is nothing left to lose.
        }
    }
}
