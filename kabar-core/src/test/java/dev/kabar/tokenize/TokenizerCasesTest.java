package dev.kabar.tokenize;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tokenizer case of the conformance folder: each line of every {@code tokenizer_cases.jsonl}
 * and the encoder inputs and decoded outputs of every {@code golden.jsonl} case. BART runs twice:
 * from {@code tokenizer.json} and from {@code vocab.json} + {@code merges.txt} alone.
 */
class TokenizerCasesTest {

    @TempDir
    static Path scratch;

    /** One tokenizer per (loader, model folder), closed after all dynamic tests ran. */
    private static final Map<String, TextTokenizer> LOADED = new LinkedHashMap<>();

    @AfterAll
    static void closeTokenizers() {
        LOADED.values().forEach(TextTokenizer::close);
        LOADED.clear();
    }

    @TestFactory
    Stream<DynamicNode> conformanceCases() throws IOException {
        Path conformance = TokenizerCaseChecks.conformanceDir();
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicContainer("Tokenizers.load", casesFor(conformance, "", Tokenizers::load)));

        // The same BART cases from the slow files only: the folder is copied without tokenizer.json
        // and its cases are redirected to the copy.
        Path bartSource = conformance.resolve("bart-tiny");
        if (!Files.isDirectory(bartSource)) {
            throw new AssertionError("Conformance model folder " + bartSource + " is missing.");
        }
        Path slowRoot = scratch.resolve("slow-bart");
        Path slowBart = slowRoot.resolve("bart-tiny");
        Files.createDirectories(slowBart);
        for (String f : List.of("vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json",
                "tokenizer_cases.jsonl", "golden.jsonl")) {
            Files.copy(bartSource.resolve(f), slowBart.resolve(f));
        }
        nodes.add(dynamicContainer("BartTokenizer.fromVocabAndMerges",
                casesFor(slowRoot, "slow ", BartTokenizer::fromVocabAndMerges)));
        return nodes.stream();
    }

    private static Stream<DynamicNode> casesFor(Path root, String prefix, Function<Path, TextTokenizer> loader) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : modelFiles(root, "tokenizer_cases.jsonl")) {
            for (JsonNode c : TokenizerCaseChecks.readJsonl(file)) {
                nodes.add(dynamicTest(prefix + TokenizerCaseChecks.label(c), () ->
                        TokenizerCaseChecks.checkTokenizerCase(tokenizer(root, prefix, c, loader), c)));
            }
        }
        for (Path file : modelFiles(root, "golden.jsonl")) {
            for (JsonNode c : TokenizerCaseChecks.readJsonl(file)) {
                nodes.add(dynamicTest(prefix + "golden inputs " + TokenizerCaseChecks.label(c), () ->
                        TokenizerCaseChecks.checkGoldenInputs(tokenizer(root, prefix, c, loader), c)));
                nodes.add(dynamicTest(prefix + "golden outputs " + TokenizerCaseChecks.label(c), () ->
                        TokenizerCaseChecks.checkGoldenOutputs(tokenizer(root, prefix, c, loader), c)));
            }
        }
        return nodes.stream();
    }

    private static List<Path> modelFiles(Path root, String name) {
        return TokenizerCaseChecks.modelDirsWith(root, name).stream().map(d -> d.resolve(name)).toList();
    }

    /** The case's {@code model} field names its folder, as the README specifies. */
    private static TextTokenizer tokenizer(Path root, String prefix, JsonNode c,
                                           Function<Path, TextTokenizer> loader) {
        Path dir = root.resolve(c.get("model").asText());
        return LOADED.computeIfAbsent(prefix + dir.toAbsolutePath(), k -> loader.apply(dir));
    }
}
