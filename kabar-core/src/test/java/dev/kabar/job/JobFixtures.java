package dev.kabar.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.Translation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Files and fakes shared by the job tests. */
final class JobFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The run date of every test: outputs go to {@code out/2024-11-22}. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-22T02:00:00Z"), ZoneOffset.UTC);

    private JobFixtures() {
    }

    /** Writes a JSONL input of articles {id, title, body}. */
    static Path articles(Path file, String... idTitleBody) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < idTitleBody.length; i += 3) {
            Map<String, String> a = new java.util.LinkedHashMap<>();
            a.put("id", idTitleBody[i]);
            a.put("title", idTitleBody[i + 1]);
            a.put("body", idTitleBody[i + 2]);
            out.append(JSON.writeValueAsString(a)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        return file;
    }

    /** A job file over {@code input} writing to {@code dir/out/{date}}; {@code extra} lines are appended. */
    static Path job(Path dir, String name, Path input, String translator, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "name: " + name,
                "inputs:",
                "  - path: " + input,
                "    format: jsonl",
                "models:",
                "  translator: " + translator,
                "outputs:",
                "  folder: " + dir.resolve("out") + "/{date}",
                "  formats: [jsonl, csv]",
                "  chunk_articles: 2"));
        lines.addAll(List.of(extra));
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /**
     * A fake English: {@code EN(sentence)}; a sentence containing {@code RUSAK} fails, as a bad
     * sentence in a real model would.
     */
    static final class FakeTranslator {
        final AtomicInteger sentencesTranslated = new AtomicInteger();
        final long sleepMillisPerBatch;

        FakeTranslator(long sleepMillisPerBatch) {
            this.sleepMillisPerBatch = sleepMillisPerBatch;
        }

        SentenceTranslator translator() {
            return new SentenceTranslator() {
                @Override
                public List<Translation> translate(List<String> sentences) {
                    if (sleepMillisPerBatch > 0) {
                        try {
                            Thread.sleep(sleepMillisPerBatch);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    List<Translation> out = new ArrayList<>();
                    for (String s : sentences) {
                        if (s.contains("RUSAK")) {
                            throw new IllegalStateException("the model cannot translate '" + s + "'");
                        }
                        sentencesTranslated.incrementAndGet();
                        out.add(new Translation("EN(" + s + ")", s.split(" ").length));
                    }
                    return out;
                }

                @Override
                public int countTokens(String text) {
                    return text.split(" ").length;
                }

                @Override
                public int maxInputTokens() {
                    return 500;
                }
            };
        }

        TranslatorFactory factory() {
            return (reference, generation) -> new TranslatorFactory.Loaded(translator(), "fake-model", "{}", null);
        }
    }

    static JobRunner runner(FakeTranslator fake) {
        return new JobRunner(fake.factory(), UnaryOperator.identity(), CLOCK);
    }

    /** Every JSONL document in the output folders under {@code out}, by article id (a list, so duplicates show). */
    static Map<String, List<JsonNode>> outputDocuments(Path out) throws IOException {
        Map<String, List<JsonNode>> byId = new HashMap<>();
        if (!Files.isDirectory(out)) {
            return byId;
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode doc = JSON.readTree(line);
                        byId.computeIfAbsent(doc.get("id").asText(), k -> new ArrayList<>()).add(doc);
                    }
                }
            }
        }
        return byId;
    }

    /** Files under {@code out} whose names say they are temporary. */
    static List<Path> temporaries(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** The conformance folder, failing loudly when missing. */
    static Path conformance() {
        Path dir = Path.of(System.getProperty("conformance.dir", "../shared/conformance"));
        if (!Files.isDirectory(dir.resolve("marian-tiny"))) {
            throw new IllegalStateException("conformance folder " + dir.toAbsolutePath() + " has no marian-tiny; "
                    + "set -Dconformance.dir (these tests never skip)");
        }
        return dir;
    }
}
