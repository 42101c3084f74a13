package dev.kabar.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.TestData;
import dev.kabar.job.JobFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone Spark master and worker in their own JVMs, built from the Maven jars, with executors
 * in JVMs of their own: an executor killed with SIGKILL in the middle of writing still leaves every
 * article exactly once; the model reaches the executors as an archive ({@code --archives}), and is
 * the driver's (the executors check its fingerprint).
 */
class StandaloneClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process start(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(moduleOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        // Spark's launcher needs a home and a Scala version; testing mode takes the classpath as given.
        builder.environment().put("SPARK_HOME", dir.toString());
        builder.environment().put("SPARK_TESTING", "1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        return builder.start();
    }

    /** The JVM flags spark-submit adds on Java 17 (the build passes Spark's list); none on Spark 4.2. */
    private static List<String> moduleOptions() {
        String options = System.getProperty("spark.moduleOptions", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static void await(Path log, String line) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("'" + line + "' never appeared in " + log + ":\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    @Test
    void anExecutorKilledMidTaskLeavesEveryArticleExactlyOnce() throws Exception {
        int port = freePort();
        Process master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        Process worker = null;
        SparkSession spark = null;
        try {
            await(dir.resolve("master.log"), "I have been elected leader");
            worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker", "spark://127.0.0.1:" + port,
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--work-dir", dir.resolve("work").toString(),
                    "--webui-port", Integer.toString(freePort())));
            await(dir.resolve("worker.log"), "Successfully registered with master");

            Path in = Files.createDirectories(dir.resolve("in"));
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= 6; i++) {
                lines.append(JSON.writeValueAsString(Map.of("id", "a" + i, "title", "Berita " + i,
                        "body", "Warga kota " + i + " menyambut pasar baru."))).append('\n');
            }
            Files.writeString(in.resolve("a.jsonl"), lines.toString());
            Path jobFile = dir.resolve("nightly.yaml");
            Files.writeString(jobFile, String.join("\n", "name: nightly", "inputs:", "  - path: in", "models:",
                    "  translator: " + TestData.conformance("marian-tiny"), "generation:", "  max_new_tokens: 8",
                    "outputs:", "  folder: out/{date}", "  formats: [jsonl]", "  chunk_articles: 2", ""));
            Path pause = Files.createDirectories(dir.resolve("pause"));
            // The model travels as an archive, unpacked beside each executor, as on a cluster without shared storage.
            Path archive = dir.resolve("marian-tiny.tgz");
            assertEquals(0, new ProcessBuilder("tar", "czf", archive.toString(), "-C", TestData.conformance("marian-tiny").toString(), ".")
                    .inheritIO().start().waitFor());

            spark = SparkSession.builder().master("spark://127.0.0.1:" + port).appName("kabar-standalone-test")
                    .config("spark.ui.enabled", "false").config("spark.executor.memory", "1g")
                    .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .config("spark.executor.extraJavaOptions", String.join(" ", moduleOptions()) + " -D"
                            + DistinctTexts.PAUSE_FIRST_ATTEMPT + "=" + pause)
                    .config("spark.archives", archive + "#model").config(SparkJobRunner.MODEL_CONF, "./model")
                    .getOrCreate();
            SparkSession session = spark;
            Thread killer = new Thread(() -> {
                try {
                    Path started = pause.resolve("started");
                    while (!Files.exists(started) || Files.readString(started).isBlank()) {
                        Thread.sleep(200);
                    }
                    long pid = Long.parseLong(Files.readString(started).strip());
                    // SIGKILL: the executor gets no chance to clean up.
                    new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            killer.setDaemon(true);
            killer.start();

            SparkJobRunner.Result result = new SparkJobRunner(session, Clock.fixed(Instant.parse("2024-11-22T02:00:00Z"),
                    ZoneOffset.UTC), s -> { }).run(JobFiles.load(jobFile));

            killer.join(TimeUnit.SECONDS.toMillis(5));
            assertTrue(Files.exists(pause.resolve("started")), "an executor reached the pause");
            // The worker saw its executor die of SIGKILL (exit status 128 + 9).
            assertTrue(Files.readString(dir.resolve("worker.log")).contains("exitStatus 137"),
                    Files.readString(dir.resolve("worker.log")));
            assertEquals("completed", result.status(), result.summaryLine("nightly"));
            assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1, "a4", 1, "a5", 1, "a6", 1), counts());
        } finally {
            if (spark != null) {
                spark.stop();
            }
            if (worker != null) {
                worker.descendants().forEach(ProcessHandle::destroyForcibly);
                worker.destroyForcibly().waitFor();
            }
            master.destroyForcibly().waitFor();
        }
    }

    private Map<String, Integer> counts() throws IOException {
        Map<String, Integer> byId = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getParent().getFileName().toString().equals("jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode doc = JSON.readTree(line);
                        byId.merge(doc.get("id").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        return byId;
    }
}
