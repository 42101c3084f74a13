package dev.kabar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kabar.engine.Seq2SeqEngine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kabar translate} reads lines from standard input and prints one translation per line. */
class TranslateCommandTest {

    private static Path marianTiny() {
        Path dir = Paths.get(System.getProperty("conformance.dir", "../shared/conformance")).resolve("marian-tiny");
        if (!Files.isDirectory(dir)) {
            fail("Conformance checkpoint " + dir.toAbsolutePath() + " is missing; set -Dconformance.dir.");
        }
        return dir;
    }

    private record Run(int code, String out, String err) { }

    private static Run run(String stdin, String... args) {
        InputStream saved = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return new Run(cli.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void printsOneTranslationPerInputLineAsTheEngineDoes() {
        String input = "Menhan AS teleponan dengan Rusia.\n\nHarga beras naik di Jakarta.\n";
        Run r = run(input, "translate", "--model", marianTiny().toString(), "--num-beams", "2", "--max-new-tokens", "12");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertEquals("", lines.get(1), "a blank line stays blank");
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(marianTiny())) {
            List<String> expected = engine.generate(List.of("Menhan AS teleponan dengan Rusia.", "Harga beras naik di Jakarta."),
                    Map.of("num_beams", 2, "max_new_tokens", 12));
            assertEquals(expected.get(0), lines.get(0));
            assertEquals(expected.get(1), lines.get(2));
        }
    }

    @Test
    void badOptionValuesGiveUsageExitCodeAndASentence() {
        Run r = run("Halo.\n", "translate", "--model", marianTiny().toString(), "--num-beams", "0");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("num_beams") && r.err().contains("0"), r.err());
        Run e = run("Halo.\n", "translate", "--model", marianTiny().toString(), "--early-stopping", "maybe");
        assertEquals(Main.EXIT_USAGE, e.code());
        assertTrue(e.err().contains("maybe"), e.err());
    }

    @Test
    void aMissingModelFolderFailsWithItsName() {
        Run r = run("Halo.\n", "translate", "--model", "/nonexistent/kabar-model");
        assertEquals(Main.EXIT_FAILED, r.code());
        assertTrue(r.err().contains("/nonexistent/kabar-model"), r.err());
    }
}
