package dev.kabar.cli;

import dev.kabar.job.Job;
import dev.kabar.job.JobFileException;
import dev.kabar.job.JobFiles;
import dev.kabar.job.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kabar status [job]}: recent runs and quarantined articles, read from the jobs' state
 * databases. Reads only; safe while a run is in progress (the database is in WAL mode).
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Lists the recent runs and the quarantined articles of a job (a job file, or a name looked up as "
                    + "jobs/<name>.yaml), or of every job in jobs/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Listed.", "1:A state database cannot be read.", "2:No such job, or an invalid job file."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB",
            description = "A job file, or a job name (jobs/<name>.yaml); default: every job in jobs/.")
    String job;

    @Option(names = "--database", paramLabel = "FILE",
            description = "Read this state database instead of the one the job file names.")
    Path database;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "Runs to list per job (default: ${DEFAULT-VALUE}).")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, but is " + runs + ".");
        }
        try {
            return list();
        } catch (JobFileException e) {
            // No such job, or an invalid job file: a usage error, as documented.
            spec.commandLine().getErr().println("kabar: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }

    private int list() throws JobFileException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        // Job name -> database; null name means every job in that database.
        Map<String, Path> targets = new LinkedHashMap<>();
        if (job != null) {
            Path file = JobFiles.locate(job);
            if (!Files.isRegularFile(file) && database == null) {
                throw new JobFileException("no job file " + file + (file.toString().equals(job) ? "" : " (the job name " + job
                        + " is looked up as jobs/" + job + ".yaml)") + "; give a job file or a job name, or --database FILE.", null);
            }
            if (!Files.isRegularFile(file) && database != null) {
                targets.put(job, database);
            } else {
                Job loaded = JobFiles.load(file);
                targets.put(loaded.name(), database != null ? database : loaded.database());
            }
        } else if (database != null) {
            targets.put(null, database);
        } else {
            for (Path file : jobFiles()) {
                Job loaded = JobFiles.load(file);
                targets.put(loaded.name(), loaded.database());
            }
        }
        if (targets.isEmpty()) {
            out.println("No job files in jobs/.");
            return Main.EXIT_OK;
        }
        for (Map.Entry<String, Path> target : targets.entrySet()) {
            print(out, target.getKey(), target.getValue());
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static List<Path> jobFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        Path folder = Path.of("jobs");
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /**
     * One run as {@code kabar status} lists it: status, start, article counts, memory hits, then the
     * sentence verdicts in the words of the run's summary line.
     *
     * @param allJobs whether runs of several jobs are listed, so that each names its job
     */
    static String runLine(StateStore.RunRow r, boolean allJobs) {
        double rate = r.tmLookups() == 0 ? 0 : 100.0 * r.tmHits() / r.tmLookups();
        return String.format(Locale.ROOT,
                "  run %d  %-9s  %s  done %d, failed %d, quarantined %d, unchanged %d, memory hits %.0f%%; %s%s%s",
                r.id(), r.shownStatus(), r.startedAt(), r.done(), r.failed(), r.quarantined(), r.unchanged(), rate,
                r.trust().describe(), allJobs ? "  [" + r.job() + "]" : "", r.error() == null ? "" : "  — " + r.error());
    }

    private void print(PrintWriter out, String jobName, Path db) {
        String title = jobName == null ? "all jobs" : "job " + jobName;
        if (!Files.exists(db)) {
            out.println(title + ": never run (no state database at " + db + ")");
            out.println();
            return;
        }
        try (StateStore store = StateStore.open(db)) {
            out.println(title + " (state " + db + ")");
            List<StateStore.RunRow> rows = store.recentRuns(jobName, runs);
            if (rows.isEmpty()) {
                out.println("  no runs yet");
            }
            for (StateStore.RunRow r : rows) {
                out.println(runLine(r, jobName == null));
            }
            List<StateStore.ArticleRow> stuck = store.quarantined(jobName);
            out.println("  quarantined articles: " + stuck.size());
            for (StateStore.ArticleRow a : stuck) {
                out.println("    " + a.key() + "  (" + a.origin() + ", " + a.attempts() + " attempts): " + a.lastError());
            }
            out.println();
        }
    }
}
