package dev.kabar.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kabar.hub.HubException;
import dev.kabar.hub.HubSettings;
import dev.kabar.hub.ModelHub;
import dev.kabar.hub.ModelId;
import dev.kabar.hub.PullResult;
import dev.kabar.output.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Lock files for the hub models a job names by branch or tag ({@code Helsinki-NLP/opus-mt-id-en},
 * {@code ...@main}): resolved to a commit once, recorded beside the job ({@code jobs/nightly.yaml}
 * → {@code jobs/nightly.lock}), and used from then on, so that every night translates with the
 * same weights and the translation memory stays valid. {@code kabar models update} moves a lock on
 * purpose. A folder, or a hub id pinned to a 40-hex commit, needs no lock.
 *
 * <p>The lock records each model's id, the revision the job asked for, the commit it resolved to,
 * when, and every file with its size and SHA-256; a run checks the cached files against it and
 * refuses a file that changed. Lock files are written atomically. Not thread-safe: one job run or
 * command at a time per lock file (a job run holds the job's lock).
 */
public final class ModelLocks {

    /** The lock file format this class writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HubSettings settings;
    private final Consumer<String> progress;
    private final Clock clock;

    /**
     * Creates locks resolved through the hub of {@code settings}, telling {@code progress} what is
     * resolved and downloaded.
     */
    public ModelLocks(HubSettings settings, Consumer<String> progress, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One locked file of a snapshot. */
    public record LockedFile(String path, long size, String sha256) { }

    /**
     * One locked model.
     *
     * @param model the hub id, {@code org/name}
     * @param revision the revision the job asked for ({@code main} when it named none)
     * @param commit the commit it resolved to
     * @param lockedAt when
     * @param files the snapshot's files
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String model, String revision, String commit, @JsonProperty("locked_at") String lockedAt,
                        List<LockedFile> files) { }

    /** The lock file's content: its format version and an entry per role ({@code translator}, {@code summariser}). */
    record LockFile(@JsonProperty("lock_version") int lockVersion, String comment, Map<String, Entry> models) { }

    /** What {@link #lock} or {@link #update} did for one model of the job. */
    public record Change(String role, String model, String revision, String before, String after, List<String> filesChanged) {

        /** Returns the change in one line, e.g. {@code translator Helsinki-NLP/opus-mt-id-en@main: abc… → def… (2 files changed)}. */
        public String describe() {
            String name = role + " " + model + "@" + revision;
            if (before == null) {
                return name + ": locked at commit " + after;
            }
            if (before.equals(after)) {
                return name + ": unchanged at commit " + after;
            }
            return name + ": commit " + before + " → " + after + " (" + (filesChanged.isEmpty() ? "no file changed"
                    : filesChanged.size() + " file" + (filesChanged.size() == 1 ? "" : "s") + " changed: " + String.join(", ", filesChanged))
                    + ")";
        }
    }

    /** Returns the lock file of a job file: its name with {@code .lock} for {@code .yaml}/{@code .yml}, beside it. */
    public static Path lockFileOf(Path jobFile) {
        String name = jobFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return jobFile.resolveSibling(base + ".lock");
    }

    /** Returns whether {@code reference} names a hub model by branch or tag, which a job locks. */
    public static boolean needsLock(String reference) {
        if (reference == null || isFolder(reference) || reference.startsWith("/") || reference.startsWith(".")
                || !ModelId.looksLikeId(reference)) {
            return false;
        }
        try {
            return !ModelId.parse(reference).pinnedToCommit();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Returns the checkpoint folder for a job's model: for a branch or tag, the locked commit's
     * snapshot (locking it first when the job's lock has no entry for it); anything else is
     * returned unchanged, for the model loader to resolve.
     *
     * @throws ModelLockException when the model cannot be locked or its locked files are not the cached ones
     */
    public String resolve(Path jobFile, String role, String reference) throws ModelLockException {
        if (!needsLock(reference)) {
            return reference;
        }
        ModelId id = ModelId.parse(reference);
        Path lockFile = lockFileOf(jobFile);
        Map<String, Entry> entries = read(lockFile);
        Entry entry = entries.get(role);
        if (entry != null && entry.model().equals(id.repoId()) && entry.revision().equals(id.revision())) {
            Path snapshot;
            try {
                snapshot = new ModelHub(settings, progress).resolve(id.withRevision(entry.commit()));
            } catch (HubException e) {
                throw new ModelLockException(lockFile + " locks " + role + " " + id + " at commit " + entry.commit()
                        + ", which cannot be had: " + e.getMessage() + ways(), e);
            }
            verify(lockFile, role, entry, snapshot);
            return snapshot.toString();
        }
        if (settings.offline()) {
            throw new ModelLockException("The job's " + role + " " + id + " is not locked yet (" + lockFile + " has no entry for it), and "
                    + "HF_HUB_OFFLINE is set, so the hub may not be asked which commit '" + id.revision() + "' is. Run `kabar models lock "
                    + jobFile + "` where the hub is reachable, or pin a 40-hex commit in the job file." + ways(), null);
        }
        return pullAndLock(id, lockFile, role, entries).snapshot().toString();
    }

    /**
     * Locks every hub model of the job that is named by branch or tag and not locked yet; locked
     * ones are left as they are.
     *
     * @return one change per such model
     */
    public List<Change> lock(Job job) throws ModelLockException {
        return lockAll(job, false);
    }

    /** Resolves every branch or tag of the job again and moves the lock to the commits found. */
    public List<Change> update(Job job) throws ModelLockException {
        return lockAll(job, true);
    }

    private List<Change> lockAll(Job job, boolean move) throws ModelLockException {
        Path lockFile = lockFileOf(job.file());
        Map<String, String> models = new LinkedHashMap<>();
        models.put("translator", job.translator());
        if (job.summariser() != null) {
            models.put("summariser", job.summariser());
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> m : models.entrySet()) {
            if (!needsLock(m.getValue())) {
                continue;
            }
            ModelId id = ModelId.parse(m.getValue());
            Map<String, Entry> entries = read(lockFile);
            Entry before = entries.get(m.getKey());
            boolean same = before != null && before.model().equals(id.repoId()) && before.revision().equals(id.revision());
            if (same && !move) {
                changes.add(new Change(m.getKey(), id.repoId(), id.revision(), before.commit(), before.commit(), List.of()));
                continue;
            }
            if (settings.offline()) {
                throw new ModelLockException("Cannot lock " + m.getKey() + " " + id + ": HF_HUB_OFFLINE is set, so the hub may not be "
                        + "asked which commit '" + id.revision() + "' is. Unset HF_HUB_OFFLINE where the hub is reachable.", null);
            }
            Entry after = pullAndLock(id, lockFile, m.getKey(), entries).entry();
            changes.add(new Change(m.getKey(), id.repoId(), id.revision(), same ? before.commit() : null, after.commit(),
                    same ? changedFiles(before, after) : List.of()));
        }
        return changes;
    }

    /** A model just locked: its lock entry and the snapshot folder it was pulled into. */
    private record Locked(Entry entry, Path snapshot) { }

    private Locked pullAndLock(ModelId id, Path lockFile, String role, Map<String, Entry> entries) throws ModelLockException {
        PullResult pulled;
        try {
            pulled = new ModelHub(settings, progress).pull(id);
        } catch (HubException e) {
            throw new ModelLockException("Cannot lock " + role + " " + id + " (" + lockFile + "): " + e.getMessage()
                    + (e.reason().transientFailure() ? ways() : ""), e);
        }
        List<LockedFile> files = new ArrayList<>();
        for (String file : pulled.files().stream().sorted().toList()) {
            Path path = pulled.snapshot().resolve(file);
            try {
                files.add(new LockedFile(file, Files.size(path), ModelFingerprint.sha256(path)));
            } catch (IOException e) {
                throw new ModelLockException("Cannot read " + path + " to lock it: " + e.getMessage(), e);
            }
        }
        Entry entry = new Entry(id.repoId(), id.revision(), pulled.commit(), Instant.now(clock).toString(), List.copyOf(files));
        Map<String, Entry> next = new TreeMap<>(entries);
        next.put(role, entry);
        write(lockFile, next);
        progress.accept("Locked " + role + " " + id + " at commit " + pulled.commit() + " in " + lockFile + ".");
        return new Locked(entry, pulled.snapshot());
    }

    /** The ways out of a model that cannot be had: the hub asked, the offline switch, and the offline demo. */
    private String ways() {
        return " (The hub is " + settings.endpoint() + ", set by HF_ENDPOINT; HF_HUB_OFFLINE is " + (settings.offline() ? "set" : "not set")
                + ", and with it only models already locked and cached run. To try kabar without the network: "
                + "java -jar target/kabar.jar run jobs/example.yaml.)";
    }

    /** Checks every locked file of the snapshot: present, of its size and SHA-256. */
    private static void verify(Path lockFile, String role, Entry entry, Path snapshot) throws ModelLockException {
        for (LockedFile f : entry.files()) {
            Path path = snapshot.resolve(f.path());
            try {
                if (!Files.isRegularFile(path)) {
                    throw new ModelLockException(lockFile + " locks file " + f.path() + " of " + role + " " + entry.model() + " at commit "
                            + entry.commit() + ", but " + path + " is missing. Run `kabar models pull " + entry.model() + " --revision "
                            + entry.commit() + "`.", null);
                }
                long size = Files.size(path);
                String sha = size == f.size() ? ModelFingerprint.sha256(path) : null;
                if (size != f.size() || !f.sha256().equals(sha)) {
                    throw new ModelLockException(lockFile + " locks file " + f.path() + " of " + role + " " + entry.model() + " at commit "
                            + entry.commit() + " with " + f.size() + " bytes and SHA-256 " + f.sha256() + ", but the cached " + path
                            + " has " + size + " bytes" + (sha == null ? "" : " and SHA-256 " + sha) + ". The cache was changed: run `kabar "
                            + "models verify --repair` to fetch the file again, or `kabar models update` to move the lock on purpose.", null);
                }
            } catch (IOException e) {
                throw new ModelLockException("Cannot read " + path + " to check it against " + lockFile + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<String> changedFiles(Entry before, Entry after) {
        Map<String, String> old = new TreeMap<>();
        before.files().forEach(f -> old.put(f.path(), f.sha256()));
        Map<String, String> now = new TreeMap<>();
        after.files().forEach(f -> now.put(f.path(), f.sha256()));
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        return paths.stream().filter(path -> !Objects.equals(old.get(path), now.get(path))).toList();
    }

    /** Reads a lock file's entries; a missing file has none. */
    static Map<String, Entry> read(Path lockFile) throws ModelLockException {
        if (!Files.exists(lockFile)) {
            return Map.of();
        }
        try {
            LockFile lock = JSON.readValue(lockFile.toFile(), LockFile.class);
            if (lock.lockVersion() != VERSION || lock.models() == null) {
                throw new ModelLockException(lockFile + " is not a kabar lock file of version " + VERSION + " (it says lock_version "
                        + lock.lockVersion() + "); delete it and run `kabar models lock` to write it again.", null);
            }
            for (Map.Entry<String, Entry> e : lock.models().entrySet()) {
                Entry entry = e.getValue();
                if (entry == null || entry.model() == null || entry.revision() == null || entry.commit() == null || entry.files() == null
                        || !ModelId.isCommitHash(entry.commit())) {
                    throw new ModelLockException(lockFile + ": the entry '" + e.getKey() + "' needs model, revision, a 40-hex commit and "
                            + "files; delete the file and run `kabar models lock` to write it again.", null);
                }
            }
            return lock.models();
        } catch (IOException e) {
            throw new ModelLockException(lockFile + " cannot be read as a lock file (" + e.getMessage() + "); delete it and run "
                    + "`kabar models lock` to write it again.", e);
        }
    }

    private static void write(Path lockFile, Map<String, Entry> entries) throws ModelLockException {
        LockFile lock = new LockFile(VERSION, "Written by kabar: the commits this job's hub models resolved to. Runs use them until "
                + "`kabar models update` moves them.", entries);
        try (AtomicFile out = AtomicFile.create(lockFile)) {
            // As bytes: Jackson would close the stream, and the file is committed after.
            out.stream().write(JSON.writeValueAsBytes(lock));
            out.commit();
        } catch (IOException e) {
            throw new ModelLockException("Cannot write " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFolder(String reference) {
        try {
            return Files.isDirectory(Path.of(reference));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
