package dev.kabar.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ModelHub#pull} left in the cache.
 *
 * @param id the model and the revision asked for
 * @param commit the commit the revision resolved to
 * @param snapshot the snapshot folder: a checkpoint folder the engine loads
 * @param files the files of the snapshot kabar needs, all present and verified
 * @param downloaded those of them fetched by this pull (the rest were already cached)
 * @param bytesDownloaded bytes received by this pull, resumed parts excluded
 */
public record PullResult(ModelId id, String commit, Path snapshot, List<String> files, List<String> downloaded,
        long bytesDownloaded) {
}
