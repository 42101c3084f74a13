package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.TestData;
import dev.kabar.article.Article;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.glossary.Glossary;
import dev.kabar.glossary.GlossaryTerm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A glossary run on the test checkpoints gives, for a sentence holding a term, exactly the output
 * transformers' constrained search gave for the same words (the constrained goldens), and for a
 * sentence without a term in the same batch, exactly its plain beam search: the term list, the
 * target tokenization and the engine's per-input constraints together.
 */
class GlossaryEngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String PLAIN = "Cuaca cerah hari ini di seluruh wilayah.";

    @ParameterizedTest
    @CsvSource({
        "marian-tiny, cb-beam4-single-jakarta, Jakarta, Jakarta",
        "marian-tiny, cb-beam4-phrase-shoigu, Shoigu, Shoigu",
        "marian-tiny, cb-beam4-disj-ukraine-kyiv, Kyiv, Ukraine|Kyiv",
        "marian-tiny-b, cb-beam4-single-jakarta, Jakarta, Jakarta",
        "bart-tiny, cb-beam4-phrase-shoigu, Shoigu, Shoigu",
        "bart-tiny, cb-beam4-disj-ukraine-kyiv, Ukrainian, Ukraine|Kyiv",
    })
    void aTermsSentenceDecodesAsTheConstrainedGoldenAndTheOthersAsPlainBeamSearch(String model, String caseId, String termId,
            String english) throws IOException {
        Path dir = TestData.conformance(model);
        JsonNode golden = null;
        for (String line : Files.readAllLines(dir.resolve("golden_constrained.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            if (c.get("case_id").asText().equals(caseId)) {
                golden = c;
            }
        }
        assertTrue(golden != null, "no case " + caseId + " for " + model);
        Map<String, Object> overrides = new LinkedHashMap<>();
        golden.get("generate_kwargs").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("force_words_ids") && !e.getKey().equals("do_sample")) {
                overrides.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        String[] phrases = english.split("\\|");
        GlossaryTerm term = GlossaryTerm.of(termId, phrases[0], java.util.Arrays.copyOfRange(phrases, 1, phrases.length));
        String sentence = golden.get("inputs").get(0).asText();
        try (Seq2SeqEngine engine = Seq2SeqEngine.load(dir)) {
            GenerationConfig config = engine.generationConfig(overrides);
            EngineSentenceTranslator translator = new EngineSentenceTranslator(engine, config);
            String plainAlone = translator.translate(List.of(PLAIN)).get(0).text();

            List<TranslatedArticle> out = new ArrayList<>();
            TranslationSettings settings = TranslationSettings.defaults()
                    .withTrust(TrustSettings.defaults().withDetectLanguage(false).withSecondTry(false))
                    .withGlossary(Glossary.of(List.of(term)));
            Article article = Article.builder().id("a").title("").paragraph(sentence).paragraph(PLAIN).build();
            new TranslationRun(translator, settings).run(List.of(article), out::add, TranslationProgress.NONE);

            SentencePair withTerm = out.get(0).paragraphs().get(0).get(0);
            SentencePair without = out.get(0).paragraphs().get(1).get(0);
            assertEquals(sentence, withTerm.indonesian(), "the golden input is one sentence");
            assertEquals(golden.get("output_texts").get(0).asText(), withTerm.english());
            assertEquals(1, withTerm.terms().size());
            assertTrue(withTerm.terms().get(0).met(), withTerm.terms().toString());
            assertEquals(plainAlone, without.english(), "a sentence without a term decodes as without a glossary");
            assertEquals(List.of(), without.terms());
        }
    }
}
