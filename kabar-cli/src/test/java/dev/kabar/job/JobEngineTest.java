package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kabar.Bfloat16Cpu;
import dev.kabar.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job on the real engine with the tiny Marian checkpoint of {@code conformance.dir}: the
 * bundled Jurnas page end to end, a corrupt model file, and the {@code run} and {@code status}
 * commands with their exit codes.
 */
class JobEngineTest {

    @TempDir
    Path dir;

    private Path pageJob(Path model, String name) throws Exception {
        Path page = Path.of("data/jurnas-2024-11-22-menhan-as-rusia.txt").toAbsolutePath();
        String yaml = String.join("\n",
                "name: " + name,
                "inputs:",
                "  - path: " + page,
                "    format: text",
                "models:",
                "  translator: " + model,
                "generation:",
                "  num_beams: 1",
                "  max_new_tokens: 8",
                "outputs:",
                "  folder: " + dir.resolve("out") + "/{date}",
                "  formats: [jsonl]",
                "  digest: true",
                "") + "\n";
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static JobRunner engineRunner() {
        return new JobRunner(new EngineTranslatorFactory(), UnaryOperator.identity(), JobFixtures.CLOCK);
    }

    @Test
    void bundledPageRunsOnTheRealEngineAndTheReRunIsFree() throws Exception {
        Path model = JobFixtures.conformance().resolve("marian-tiny");
        Job job = JobFiles.load(pageJob(model, "jurnas"));
        JobRunner.Result first = engineRunner().run(job, line -> { });
        assertEquals("completed", first.report().status(), first.report().summaryLine());
        assertEquals(1, first.report().articles().done());
        assertTrue(first.report().sentences() > 10, first.report().summaryLine());
        assertTrue(first.report().modelKey().startsWith("sha256:"), first.report().modelKey());
        Path digest = dir.resolve("out/2024-11-22/jurnas-digest.html");
        assertEquals(digest.toString(), first.report().digest());
        String html = Files.readString(digest);
        assertTrue(html.contains("<html lang=\"en\"") && html.contains("1 article"), html);
        Map<String, List<JsonNode>> docs = JobFixtures.outputDocuments(dir.resolve("out"));
        assertEquals(1, docs.size());
        JsonNode doc = docs.values().iterator().next().get(0);
        assertFalse(doc.get("title_en").asText().isEmpty());
        assertEquals("extractive", doc.get("summary_method").asText(), "nightly outputs carry the summary");
        assertFalse(doc.get("summary_en").asText().isEmpty());

        // Same page under another job name: every sentence comes from the translation memory.
        Job twin = JobFiles.load(pageJob(model, "jurnas-twin"));
        JobRunner.Result again = engineRunner().run(twin, line -> { });
        assertEquals(1.0, again.report().translationMemory().hitRate(), again.report().summaryLine());
    }

    @Test
    void theJobsWorkersReachTheEngine() throws Exception {
        Path model = JobFixtures.conformance().resolve("marian-tiny");
        TranslatorFactory.Loaded three = new EngineTranslatorFactory().load(model.toString(), Map.of(), 3);
        TranslatorFactory.Loaded byDefault = new EngineTranslatorFactory().load(model.toString(), Map.of(), 0);
        try {
            assertEquals(3, ((dev.kabar.engine.Seq2SeqEngine) three.resources()).workers());
            assertEquals(dev.kabar.engine.Seq2SeqEngine.DEFAULT_WORKERS,
                    ((dev.kabar.engine.Seq2SeqEngine) byDefault.resources()).workers());
        } finally {
            three.resources().close();
            byDefault.resources().close();
        }
    }

    @Test
    void theJobsSecondTryReachesTheEngineAndABadOneIsTheJobFilesFault() throws Exception {
        Path model = JobFixtures.conformance().resolve("marian-tiny");
        dev.kabar.pipeline.TrustSettings trust = dev.kabar.pipeline.TrustSettings.defaults();
        TranslatorFactory.Loaded on = new EngineTranslatorFactory().load(model.toString(), Map.of("num_beams", 1), 0,
                dev.kabar.engine.Precision.FLOAT32, trust);
        TranslatorFactory.Loaded off = new EngineTranslatorFactory().load(model.toString(), Map.of("num_beams", 1), 0,
                dev.kabar.engine.Precision.FLOAT32, trust.withSecondTry(false));
        try {
            assertTrue(on.translator().secondTry() != null, "trust.second_try defaults to on");
            assertEquals(null, off.translator().secondTry());
            // The memory keeps second tries under their own settings , so new ones are not served old entries.
            assertTrue(!on.secondTryGenerationKey().equals(on.generationKey()), on.generationKey());
            assertEquals(off.generationKey(), off.secondTryGenerationKey());
        } finally {
            on.resources().close();
            off.resources().close();
        }

        Path file = pageJob(model, "zero-beams");
        Files.writeString(file, Files.readString(file) + "trust:\n  second_try_settings:\n    num_beams: 0\n");
        Job job = JobFiles.load(file);
        JobFileException bad = assertThrows(JobFileException.class, () -> engineRunner().run(job, line -> { }));
        assertTrue(bad.getMessage().contains(file.toString()) && bad.getMessage().contains("trust.second_try_settings")
                && bad.getMessage().contains("num_beams must be an integer of at least 1"), bad.getMessage());
        assertFalse(Files.exists(dir.resolve("out/2024-11-22/zero-beams-digest.html")), "nothing was translated");
    }

    @Test
    void theJobsDtypeReachesTheEngineAndKeepsItsOwnTranslationMemory() throws Throwable {
        Bfloat16Cpu.test(() -> {
            Path model = JobFixtures.conformance().resolve("marian-tiny");
            TranslatorFactory.Loaded f32 = new EngineTranslatorFactory().load(model.toString(), Map.of(), 0,
                    dev.kabar.engine.Precision.FLOAT32);
            TranslatorFactory.Loaded bf16 = new EngineTranslatorFactory().load(model.toString(), Map.of(), 0,
                    dev.kabar.engine.Precision.BFLOAT16);
            try {
                assertEquals(dev.kabar.engine.Precision.BFLOAT16, ((dev.kabar.engine.Seq2SeqEngine) bf16.resources()).precision());
                assertEquals(f32.modelKey(), bf16.modelKey());
                // bfloat16 translations must never be served as float32 ones, nor the other way round.
                assertTrue(!f32.generationKey().equals(bf16.generationKey()), bf16.generationKey());
                TranslatorFactory.Loaded plain = new EngineTranslatorFactory().load(model.toString(), Map.of(), 0);
                plain.resources().close();
                assertEquals(f32.generationKey(), plain.generationKey(), "float32 keeps the keys it always had");
                assertEquals(1, bf16.translator().translate(List.of("Menhan AS teleponan dengan Rusia.")).size());
            } finally {
                f32.resources().close();
                bf16.resources().close();
            }
        });
    }

    @Test
    void corruptModelFileFailsCleanlyAndAGoodModelRecovers() throws Exception {
        Path good = JobFixtures.conformance().resolve("marian-tiny");
        Path broken = dir.resolve("broken-model");
        Files.createDirectories(broken);
        try (Stream<Path> files = Files.list(good)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("pytorch_model.bin")).toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        byte[] weights = Files.readAllBytes(good.resolve("model.safetensors"));
        Files.write(broken.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 3));

        Path jobFile = pageJob(broken, "jurnas");
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> engineRunner().run(JobFiles.load(jobFile), line -> { }));
        assertTrue(e.getMessage().contains("cannot be loaded") && e.getMessage().contains("models.translator"),
                e.getMessage());
        assertTrue(JobFixtures.outputDocuments(dir.resolve("out")).isEmpty(), "nothing written");

