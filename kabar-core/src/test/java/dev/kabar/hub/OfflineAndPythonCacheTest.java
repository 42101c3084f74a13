package dev.kabar.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.engine.Seq2SeqEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline mode, and a cache written the way Python's huggingface_hub writes it, reused as it is. */
class OfflineAndPythonCacheTest {

    private static final String MARIAN = "Helsinki-NLP/opus-mt-tiny";
    private static final List<String> MARIAN_FILES = List.of("config.json", "generation_config.json", "model.safetensors",
            "source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json");

    @TempDir
    Path hfHome;

    private FakeHub server;
    private FakeHub.Repo repo;

    @BeforeEach
    void startHub() {
        server = FakeHub.start();
        repo = server.serve(MARIAN, FakeHub.conformance("marian-tiny"));
    }

    @AfterEach
    void stopHub() {
        server.close();
    }

    private ModelHub hub(boolean offline) {
        return new ModelHub(HubSettings.of(server.endpoint(), hfHome).withOffline(offline), line -> { },
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30));
    }

    private Path repoDir() {
        return hfHome.resolve("hub").resolve("models--Helsinki-NLP--opus-mt-tiny");
    }

    /** Writes the cache as huggingface_hub does: blobs named by ETag, relative links, refs/main without a newline. */
    private Path writePythonCache() throws IOException {
        Path snapshot = repoDir().resolve("snapshots").resolve(repo.commit);
        Files.createDirectories(snapshot);
        Files.createDirectories(repoDir().resolve("blobs"));
        for (String file : MARIAN_FILES) {
            byte[] data = repo.files.get(file);
            String etag = FakeHub.etag(file, data);
            Files.write(repoDir().resolve("blobs").resolve(etag), data);
            Files.createSymbolicLink(snapshot.resolve(file), Path.of("../../blobs/" + etag));
        }
        Files.createDirectories(repoDir().resolve("refs"));
        Files.writeString(repoDir().resolve("refs/main"), repo.commit, StandardCharsets.UTF_8);
        return snapshot;
    }

    @Test
    void offlineModeResolvesFromTheCacheWithoutRequests() {
        Path pulled = hub(false).pull(ModelId.parse(MARIAN)).snapshot();
        server.requests.clear();
        assertEquals(pulled, hub(true).resolve(ModelId.parse(MARIAN)));
        assertEquals(pulled, hub(true).resolve(ModelId.parse(MARIAN + "@" + repo.commit)));
        assertEquals(List.of(), server.requests);
    }

    @Test
    void aModelMissingInOfflineModeIsAClearError() {
        HubException e = assertThrows(HubException.class, () -> hub(true).resolve(ModelId.parse("Helsinki-NLP/opus-mt-id-en")));
        assertEquals(HubException.Reason.OFFLINE_NOT_CACHED, e.reason());
        String m = e.getMessage();
        assertTrue(m.contains("Helsinki-NLP/opus-mt-id-en") && m.contains("revision main") && m.contains("HF_HUB_OFFLINE")
                && m.contains("models--Helsinki-NLP--opus-mt-id-en") && m.contains("kabar models pull Helsinki-NLP/opus-mt-id-en"), m);
        assertEquals(List.of(), server.requests);
    }

    @Test
    void aFileMissingInOfflineModeIsNamed() throws IOException {
        Path snapshot = hub(false).pull(ModelId.parse(MARIAN)).snapshot();
        Files.delete(snapshot.resolve("model.safetensors"));
        HubException e = assertThrows(HubException.class, () -> hub(true).resolve(ModelId.parse(MARIAN)));
        assertEquals(HubException.Reason.OFFLINE_NOT_CACHED, e.reason());
        assertTrue(e.getMessage().contains("weights") && e.getMessage().contains(repo.commit), e.getMessage());
    }

    @Test
    void pullRefusesToRunOffline() {
        HubException e = assertThrows(HubException.class, () -> hub(true).pull(ModelId.parse(MARIAN)));
        assertEquals(HubException.Reason.OFFLINE_NOT_CACHED, e.reason());
        assertEquals(List.of(), server.requests);
    }

    @Test
    void aCacheWrittenByPythonIsReusedWithoutAnyRequestAndLoads() throws IOException {
        Path snapshot = writePythonCache();

        assertEquals(snapshot, hub(true).resolve(ModelId.parse(MARIAN)));
        assertEquals(snapshot, hub(false).resolve(ModelId.parse(MARIAN + "@" + repo.commit)));
        assertEquals(snapshot, ModelResolver.resolve(MARIAN, HubSettings.of(server.endpoint(), hfHome).withOffline(true), l -> { }));
        assertEquals(List.of(), server.requests);

        try (Seq2SeqEngine engine = Seq2SeqEngine.load(snapshot)) {
            assertEquals(1, engine.generate(List.of("Halo."), Map.of("max_new_tokens", 4)).size());
        }
    }

    @Test
    void aBranchOfAPythonCacheCostsOneListingAndNoDownloads() throws IOException {
        Path snapshot = writePythonCache();
        PullResult result = hub(false).pull(ModelId.parse(MARIAN));
        assertEquals(snapshot, result.snapshot());
        assertEquals(List.of(), result.downloaded());
        assertEquals(1, server.apiCalls());
        assertEquals(0, server.fileDownloads());
    }

    @Test
    void settingsComeFromTheVariablesHuggingfaceHubReads() throws IOException {
        Path home = hfHome.resolve("home");
        HubSettings defaults = HubSettings.fromEnvironment(Map.of(), home);
        assertEquals("https://huggingface.co", defaults.endpoint().toString());
        assertEquals(home.resolve(".cache/huggingface/hub"), defaults.cacheDir());
        assertTrue(defaults.token().isEmpty());
        assertTrue(!defaults.offline());

        Files.createDirectories(hfHome.resolve("hf"));
        Files.writeString(hfHome.resolve("hf/token"), "hf_fromfile\n");
        HubSettings set = HubSettings.fromEnvironment(Map.of("HF_HOME", hfHome.resolve("hf").toString(),
                "HF_ENDPOINT", "http://127.0.0.1:9/", "HF_HUB_OFFLINE", "yes"), home);
        assertEquals("http://127.0.0.1:9", set.endpoint().toString());
        assertEquals(hfHome.resolve("hf/hub"), set.cacheDir());
        assertEquals("hf_fromfile", set.token().orElseThrow());
        assertTrue(set.offline());
        assertTrue(!set.toString().contains("hf_fromfile"), "the token is never printed");

        HubSettings token = HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_env", "HF_HUB_OFFLINE", "0",
                "HF_HUB_CACHE", "~/cache"), home);
        assertEquals("hf_env", token.token().orElseThrow());
        assertEquals(home.resolve("cache"), token.cacheDir());
        assertTrue(!token.offline());
    }
}
