package dev.kabar.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadResult;
import dev.kabar.pipeline.TranslatedArticle;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kabar reads its own outputs (#18 item 4): given on their own they are inputs, their Indonesian
 * side read back as it was translated; met in a folder they are left out with a note.
 */
class OwnOutputAsInputTest {

    @TempDir
    Path dir;

    private Path write(String name, List<TranslatedArticle> articles) throws IOException {
        StringWriter text = new StringWriter();
        ArticleWriter writer = switch (name.substring(name.indexOf('.') + 1)) {
            case "jsonl" -> new JsonArticleWriter(text, true);
            case "json" -> new JsonArticleWriter(text, false);
            case "csv" -> new BilingualCsvWriter(text);
            case "sentences.csv" -> new SentencePairCsvWriter(text);
            default -> throw new IllegalArgumentException(name);
        };
        for (TranslatedArticle article : articles) {
            writer.write(article);
        }
        writer.finish();
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.json", "out.csv", "out.sentences.csv"})
    void anOutputGivenOnItsOwnIsReadBackAsTheIndonesianItWasMadeFrom(String name) throws Exception {
        Path file = write(name, List.of(OutputFixtures.tricky(), OutputFixtures.untitled()));

        ReadResult result = new ArticleSource().read(InputSpec.of(file.toString()));

        assertEquals(List.of(), result.problems(), "no 'record has no body text'");
        assertEquals(List.of("a-1", "c-3"), result.articles().stream().map(Article::id).toList());
        Article tricky = result.articles().get(0);
        assertEquals("Harga \"beras\" naik, kata pedagang", tricky.title());
        assertEquals(List.of("Kalimat satu, dengan koma. Baris\npatah \"kutip\".", "Café di pojok."), tricky.paragraphs(),
                "each paragraph's Indonesian sentences, in order");
        assertEquals(List.of("Halo."), result.articles().get(1).paragraphs());
        if (!name.endsWith("sentences.csv")) {
            assertEquals("https://contoh.id/a?x=1,2", tricky.url());
            assertEquals("2024-11-22T17:38+07:00", tricky.date());
            assertEquals("Ekonomi", tricky.category());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.json", "out.csv", "out.sentences.csv"})
    void anOutputWithTrustFieldsIsReadBackAsItsIndonesian(String name) throws Exception {
        Path file = write(name, List.of(OutputFixtures.trusted()));

        ReadResult result = new ArticleSource().read(InputSpec.of(file.toString()));

        assertEquals(List.of(), result.problems());
        Article article = result.articles().get(0);
        assertEquals("Harga naik 15 persen", article.title());
        assertEquals(List.of("Ada 15 pedagang. \"We are ready,\" he said.", "Pasar ramai sekali. Naik 15 persen."),
                article.paragraphs(), "the Indonesian side, the English quote as it was");
    }

    @Test
    void aFailedArticleInAJsonOutputIsReadAgainFromItsIndonesian() throws Exception {
        Path file = write("out.jsonl", List.of(OutputFixtures.failed()));
        ReadResult result = new ArticleSource().read(InputSpec.of(file.toString()));
        assertEquals(List.of("Satu."), result.articles().get(0).paragraphs());
    }

    @Test
    void anOutputInAFolderBesideThePagesIsLeftOutWithOneNote() throws Exception {
        Files.writeString(dir.resolve("pasar.txt"), String.join("\n", "Pasar ikan baru diresmikan",
                "Kamis, 6 Maret 2025 14:20 WIB",
                "Makassar - Wali kota meresmikan pasar ikan baru yang dibangun di dekat pelabuhan untuk nelayan.",
                "Pasar itu menampung dua ratus pedagang dan dilengkapi ruang pendingin bersama."));
        Path out = write("out.jsonl", List.of(OutputFixtures.tricky()));

        ReadResult result = new ArticleSource().read(InputSpec.of(dir.toString()));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of("Pasar ikan baru diresmikan"), result.articles().stream().map(Article::title).toList());
        assertEquals(1, result.notes().size(), result.notes().toString());
        assertEquals(out.toString(), result.notes().get(0).origin());
        assertTrue(result.notes().get(0).message().contains("kabar output"), result.notes().toString());
    }

    @Test
    void aFolderSkippedAsAJobsOutputIsNotedOnce() throws Exception {
        Files.writeString(dir.resolve("pasar.txt"), String.join("\n", "Pasar ikan baru diresmikan",
                "Kamis, 6 Maret 2025 14:20 WIB",
                "Makassar - Wali kota meresmikan pasar ikan baru yang dibangun di dekat pelabuhan untuk nelayan.",
                "Pasar itu menampung dua ratus pedagang dan dilengkapi ruang pendingin bersama."));
        Path outputs = Files.createDirectories(dir.resolve("out/2025-03-06"));
        Files.writeString(outputs.resolve("catatan.txt"), "Catatan yang bukan berita sama sekali dan tidak boleh dibaca.");
        Files.writeString(outputs.resolve("lain.txt"), "Catatan lain.");

        ReadResult result = new ArticleSource().skipping(dir.resolve("out")).read(InputSpec.of(dir.toString()));

        assertEquals(1, result.articles().size());
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.notes().size(), result.notes().toString());
        assertTrue(result.notes().get(0).message().contains("output folder"), result.notes().toString());
        ReadResult inside = new ArticleSource().skipping(dir).read(InputSpec.of(dir.resolve("out").toString()));
        assertEquals(List.of(), inside.notes(), "an output folder that holds the input folder leaves nothing out");
    }
}
