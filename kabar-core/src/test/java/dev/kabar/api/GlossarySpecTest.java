package dev.kabar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.TestData;
import dev.kabar.glossary.GlossaryException;
import dev.kabar.glossary.GlossaryTerm;
import dev.kabar.pipeline.TrustSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec carries its glossary's path to wherever it is opened, and opening reads it (#21 item 3). */
class GlossarySpecTest {

    @TempDir
    Path dir;

    @Test
    void aSpecCarriesItsGlossaryPathThroughSerialisationAndEveryCopy() throws Exception {
        TranslatorSpec plain = TranslatorSpec.of("models/opus-mt-id-en");
        assertNull(plain.glossary(), "no glossary unless one is given");
        TranslatorSpec spec = plain.withGlossary("/data/terms.csv").withGeneration(Map.of("num_beams", 4))
                .withBatching(4096, 64, 0).withThreads(2, 4).withSummary("none")
                .withTrust(TrustSettings.defaults().withSecondTry(false));
        assertEquals("/data/terms.csv", spec.glossary(), "the other copies keep the glossary");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TranslatorSpec back = (TranslatorSpec) in.readObject();
            assertEquals(spec, back);
            assertEquals("/data/terms.csv", back.glossary());
        }
        assertNull(spec.withGlossary(null).glossary());
        assertThrows(IllegalArgumentException.class, () -> plain.withGlossary(" "), "an empty path is a mistake, not none");
    }

    @Test
    void openReadsTheGlossaryIntoTheSettings() throws Exception {
        Path terms = dir.resolve("terms.csv");
        Files.writeString(terms, "id,en,alternatives\nKemenhan,Ministry of Defence,Defence Ministry\nPolri,National Police,\n");
        TranslatorSpec spec = TranslatorSpec.of(TestData.conformance("marian-tiny").toString())
                .withGeneration(Map.of("num_beams", 2, "max_new_tokens", 6)).withGlossary(terms.toString());

        try (ArticleTranslator translator = ArticleTranslator.open(spec)) {
            assertNotNull(translator.settings().glossary(), "the pipeline gets the glossary");
            assertEquals(List.of("Kemenhan", "Polri"),
                    translator.settings().glossary().terms().stream().map(GlossaryTerm::id).toList());
        }
        try (ArticleTranslator translator = ArticleTranslator.open(spec.withGlossary(null))) {
            assertNull(translator.settings().glossary());
        }
    }

    @Test
    void aBadGlossaryFailsOpenNamingTheFileAndLineBeforeTheModelIsLoaded() throws Exception {
        Path terms = dir.resolve("bad.csv");
        Files.writeString(terms, "id,en,case_sensitive\nKemenhan,Ministry of Defence,ya\n");
        // The model does not exist: the glossary's fault must be the one reported, so it was read first.
        TranslatorSpec spec = TranslatorSpec.of(dir.resolve("no-such-model").toString()).withGlossary(terms.toString());

        IOException e = assertThrows(IOException.class, () -> ArticleTranslator.open(spec));
        GlossaryException cause = assertInstanceOf(GlossaryException.class, e.getCause());
        assertEquals(2, cause.line());
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 2")
                && e.getMessage().contains("case_sensitive"), e.getMessage());

        IOException missing = assertThrows(IOException.class,
                () -> ArticleTranslator.open(spec.withGlossary(dir.resolve("none.csv").toString())));
        assertInstanceOf(GlossaryException.class, missing.getCause());
        assertTrue(missing.getMessage().contains("none.csv"), missing.getMessage());
    }
}
