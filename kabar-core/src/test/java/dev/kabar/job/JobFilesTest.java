package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job files are read strictly: every fault names the key and the file, before any work. */
class JobFilesTest {

    @TempDir
    Path dir;

    private Path input() throws IOException {
        return JobFixtures.articles(dir.resolve("in/a.jsonl"), "a1", "Judul", "Isi berita.");
    }

    private JobFileException refused(String yaml) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        JobFileException e = assertThrows(JobFileException.class, () -> JobFiles.load(file));
        assertTrue(e.getMessage().contains(file.toString()), () -> "names the file: " + e.getMessage());
        return e;
    }

    private String valid() throws IOException {
        return "inputs:\n  - path: " + input() + "\nmodels:\n  translator: " + dir + "\noutputs:\n  folder: "
                + dir.resolve("out") + "/{date}\n";
    }

    @Test
    void shippedExampleIsValidAndRunsOnTheBundledPage() throws Exception {
        Job job = JobFiles.load(Path.of("jobs/example.yaml"));
        assertEquals("example", job.name());
        assertEquals(List.of(ChunkFormat.JSONL, ChunkFormat.CSV), job.formats());
        assertEquals(1, job.inputs().size());
        assertTrue(job.inputs().get(0).location().endsWith("jurnas-2024-11-22-menhan-as-rusia.txt"));
        assertEquals(Path.of("out/example/2024-11-22"), job.outputFolder(LocalDate.of(2024, 11, 22)));
        assertEquals(Path.of("out/example/.kabar/state.db"), job.database());
        assertEquals(14, job.keepDays());
    }

    @Test
    void theProductionJobTranslatesWithOpusMtLockedByItsLockFile() throws Exception {
        Job job = JobFiles.load(Path.of("jobs/nightly.yaml"));
        assertEquals("nightly", job.name());
        assertEquals("Helsinki-NLP/opus-mt-id-en", job.translator());
        assertTrue(ModelLocks.needsLock(job.translator()));
        assertEquals(Path.of("jobs/nightly.lock"), ModelLocks.lockFileOf(job.file()));
        assertEquals(4, job.generation().get("num_beams"));
        assertEquals(List.of(ChunkFormat.JSONL, ChunkFormat.CSV), job.formats());
        assertEquals("html", job.digest());
        assertTrue(job.inputs().get(0).location().endsWith("jurnas-2024-11-22-menhan-as-rusia.txt"));
        assertEquals(Path.of("out/nightly/.kabar/state.db"), job.database(), "default database: next to the outputs");
    }

    @Test
    void defaultsApplyToAMinimalFile() throws Exception {
        Path file = dir.resolve("nightly.yaml");
        Files.writeString(file, valid());
        Job job = JobFiles.load(file);
        assertEquals("nightly", job.name(), "the file name is the default job name");
        assertEquals(List.of(ChunkFormat.JSONL), job.formats());
        assertEquals(JobFiles.DEFAULT_CHUNK_ARTICLES, job.chunkArticles());
        assertEquals(JobFiles.DEFAULT_MAX_ATTEMPTS, job.maxAttempts());
        assertEquals(dir.resolve("out/.kabar/state.db"), job.database());
    }

    @Test
    void unknownKeyIsNamedWithItsPath() throws Exception {
        JobFileException e = refused(valid() + "  formatz: [csv]\n");
        assertTrue(e.getMessage().contains("unknown key 'outputs.formatz'"), e.getMessage());
    }

    @Test
    void wrongTypeIsNamedWithItsPath() throws Exception {
        JobFileException e = refused(valid() + "batching:\n  batch_tokens: lots\n");
        assertTrue(e.getMessage().contains("'batching.batch_tokens'"), e.getMessage());
        JobFileException list = refused(valid() + "  formats: jsonl\n");
        assertTrue(list.getMessage().contains("'outputs.formats'"), list.getMessage());
        // Said in words, not in Java types or Jackson's configuration hints (#18 item 10).
        assertTrue(e.getMessage().contains("expected a whole number, found text \"lots\""), e.getMessage());
        JobFileException array = refused(valid() + "batching:\n  batch_tokens: [1, 2]\n");
        assertTrue(array.getMessage().contains("expected a whole number, found a list"), array.getMessage());
        for (JobFileException each : List.of(e, list, array)) {
            for (String internal : List.of("`", "java.", "CoercionConfig", "Feature", "Source:")) {
                assertFalse(each.getMessage().contains(internal), each.getMessage());
            }
        }
    }

    @Test
    void theDtypeIsReadCheckedAndDefaultsToFloat32() throws Exception {
        Path file = dir.resolve("dtype.yaml");
        Files.writeString(file, valid());
        assertEquals(dev.kabar.engine.Precision.FLOAT32, JobFiles.load(file).precision());
        Files.writeString(file, valid().replace("\noutputs:", "\n  dtype: bfloat16\noutputs:"));
        assertEquals(dev.kabar.engine.Precision.BFLOAT16, JobFiles.load(file).precision());
        JobFileException e = refused(valid().replace("\noutputs:", "\n  dtype: half\noutputs:"));
        assertTrue(e.getMessage().contains("models.dtype") && e.getMessage().contains("'half'"), e.getMessage());
    }

    @Test
    void workersAreCheckedAndDefaultToTheEngines() throws Exception {
        JobFileException e = refused(valid() + "batching:\n  workers: 0\n");
        assertTrue(e.getMessage().contains("batching.workers") && e.getMessage().contains("0"), e.getMessage());
        Path file = dir.resolve("workers.yaml");
        Files.writeString(file, valid() + "batching:\n  workers: 3\n");
        assertEquals(3, JobFiles.load(file).workers());
        Files.writeString(file, valid());
        assertEquals(0, JobFiles.load(file).workers(), "absent: the engine's default");
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        JobFileException e = refused("inputs: [\n  - path: x\nmodels: {\n");
        assertTrue(e.getMessage().contains("not valid YAML") && e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void missingTranslatorAndInputFilesAreNamed() throws Exception {
        JobFileException model = refused("inputs:\n  - path: " + input() + "\noutputs:\n  folder: out\n");
        assertTrue(model.getMessage().contains("models.translator is required"), model.getMessage());
        JobFileException missing = refused(valid().replace(input().toString(), dir.resolve("nope.jsonl").toString()));
        assertTrue(missing.getMessage().contains("inputs[0].path") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        JobFileException glob = refused(valid().replace(input().toString(), dir.resolve("in") + "/*.csv"));
        assertTrue(glob.getMessage().contains("matches no file"), glob.getMessage());
    }

    @Test
    void globsExpandToTheFilesTheyMatch() throws Exception {
        JobFixtures.articles(dir.resolve("in/b.jsonl"), "b1", "Judul", "Isi.");
        Path file = dir.resolve("glob.yaml");
        Files.writeString(file, valid().replace(input().toString(), dir.resolve("in") + "/*.jsonl"));
        assertEquals(2, JobFiles.load(file).inputs().size());
    }

    @Test
    void aHubModelMayNameABranchWhichItsLockFilePins() throws Exception {
        for (String ref : new String[] {"Helsinki-NLP/opus-mt-id-en", "Helsinki-NLP/opus-mt-id-en@main",
            "Helsinki-NLP/opus-mt-id-en@v1.0", "Helsinki-NLP/opus-mt-id-en@" + "ab".repeat(20)}) {
            Path file = dir.resolve("hub.yaml");
            Files.writeString(file, valid().replace("translator: " + dir, "translator: " + ref));
            assertEquals(ref, JobFiles.load(file).translator());
            assertEquals(!ref.contains("abab"), ModelLocks.needsLock(ref), ref);
        }
        assertEquals(dir.resolve("hub.lock"), ModelLocks.lockFileOf(dir.resolve("hub.yaml")));
        JobFileException bad = refused(valid().replace("translator: " + dir, "translator: Helsinki-NLP/opus-mt-id-en@bad..rev"));
        assertTrue(bad.getMessage().contains("models.translator") && bad.getMessage().contains("not a valid hub id"), bad.getMessage());
    }

    @Test
    void relativePathsAreResolvedAgainstTheJobFilesFolderNotTheWorkingDirectory() throws Exception {
        // cron starts in the home folder: the job must find its inputs, model and outputs all the same.
        Path jobs = Files.createDirectories(dir.resolve("repo/jobs"));
        Path data = Files.createDirectories(dir.resolve("repo/data"));
        JobFixtures.articles(data.resolve("a.jsonl"), "a1", "Judul", "Isi.");
        Path model = Files.createDirectories(dir.resolve("repo/models/tiny"));
        Path file = jobs.resolve("cron.yaml");
        Files.writeString(file, "inputs:\n  - path: ../data/*.jsonl\nmodels:\n  translator: ../models/tiny\noutputs:\n  folder: ../out/{date}\n"
                + "state:\n  database: ../out/.kabar/state.db\n");
        Job job = JobFiles.load(file);
        assertEquals(data.resolve("a.jsonl").toString(), job.inputs().get(0).location());
        assertEquals(model.toString(), job.translator());
        assertEquals(dir.resolve("repo/out/2024-11-22"), job.outputFolder(LocalDate.of(2024, 11, 22)));
        assertEquals(dir.resolve("repo/out/.kabar/state.db"), job.database());
        // A model that looks like a folder and is missing is named as a folder, not tried on the hub.
        Files.writeString(file, Files.readString(file).replace("../models/tiny", "../models/gone"));
        JobFileException missing = assertThrows(JobFileException.class, () -> JobFiles.load(file));
        assertTrue(missing.getMessage().contains("'../models/gone' names a folder that does not exist (" + dir.resolve("repo/models/gone"))
                && missing.getMessage().contains("relative to the job file's folder"), missing.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithBothLines() throws Exception {
        // The last outputs: used to win without a word, and the job wrote elsewhere.
        String twice = valid() + "outputs:\n  folder: " + dir.resolve("elsewhere") + "/{date}\n";
        JobFileException e = refused(twice);
        int second = (int) twice.lines().count() - 1;
        assertTrue(e.getMessage().contains("key 'outputs' is given twice, on line 5 and line " + second + "; keep one."), e.getMessage());
        JobFileException nested = refused(valid().replace("models:\n", "models:\n  dtype: float32\n  dtype: bfloat16\n"));
        assertTrue(nested.getMessage().contains("key 'dtype' is given twice, on line 4 and line 5"), nested.getMessage());
    }

    @Test
    void badValuesAreNamed() throws Exception {
        assertTrue(refused(valid() + "generation:\n  beams: 4\n").getMessage().contains("generation.beams"));
        assertTrue(refused(valid() + "  formats: [xml]\n").getMessage().contains("outputs.formats"));
        assertTrue(refused(valid() + "state:\n  max_attempts: 0\n").getMessage().contains("state.max_attempts"));
        assertTrue(refused(valid() + "retention:\n  keep_days: -1\n").getMessage().contains("retention.keep_days"));
        assertTrue(refused(valid() + "retention:\n  translation_memory_days: 0\n").getMessage()
                .contains("retention.translation_memory_days"));
        assertTrue(refused(valid().replace("outputs:\n", "outputs:\n  digest: pdf\n")).getMessage()
                .contains("outputs.digest must be true, false, html, md, or a mapping {format: html|md, suspect: mark|omit}, "
                        + "but is pdf"));
        assertTrue(refused(valid().replace("outputs:\n", "outputs:\n  digest: {format: html, suspect: hide}\n")).getMessage()
                .contains("outputs.digest.suspect must be mark (show suspect sentences with a marker and their reasons) or omit "
                        + "(leave them out of the digest), but is hide."));
        assertTrue(refused(valid().replace("outputs:\n", "outputs:\n  digest: {format: pdf}\n")).getMessage()
                .contains("outputs.digest.format must be html or md, but is pdf."));
        assertTrue(refused(valid().replace("outputs:\n", "outputs:\n  digest: {suspects: omit}\n")).getMessage()
                .contains("outputs.digest.suspects is not a digest setting; allowed: [format, suspect]."));
    }

    @Test
    void theDigestMarksSuspectSentencesUnlessTheJobLeavesThemOut() throws Exception {
        Path file = dir.resolve("jobs/omit.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, valid().replace("outputs:\n", "outputs:\n  digest: {format: md, suspect: omit}\n"));
        Job omit = JobFiles.load(file);
        assertEquals("md", omit.digest());
        assertEquals(dev.kabar.digest.SuspectSentences.OMIT, omit.digestSuspects());
        Files.writeString(file, valid().replace("outputs:\n", "outputs:\n  digest: true\n"));
        assertEquals(dev.kabar.digest.SuspectSentences.MARK, JobFiles.load(file).digestSuspects());
        Files.writeString(file, valid().replace("outputs:\n", "outputs:\n  digest: {suspect: omit}\n"));
        assertEquals("html", JobFiles.load(file).digest(), "html when the mapping names no format");
    }

    @Test
    void theTrustBlockIsReadOverTheDefaults() throws Exception {
        Path file = dir.resolve("trust.yaml");
        Files.writeString(file, valid());
        assertEquals(dev.kabar.pipeline.TrustSettings.defaults(), JobFiles.load(file).trust(), "absent: the defaults");
        Files.writeString(file, valid() + "trust:\n  detect_language: false\n  min_confidence: -2\n"
                + "  second_try_settings:\n    num_beams: 6\n    repetition_penalty: 1.3\n");
        Job job = JobFiles.load(file);
        dev.kabar.pipeline.TrustSettings trust = job.trust();
        assertFalse(trust.detectLanguage());
        assertTrue(trust.secondTry(), "left out: on");
        assertEquals(-2.0, trust.minConfidence());
        assertEquals(Map.of("num_beams", 6, "repetition_penalty", 1.3), trust.secondTrySettings());
        assertEquals(trust, job.batching().trust(), "the pipeline gets them with the batching");
        assertEquals(trust, job.translatorSpec("models/x").trust(), "and so does a Spark executor");
        assertEquals(trust, job.translatorSpec("models/x").settings().trust());
        Files.writeString(file, valid() + "trust:\n  second_try: false\n");
        assertFalse(JobFiles.load(file).trust().secondTry());

        // The commented block of jobs/example.yaml, uncommented, is valid and says the defaults.
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("jobs/example.yaml"))) {
            if (line.startsWith("# trust:") || (line.startsWith("#  ") && block.length() > 0)) {
                block.append(line.substring(2)).append('\n');
            }
        }
        Files.writeString(file, valid() + block);
        assertEquals(dev.kabar.pipeline.TrustSettings.defaults(), JobFiles.load(file).trust()
                .withSecondTrySettings(Map.of()), block.toString());
        assertEquals(Map.of("no_repeat_ngram_size", 3, "repetition_penalty", 1.2, "num_beams", 4),
                JobFiles.load(file).trust().secondTrySettings(), block.toString());
    }

    @Test
    void badTrustValuesAreNamed() throws Exception {
        JobFileException positive = refused(valid() + "trust:\n  min_confidence: 0.5\n");
        assertTrue(positive.getMessage().contains("trust.min_confidence") && positive.getMessage().contains("at most 0")
                && positive.getMessage().contains("0.5"), positive.getMessage());
        JobFileException unknown = refused(valid() + "trust:\n  second_try_settings:\n    beams: 4\n");
        assertTrue(unknown.getMessage().contains("trust.second_try_settings.beams is not a generation setting")
                && unknown.getMessage().contains("num_beams"), unknown.getMessage());
        JobFileException notBoolean = refused(valid() + "trust:\n  detect_language: sometimes\n");
        assertTrue(notBoolean.getMessage().contains("'trust.detect_language'"), notBoolean.getMessage());
        JobFileException number = refused(valid() + "trust:\n  second_try: 1\n");
        assertTrue(number.getMessage().contains("'trust.second_try'"), number.getMessage());
        JobFileException text = refused(valid() + "trust:\n  min_confidence: low\n");
        assertTrue(text.getMessage().contains("'trust.min_confidence'"), text.getMessage());
        JobFileException misspelt = refused(valid() + "trust:\n  second_tries: true\n");
        assertTrue(misspelt.getMessage().contains("unknown key 'trust.second_tries'")
                && misspelt.getMessage().contains("second_try_settings"), misspelt.getMessage());
        JobFileException both = refused(valid() + "trust:\n  second_try: false\n  second_try_settings:\n    num_beams: 4\n");
        assertTrue(both.getMessage().contains("trust.second_try_settings is given but trust.second_try is false"),
                both.getMessage());
    }

    @Test
    void theGlossaryIsReadAtLoadRelativeToTheJobFileAndReachesThePipelineAndTheSpec() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("repo/jobs"));
        Path terms = Files.createDirectories(dir.resolve("repo/terms")).resolve("newsroom.csv");
        Files.writeString(terms, "id,en\nKemenhan,Ministry of Defence\nPolri,National Police\n");
        Path file = jobs.resolve("cron.yaml");
        Files.writeString(file, valid() + "glossary: ../terms/newsroom.csv\n");

        Job job = JobFiles.load(file);

        assertEquals(terms, job.glossary(), "relative to the job file's folder, like the other paths");
        assertEquals(List.of("Kemenhan", "Polri"), job.batching().glossary().terms().stream()
                .map(dev.kabar.glossary.GlossaryTerm::id).toList(), "read at load, handed to the pipeline");
        assertEquals(terms.toAbsolutePath().normalize().toString(), job.translatorSpec("model").glossary(),
                "absolute for executors, which do not share the driver's working directory");

        Files.writeString(file, valid());
        Job plain = JobFiles.load(file);
        assertEquals(null, plain.glossary());
        assertEquals(null, plain.batching().glossary());
        assertEquals(null, plain.translatorSpec("model").glossary());
    }

    @Test
    void aBadGlossaryIsNamedWithItsKeyBeforeAnythingRuns() throws Exception {
        JobFileException missing = refused(valid() + "glossary: missing.csv\n");
        assertTrue(missing.getMessage().contains("glossary 'missing.csv' does not exist (" + dir.resolve("missing.csv"))
                && missing.getMessage().contains("relative to the job file's folder"), missing.getMessage());

        Files.writeString(dir.resolve("bad.csv"), "id,en,case_sensitive\nKemenhan,Ministry of Defence,ya\n");
        JobFileException bad = refused(valid() + "glossary: bad.csv\n");
        assertTrue(bad.getMessage().contains("glossary 'bad.csv' cannot be used") && bad.getMessage().contains("line 2")
                && bad.getMessage().contains("case_sensitive"), bad.getMessage());
        assertTrue(bad.getCause() instanceof dev.kabar.glossary.GlossaryException, "the typed cause is kept");

        Files.createDirectories(dir.resolve("folder.csv"));
        JobFileException folder = refused(valid() + "glossary: folder.csv\n");
        assertTrue(folder.getMessage().contains("glossary 'folder.csv' is a folder"), folder.getMessage());
        JobFileException empty = refused(valid() + "glossary: ''\n");
        assertTrue(empty.getMessage().contains("glossary is empty"), empty.getMessage());
        JobFileException list = refused(valid() + "glossary: [a.csv, b.csv]\n");
        assertTrue(list.getMessage().contains("'glossary'"), list.getMessage());
    }
}
