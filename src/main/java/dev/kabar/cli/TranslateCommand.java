package dev.kabar.cli;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kabar translate}: one translation per input line, from standard input to standard output. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translates each line of standard input and prints one translation per line.")
final class TranslateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint folder as the Hugging Face hub publishes it (config.json, weights, tokenizer files).")
    Path model;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
            description = "Sentences translated together (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    GenerationOptions generation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, but is " + batchSize + ".");
        }
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(model)) {
            GenerationConfig gen = engine.generationConfig(generation.overrides());
            PrintWriter out = spec.commandLine().getOut();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> batch = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                batch.add(line);
                if (batch.size() == batchSize) {
                    flush(engine, gen, batch, out);
                }
            }
            flush(engine, gen, batch, out);
        }
        return Main.EXIT_OK;
    }

    private static void flush(Seq2SeqEngine engine, GenerationConfig gen, List<String> batch, PrintWriter out) {
        // Blank lines stay blank: there is nothing to translate, and a model would invent text.
        List<String> texts = new ArrayList<>();
        for (String s : batch) {
            if (!s.isBlank()) {
                texts.add(s);
            }
        }
        List<String> translated = engine.generate(texts, gen);
        int next = 0;
        for (String s : batch) {
            out.println(s.isBlank() ? "" : translated.get(next++));
        }
        out.flush();
        batch.clear();
    }
}
