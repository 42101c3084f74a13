package dev.kabar.job;

import java.nio.file.Path;

/**
 * A child JVM for {@link JobCrashTest}: runs a job with a slow fake translator, so that the parent
 * can kill it in the middle of the run.
 */
public final class SlowJobMain {

    private SlowJobMain() {
    }

    /** Runs {@code args[0]}, sleeping {@code args[1]} milliseconds per batch. */
    public static void main(String[] args) throws Exception {
        JobFixtures.FakeTranslator slow = new JobFixtures.FakeTranslator(Long.parseLong(args[1]));
        JobRunner.Result result = JobFixtures.runner(slow).run(JobFiles.load(Path.of(args[0])), System.err::println);
        System.err.println(result.report().summaryLine());
    }
}
