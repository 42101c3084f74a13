package dev.kabar.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear whole or not at all, and never leave a temporary file behind. */
class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommittedFileIsInPlaceAndNoTemporaryFileRemains() throws IOException {
        Path target = dir.resolve("hasil.jsonl");
        try (TranslationOutput out = TranslationOutput.open(OutputSpec.resolve(target.toString(), null, false), null)) {
            out.write(OutputFixtures.tricky());
            assertEquals(1, files().size(), "only the temporary file while writing");
            assertTrue(files().get(0).startsWith(".hasil.jsonl.") && files().get(0).endsWith(".tmp"), files().toString());
            assertTrue(Files.notExists(target), "the target appears only on commit");
            out.commit();
        }
        assertEquals(List.of("hasil.jsonl"), files());
        assertEquals(1, Files.readAllLines(target, StandardCharsets.UTF_8).size());
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("hasil.csv");
        Files.writeString(target, "hasil lama\n");
        RuntimeException crash = assertThrows(RuntimeException.class, () -> {
            try (TranslationOutput out = TranslationOutput.open(OutputSpec.resolve(target.toString(), null, false), null)) {
                out.write(OutputFixtures.tricky());
                throw new IllegalStateException("the run broke half way");
            }
        });
        assertEquals("the run broke half way", crash.getMessage());
        assertEquals("hasil lama\n", Files.readString(target));
        assertEquals(List.of("hasil.csv"), files());
    }

    @Test
    void aCommitReplacesTheOldFileWhole() throws IOException {
        Path target = dir.resolve("hasil.json");
        Files.writeString(target, "[]\n");
        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write("[1]\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("[]\n", Files.readString(target));
            file.commit();
        }
        assertEquals("[1]\n", Files.readString(target));
        assertEquals(List.of("hasil.json"), files());
    }

    @Test
    void aNewFileIsNotOwnerOnlyAndAReplacedFileKeepsItsPermissions() throws IOException {
        Path fresh = dir.resolve("baru.csv");
        try (AtomicFile file = AtomicFile.create(fresh)) {
            file.commit();
        }
        // Files.createTempFile would make it rw------- whatever the umask; a shared output must not be.
        assertTrue(Files.getPosixFilePermissions(fresh).contains(PosixFilePermission.OWNER_WRITE));
        assertTrue(Files.getPosixFilePermissions(fresh).size() > 2 || umaskIsOwnerOnly(),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        Path shared = dir.resolve("bersama.csv");
        Files.writeString(shared, "lama\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        try (AtomicFile file = AtomicFile.create(shared)) {
            file.stream().write("baru\n".getBytes(StandardCharsets.UTF_8));
            file.commit();
        }
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    /** Whether this process's umask itself leaves only the owner's bits (077), which a test cannot change. */
    private boolean umaskIsOwnerOnly() throws IOException {
        Path probe = Files.createFile(dir.resolve("umask-probe"));
        boolean ownerOnly = Files.getPosixFilePermissions(probe).size() <= 2;
        Files.delete(probe);
        return ownerOnly;
    }

    @Test
    void aMissingFolderIsCreated() throws IOException {
        Path target = dir.resolve("keluaran").resolve("2024-11-22").resolve("hasil.csv");
        try (AtomicFile file = AtomicFile.create(target)) {
            file.commit();
        }
        assertTrue(Files.isRegularFile(target));
    }

    @Test
    void anUnwritableLocationFailsBeforeAnyWorkNamingTheFile() throws IOException {
        // The folder cannot be created: a file is in the way.
        Files.writeString(dir.resolve("berkas"), "bukan folder");
        Path target = dir.resolve("berkas").resolve("hasil.csv");
        IOException e = assertThrows(IOException.class,
                () -> TranslationOutput.open(OutputSpec.resolve(target.toString(), null, false), null));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        IOException folder = assertThrows(IOException.class, () -> AtomicFile.create(dir));
        assertTrue(folder.getMessage().contains("folder"), folder.getMessage());
    }

    @Test
    void standardOutputIsWrittenDirectly() throws IOException {
        StringWriter stdout = new StringWriter();
        try (TranslationOutput out = TranslationOutput.open(OutputSpec.resolve("-", null, false), stdout)) {
            out.write(OutputFixtures.untitled());
            out.commit();
            assertEquals("standard output", out.describe());
        }
        assertTrue(stdout.toString().startsWith("{\"id\":\"c-3\""), stdout.toString());
        assertEquals(List.of(), files());
    }

    @Test
    void theNextWriteRemovesTemporariesAKilledRunLeftAndKeepsThoseOfLiveWriters() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("stale"));
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
        // A killed translate's leftover (its pid is above any pid_max), and one from before pids were in the name.
        Path dead = Files.writeString(folder.resolve(".page.jsonl.99999999-k3j2h1.tmp"), "");
        Path old = Files.writeString(folder.resolve(".page.jsonl.k3j2h1.tmp"), "");
        // This process is alive, and a file written just now may be another writer's.
        Path live = Files.writeString(folder.resolve(".page.jsonl." + ProcessHandle.current().pid() + "-abc.tmp"), "");
        Path fresh = Files.writeString(folder.resolve(".page.jsonl.99999999-new.tmp"), "");
        Path notOurs = Files.writeString(folder.resolve(".editor-swap.tmp"), "");
        for (Path p : new Path[] {dead, old, live, notOurs}) {
            Files.setLastModifiedTime(p, hourAgo);
        }
        Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
        try (AtomicFile out = AtomicFile.create(folder.resolve("page.jsonl"))) {
            out.stream().write("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.commit();
        }
        assertFalse(Files.exists(dead), "a dead writer's temporary is removed");
        assertFalse(Files.exists(old), "an old-style temporary from before this process is removed");
        assertTrue(Files.exists(live), "a live writer's temporary is kept");
        assertTrue(Files.exists(fresh), "one written after this process started is kept");
        assertTrue(Files.exists(notOurs), "other programs' files are not ours to remove");
        assertEquals("{}\n", Files.readString(folder.resolve("page.jsonl")));
    }
}
