package dev.kabar.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Re-hashes the files of cached snapshots against the names of their blobs, without the network:
 * a blob's name is the hub's ETag, which is the sha256 of an LFS file and the git blob id of any
 * other, so the cache carries its own checksums.
 */
public final class SnapshotVerifier {

    private SnapshotVerifier() {
    }

    /**
     * Checks every file of a snapshot, and that the snapshot has what the engine needs.
     *
     * @param repair when true, corrupt blobs and links to missing blobs are deleted, so that the next
     *     {@code models pull} fetches them again
     */
    public static List<FileCheck> verify(CachedSnapshot snapshot, boolean repair) {
        List<FileCheck> checks = new ArrayList<>();
        String pullAgain = "run `kabar models pull " + snapshot.repoId() + " --revision " + snapshot.commit() + "`";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(snapshot.folder())) {
            files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new HubException(HubException.Reason.CACHE_IO, "Cannot read the snapshot " + snapshot.folder() + ": " + e, e);
        }
        for (Path path : files) {
            String file = snapshot.folder().relativize(path).toString().replace('\\', '/');
            checks.add(check(snapshot, path, file, repair, pullAgain));
        }
        if (snapshot.missing() != null) {
            checks.add(new FileCheck(snapshot, snapshot.missing(), FileCheck.Status.INCOMPLETE,
                    "the snapshot lacks " + snapshot.missing() + "; " + pullAgain + " to fetch it."));
        }
        return checks;
    }

    private static FileCheck check(CachedSnapshot snapshot, Path path, String file, boolean repair, String pullAgain) {
        try {
            if (!Files.isSymbolicLink(path)) {
                return new FileCheck(snapshot, file, FileCheck.Status.UNCHECKED,
                        "a plain file, not a link into blobs/, so there is no published hash to compare it with.");
            }
            Path blob = path.getParent().resolve(Files.readSymbolicLink(path)).normalize();
            if (!Files.isRegularFile(blob)) {
                if (repair) {
                    Files.deleteIfExists(path);
                }
                return new FileCheck(snapshot, file, FileCheck.Status.MISSING_BLOB, "its blob " + blob + " is missing"
                        + (repair ? "; the link was removed, " : "; ") + pullAgain + " to fetch it again.");
            }
            String etag = blob.getFileName().toString();
            Optional<ContentHash> hash = ContentHash.ofEtag(etag);
            if (hash.isEmpty()) {
                return new FileCheck(snapshot, file, FileCheck.Status.UNCHECKED,
                        "its blob name " + etag + " is not a sha256 or git blob id, so there is nothing to compare with.");
            }
            String actual = hash.get().of(blob);
            if (actual.equals(etag)) {
                return new FileCheck(snapshot, file, FileCheck.Status.OK, hash.get().label() + " " + etag);
            }
            if (repair) {
                Files.deleteIfExists(blob);
                Files.deleteIfExists(path);
            }
            return new FileCheck(snapshot, file, FileCheck.Status.CORRUPT, "its " + hash.get().label() + " is " + actual
                    + " but the hub published " + etag + " (blob " + blob + ")"
                    + (repair ? "; the blob and link were removed, " : "; run `kabar models verify --repair "
                            + snapshot.repoId() + "` to remove it, then ") + pullAgain + ".");
        } catch (IOException e) {
            return new FileCheck(snapshot, file, FileCheck.Status.MISSING_BLOB, "cannot be read (" + e + "); "
                    + pullAgain + " after fixing the cache folder's permissions.");
        }
    }
}
