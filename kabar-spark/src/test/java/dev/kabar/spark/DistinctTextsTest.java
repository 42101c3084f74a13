package dev.kabar.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.Translation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lookup that assembles articles from the executors' translations: both attempts, as they were made. */
class DistinctTextsTest {

    private static final DistinctTexts.Translated ONCE = new DistinctTexts.Translated("once", 2, -0.4, null, null);
    private static final DistinctTexts.Translated TWICE = new DistinctTexts.Translated("loop loop", 3, -2.5, null,
            new DistinctTexts.Translated("better", 1, -0.9, null, null));
    private static final DistinctTexts.Translated SECOND_FAILED = new DistinctTexts.Translated("bad bad", 2, null, null,
            new DistinctTexts.Translated(null, 0, null, "out of memory on the second try", null));
    private static final DistinctTexts.Translated FAILED = new DistinctTexts.Translated(null, 0, null, "the batch broke", null);
    private static final Map<String, DistinctTexts.Translated> MADE = Map.of("satu", ONCE, "dua", TWICE, "tiga", SECOND_FAILED,
            "empat", FAILED);

    /** A model with a second try or without one; neither translates anything here. */
    private static SentenceTranslator model(boolean hasSecondTry) {
        SentenceTranslator plain = SentenceTranslator.of(text -> {
            throw new AssertionError("the lookup must not translate");
        }, String::length, 7);
        return new SentenceTranslator() {
            @Override
            public List<Translation> translate(List<String> sentences) {
                return plain.translate(sentences);
            }

            @Override
            public int countTokens(String text) {
                return text.length();
            }

            @Override
            public int maxInputTokens() {
                return 7;
            }

            @Override
            public SentenceTranslator secondTry() {
                return hasSecondTry ? plain : null;
            }
        };
    }

    @Test
    void servesFirstAttemptsWithTheirConfidenceAndFailsAsTheyFailed() {
        SentenceTranslator lookup = DistinctTexts.lookup(MADE, model(true));

        assertEquals(List.of(new Translation("once", 2, -0.4), new Translation("loop loop", 3, -2.5),
                new Translation("bad bad", 2, null)), lookup.translate(List.of("satu", "dua", "tiga")));
        assertEquals("the batch broke", assertThrows(IllegalStateException.class,
                () -> lookup.translate(List.of("empat"))).getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> lookup.translate(List.of("lima"))).getMessage()
                .contains("'lima'"));
        assertEquals(4, lookup.countTokens("lima"));
        assertEquals(7, lookup.maxInputTokens());
    }

    @Test
    void itsSecondTryServesSecondAttemptsAndThrowsForATextThatHasNone() {
        SentenceTranslator second = DistinctTexts.lookup(MADE, model(true)).secondTry();

        assertNotNull(second);
        assertEquals(List.of(new Translation("better", 1, -0.9)), second.translate(List.of("dua")));
        assertEquals("out of memory on the second try", assertThrows(IllegalStateException.class,
                () -> second.translate(List.of("tiga"))).getMessage());
        // A text not tried again on the executor: the pipeline records a failed second try, never a made-up one.
        assertTrue(assertThrows(IllegalStateException.class, () -> second.translate(List.of("satu"))).getMessage()
                .contains("no second try of 'satu'"));
        assertNull(second.secondTry(), "no third try");
    }

    @Test
    void hasNoSecondTryWhenTheModelHasNone() {
        assertNull(DistinctTexts.lookup(MADE, model(false)).secondTry());
    }
}
