package dev.kabar.cli;

import dev.kabar.hub.CachedSnapshot;
import dev.kabar.hub.FileCheck;
import dev.kabar.hub.HubCache;
import dev.kabar.hub.HubException;
import dev.kabar.hub.HubSettings;
import dev.kabar.hub.InvalidModelIdException;
import dev.kabar.hub.ModelHub;
import dev.kabar.hub.ModelId;
import dev.kabar.hub.PullResult;
import dev.kabar.hub.SnapshotVerifier;
import dev.kabar.job.Job;
import dev.kabar.job.JobFileException;
import dev.kabar.job.JobFiles;
import dev.kabar.job.ModelLockException;
import dev.kabar.job.ModelLocks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kabar models}: hub models in the cache shared with Python's {@code huggingface_hub}.
 * Exit codes: 0 done; 1 failed (network, unknown model, corrupt file, offline and not cached, a bad
 * file found by verify); 2 bad usage.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Hugging Face hub models in the shared cache ($HF_HOME/hub, as huggingface_hub lays it out).",
                "Environment: HF_ENDPOINT, HF_TOKEN, HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE."})
final class ModelsCommand {

    private final Supplier<HubSettings> settings;

    @Spec
    CommandSpec spec;

    /** Settings from the environment, read when a subcommand runs. */
    ModelsCommand() {
        this(HubSettings::fromEnvironment);
    }

    /** Fixed settings, for tests. */
    ModelsCommand(HubSettings settings) {
        this(() -> settings);
    }

