package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.InvalidGenerationOptionException;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The second try's generation settings (#20 item 2): derived from the run's, stricter, checked up front. */
class TrustSettingsTest {

    /** A checkpoint's generation defaults: greedy unless {@code beams} says otherwise. */
    private static Function<Map<String, ?>, GenerationConfig> checkpoint(int beams) {
        ObjectNode defaults = new ObjectMapper().createObjectNode()
                .put("eos_token_id", 0).put("decoder_start_token_id", 9).put("pad_token_id", 9)
                .put("max_length", 64).put("num_beams", beams);
        return overrides -> GenerationConfig.resolve(defaults, overrides, 10);
    }

    @Test
    void aGreedyRunTriesAgainWithFourBeamsNoRepeatedTrigramAndAPenalty() {
        GenerationConfig second = TrustSettings.defaults().secondTryConfig(Map.of("max_new_tokens", 12), checkpoint(1));
        assertEquals(4, second.numBeams());
        assertEquals(3, second.noRepeatNgramSize());
        assertEquals(1.2, second.repetitionPenalty());
        assertEquals(12, second.maxNewTokens(), "the run's own overrides carry over");
    }

    @Test
    void aBeamRunKeepsItsBeams() {
        assertEquals(6, TrustSettings.defaults().secondTryConfig(Map.of(), checkpoint(6)).numBeams(),
                "the checkpoint's six beams");
        assertEquals(2, TrustSettings.defaults().secondTryConfig(Map.of("num_beams", 2), checkpoint(6)).numBeams(),
                "the run's override of the checkpoint");
    }

    @Test
    void aSecondTryIsNeverLooserThanTheFirst() {
        GenerationConfig second = TrustSettings.defaults().secondTryConfig(
                Map.of("repetition_penalty", 1.5, "no_repeat_ngram_size", 2), checkpoint(1));
        assertEquals(1.5, second.repetitionPenalty());
        assertEquals(2, second.noRepeatNgramSize());
    }

    @Test
    void theSecondTrySettingsWinOverTheDefaults() {
        TrustSettings trust = TrustSettings.defaults().withSecondTrySettings(Map.of("num_beams", 8, "repetition_penalty", 1.0));
        GenerationConfig second = trust.secondTryConfig(Map.of(), checkpoint(1));
        assertEquals(8, second.numBeams());
        assertEquals(1.0, second.repetitionPenalty());
        assertEquals(3, second.noRepeatNgramSize());
    }

    @Test
    void noSecondTryHasNoSettings() {
        assertNull(TrustSettings.defaults().withSecondTry(false).secondTryConfig(Map.of(), checkpoint(1)));
    }

    @Test
    void badSecondTrySettingsFailWhereTheyAreGivenOrResolved() {
        InvalidGenerationOptionException unknown = assertThrows(InvalidGenerationOptionException.class,
                () -> TrustSettings.defaults().withSecondTrySettings(Map.of("beams", 4)));
        assertTrue(unknown.getMessage().contains("\"beams\"") && unknown.getMessage().contains("num_beams"),
                unknown.getMessage());
        TrustSettings zero = TrustSettings.defaults().withSecondTrySettings(Map.of("num_beams", 0));
        InvalidGenerationOptionException bad = assertThrows(InvalidGenerationOptionException.class,
                () -> zero.secondTryConfig(Map.of(), checkpoint(1)));
        assertTrue(bad.getMessage().contains("second try") && bad.getMessage().contains("num_beams must be an integer of at least 1"),
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustSettings.defaults().withMinConfidence(0.5));
    }
}
