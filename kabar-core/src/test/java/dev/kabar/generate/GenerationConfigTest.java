package dev.kabar.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are merged like transformers' GenerationConfig and every bad value is refused by name. */
class GenerationConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode marianDefaults() {
        ObjectNode n = JSON.createObjectNode();
        n.put("eos_token_id", 0);
        n.put("pad_token_id", 725);
        n.put("decoder_start_token_id", 725);
        n.put("forced_eos_token_id", 0);
        n.put("max_length", 512);
        n.put("num_beams", 6);
        n.set("bad_words_ids", JSON.valueToTree(new int[][] {{725}}));
        n.put("transformers_version", "4.40.2");
        return n;
    }

    @Test
    void defaultsOverridesAndLibraryDefaults() {
        GenerationConfig c = GenerationConfig.resolve(marianDefaults(), Map.of("num_beams", 4, "max_new_tokens", 16), 726);
        assertEquals(4, c.numBeams());
        assertEquals(17, c.effectiveMaxLength(), "max_new_tokens wins over max_length and counts the start token");
        assertEquals(1.0, c.lengthPenalty());
        assertEquals(EarlyStopping.FALSE, c.earlyStopping());
        assertEquals(0, c.noRepeatNgramSize());
        assertEquals(1, c.badWordsIds().size());
        GenerationConfig plain = GenerationConfig.resolve(marianDefaults(), Map.of(), 726);
        assertEquals(512, plain.effectiveMaxLength());
        assertEquals(6, plain.numBeams());
    }

    @Test
    void eosIsDroppedFromBadWordsAsTheReferenceDoes() {
        GenerationConfig c = GenerationConfig.resolve(marianDefaults(), Map.of("bad_words_ids", List.of(List.of(0), List.of(5, 6))), 726);
        assertEquals(1, c.badWordsIds().size());
        assertEquals(2, c.badWordsIds().get(0).length);
    }

    @Test
    void earlyStoppingAcceptsTrueFalseAndNever() {
        assertEquals(EarlyStopping.TRUE, GenerationConfig.resolve(marianDefaults(), Map.of("early_stopping", true), 726).earlyStopping());
        assertEquals(EarlyStopping.NEVER, GenerationConfig.resolve(marianDefaults(), Map.of("early_stopping", "never"), 726).earlyStopping());
    }

    @Test
    void everyOptionRejectsBadValuesWithASentenceNamingTheValue() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("num_beams", 0);
        bad.put("max_new_tokens", -5);
        bad.put("max_length", 0);
        bad.put("min_length", -1);
        bad.put("min_new_tokens", -2);
        bad.put("length_penalty", "long");
        bad.put("early_stopping", "sometimes");
        bad.put("no_repeat_ngram_size", -4);
        bad.put("repetition_penalty", -0.5);
        bad.put("bad_words_ids", List.of(List.of(9999)));
        bad.put("renormalize_logits", "yes");
        bad.put("forced_bos_token_id", 726);
        bad.put("forced_eos_token_id", -7);
        bad.put("decoder_start_token_id", 100000);
        bad.put("eos_token_id", 3.5);
        bad.put("pad_token_id", "pad");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            InvalidGenerationOptionException ex = assertThrows(InvalidGenerationOptionException.class,
                    () -> GenerationConfig.resolve(marianDefaults(), Map.of(e.getKey(), e.getValue()), 726), e.getKey());
            String msg = ex.getMessage();
            String value = e.getValue() instanceof List<?> ? "9999" : String.valueOf(e.getValue());
            assertTrue(msg.contains(e.getKey()), "message names the key: " + msg);
            assertTrue(msg.contains(value), "message names the value " + value + ": " + msg);
            assertTrue(msg.endsWith("."), "a full sentence: " + msg);
        }
        InvalidGenerationOptionException unknown = assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationConfig.resolve(marianDefaults(), Map.of("num_beam", 4), 726));
        assertTrue(unknown.getMessage().contains("\"num_beam\""), unknown.getMessage());
        InvalidGenerationOptionException sampling = assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationConfig.resolve(marianDefaults(), Map.of("do_sample", true), 726));
        assertTrue(sampling.getMessage().contains("do_sample=true"), sampling.getMessage());
    }
}