    private ModelsCommand(Supplier<HubSettings> settings) {
        this.settings = settings;
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Downloads what kabar needs of a model's revision into the cache (only missing files,"
                    + " resuming partial ones, verifying each) and prints the snapshot folder, usable as --model."})
    int pull(@Parameters(paramLabel = "ID", description = "Hub id, org/name or org/name@revision.") String idArg,
            @Option(names = "--revision", paramLabel = "REV",
                    description = "Branch, tag or 40-hex commit (default: main).") String revision) {
        return run(() -> {
            ModelId id = parse(idArg, revision);
            PrintWriter err = spec.commandLine().getErr();
            PullResult result = new ModelHub(settings.get(), linesTo(err)).pull(id);
            // Only the folder on standard output, so that --model "$(kabar models pull ...)" works.
            spec.commandLine().getOut().println(result.snapshot());
            return Main.EXIT_OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the models in the cache: revisions, commit, files, size, and whether kabar can load them.")
    int list() {
        return run(() -> {
            HubCache cache = new HubCache(settings.get().cacheDir());
            PrintWriter out = spec.commandLine().getOut();
            List<CachedSnapshot> snapshots = cache.list();
            if (snapshots.isEmpty()) {
                out.println("No models in the cache " + cache.root() + ".");
                return Main.EXIT_OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"MODEL", "REVISIONS", "COMMIT", "FILES", "SIZE", "STATE", "FOLDER"});
            for (CachedSnapshot s : snapshots) {
                rows.add(new String[] {s.repoId(), s.refs().isEmpty() ? "-" : String.join(",", s.refs()), s.commit(),
                        Integer.toString(s.files()), String.format(Locale.ROOT, "%.1f MB", s.bytes() / 1e6),
                        s.missing() == null ? "complete" : "lacks " + s.missing(), s.folder().toString()});
            }
            printTable(out, rows);
            return Main.EXIT_OK;
        });
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Re-hashes cached files against the hashes the hub published (sha256 for LFS files, the git"
                    + " blob id for others), without the network. Exit code 1 when a file is corrupt or missing."})
    int verify(@Parameters(arity = "0..1", paramLabel = "ID",
                    description = "Hub id, org/name[@revision]; all snapshots of the model unless a revision is given."
                            + " Without ID, the whole cache.") String idArg,
            @Option(names = "--revision", paramLabel = "REV", description = "Only the snapshot of this revision.") String revision,
            @Option(names = "--repair", description = "Delete corrupt blobs and dangling links, so the next pull fetches them again.")
            boolean repair) {
        return run(() -> {
            HubCache cache = new HubCache(settings.get().cacheDir());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<CachedSnapshot> snapshots;
            if (idArg == null) {
                if (revision != null) {
                    throw new InvalidModelIdException("--revision needs a model id: kabar models verify ID --revision REV.");
                }
                snapshots = cache.list();
            } else {
                ModelId id = parse(idArg, revision);
                snapshots = cache.list(id);
                if (idArg.contains("@") || revision != null) {
                    Optional<String> commit = cache.commitOf(id);
                    snapshots = snapshots.stream().filter(s -> commit.isPresent() && s.commit().equals(commit.get())).toList();
                }
                if (snapshots.isEmpty()) {
                    err.println("kabar: Model " + (idArg.contains("@") || revision != null ? id : id.repoId())
                            + " is not in the cache " + cache.root() + "; run `kabar models pull " + id.repoId()
                            + "` first, or check HF_HOME.");
                    return Main.EXIT_FAILED;
                }
            }
            int bad = 0;
            int files = 0;
            for (CachedSnapshot snapshot : snapshots) {
                for (FileCheck check : SnapshotVerifier.verify(snapshot, repair)) {
                    files++;
                    bad += check.status().bad() ? 1 : 0;
                    out.println(String.format(Locale.ROOT, "%-12s %s@%s %s%s", check.status(), snapshot.repoId(),
                            snapshot.commit().substring(0, 12), check.file(),
                            check.status() == FileCheck.Status.OK ? "" : ": " + check.detail()));
                }
            }
            out.println("Checked " + files + " files in " + snapshots.size() + " snapshots: "
                    + (bad == 0 ? "all good." : bad + " bad."));
            return bad == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
        });
    }

    private static ModelId parse(String idArg, String revision) {
        ModelId id = ModelId.parse(idArg);
        if (revision == null) {
            return id;
        }
        if (idArg.contains("@") && !id.revision().equals(revision)) {
            throw new InvalidModelIdException("Model " + idArg + " names revision " + id.revision() + " but --revision says "
                    + revision + "; give the revision once.");
        }
        return id.withRevision(revision);
    }

    @Command(name = "lock", mixinStandardHelpOptions = true,
            description = {"Resolves each hub model the job names by branch or tag (or without a revision) to a commit,"
                    + " downloads and verifies it, and records it in the job's lock file (jobs/<name>.lock beside"
                    + " jobs/<name>.yaml). Models already locked are left as they are; runs lock missing ones themselves."})
    int lock(@Parameters(paramLabel = "JOB", description = "A job file, or a job name (jobs/<name>.yaml).") String job) {
        return locking(job, false);
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Resolves the job's branches and tags again, downloads what changed, and moves its lock file to"
                    + " the commits found; prints what changed. Translations of the new weights are not served from the"
                    + " translation memory of the old ones."})
    int update(@Parameters(paramLabel = "JOB", description = "A job file, or a job name (jobs/<name>.yaml).") String job) {
        return locking(job, true);
    }

    private int locking(String jobArg, boolean move) {
        return run(() -> {
            Path file = JobFiles.locate(jobArg);
            if (!Files.isRegularFile(file)) {
                throw new InvalidModelIdException("No job file " + jobArg + " (nor jobs/" + jobArg + ".yaml).");
            }
            Job job;
            try {
                job = JobFiles.load(file);
            } catch (JobFileException e) {
                spec.commandLine().getErr().println("kabar: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
            PrintWriter err = spec.commandLine().getErr();
            ModelLocks locks = new ModelLocks(settings.get(), linesTo(err), Clock.systemUTC());
            List<ModelLocks.Change> changes;
            try {
                changes = move ? locks.update(job) : locks.lock(job);
            } catch (ModelLockException e) {
                err.println("kabar: " + e.getMessage());
                return Main.EXIT_FAILED;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (changes.isEmpty()) {
                out.println("Job " + job.name() + " names no hub model by branch or tag; nothing to lock (a folder or a 40-hex commit needs no lock).");
            }
            for (ModelLocks.Change change : changes) {
                out.println(change.describe());
            }
            return Main.EXIT_OK;
        });
    }

    /** Progress lines to standard error, each shown as soon as it is said. */
    private static Consumer<String> linesTo(PrintWriter err) {
        return line -> {
            err.println(line);
            err.flush();
        };
    }

    /** Runs a subcommand, mapping typed failures to exit codes with their message. */
    private int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (InvalidModelIdException e) {
            spec.commandLine().getErr().println("kabar: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (HubException e) {
            spec.commandLine().getErr().println("kabar: " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
