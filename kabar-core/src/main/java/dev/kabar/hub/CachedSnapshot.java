package dev.kabar.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * One commit of a model held in the cache.
 *
 * @param repoId the model, {@code org/name}
 * @param commit the 40-hex commit
 * @param refs the branches and tags whose {@code refs/} file points at this commit (may be empty)
 * @param folder the snapshot folder, loadable as a checkpoint folder when complete
 * @param files the number of files in the snapshot
 * @param bytes their total size
 * @param missing what the engine would lack in this snapshot, or null when it is complete
 */
public record CachedSnapshot(String repoId, String commit, List<String> refs, Path folder, int files, long bytes,
        String missing) {
}
