package dev.kabar.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.engine.Seq2SeqEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a fake hub on 127.0.0.1 into a cache in a temporary HF_HOME. */
@Timeout(60) // a download that hangs is a failure, not a stuck build
class ModelHubTest {

    private static final String MARIAN = "kabar-test/marian-tiny";
    private static final String BART = "kabar-test/bart-tiny";

    @TempDir
    Path hfHome;

    private FakeHub server;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void startHub() {
        server = FakeHub.start();
        server.serve(MARIAN, FakeHub.conformance("marian-tiny"));
        server.serve(BART, FakeHub.conformance("bart-tiny"));
    }

    @AfterEach
    void stopHub() {
        server.close();
    }

    private HubSettings settings() {
        return HubSettings.of(server.endpoint(), hfHome);
    }

    private ModelHub hub(HubSettings settings) {
        // Progress on every chunk and no waiting between retries: the tests look at both quickly.
        return new ModelHub(settings, progress::add, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30));
    }

    private Path repoDir(String repoId) {
        return hfHome.resolve("hub").resolve("models--" + repoId.replace("/", "--"));
    }

    @Test
    void pullFetchesOnlyWhatTheEngineReadsInThePythonLayoutAndTheSnapshotLoads() throws IOException {
        FakeHub.Repo repo = server.serve(MARIAN, FakeHub.conformance("marian-tiny"));
        PullResult result = hub(settings()).pull(ModelId.parse(MARIAN));

        assertEquals(repo.commit, result.commit());
        assertEquals(repoDir(MARIAN).resolve("snapshots").resolve(repo.commit), result.snapshot());
        assertEquals(List.of("config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm",
                "vocab.json", "tokenizer_config.json", "special_tokens_map.json"), result.files());
        assertEquals(result.files(), result.downloaded());
        // Not pytorch_model.bin (safetensors wins), not the test files the folder also has.
        assertFalse(Files.exists(result.snapshot().resolve("pytorch_model.bin")));
        assertFalse(Files.exists(result.snapshot().resolve("golden.jsonl")));
        assertEquals(List.of(), server.requests.stream().filter(r -> r.path().contains("pytorch_model.bin")
                || r.path().contains("golden")).toList());

        for (String file : result.files()) {
            Path link = result.snapshot().resolve(file);
            byte[] data = repo.files.get(file);
            String etag = FakeHub.etag(file, data);
            assertTrue(Files.isSymbolicLink(link), file + " is a symlink");
            assertEquals(Path.of("..", "..", "blobs", etag), Files.readSymbolicLink(link), file + " links relatively to its blob");
            assertTrue(Arrays.equals(data, Files.readAllBytes(link)), file + " has the served content");
        }
        assertEquals(repo.commit, Files.readString(repoDir(MARIAN).resolve("refs/main"), StandardCharsets.UTF_8));
        try (Stream<Path> blobs = Files.list(repoDir(MARIAN).resolve("blobs"))) {
            assertEquals(List.of(), blobs.filter(p -> p.toString().endsWith(".incomplete")).toList());
        }

        try (Seq2SeqEngine fromCache = Seq2SeqEngine.load(result.snapshot());
                Seq2SeqEngine fromFolder = Seq2SeqEngine.load(FakeHub.conformance("marian-tiny"))) {
            List<String> input = List.of("Harga beras naik di Jakarta.");
            Map<String, Object> gen = Map.of("max_new_tokens", 8);
            assertEquals(fromFolder.generate(input, gen), fromCache.generate(input, gen));
        }
    }

    @Test
    void pullOfABartModelTakesItsTokenizerFilesAndLoads() {
        PullResult result = hub(settings()).pull(ModelId.parse(BART));
        assertEquals(List.of("config.json", "model.safetensors", "vocab.json", "tokenizer.json", "merges.txt",
                "tokenizer_config.json", "special_tokens_map.json"), result.files());
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(result.snapshot())) {
            assertEquals(1, engine.generate(List.of("Harga beras naik."), Map.of("max_new_tokens", 4)).size());
        }
    }

    @Test
    void aSecondPullAsksForTheCommitButDownloadsNothing() {
        hub(settings()).pull(ModelId.parse(MARIAN));
        server.requests.clear();
        PullResult again = hub(settings()).pull(ModelId.parse(MARIAN));
        assertEquals(0, server.fileDownloads(), server.requests.toString());
        assertEquals(1, server.apiCalls());
        assertEquals(List.of(), again.downloaded());
    }

    @Test
    void aPinnedCommitInTheCacheResolvesWithoutAnyRequest() {
        String commit = hub(settings()).pull(ModelId.parse(MARIAN)).commit();
        server.requests.clear();
        Path folder = hub(settings()).resolve(ModelId.parse(MARIAN + "@" + commit));
        assertEquals(repoDir(MARIAN).resolve("snapshots").resolve(commit), folder);
        assertEquals(List.of(), server.requests);
    }

    @Test
    void aDroppedConnectionIsResumedWithARangeRequest() throws IOException {
        server.dropOnce.add("model.safetensors");
        byte[] data = Files.readAllBytes(FakeHub.conformance("marian-tiny").resolve("model.safetensors"));
        PullResult result = hub(settings()).pull(ModelId.parse(MARIAN));

        List<FakeHub.Request> ranged = server.requests.stream()
                .filter(r -> r.server().equals("cdn") && r.path().endsWith(FakeHub.sha256(data)) && r.range() != null).toList();
        assertEquals(1, ranged.size(), server.requests.toString());
        long resumedAt = Long.parseLong(ranged.get(0).range().replaceAll("\\D", ""));
        assertTrue(resumedAt > 0 && resumedAt < data.length, "resumed from the middle: " + resumedAt);
        assertTrue(Arrays.equals(data, Files.readAllBytes(result.snapshot().resolve("model.safetensors"))));
        assertEquals(data.length, result.downloaded().contains("model.safetensors") ? data.length : -1);
    }

    @Test
    void aDownloadThatGoesSilentIsBrokenOffAndResumed() throws IOException {
        server.stallOnce.add("model.safetensors");
        byte[] data = Files.readAllBytes(FakeHub.conformance("marian-tiny").resolve("model.safetensors"));
        long start = System.nanoTime();
        ModelHub impatient = new ModelHub(settings(), progress::add, Duration.ZERO, Duration.ZERO, Duration.ofMillis(500));
        PullResult result = impatient.pull(ModelId.parse(MARIAN));

        assertTrue((System.nanoTime() - start) / 1_000_000 < FakeHub.STALL_MILLIS, "did not wait for the server to give up");
        assertTrue(server.requests.stream().anyMatch(r -> r.server().equals("cdn") && r.range() != null
                && !r.range().equals("bytes=0-")), server.requests.toString());
        assertTrue(Arrays.equals(data, Files.readAllBytes(result.snapshot().resolve("model.safetensors"))));
    }

    @Test
    void aPartialFileLeftByAnEarlierRunIsContinued() throws IOException {
        byte[] data = Files.readAllBytes(FakeHub.conformance("marian-tiny").resolve("model.safetensors"));
        Path part = repoDir(MARIAN).resolve("blobs").resolve(FakeHub.sha256(data) + ".incomplete");
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(data, 100_000));

        PullResult result = hub(settings()).pull(ModelId.parse(MARIAN));

        assertTrue(server.requests.stream().anyMatch(r -> "bytes=100000-".equals(r.range())), server.requests.toString());
        assertTrue(Arrays.equals(data, Files.readAllBytes(result.snapshot().resolve("model.safetensors"))));
        assertFalse(Files.exists(part));
        assertTrue(progress.stream().anyMatch(l -> l.contains("model.safetensors") && l.contains("resuming")), progress.toString());
    }

    @Test
    void aCorruptDownloadIsRejectedNotLinkedAndTheNextPullRecovers() throws IOException {
        server.corrupt.add("model.safetensors");
        byte[] data = Files.readAllBytes(FakeHub.conformance("marian-tiny").resolve("model.safetensors"));
        String sha = FakeHub.sha256(data);

        HubException e = assertThrows(HubException.class, () -> hub(settings()).pull(ModelId.parse(MARIAN)));
        assertEquals(HubException.Reason.CORRUPT_DOWNLOAD, e.reason());
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains(MARIAN)
                && e.getMessage().contains(sha) && e.getMessage().contains("http://127.0.0.1:")
                && e.getMessage().contains("kabar models pull"), e.getMessage());
        Path blobs = repoDir(MARIAN).resolve("blobs");
        assertFalse(Files.exists(blobs.resolve(sha)), "no blob under the published name");
        assertFalse(Files.exists(blobs.resolve(sha + ".incomplete")), "bad bytes are not kept to resume from");
        FakeHub.Repo repo = server.serve(MARIAN, FakeHub.conformance("marian-tiny"));
        Path snapshot = repoDir(MARIAN).resolve("snapshots").resolve(repo.commit);
        assertFalse(Files.exists(snapshot.resolve("model.safetensors"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(repoDir(MARIAN).resolve("refs/main")), "no ref to an incomplete snapshot");

        server.corrupt.clear();
        PullResult result = hub(settings()).pull(ModelId.parse(MARIAN));
        assertTrue(Arrays.equals(data, Files.readAllBytes(result.snapshot().resolve("model.safetensors"))));
    }

    @Test
    void theTokenGoesToTheHubButNotToTheHostItRedirectsTo() {
        server.requiredToken = "hf_secret";
        HubException e = assertThrows(HubException.class, () -> hub(settings()).pull(ModelId.parse(MARIAN)));
        assertEquals(HubException.Reason.AUTHENTICATION_REQUIRED, e.reason());
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());

        server.requests.clear();
        hub(settings().withToken("hf_secret")).pull(ModelId.parse(MARIAN));
        List<FakeHub.Request> toHub = server.requests.stream().filter(r -> r.server().equals("hub")).toList();
        assertFalse(toHub.isEmpty());
        toHub.forEach(r -> assertEquals("Bearer hf_secret", r.authorization(), r.toString()));
        List<FakeHub.Request> toCdn = server.requests.stream().filter(r -> r.server().equals("cdn")).toList();
        assertFalse(toCdn.isEmpty(), "LFS files come through the redirect");
        toCdn.forEach(r -> assertNull(r.authorization(), r.toString()));
    }

    @Test
    void unknownModelsAndRevisionsAreNamed() {
        HubException noRepo = assertThrows(HubException.class, () -> hub(settings()).pull(ModelId.parse("kabar-test/nope")));
        assertEquals(HubException.Reason.REPOSITORY_NOT_FOUND, noRepo.reason());
        assertTrue(noRepo.getMessage().contains("kabar-test/nope") && noRepo.getMessage().contains("/api/models/kabar-test/nope"),
                noRepo.getMessage());
        HubException noRev = assertThrows(HubException.class, () -> hub(settings()).pull(ModelId.parse(MARIAN + "@v9")));
        assertEquals(HubException.Reason.REVISION_NOT_FOUND, noRev.reason());
        assertTrue(noRev.getMessage().contains("v9"), noRev.getMessage());
    }

    @Test
    void withoutBlobIdsInTheListingTheEtagComesFromAHeadRequestAndNamesTheSameBlobs() {
        server.listBlobIds = false;
        FakeHub.Repo repo = server.serve(MARIAN, FakeHub.conformance("marian-tiny"));
        PullResult result = hub(settings()).pull(ModelId.parse(MARIAN));
        assertTrue(server.requests.stream().anyMatch(r -> r.method().equals("HEAD")));
        for (String file : result.files()) {
            assertTrue(Files.isRegularFile(repoDir(MARIAN).resolve("blobs").resolve(FakeHub.etag(file, repo.files.get(file)))), file);
        }
    }

    @Test
    void shardedSafetensorsBringTheirShardsAndNothingElse() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", "{\"model_type\": \"marian\"}".getBytes(StandardCharsets.UTF_8));
        files.put("model.safetensors.index.json", ("{\"metadata\": {}, \"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\","
                + " \"b\": \"model-00002-of-00002.safetensors\", \"c\": \"model-00001-of-00002.safetensors\"}}")
                .getBytes(StandardCharsets.UTF_8));
        files.put("model-00001-of-00002.safetensors", new byte[] {1, 2, 3});
        files.put("model-00002-of-00002.safetensors", new byte[] {4, 5});
        files.put("pytorch_model.bin", new byte[] {6});
        files.put("tf_model.h5", new byte[] {7});
        files.put("tokenizer.json", "{}".getBytes(StandardCharsets.UTF_8));
        server.serve("kabar-test/sharded", files);

        PullResult result = hub(settings()).pull(ModelId.parse("kabar-test/sharded"));
        assertEquals(List.of("config.json", "model.safetensors.index.json", "tokenizer.json",
                "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"), result.files());
        assertTrue(Files.isRegularFile(result.snapshot().resolve("model-00002-of-00002.safetensors")));
        assertFalse(Files.exists(result.snapshot().resolve("tf_model.h5")));
    }

    @Test
    void aRepositoryWithoutUsableWeightsIsRefusedBeforeDownloading() {
        server.serve("kabar-test/tf-only", Map.of("config.json", new byte[] {'{', '}'}, "tf_model.h5", new byte[] {1}));
        HubException e = assertThrows(HubException.class, () -> hub(settings()).pull(ModelId.parse("kabar-test/tf-only")));
        assertEquals(HubException.Reason.NOT_A_CHECKPOINT, e.reason());
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("kabar-test/tf-only"), e.getMessage());
        assertEquals(0, server.fileDownloads());
    }

    @Test
    void whenTheHubIsUnreachableResolveFallsBackToTheCommitLastSeen() {
        String commit = hub(settings()).pull(ModelId.parse(MARIAN)).commit();
        HubSettings unreachable = settings();
        server.close();
        Path folder = hub(unreachable).resolve(ModelId.parse(MARIAN));
        assertEquals(repoDir(MARIAN).resolve("snapshots").resolve(commit), folder);

        HubException e = assertThrows(HubException.class, () -> hub(unreachable).pull(ModelId.parse(MARIAN)));
        assertEquals(HubException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().contains(unreachable.endpoint().toString()), e.getMessage());
    }

    @Test
    void progressLinesNameTheFileAndTheAmount() {
        hub(settings()).pull(ModelId.parse(MARIAN));
        assertTrue(progress.stream().anyMatch(l -> l.matches("\\s+model\\.safetensors: [0-9.]+ MB of 0\\.3 MB \\(\\d+%\\), .*")),
                progress.toString());
    }
}
