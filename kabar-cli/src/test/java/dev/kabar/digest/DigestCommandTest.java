package dev.kabar.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DigestCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void writesHtmlAndMarkdownFromAllInputs() throws Exception {
        String[] inputs = {DigestReaderTest.resource("sample.json").toString(),
            DigestReaderTest.resource("sample.jsonl").toString(), DigestReaderTest.resource("sample.csv").toString()};
        for (String name : new String[] {"digest.html", "digest.md"}) {
            StringWriter err = new StringWriter();
            Path out = dir.resolve(name);
            String[] args = Stream.concat(Stream.of("digest", "-o", out.toString()), Stream.of(inputs)).toArray(String[]::new);
            assertEquals(Main.EXIT_OK, run(err, args), err.toString());
            assertTrue(err.toString().contains("digest of 6 articles"), err.toString());
            assertTrue(err.toString().contains("1 failed article left out"), err.toString());
            assertTrue(Files.size(out) > 1000);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void inputsWithNoTranslatedArticleWriteNothingAndLeaveTheOldDigest() throws Exception {
        Path out = dir.resolve("digest.html");
        Files.writeString(out, "<p>last night's good digest</p>");
        Path notOurs = dir.resolve("page.json");
        Files.writeString(notOurs, "[{\"title\": \"Judul\", \"body\": \"Isi berita.\"}]");
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{not json\n");
        for (Path input : new Path[] {notOurs, broken}) {
            StringWriter err = new StringWriter();
            assertEquals(Main.EXIT_PARTIAL, run(err, "digest", "-o", out.toString(), input.toString()), err.toString());
            assertTrue(err.toString().contains("no translated article could be read from 1 input") && err.toString().contains("nothing written"),
                    err.toString());
            assertEquals("<p>last night's good digest</p>", Files.readString(out));
        }
    }

    @Test
    void anUnknownExtensionIsAUsageError() throws Exception {
        StringWriter err = new StringWriter();
        Path out = dir.resolve("digest.pdf");
        assertEquals(Main.EXIT_USAGE, run(err, "digest", "-o", out.toString(),
                DigestReaderTest.resource("sample.json").toString()));
        assertTrue(err.toString().contains(".html or .md"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnreadableInputIsReportedAndTheRestIsWritten() throws Exception {
        StringWriter err = new StringWriter();
        Path out = dir.resolve("digest.md");
        assertEquals(Main.EXIT_PARTIAL, run(err, "digest", "-o", out.toString(),
                dir.resolve("missing.json").toString(), DigestReaderTest.resource("sample.json").toString()));
        assertTrue(err.toString().contains("missing.json"), err.toString());
        assertTrue(Files.readString(out).contains("#### Governor inspects the port"));
    }
}
