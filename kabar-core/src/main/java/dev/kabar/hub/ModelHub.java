package dev.kabar.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings hub models into the shared cache and finds them there: {@link #pull}, {@link #resolve}.
 *
 * <p>A pull asks the hub once which commit the revision is at and which files it has
 * ({@code /api/models/<id>/revision/<rev>?blobs=true}), then fetches only the files the engine reads
 * ({@link CheckpointAllowList}) that the cache lacks, each from {@code /<id>/resolve/<commit>/<file>}
 * so that every file comes from the same commit even if the branch moves meanwhile. A file is written
 * to {@code blobs/<etag>.incomplete}, resumed with a {@code Range} request after a broken connection
 * (or in a later run), checked against the hub's size and hash, and only then renamed to
 * {@code blobs/<etag>} and linked into {@code snapshots/<commit>/}; {@code refs/<revision>} is
 * written last, so the cache never names a snapshot that is not complete.
 *
 * <p>Thread-safe; concurrent pulls of one blob, in this JVM or another, wait for each other on a lock
 * file under {@code .locks/}, where {@code huggingface_hub} keeps its own.
 */
public final class ModelHub {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHub.class);
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    // A blob name becomes a file name; an ETag from a strange server must not escape blobs/.
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private final HubSettings settings;
    private final HubCache cache;
    private final HubClient client;
    private final Consumer<String> progress;
    private final Duration progressEvery;

    /** A hub whose progress lines go to the log. */
    public ModelHub(HubSettings settings) {
        this(settings, LOG::info);
    }

    /**
     * A hub whose progress lines (what is fetched, and every five seconds how far a download is) go
     * to {@code progress}.
     */
    public ModelHub(HubSettings settings, Consumer<String> progress) {
        this(settings, progress, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    /** As above, with the progress interval, the pause between retries and the stall timeout chosen (tests shorten them). */
    ModelHub(HubSettings settings, Consumer<String> progress, Duration progressEvery, Duration retryPause,
            Duration stallTimeout) {
        this.settings = settings;
        this.cache = new HubCache(settings.cacheDir());
        this.client = new HubClient(settings, retryPause, 5, stallTimeout);
        this.progress = progress;
        this.progressEvery = progressEvery;
    }

    /** The settings this hub uses. */
    public HubSettings settings() {
        return settings;
    }

    /** The cache this hub fills. */
    public HubCache cache() {
        return cache;
    }

    /**
     * Fetches what the engine needs of a model's revision into the cache, downloading only what is
     * missing, and returns the snapshot folder. Always asks the hub which commit the revision is at.
     *
     * @throws HubException naming the model, revision, file and URL: offline mode, an unknown model or
     *     revision, no usable weights, the network, or a corrupt download (which is then discarded)
     */
    public PullResult pull(ModelId id) {
        if (settings.offline()) {
            throw new HubException(HubException.Reason.OFFLINE_NOT_CACHED, "Cannot pull model " + id.repoId()
                    + " at revision " + id.revision() + ": HF_HUB_OFFLINE is set, so the hub may not be contacted. "
                    + "Unset HF_HUB_OFFLINE to download, or use a model already in " + settings.cacheDir() + ".");
        }
        RevisionInfo info = client.revisionInfo(id);
        String commit = info.commit();
        Set<String> available = info.files().stream().map(RepoFile::path).collect(Collectors.toSet());
        List<String> wanted = new ArrayList<>(CheckpointAllowList.select(available, id));
        List<String> downloaded = new ArrayList<>();
        long[] bytes = {0};
        progress.accept("Pulling " + id.repoId() + " at revision " + id.revision() + " (commit " + commit + ").");
        for (String file : List.copyOf(wanted)) {
            ensure(id, commit, info, file, downloaded, bytes);
        }
        if (wanted.contains(CheckpointAllowList.SAFETENSORS_INDEX)) {
            Path index = cache.snapshot(id, commit).resolve(CheckpointAllowList.SAFETENSORS_INDEX);
            for (String shard : CheckpointAllowList.shards(index, "model " + id)) {
                if (!available.contains(shard)) {
                    throw new HubException(HubException.Reason.NOT_A_CHECKPOINT, CheckpointAllowList.SAFETENSORS_INDEX
                            + " of model " + id.repoId() + " at commit " + commit + " names the shard " + shard
                            + ", which the revision does not have; the checkpoint is broken upstream, so pin another revision.");
                }
                wanted.add(shard);
                ensure(id, commit, info, shard, downloaded, bytes);
            }
        }
        cache.writeRef(id, commit);
        Path snapshot = cache.snapshot(id, commit);
        progress.accept("Pulled " + id.repoId() + " at revision " + id.revision() + " (commit " + commit + "): "
                + downloaded.size() + " of " + wanted.size() + " files downloaded (" + megabytes(bytes[0]) + " MB) into "
                + snapshot + ".");
        return new PullResult(id, commit, snapshot, List.copyOf(wanted), List.copyOf(downloaded), bytes[0]);
    }

    /**
     * The checkpoint folder of a model's revision, from the cache when it can answer and the hub when
     * it must. A commit revision whose snapshot is complete needs no request. A branch or tag is
     * looked up on the hub (a pull) unless offline mode is on; if the hub cannot be reached, the
     * commit the branch was last seen at is used, with a warning, as {@code huggingface_hub} does.
     *
     * @throws HubException in offline mode naming the model, revision and missing file; otherwise as
     *     {@link #pull}
     */
    public Path resolve(ModelId id) {
        if (id.pinnedToCommit() || settings.offline()) {
            Optional<String> commit = cache.commitOf(id);
            Optional<String> missing = commit.map(c -> cache.snapshot(id, c)).flatMap(CheckpointAllowList::missing);
            if (commit.isPresent() && missing.isEmpty()) {
                return cache.snapshot(id, commit.get());
            }
            if (settings.offline()) {
                throw offlineMissing(id, commit, missing);
            }
            return pull(id).snapshot();
        }
        try {
            return pull(id).snapshot();
        } catch (HubException e) {
            Optional<String> commit = cache.commitOf(id);
            if (!e.reason().transientFailure() || commit.isEmpty()
                    || CheckpointAllowList.missing(cache.snapshot(id, commit.get())).isPresent()) {
                throw e;
            }
            LOG.warn("{} Using the cached commit {} of {} at revision {} instead.", e.getMessage(), commit.get(),
                    id.repoId(), id.revision());
            return cache.snapshot(id, commit.get());
        }
    }

    private HubException offlineMissing(ModelId id, Optional<String> commit, Optional<String> missing) {
        String what = commit.isEmpty()
                ? "is not in the cache (" + (id.pinnedToCommit() ? cache.snapshot(id, id.revision())
                        : cache.refFile(id, id.revision())) + " does not exist)"
                : "is cached at commit " + commit.get() + " without " + missing.orElse("?") + " (in "
                        + cache.snapshot(id, commit.get()) + ")";
        return new HubException(HubException.Reason.OFFLINE_NOT_CACHED, "Model " + id.repoId() + " at revision "
                + id.revision() + " " + what + ", and HF_HUB_OFFLINE is set, so it cannot be downloaded. Run `kabar models pull "
                + id.repoId() + " --revision " + id.revision() + "` where the hub is reachable (with the same HF_HOME), "
                + "or unset HF_HUB_OFFLINE.");
    }

    /** Makes one file of the commit present, verified and linked; records it if it had to be downloaded. */
    private void ensure(ModelId id, String commit, RevisionInfo info, String file, List<String> downloaded, long[] bytes) {
        RepoFile listed = info.file(file).orElseThrow();
        String etag = listed.etag();
        long size = listed.size();
        if (etag == null) {
            // A mirror whose listing has no blob ids: ask for the file's ETag as huggingface_hub does.
            HubClient.FileMetadata meta = client.head(id.withRevision(commit), commit, file);
            etag = meta.etag();
            size = size >= 0 ? size : meta.size();
        }
        if (!SAFE_ETAG.matcher(etag).matches() || etag.endsWith(".incomplete") || etag.startsWith(".")) {
            throw new HubException(HubException.Reason.BAD_RESPONSE, "The hub's ETag for " + file + " of model " + id
                    + " is '" + etag + "', which cannot name a cache file; check HF_ENDPOINT (" + settings.endpoint() + ").");
        }
        Path blob = cache.blob(id, etag);
        if (complete(blob, size) && cache.linked(id, commit, file, etag)) {
            return;
        }
        if (!complete(blob, size)) {
            long got = fetchBlob(id, commit, file, etag, size);
            if (got >= 0) {
                downloaded.add(file);
                bytes[0] += got;
            }
        }
        cache.link(id, commit, file, etag);
    }

    /** Downloads and verifies one blob under its lock; returns the bytes received, or -1 if another process did it. */
    private long fetchBlob(ModelId id, String commit, String file, String etag, long size) {
        Path lockPath = cache.lockFile(id, etag);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockPath.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(lockPath.getParent());
            Files.createDirectories(cache.blob(id, etag).getParent());
            try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Path blob = cache.blob(id, etag);
                if (complete(blob, size)) {
                    return -1;
                }
                if (Files.exists(blob)) {
                    progress.accept("The cached blob of " + file + " has the wrong size; downloading it again.");
                    Files.delete(blob);
                }
                Path part = cache.incomplete(id, etag);
                long already = Files.isRegularFile(part) ? Files.size(part) : 0;
                URI url = client.fileUrl(id.repoId(), commit, file);
                progress.accept("Downloading " + file + " (" + (size < 0 ? "size unknown" : megabytes(size) + " MB") + ")"
                        + (already > 0 ? ", resuming at " + megabytes(already) + " MB" : "") + ".");
                Progress meter = new Progress(file, size);
                client.download(id, file, url, part, size, meter::update);
                long received = Files.size(part) - already;
                checkDownload(id, commit, file, url, part, etag, size);
                HubCache.moveAtomically(part, blob);
                return Math.max(received, 0);
            }
        } catch (IOException e) {
            throw new HubException(HubException.Reason.CACHE_IO, "Cannot write " + file + " of model " + id + " into "
                    + cache.repoDir(id) + " (" + e + "); check that the folder is writable and the disk is not full, "
                    + "or point HF_HOME elsewhere.", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Throws, after deleting the part file, when the download is not the file the hub published. */
    private void checkDownload(ModelId id, String commit, String file, URI url, Path part, String etag, long size)
            throws IOException {
        long actualSize = Files.size(part);
        Optional<ContentHash> hash = ContentHash.ofEtag(etag);
        String problem = null;
        if (size >= 0 && actualSize != size) {
            problem = "it has " + actualSize + " bytes but the hub lists " + size;
        } else if (hash.isPresent()) {
            String actual = hash.get().of(part);
            if (!actual.equals(etag)) {
                problem = "its " + hash.get().label() + " is " + actual + " but the hub lists " + etag;
            }
        } else {
            LOG.warn("Cannot verify {} of {}: the server's ETag '{}' is not a content hash.", file, id, etag);
        }
        if (problem != null) {
            // Bad bytes must not be resumed from, nor become a blob.
            Files.deleteIfExists(part);
            throw new HubException(HubException.Reason.CORRUPT_DOWNLOAD, "File " + file + " of model " + id.repoId()
                    + " at revision " + id.revision() + " (commit " + commit + "), downloaded from " + url + ", is corrupt: "
                    + problem + ". It was discarded and not linked into the cache. Run `kabar models pull " + id.repoId()
                    + " --revision " + id.revision() + "` again; if it fails again, the server at " + settings.endpoint()
                    + " (HF_ENDPOINT) serves a damaged file.");
        }
    }

    private static boolean complete(Path blob, long size) {
        try {
            return Files.isRegularFile(blob) && (size < 0 || Files.size(blob) == size);
        } catch (IOException e) {
            return false;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    /** Reports a download's progress at most once per interval. */
    private final class Progress {
        private final String file;
        private final long size;
        private final long start = System.nanoTime();
        private long lastReport = start;
        private long firstCount = -1;

        Progress(String file, long size) {
            this.file = file;
            this.size = size;
        }

        void update(long done) {
            if (firstCount < 0) {
                firstCount = done;
            }
            long now = System.nanoTime();
            if (now - lastReport < progressEvery.toNanos()) {
                return;
            }
            lastReport = now;
            double seconds = Math.max((now - start) / 1e9, 1e-3);
            String of = size > 0 ? String.format(Locale.ROOT, " of %s MB (%d%%)", megabytes(size), done * 100 / size) : "";
            progress.accept(String.format(Locale.ROOT, "  %s: %s MB%s, %.1f MB/s", file, megabytes(done), of,
                    (done - firstCount) / 1e6 / seconds));
        }
    }
}
