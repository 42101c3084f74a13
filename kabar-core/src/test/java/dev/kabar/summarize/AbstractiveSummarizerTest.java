package dev.kabar.summarize;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chunking and summarising with the tiny random-weight BART of the conformance set. Its summaries
 * are gibberish, so the tests check the chunks (each fits, together they hold every word) and the
 * shape of the result.
 */
class AbstractiveSummarizerTest {

    private static final List<String> SENTENCES = List.of(
            "The US defence secretary spoke by phone with his Russian counterpart about the war in Ukraine.",
            "The call lasted about an hour, officials said on Friday.",
            "Both ministers agreed to keep the lines of communication open.",
            "Russia has not yet commented on the talks.",
            "Supercalifragilisticexpialidocious words, commas, and clauses make this sentence long, "
                    + "so that it has to be cut somewhere, and it is cut at a comma.");

    private static Seq2SeqEngine engine;
    private static GenerationConfig fast;

    @BeforeAll
    static void load() {
        Path folder = TestData.conformance("bart-tiny");
        engine = Seq2SeqEngine.load(folder);
        // The tiny model rarely stops by itself; a few tokens keep the test fast.
        fast = engine.generationConfig(Map.of("max_new_tokens", 6, "min_length", 0, "num_beams", 2));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theModelsLimitCountsItsSpecialTokens() {
        AbstractiveSummarizer summarizer = new AbstractiveSummarizer(engine, fast, 0);
        // bart-tiny: model_max_length = max_position_embeddings = 128, less <s> and </s>.
        assertEquals(126, summarizer.maxInputTokens());
        List<String> shortText = SENTENCES.subList(1, 3);
        assertEquals(List.of(String.join(" ", shortText)), summarizer.chunks(shortText), "it all fits in one chunk");
        AbstractiveSummarizer.Result result = summarizer.summarize(shortText);
        assertEquals(1, result.chunks());
        assertFalse(result.merged());
        assertNotNull(result.text());
    }

    @Test
    void aLongTextIsCutAtSentenceBoundariesAndNothingIsLost() {
        AbstractiveSummarizer measure = new AbstractiveSummarizer(engine, fast, 0);
        // A limit that the four short sentences fit, one at a time, and the last one does not.
        int limit = SENTENCES.subList(0, 4).stream().mapToInt(measure::countTokens).max().orElseThrow();
        assertTrue(measure.countTokens(SENTENCES.get(4)) > limit);
        AbstractiveSummarizer summarizer = new AbstractiveSummarizer(engine, fast, limit);
        List<String> chunks = summarizer.chunks(SENTENCES);
        assertTrue(chunks.size() >= 5, chunks.toString());
        for (String chunk : chunks) {
            assertTrue(summarizer.countTokens(chunk) <= limit, chunk);
        }
        assertEquals(String.join(" ", SENTENCES), String.join(" ", chunks), "every word kept, in order");
        for (String sentence : SENTENCES.subList(0, 4)) {
            assertTrue(chunks.stream().anyMatch(c -> c.contains(sentence)), "a sentence that fits is never cut: " + sentence);
        }

        AbstractiveSummarizer.Result result = summarizer.summarize(SENTENCES);
        assertEquals(chunks.size(), result.chunks());
        assertNotNull(result.text());
    }

    @Test
    void limitsOutsideTheModelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AbstractiveSummarizer(engine, fast, 127));
        assertThrows(IllegalArgumentException.class, () -> new AbstractiveSummarizer(engine, fast, -1));
        AbstractiveSummarizer summarizer = new AbstractiveSummarizer(engine, fast, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> summarizer.chunks(List.of("Supercalifragilisticexpialidocious")));
        assertTrue(e.getMessage().contains("truncation"), e.getMessage());
        assertEquals(null, summarizer.summarize(List.of(" ")));
    }
}
