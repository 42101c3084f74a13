package dev.kabar.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The hub cache on disk, in the layout of Python's {@code huggingface_hub}:
 *
 * <pre>
 * {cache}/models--{org}--{name}/blobs/{etag}                 file contents, named by the hub's ETag
 * {cache}/models--{org}--{name}/blobs/{etag}.incomplete      a download in progress (resumable)
 * {cache}/models--{org}--{name}/snapshots/{commit}/{file}   relative symlink to ../../blobs/{etag}
 * {cache}/models--{org}--{name}/refs/{revision}             the commit a branch or tag was last seen at
 * {cache}/.locks/models--{org}--{name}/{etag}.lock          held while a blob is downloaded
 * </pre>
 *
 * <p>Every change is made by an atomic rename, so another process (or Python) reading the cache
 * sees a file either absent or whole. Thread-safe: it holds no state besides the root.
 */
public final class HubCache {

    private final Path root;

    /** A cache rooted at {@code root} (the folder that holds the {@code models--*} folders). */
    public HubCache(Path root) {
        this.root = root;
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** The folder of one model, {@code models--org--name}. */
    public Path repoDir(ModelId id) {
        return root.resolve(id.cacheFolderName());
    }

    /** The snapshot folder of a commit. */
    public Path snapshot(ModelId id, String commit) {
        return repoDir(id).resolve("snapshots").resolve(commit);
    }

    Path blob(ModelId id, String etag) {
        return repoDir(id).resolve("blobs").resolve(etag);
    }

    Path incomplete(ModelId id, String etag) {
        return repoDir(id).resolve("blobs").resolve(etag + ".incomplete");
    }

    Path refFile(ModelId id, String revision) {
        return repoDir(id).resolve("refs").resolve(revision);
    }

    Path lockFile(ModelId id, String etag) {
        return root.resolve(".locks").resolve(id.cacheFolderName()).resolve(etag + ".lock");
    }

    /**
     * The commit the model's revision stands for in the cache: the revision itself when it is a
     * commit hash, else the content of {@code refs/<revision>}.
     */
    public Optional<String> commitOf(ModelId id) {
        if (id.pinnedToCommit()) {
            return Optional.of(id.revision());
        }
        Path ref = refFile(id, id.revision());
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            return ModelId.isCommitHash(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            throw ioFailure("read " + ref, e);
        }
    }

    /** Records that {@code id}'s revision is at {@code commit}; a commit revision needs no ref. */
    void writeRef(ModelId id, String commit) {
        if (id.revision().equals(commit)) {
            return;
        }
        Path ref = refFile(id, id.revision());
        try {
            Files.createDirectories(ref.getParent());
            // Python writes the bare hash with no newline; so do we, so that either can read the other's.
            Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveAtomically(tmp, ref);
        } catch (IOException e) {
            throw ioFailure("write " + ref, e);
        }
    }

    /**
     * Makes {@code snapshots/<commit>/<file>} point at the blob, replacing whatever is there. The link
     * is relative, as Python makes it, so the cache folder can be moved or mounted elsewhere. Where the
     * file system has no symbolic links the blob is copied instead, as {@code huggingface_hub} does.
     */
    void link(ModelId id, String commit, String file, String etag) {
        Path target = snapshot(id, commit).resolve(file);
        Path blob = blob(id, etag);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createSymbolicLink(tmp, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException noSymlinks) {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            moveAtomically(tmp, target);
        } catch (IOException e) {
            throw ioFailure("link " + target + " to " + blob, e);
        }
    }

    /** True when the snapshot's file is a link to exactly this blob (or a copy of the right size). */
    boolean linked(ModelId id, String commit, String file, String etag) {
        Path target = snapshot(id, commit).resolve(file);
        Path blob = blob(id, etag);
        try {
            if (Files.isSymbolicLink(target)) {
                Path to = target.getParent().resolve(Files.readSymbolicLink(target)).normalize();
                return to.equals(blob.normalize()) && Files.isRegularFile(blob);
            }
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(blob)
                    && Files.size(target) == Files.size(blob);
        } catch (IOException e) {
            return false;
        }
    }

    /** Every snapshot in the cache, sorted by model and commit. */
    public List<CachedSnapshot> list() {
        List<CachedSnapshot> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> repos = Files.list(root)) {
            for (Path repo : repos.sorted().toList()) {
                String name = repo.getFileName().toString();
                if (!name.startsWith("models--") || !Files.isDirectory(repo)) {
                    continue; // datasets--*, spaces--*, .locks: not ours to list
                }
                String repoId = name.substring("models--".length()).replaceFirst("--", "/");
                out.addAll(snapshotsOf(repo, repoId));
            }
        } catch (IOException e) {
            throw ioFailure("list " + root, e);
        }
        return out;
    }

    /** The snapshots of one model, sorted by commit. */
    public List<CachedSnapshot> list(ModelId id) {
        try {
            return snapshotsOf(repoDir(id), id.repoId());
        } catch (IOException e) {
            throw ioFailure("list " + repoDir(id), e);
        }
    }

    private static List<CachedSnapshot> snapshotsOf(Path repo, String repoId) throws IOException {
        Map<String, List<String>> refsByCommit = new TreeMap<>();
        Path refs = repo.resolve("refs");
        if (Files.isDirectory(refs)) {
            try (Stream<Path> files = Files.walk(refs)) {
                for (Path ref : files.filter(Files::isRegularFile).sorted().toList()) {
                    String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
                    String revision = refs.relativize(ref).toString().replace('\\', '/');
                    refsByCommit.computeIfAbsent(commit, c -> new ArrayList<>()).add(revision);
                }
            }
        }
        List<CachedSnapshot> out = new ArrayList<>();
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return out;
        }
        try (Stream<Path> commits = Files.list(snapshots)) {
            for (Path snap : commits.filter(Files::isDirectory).sorted().toList()) {
                int count = 0;
                long bytes = 0;
                try (Stream<Path> files = Files.walk(snap)) {
                    for (Path f : files.filter(p -> !Files.isDirectory(p)).toList()) {
                        count++;
                        bytes += Files.isRegularFile(f) ? Files.size(f) : 0; // a dangling link counts no bytes
                    }
                }
                String commit = snap.getFileName().toString();
                out.add(new CachedSnapshot(repoId, commit, List.copyOf(refsByCommit.getOrDefault(commit, List.of())),
                        snap, count, bytes, CheckpointAllowList.missing(snap).orElse(null)));
            }
        }
        out.sort(Comparator.comparing(CachedSnapshot::commit));
        return out;
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on unusual file systems; a plain move is the best left.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private HubException ioFailure(String what, IOException e) {
        return new HubException(HubException.Reason.CACHE_IO, "Cannot " + what + " (" + e + "); check that the hub cache "
                + root + " is writable and the disk is not full, or point HF_HOME elsewhere.", e);
    }
}
