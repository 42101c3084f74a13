package dev.kabar.cli;

import dev.kabar.job.Job;
import dev.kabar.job.JobFailedException;
import dev.kabar.job.JobFileException;
import dev.kabar.job.JobFiles;
import dev.kabar.job.JobLockedException;
import dev.kabar.job.JobRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kabar run jobs/<name>.yaml}: one idempotent, resumable run of a nightly job. Reads the
 * job file, runs it with {@link JobRunner} and maps the outcome to an exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a nightly job file: translates the articles that are new, changed, or failed before, and commits "
                    + "them chunk by chunk to the dated output folder.",
            "Safe to re-run and to kill: state lives in the job's SQLite database; a second run of the same job at "
                    + "the same time refuses to start. Progress (a bar on a terminal, else a line every --progress-interval "
                    + "seconds) and the one-line summary go to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every article done (or unchanged since an earlier run).",
            "1:The run stopped (output folder not writable, disk full, model cannot be loaded, state database "
                    + "broken); what was committed stays, the next run resumes.",
            "2:The job file is invalid (the message names the key and the file); nothing was done.",
            "3:Partial: some articles failed (retried next run) or were quarantined, or inputs were unreadable; "
                    + "the others are done.",
            "4:Another run of the same job is in progress (its pid, host and start time are named); nothing was done."})
final class RunCommand implements Callable<Integer> {

    /** Exit code: the job is locked by another run. */
    static final int EXIT_LOCKED = 4;

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file, e.g. jobs/example.yaml.")
    Path jobFile;

    // Longer than translate's 10 s: a nightly run's log is kept, and read after the fact.
    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between progress lines when standard error is not a terminal (default: ${DEFAULT-VALUE}); "
                    + "on a terminal a bar is redrawn in place.")
    int progressInterval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (progressInterval < 1) {
            throw new IllegalArgumentException("--progress-interval must be at least 1 second, but is "
                    + progressInterval + ".");
        }
        try {
            Job job = JobFiles.load(jobFile);
            ProgressDisplay display = ProgressDisplay.forStandardError(err, progressInterval);
            JobRunner.Result result;
            try {
                result = JobRunner.standard().run(job, display::message, display.progress());
            } finally {
                display.end(); // a run that stopped leaves the bar's line open; the error goes below it
            }
            err.println(result.report().summaryLine());
            if (result.reportFile() != null) {
                err.println("kabar: report: " + result.reportFile());
            }
            err.flush();
            return "completed".equals(result.report().status()) ? Main.EXIT_OK : Main.EXIT_PARTIAL;
        } catch (JobFileException e) {
            err.println("kabar: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (JobLockedException e) {
            err.println("kabar: " + e.getMessage());
            return EXIT_LOCKED;
        } catch (JobFailedException e) {
            err.println("kabar: " + e.getMessage());
            if (e.report() != null) {
                err.println("kabar: report: " + e.report());
            }
            return Main.EXIT_FAILED;
        } finally {
            err.flush();
        }
    }
}
