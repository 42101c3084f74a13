package dev.kabar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.TestData;
import dev.kabar.article.Article;
import dev.kabar.article.Articles;
import dev.kabar.article.DateOrder;
import dev.kabar.article.ReadResult;
import dev.kabar.generate.InvalidGenerationOptionException;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public entry points (#19 item 2): a spec that travels, articles from fields, one call to translate. */
class FacadeTest {

    @Test
    void aSpecSurvivesSerialisationAndABadOneFailsWhereItIsBuilt() throws Exception {
        TranslatorSpec spec = TranslatorSpec.of("models/opus-mt-id-en").withGeneration(Map.of("num_beams", 4))
                .withBatching(4096, 64, 200).withThreads(2, 4).withSummary("sentences:2");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(spec, in.readObject());
        }
        assertThrows(IllegalArgumentException.class, () -> spec.withSummary("paragraphs:2"));
        assertThrows(IllegalArgumentException.class, () -> spec.withBatching(0, 64, 0));
    }

    @Test
    void articlesFromFieldsNeedAnExplicitDateOrder() {
        List<Articles.Fields> rows = List.of(new Articles.Fields("feed#1", "d1", "Banjir", "Air naik sejak pagi.",
                "12/9/2025 19:27", null, "Nasional"));
        ReadResult read = Articles.fromFields(rows, DateOrder.MONTH_FIRST);
        Article article = read.articles().get(0);
        assertEquals("2025-12-09T19:27+07:00", article.date());
        assertEquals("Nasional", article.category());
        IllegalArgumentException auto = assertThrows(IllegalArgumentException.class,
                () -> Articles.fromFields(rows, DateOrder.AUTO));
        assertTrue(auto.getMessage().contains("cannot settle the order"), auto.getMessage());
    }

    @Test
    void openTranslatesInTheOrderGivenAndNamesItsModel() throws Exception {
        ReadResult read = Articles.fromFields(List.of(
                new Articles.Fields("f#1", "a", "Harga beras naik", "Harga beras naik lagi di pasar.", null, null, null),
                new Articles.Fields("f#2", "b", "Banjir di Jakarta", "Air setinggi lutut merendam rumah.", null, null, null)),
                DateOrder.DAY_FIRST);
        try (ArticleTranslator translator = ArticleTranslator.open(TranslatorSpec.of(
                TestData.conformance("marian-tiny").toString()).withGeneration(Map.of("max_new_tokens", 6)))) {
            List<TranslatedArticle> out = translator.translate(read.articles());
            assertEquals(List.of("a", "b"), out.stream().map(t -> t.article().id()).toList());
            assertTrue(out.stream().noneMatch(TranslatedArticle::failed));
            assertTrue(translator.fingerprint().matches("sha256:[0-9a-f]{64}"), translator.fingerprint());
            assertTrue(out.get(0).summary() != null, "extractive summaries by default");
        }
    }

    @Test
    void aSpecCarriesItsTrustSettingsToTheExecutorsAndThePipeline() throws Exception {
        TranslatorSpec plain = TranslatorSpec.of("models/opus-mt-id-en");
        assertEquals(TrustSettings.defaults(), plain.trust());
        assertEquals(TrustSettings.defaults(), plain.settings().trust());
        TrustSettings trust = new TrustSettings(false, true, -2.0, Map.of("num_beams", 6, "repetition_penalty", 1.3));
        TranslatorSpec spec = plain.withTrust(trust).withGeneration(Map.of("num_beams", 1)).withBatching(4096, 64, 0)
                .withThreads(2, 4).withSummary("none");
        assertEquals(trust, spec.trust(), "the other copies keep the trust settings");
        assertEquals(trust, spec.settings().trust(), "and the pipeline gets them");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TranslatorSpec back = (TranslatorSpec) in.readObject();
            assertEquals(spec, back);
            assertEquals(Map.of("num_beams", 6, "repetition_penalty", 1.3), back.trust().secondTrySettings());
        }
    }

    @Test
    void openBuildsTheSecondTryOrRefusesItsSettingsBeforeAnyArticle() throws Exception {
        TranslatorSpec tiny = TranslatorSpec.of(TestData.conformance("marian-tiny").toString())
                .withGeneration(Map.of("num_beams", 1, "max_new_tokens", 6));
        try (ArticleTranslator translator = ArticleTranslator.open(tiny)) {
            SentenceTranslator second = translator.sentenceTranslator().secondTry();
            assertNotNull(second, "second tries are on by default");
            assertNull(second.secondTry(), "a second try has no third");
        }
        try (ArticleTranslator translator = ArticleTranslator.open(tiny.withTrust(TrustSettings.defaults().withSecondTry(false)))) {
            assertNull(translator.sentenceTranslator().secondTry());
        }
        InvalidGenerationOptionException bad = assertThrows(InvalidGenerationOptionException.class,
                () -> ArticleTranslator.open(tiny.withTrust(TrustSettings.defaults().withSecondTrySettings(Map.of("num_beams", 0)))));
        assertTrue(bad.getMessage().contains("second try") && bad.getMessage().contains("num_beams"), bad.getMessage());
    }
}