        Files.writeString(jobFile, Files.readString(jobFile).replace(broken.toString(), good.toString()));
        JobRunner.Result recovered = engineRunner().run(JobFiles.load(jobFile), line -> { });
        assertEquals("completed", recovered.report().status());
        assertEquals(1, recovered.report().articles().done());
    }

    @Test
    void runAndStatusCommandsMapOutcomesToExitCodes() throws Exception {
        Path jobFile = pageJob(JobFixtures.conformance().resolve("marian-tiny"), "cli");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));

        assertEquals(0, cli.execute("run", jobFile.toString()), err.toString());
        assertTrue(err.toString().contains("kabar: job cli run 1 completed"), err.toString());
        // Standard error is a pipe here, so progress comes as lines; the first gives the totals before any batch.
        assertTrue(err.toString().contains("kabar: progress: 0/28 sentences (0%), 0/1 articles"), err.toString());
        assertTrue(err.toString().contains("28 sentences translated"), err.toString());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(jobFile) + "surprise: 1\n");
        assertEquals(2, cli.execute("run", bad.toString()));
        assertTrue(err.toString().contains("unknown key 'surprise'"), err.toString());

        // No such job: a usage error (2), and a path is taken as it is, not looked up as jobs/<path>.yaml.
        assertEquals(2, cli.execute("status", dir.resolve("x/nothere.yaml").toString()));
        assertTrue(err.toString().contains("no job file " + dir.resolve("x/nothere.yaml") + ";"), err.toString());
        assertEquals(2, cli.execute("status", "nothere"));
        assertTrue(err.toString().contains("no job file jobs/nothere.yaml (the job name nothere is looked up as jobs/nothere.yaml)"),
                err.toString());
        assertEquals(2, cli.execute("status", bad.toString()), "an invalid job file is a usage error too");

        assertEquals(0, cli.execute("status", jobFile.toString()), err.toString());
        assertTrue(out.toString().contains("job cli") && out.toString().contains("run 1  completed"), out.toString());
        assertTrue(out.toString().contains("quarantined articles: 0"), out.toString());

        Job job = JobFiles.load(jobFile);
        try (JobLock held = JobLock.acquire(job.database(), job.name(), JobFixtures.CLOCK.instant())) {
            assertEquals(4, cli.execute("run", jobFile.toString()));
            assertTrue(err.toString().contains("already running"), err.toString());
        }
    }
}
