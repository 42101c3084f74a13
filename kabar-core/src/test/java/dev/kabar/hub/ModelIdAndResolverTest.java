package dev.kabar.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hub ids and the {@code --model} resolver. */
class ModelIdAndResolverTest {

    @TempDir
    Path hfHome;

    @Test
    void idsParseWithAndWithoutRevision() {
        ModelId plain = ModelId.parse("Helsinki-NLP/opus-mt-id-en");
        assertEquals("Helsinki-NLP/opus-mt-id-en", plain.repoId());
        assertEquals("main", plain.revision());
        assertEquals("models--Helsinki-NLP--opus-mt-id-en", plain.cacheFolderName());
        assertFalse(plain.pinnedToCommit());
        ModelId pinned = ModelId.parse("sshleifer/distilbart-cnn-12-6@a4f8f3ea906ed274767e9906dbaede7531d660ff");
        assertTrue(pinned.pinnedToCommit());
        assertEquals("refs/pr/1", ModelId.parse("org/name@refs/pr/1").revision());
    }

    @Test
    void badIdsAndRevisionsAreUsageErrorsNamingTheValue() {
        for (String bad : List.of("no-org", "a/b/c", "org/na--me", "org/../x", "org/name@", "org/name@../../etc", "org/name@a b")) {
            InvalidModelIdException e = assertThrows(InvalidModelIdException.class, () -> ModelId.parse(bad), bad);
            assertTrue(e.getMessage().contains("'"), e.getMessage());
        }
    }

    @Test
    void anExistingFolderIsReturnedAsIsAndAPathLikeArgumentIsLeftToTheLoader() {
        HubSettings offline = HubSettings.of(java.net.URI.create("http://127.0.0.1:9"), hfHome).withOffline(true);
        Path folder = FakeHub.conformance("marian-tiny");
        assertEquals(folder, ModelResolver.resolve(folder.toString(), offline, l -> { }));
        assertEquals(Path.of("/nonexistent/kabar-model"), ModelResolver.resolve("/nonexistent/kabar-model", offline, l -> { }));
        assertEquals(Path.of("marian-tiny"), ModelResolver.resolve("marian-tiny", offline, l -> { }));
    }

    @Test
    void aHubIdResolvesThroughTheHubAndAnUnknownOneNamesTheFolderToo() {
        try (FakeHub server = FakeHub.start()) {
            FakeHub.Repo repo = server.serve("kabar-test/marian-tiny", FakeHub.conformance("marian-tiny"));
            HubSettings settings = HubSettings.of(server.endpoint(), hfHome);
            Path folder = ModelResolver.resolve("kabar-test/marian-tiny", settings, l -> { });
            assertEquals(hfHome.resolve("hub/models--kabar-test--marian-tiny/snapshots").resolve(repo.commit), folder);

            HubException e = assertThrows(HubException.class, () -> ModelResolver.resolve("models/opus-mt-id-en", settings, l -> { }));
            assertEquals(HubException.Reason.REPOSITORY_NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("models/opus-mt-id-en") && e.getMessage().contains("folder"), e.getMessage());
        }
    }
}
