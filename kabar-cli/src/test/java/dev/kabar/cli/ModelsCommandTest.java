package dev.kabar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kabar.hub.HubSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kabar models pull|list|verify} against a minimal hub on 127.0.0.1 (the full fake hub with
 * faults lives in the hub package's tests; this one serves every file directly with its git blob id
 * or sha256 as ETag, which is all the commands need).
 */
@Timeout(60)
class ModelsCommandTest {

    private static final String ID = "kabar-test/marian-tiny";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path hfHome;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, byte[]> files = new TreeMap<>();

    private record Run(int code, String out, String err) { }

    @BeforeEach
    void startHub() throws IOException {
        Path dir = Paths.get(System.getProperty("conformance.dir", "../shared/conformance")).resolve("marian-tiny");
        for (String name : List.of("config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm",
                "vocab.json", "tokenizer_config.json", "special_tokens_map.json", "pytorch_model.bin")) {
            files.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            try (ex) {
                String path = ex.getRequestURI().getPath();
                if (path.equals("/api/models/" + ID + "/revision/main")) {
                    StringBuilder json = new StringBuilder("{\"sha\": \"" + COMMIT + "\", \"siblings\": [");
                    String sep = "";
                    for (Map.Entry<String, byte[]> f : files.entrySet()) {
                        boolean lfs = isLfs(f.getKey());
                        json.append(sep).append("{\"rfilename\": \"").append(f.getKey()).append("\", \"size\": ")
                                .append(f.getValue().length).append(", \"blobId\": \"").append(gitBlobId(f.getValue())).append('"')
                                .append(lfs ? ", \"lfs\": {\"sha256\": \"" + sha256(f.getValue()) + "\", \"size\": "
                                        + f.getValue().length + "}" : "")
                                .append('}');
                        sep = ", ";
                    }
                    byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                } else if (path.startsWith("/" + ID + "/resolve/" + COMMIT + "/")) {
                    byte[] body = files.get(path.substring(path.lastIndexOf('/') + 1));
                    ex.getResponseHeaders().add("X-Repo-Commit", COMMIT);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                } else {
                    ex.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                    ex.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stopHub() {
        server.stop(0);
    }

    private static boolean isLfs(String name) {
        return name.endsWith(".safetensors") || name.endsWith(".bin") || name.endsWith(".spm");
    }

    private static String sha256(byte[] data) {
        return hex("SHA-256", data);
    }

    private static String gitBlobId(byte[] data) {
        byte[] header = ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + data.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(data, 0, all, header.length, data.length);
        return hex("SHA-1", all);
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Run run(HubSettings settings, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ModelsCommand(settings));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private HubSettings settings() {
        return HubSettings.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), hfHome);
    }

    private Path snapshot() {
        return hfHome.resolve("hub/models--kabar-test--marian-tiny/snapshots").resolve(COMMIT);
    }

    @Test
    void pullPrintsTheSnapshotFolderAndProgressGoesToStandardError() {
        Run r = run(settings(), "pull", ID);
        assertEquals(Main.EXIT_OK, r.code(), r.err());
        assertEquals(snapshot().toString(), r.out().strip());
        assertTrue(r.err().contains("Downloading model.safetensors") && r.err().contains("8 of 8 files downloaded"), r.err());
        assertTrue(!Files.exists(snapshot().resolve("pytorch_model.bin")));

        Run again = run(settings(), "pull", ID, "--revision", "main");
        assertEquals(Main.EXIT_OK, again.code(), again.err());
        assertTrue(again.err().contains("0 of 8 files downloaded"), again.err());
    }

    @Test
    void lockWritesTheJobsLockFileAndUpdateSaysWhatChanged() throws IOException {
        Path jobs = Files.createDirectories(hfHome.resolve("jobs"));
        Path job = jobs.resolve("nightly.yaml");
        Path input = jobs.resolve("in.txt");
        Files.writeString(input, "Judul\n\nIsi berita.\n");
        Files.writeString(job, "inputs:\n  - path: " + input + "\nmodels:\n  translator: " + ID + "\noutputs:\n  folder: "
                + jobs.resolve("out") + "/{date}\n");
        Run locked = run(settings(), "lock", job.toString());
        assertEquals(Main.EXIT_OK, locked.code(), locked.err());
        assertEquals("translator " + ID + "@main: locked at commit " + COMMIT, locked.out().strip());
        Path lock = jobs.resolve("nightly.lock");
        assertTrue(Files.readString(lock).contains("\"commit\" : \"" + COMMIT + "\""), Files.readString(lock));
        Run again = run(settings(), "lock", job.toString());
        assertEquals("translator " + ID + "@main: unchanged at commit " + COMMIT, again.out().strip());
        Run update = run(settings(), "update", job.toString());
        assertEquals(Main.EXIT_OK, update.code(), update.err());
        assertEquals("translator " + ID + "@main: unchanged at commit " + COMMIT, update.out().strip(), "the hub's main has not moved");
        Run offline = run(settings().withOffline(true), "update", job.toString());
        assertEquals(Main.EXIT_FAILED, offline.code());
        assertTrue(offline.err().contains("HF_HUB_OFFLINE is set"), offline.err());
        Run missing = run(settings(), "lock", "no-such-job");
        assertEquals(Main.EXIT_USAGE, missing.code(), missing.err());
    }

    @Test
    void listShowsModelRevisionCommitAndState() {
        Run empty = run(settings(), "list");
        assertEquals(Main.EXIT_OK, empty.code());
        assertTrue(empty.out().startsWith("No models in the cache"), empty.out());

        run(settings(), "pull", ID);
        Run r = run(settings(), "list");
        assertEquals(Main.EXIT_OK, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).matches("MODEL\\s+REVISIONS\\s+COMMIT\\s+FILES\\s+SIZE\\s+STATE\\s+FOLDER"), lines.get(0));
        assertTrue(lines.get(1).matches(ID + "\\s+main\\s+" + COMMIT + "\\s+8\\s+[0-9.]+ MB\\s+complete\\s+" + snapshot()),
                lines.get(1));
    }

    @Test
    void verifyReHashesTheCacheFindsACorruptBlobAndRepairLetsPullFetchItAgain() throws IOException {
        run(settings(), "pull", ID);
        int before = requests.get();
        Run ok = run(settings().withOffline(true), "verify");
        assertEquals(Main.EXIT_OK, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().lines().filter(l -> l.startsWith("OK ")).count() == 8, ok.out());
        assertTrue(ok.out().contains("Checked 8 files in 1 snapshots: all good."), ok.out());
        assertEquals(before, requests.get(), "verify needs no network");

        // Flip one byte of a blob behind the cache's back.
        Path blob = snapshot().resolve(Files.readSymbolicLink(snapshot().resolve("model.safetensors"))).normalize();
        byte[] data = Files.readAllBytes(blob);
        data[data.length / 2] ^= 1;
        Files.write(blob, data);

        Run bad = run(settings(), "verify", ID);
        assertEquals(Main.EXIT_FAILED, bad.code());
        String line = bad.out().lines().filter(l -> l.startsWith("CORRUPT")).findFirst().orElse("");
        assertTrue(line.contains(ID) && line.contains("model.safetensors") && line.contains(sha256(files.get("model.safetensors")))
                && line.contains("--repair"), bad.out());

        Run repaired = run(settings(), "verify", "--repair", ID);
        assertEquals(Main.EXIT_FAILED, repaired.code(), "the run that repairs still reports what it found");
        assertTrue(!Files.exists(blob));
        assertEquals(Main.EXIT_OK, run(settings(), "pull", ID).code());
        assertEquals(Main.EXIT_OK, run(settings(), "verify", ID + "@main").code());
    }

    @Test
    void failuresAndUsageErrorsHaveTheirExitCodesAndSentences() {
        Run offline = run(settings().withOffline(true), "pull", ID);
        assertEquals(Main.EXIT_FAILED, offline.code());
        assertTrue(offline.err().startsWith("kabar: ") && offline.err().contains("HF_HUB_OFFLINE"), offline.err());

        Run unknown = run(settings(), "pull", "kabar-test/nope");
        assertEquals(Main.EXIT_FAILED, unknown.code());
        assertTrue(unknown.err().contains("kabar-test/nope"), unknown.err());

        Run badId = run(settings(), "pull", "not an id");
        assertEquals(Main.EXIT_USAGE, badId.code());
        assertTrue(badId.err().contains("'not an id'"), badId.err());

        Run twoRevisions = run(settings(), "pull", ID + "@v1", "--revision", "v2");
        assertEquals(Main.EXIT_USAGE, twoRevisions.code());

        Run notCached = run(settings(), "verify", ID);
        assertEquals(Main.EXIT_FAILED, notCached.code());
        assertTrue(notCached.err().contains("not in the cache"), notCached.err());
    }

    @Test
    void theModelsCommandIsRegisteredOnKabar() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(Main.EXIT_OK, cli.execute("models", "pull", "--help"));
        assertTrue(out.toString().contains("--revision"), out.toString());
    }
}
