package dev.kabar.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.job.EngineTranslatorFactory;
import dev.kabar.job.Job;
import dev.kabar.job.JobFiles;
import dev.kabar.job.JobRunner;
import dev.kabar.job.ModelLockException;
import dev.kabar.job.ModelLocks;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock files against a hub on 127.0.0.1: the first run locks and downloads, a moved branch keeps the
 * locked commit until {@code update}, offline runs need the lock and the cache, and a cached file
 * that no longer matches its lock is refused by name.
 */
class ModelLocksTest {

    private static final String ID = "Helsinki-NLP/opus-mt-id-en";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private FakeHub hub;
    private FakeHub.Repo first;
    private Path hfHome;
    private Path jobFile;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hub = FakeHub.start();
        first = hub.serve(ID, FakeHub.conformance("marian-tiny"));
        hfHome = dir.resolve("hf");
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "Menhan AS teleponan dengan Rusia\n\nJakarta - Menteri Pertahanan AS menelepon Menteri Pertahanan Rusia.\n");
        jobFile = dir.resolve("nightly.yaml");
        Files.writeString(jobFile, "inputs:\n  - path: " + input + "\n    format: text\nmodels:\n  translator: " + ID + "\ngeneration:\n"
                + "  max_new_tokens: 8\noutputs:\n  folder: " + dir.resolve("out") + "/{date}\n");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private ModelLocks locks(HubSettings settings) {
        return new ModelLocks(settings, progress::add, CLOCK);
    }

    private HubSettings online() {
        return HubSettings.of(hub.endpoint(), hfHome);
    }

    private JsonNode lock() throws Exception {
        return JSON.readTree(ModelLocks.lockFileOf(jobFile).toFile()).get("models").get("translator");
    }

    @Test
    void theFirstRunLocksTheCommitAndDownloadsIt() throws Exception {
        assertFalse(Files.exists(dir.resolve("nightly.lock")));
        Path snapshot = Path.of(locks(online()).resolve(jobFile, "translator", ID));
        assertEquals(first.commit, snapshot.getFileName().toString());
        assertTrue(Files.isRegularFile(snapshot.resolve("config.json")));
        JsonNode entry = lock();
        assertEquals(ID, entry.get("model").asText());
        assertEquals("main", entry.get("revision").asText());
        assertEquals(first.commit, entry.get("commit").asText());
        assertEquals("2026-12-07T02:00:00Z", entry.get("locked_at").asText());
        int files = 0;
        for (JsonNode f : entry.get("files")) {
            byte[] served = first.files.get(f.get("path").asText());
            assertEquals(served.length, f.get("size").asLong(), f.toString());
            assertEquals(FakeHub.sha256(served), f.get("sha256").asText(), f.toString());
            files++;
        }
        assertTrue(files >= 4, entry.toString());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("Locked translator " + ID + "@main at commit " + first.commit)), progress.toString());
    }

    @Test
    void aMovedBranchKeepsTheLockedCommitUntilUpdateMovesIt() throws Exception {
        locks(online()).resolve(jobFile, "translator", ID);
        FakeHub.Repo second = hub.serve(ID, FakeHub.conformance("marian-tiny-b"), "v2");
        assertFalse(second.commit.equals(first.commit));
        Path kept = Path.of(locks(online()).resolve(jobFile, "translator", ID));
        assertEquals(first.commit, kept.getFileName().toString(), "the lock holds");
        assertEquals(first.commit, lock().get("commit").asText());

        Job job = JobFiles.load(jobFile);
        List<ModelLocks.Change> unchanged = locks(online()).lock(job);
        assertEquals("translator " + ID + "@main: unchanged at commit " + first.commit, unchanged.get(0).describe());
        List<ModelLocks.Change> moved = locks(online()).update(job);
        String said = moved.get(0).describe();
        assertTrue(said.startsWith("translator " + ID + "@main: commit " + first.commit + " → " + second.commit) && said.contains("changed: "),
                said);
        assertTrue(said.contains("model.safetensors"), said);
        assertEquals(second.commit, lock().get("commit").asText());
        assertEquals(second.commit, Path.of(locks(online()).resolve(jobFile, "translator", ID)).getFileName().toString());
    }

    @Test
    void offlineALockedCachedModelRunsAndAnUnlockedOneIsAClearError() throws Exception {
        locks(online()).resolve(jobFile, "translator", ID);
        int before = hub.requests.size();
        Path offline = Path.of(locks(online().withOffline(true)).resolve(jobFile, "translator", ID));
        assertEquals(first.commit, offline.getFileName().toString());
        assertEquals(before, hub.requests.size(), "offline asks nothing of the hub");

        Files.delete(ModelLocks.lockFileOf(jobFile));
        ModelLockException e = assertThrows(ModelLockException.class,
                () -> locks(online().withOffline(true)).resolve(jobFile, "translator", ID));
        assertTrue(e.getMessage().contains("is not locked yet") && e.getMessage().contains("HF_HUB_OFFLINE is set")
                && e.getMessage().contains("kabar models lock " + jobFile) && e.getMessage().contains("The hub is " + hub.endpoint()
                + ", set by HF_ENDPOINT") && e.getMessage().contains("run jobs/example.yaml"), e.getMessage());

        // Locked, but the cache lost the snapshot: offline, it cannot be had, and the message says where to get it.
        locks(online()).resolve(jobFile, "translator", ID);
        deleteRecursively(hfHome.resolve("hub"));
        ModelLockException gone = assertThrows(ModelLockException.class,
                () -> locks(online().withOffline(true)).resolve(jobFile, "translator", ID));
        assertTrue(gone.getMessage().contains("locks translator " + ID + "@main at commit " + first.commit + ", which cannot be had")
                && gone.getMessage().contains("kabar models pull") && gone.getMessage().contains("run jobs/example.yaml"), gone.getMessage());
    }

    @Test
    void aCachedFileThatNoLongerMatchesItsLockIsRefusedByName() throws Exception {
        Path snapshot = Path.of(locks(online()).resolve(jobFile, "translator", ID));
        Path config = snapshot.resolve("config.json").toRealPath();
        Files.writeString(config, Files.readString(config).replace("\"d_model\": 32", "\"d_model\": 33"));
        ModelLockException e = assertThrows(ModelLockException.class, () -> locks(online()).resolve(jobFile, "translator", ID));
        assertTrue(e.getMessage().contains("locks file config.json of translator " + ID + " at commit " + first.commit)
                && e.getMessage().contains("SHA-256") && e.getMessage().contains("kabar models verify --repair"), e.getMessage());
    }

    @Test
    void anUnreachableHubNamesItsAddressAndTheWaysOut() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HubSettings nowhere = HubSettings.of(URI.create("http://127.0.0.1:" + port), hfHome);
        ModelLockException e = assertThrows(ModelLockException.class, () -> locks(nowhere).resolve(jobFile, "translator", ID));
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + port) && e.getMessage().contains("HF_ENDPOINT")
                && e.getMessage().contains("HF_HUB_OFFLINE") && e.getMessage().contains("run jobs/example.yaml"), e.getMessage());
        assertFalse(Files.exists(ModelLocks.lockFileOf(jobFile)), "nothing locked");
    }

    @Test
    void aFolderOrAPinnedCommitNeedsNoLock() throws Exception {
        String folder = FakeHub.conformance("marian-tiny").toString();
        assertEquals(folder, locks(online()).resolve(jobFile, "translator", folder));
        String pinned = ID + "@" + first.commit;
        assertEquals(pinned, locks(online()).resolve(jobFile, "translator", pinned));
        assertFalse(Files.exists(ModelLocks.lockFileOf(jobFile)));
    }

    /**
     * The README's first command, {@code kabar run jobs/nightly.yaml}, as a separate process on a copy
     * of the repository's job and sample, with {@code HF_ENDPOINT} pointing at a hub on 127.0.0.1 that
     * serves a checkpoint as {@code Helsinki-NLP/opus-mt-id-en}: it locks, downloads, translates and
     * writes the digest; run again with {@code HF_HUB_OFFLINE=1}, it finds nothing left to do.
     */
    @Test
    void theNightlyJobRunsFromTheCommandLineAgainstAHubOnLoopback() throws Exception {
        Path work = Files.createDirectories(dir.resolve("clone"));
        Files.createDirectories(work.resolve("jobs"));
        Files.createDirectories(work.resolve("data"));
        Files.copy(Path.of("jobs/nightly.yaml"), work.resolve("jobs/nightly.yaml"));
        Files.copy(Path.of("data/jurnas-2024-11-22-menhan-as-rusia.txt"), work.resolve("data/jurnas-2024-11-22-menhan-as-rusia.txt"));
        String output = runKabar(work, false, "run", "jobs/nightly.yaml");
        assertTrue(Files.isRegularFile(work.resolve("jobs/nightly.lock")), output);
        assertEquals(first.commit, JSON.readTree(work.resolve("jobs/nightly.lock").toFile()).get("models").get("translator").get("commit").asText());
        try (var dates = Files.list(work.resolve("out/nightly"))) {
            Path day = dates.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
            try (var files = Files.list(day)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertTrue(names.contains("nightly-digest.html") && names.stream().anyMatch(n -> n.endsWith(".jsonl"))
                        && names.stream().anyMatch(n -> n.endsWith(".csv")), names.toString());
            }
        }
        int before = hub.requests.size();
        String again = runKabar(work, true, "run", "jobs/nightly.yaml");
        assertEquals(before, hub.requests.size(), "offline, from the lock and the cache: " + again);
    }

    private String runKabar(Path work, boolean offline, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "dev.kabar.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        process.environment().put("HF_ENDPOINT", hub.endpoint().toString());
        process.environment().put("HF_HOME", hfHome.toString());
        process.environment().remove("HF_TOKEN");
        if (offline) {
            process.environment().put("HF_HUB_OFFLINE", "1");
        } else {
            process.environment().remove("HF_HUB_OFFLINE");
        }
        Process p = process.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void aJobOnABranchRunsEndToEndAndLocksItsModel() throws Exception {
        JobRunner runner = new JobRunner(new EngineTranslatorFactory(), UnaryOperator.identity(), CLOCK, locks(online()));
        JobRunner.Result result = runner.run(JobFiles.load(jobFile), line -> { });
        assertEquals(1, result.report().articles().done(), result.report().toString());
        assertEquals("completed", result.report().status(), result.report().toString());
        assertEquals(first.commit, lock().get("commit").asText());
        assertTrue(Files.isRegularFile(result.reportFile()));
    }
}
