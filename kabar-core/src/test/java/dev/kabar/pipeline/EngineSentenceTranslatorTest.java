package dev.kabar.pipeline;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.engine.Seq2SeqEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter over the real engine, on the tiny Marian checkpoint of the conformance set. */
class EngineSentenceTranslatorTest {

    private static Seq2SeqEngine engine;
    private static final Map<String, Object> FLAGS = Map.of("max_new_tokens", 6);

    @BeforeAll
    static void load() {
        Path folder = TestData.conformance("marian-tiny");
        engine = Seq2SeqEngine.load(folder);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void countsTokensWithoutTheClosingEosAndLeavesRoomForIt() {
        EngineSentenceTranslator translator = new EngineSentenceTranslator(engine, engine.generationConfig(FLAGS));
        String sentence = "Harga beras naik di Jakarta.";
        assertEquals(engine.tokenizer().encode(sentence).length - 1, translator.countTokens(sentence), "Marian adds </s> only");
        assertEquals(0, translator.countTokens(""));
        assertEquals(512 - 1, translator.maxInputTokens(), "model_max_length 512 less </s>");
    }

    @Test
    void translatesAsTheEngineDoesAndCountsWhatItGenerated() {
        EngineSentenceTranslator translator = new EngineSentenceTranslator(engine, engine.generationConfig(FLAGS));
        List<String> sentences = List.of("Harga beras naik di Jakarta.", "Menhan AS teleponan dengan Rusia bahas perang Ukraina.");
        List<Translation> out = translator.translate(sentences);
        assertEquals(engine.generate(sentences, FLAGS), out.stream().map(Translation::text).toList());
        for (Translation t : out) {
            assertTrue(t.tokens() >= 0 && t.tokens() <= 6, "at most max_new_tokens: " + t);
        }
        assertEquals(List.of(), translator.translate(List.of()));
    }
}
