package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.article.Article;
import dev.kabar.glossary.Glossary;
import dev.kabar.glossary.GlossaryTerm;
import dev.kabar.glossary.TermConstraint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run with a glossary: the terms of each model input travel with it to the translator, the
 * others are translated as before, and every pair records its terms and whether the English kept
 * has them. The translator is a fake that forces phrases by appending them.
 */
class TranslationRunGlossaryTest {

    private static final Glossary GLOSSARY = Glossary.of(List.of(
            GlossaryTerm.of("Kemenhan", "Ministry of Defence", "Defence Ministry"),
            GlossaryTerm.of("Polri", "National Police"),
            GlossaryTerm.keep("Gojek")));

    /** Answers from a table; a forced phrase that the answer lacks is appended, unless told to miss it. */
    static final class ForcingTranslator extends TranslationRunTrustTest.TableTranslator {
        final List<List<String>> plainCalls = new ArrayList<>();
        final Map<String, List<List<String>>> forcedBySentence = new HashMap<>();
        boolean miss;

        @Override
        public boolean forcesPhrases() {
            return true;
        }

        @Override
        public List<Translation> translate(List<String> sentences) {
            plainCalls.add(List.copyOf(sentences));
            return super.translate(sentences);
        }

        @Override
        public List<Translation> translate(List<String> sentences, List<List<TermConstraint>> constraints) {
            List<Translation> plain = super.translate(sentences);
            List<Translation> out = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                List<List<String>> phrases = constraints.get(i).stream().map(TermConstraint::phrases).toList();
                forcedBySentence.put(sentences.get(i), phrases);
                String english = plain.get(i).text();
                for (List<String> term : phrases) {
                    if (!miss && !english.contains(term.get(0))) {
                        english = english + " " + term.get(0);
                    }
                }
                out.add(new Translation(english, plain.get(i).tokens(), plain.get(i).confidence()));
            }
            return out;
        }
    }

    private static TranslationSettings settings() {
        return TranslationSettings.defaults().withTrust(TrustSettings.defaults().withDetectLanguage(false).withSecondTry(false))
                .withGlossary(GLOSSARY);
    }

    private static List<TranslatedArticle> run(SentenceTranslator translator, TranslationSettings settings,
            Article... articles) throws IOException {
        List<TranslatedArticle> out = new ArrayList<>();
        new TranslationRun(translator, settings).run(List.of(articles), out::add, TranslationProgress.NONE);
        return out;
    }

    @Test
    void termsTravelWithTheirSentencesAndEachPairRecordsWhetherItsEnglishHasThem() throws IOException {
        ForcingTranslator model = new ForcingTranslator();
        model.answer("Kemenhan-nya membeli pesawat baru.", "It bought new planes.");
        model.answer("Polri menangkap pengemudi Gojek.", "The police arrested a driver.");
        model.answer("Cuaca cerah hari ini.", "The weather is sunny today.");
        Article article = Article.builder().id("a1").title("")
                .paragraph("Kemenhan-nya membeli pesawat baru. Polri menangkap pengemudi Gojek.")
                .paragraph("Cuaca cerah hari ini.").build();
        TranslatedArticle done = run(model, settings(), article).get(0);

        List<SentencePair> pairs = done.sentences();
        assertEquals(List.of(List.of("Ministry of Defence", "Defence Ministry")),
                model.forcedBySentence.get("Kemenhan-nya membeli pesawat baru."));
        assertEquals(List.of(List.of("National Police"), List.of("Gojek")),
                model.forcedBySentence.get("Polri menangkap pengemudi Gojek."));
        assertEquals(List.of(), model.forcedBySentence.get("Cuaca cerah hari ini."), "a sentence without terms has none");

        assertEquals("It bought new planes. Ministry of Defence", pairs.get(0).english());
        assertEquals(List.of(new TermUse("Kemenhan", List.of("Ministry of Defence", "Defence Ministry"), false, true,
                "Ministry of Defence")), pairs.get(0).terms());
        assertEquals(List.of(new TermUse("Polri", List.of("National Police"), false, true, "National Police"),
                new TermUse("Gojek", List.of("Gojek"), true, true, "Gojek")), pairs.get(1).terms());
        assertEquals(List.of(), pairs.get(2).terms());
    }

    @Test
    void aTermTheEnglishMissesIsRecordedAsMissed() throws IOException {
        ForcingTranslator model = new ForcingTranslator();
        model.miss = true;
        model.answer("Polri siaga.", "The police are on alert.");
        TranslatedArticle done = run(model, settings(), Article.builder().id("a").title("").paragraph("Polri siaga.").build())
                .get(0);
        assertEquals(List.of(new TermUse("Polri", List.of("National Police"), false, false, null)), done.sentences().get(0).terms());
    }

    @Test
    void aBatchWithoutTermsIsTranslatedAsWithoutAGlossary() throws IOException {
        ForcingTranslator model = new ForcingTranslator();
        model.answer("Cuaca cerah hari ini.", "The weather is sunny today.");
        run(model, settings(), Article.builder().id("a").title("").paragraph("Cuaca cerah hari ini.").build());
        assertEquals(List.of(List.of("Cuaca cerah hari ini.")), model.plainCalls, "the plain call, as before");
        assertTrue(model.forcedBySentence.isEmpty());
    }

    @Test
    void aRepeatedSentenceSharesItsTerms() throws IOException {
        ForcingTranslator model = new ForcingTranslator();
        model.answer("Polri siaga.", "The police are on alert.");
        List<TranslatedArticle> done = run(model, settings(),
                Article.builder().id("a").title("").paragraph("Polri siaga.").build(),
                Article.builder().id("b").title("").paragraph("Polri siaga.").build());
        assertEquals(done.get(0).sentences().get(0).terms(), done.get(1).sentences().get(0).terms());
        assertFalse(done.get(1).sentences().get(0).terms().isEmpty());
    }

    @Test
    void aGlossaryNeedsATranslatorThatForcesPhrases() {
        TranslationRunTrustTest.TableTranslator greedy = new TranslationRunTrustTest.TableTranslator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TranslationRun(greedy, settings()));
        assertTrue(e.getMessage().contains("num_beams to 2 or more"), e.getMessage());
        new TranslationRun(greedy, settings().withGlossary(null));
    }
}
