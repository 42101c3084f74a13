package dev.kabar.spark;

import dev.kabar.job.Job;
import dev.kabar.job.JobFiles;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class dev.kabar.spark.Main kabar-spark.jar jobs/x.yaml [--waves month]}: runs
 * a job file on the cluster (or in local mode with {@code --master local[N]}); {@code --waves month}
 * writes a backfill one month of article dates at a time. Exit codes as {@code kabar run}:
 * 0 completed, 3 partial (input problems or failed articles), 1 failed.
 */
public final class Main {

    private Main() {
    }

    /** Runs the job file named by the only argument. */
    public static void main(String[] args) {
        boolean byMonth = args.length == 3 && args[1].equals("--waves") && args[2].equals("month");
        if (args.length != 1 && !byMonth) {
            System.err.println("kabar: usage: spark-submit --class dev.kabar.spark.Main kabar-spark.jar JOB_FILE [--waves month]");
            System.exit(2);
        }
        int code;
        SparkSession spark = SparkSession.builder().appName("kabar " + args[0]).getOrCreate();
        try {
            Job job = JobFiles.load(Path.of(args[0]));
            SparkJobRunner.Result result = new SparkJobRunner(spark, Clock.systemDefaultZone(), System.err::println).run(job,
                    byMonth);
            code = result.status().equals("completed") ? 0 : 3;
        } catch (Exception e) {
            System.err.println("kabar: " + e.getMessage());
            code = 1;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }
}
