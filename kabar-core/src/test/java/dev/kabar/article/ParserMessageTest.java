package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jackson's real messages, as the parser writes them, come out without its internals (#18 item 10). */
class ParserMessageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> INTERNALS = List.of("Source:", "REDACTED", "StreamReadFeature", "JsonReadFeature",
            "CoercionConfig", "StreamReadConstraints", "Feature '", "java.lang", "`");

    record Settings(int beams) {
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"body\": NaN}",
        "{\"body\": 'kutip tunggal'}",
        "{\"body\": \"isi\" // komentar\n}",
        "{\"body\": \"tidak ditutup}",
        "{\"body\": \"isi\",}",
    })
    void syntaxErrorsKeepWhatIsWrongAndDropParserHints(String json) {
        JacksonException e = assertThrows(JacksonException.class, () -> MAPPER.readTree(json));
        String plain = ParserMessage.plain(e);
        for (String internal : INTERNALS) {
            assertFalse(plain.contains(internal), "'" + internal + "' left in: " + plain + "\n(from: " + e.getOriginalMessage() + ")");
        }
        assertFalse(plain.isBlank(), e.getOriginalMessage());
    }

    @Test
    void theHintsReallyAreInJacksonsOwnText() {
        // Guards the test above: if Jackson stopped writing its hints, that test would prove nothing.
        JacksonException nan = assertThrows(JacksonException.class, () -> MAPPER.readTree("{\"body\": NaN}"));
        assertTrue(nan.getOriginalMessage().contains("JsonReadFeature"), nan.getOriginalMessage());
        JacksonException number = assertThrows(JacksonException.class,
                () -> MAPPER.readTree("{\"n\": 1" + "0".repeat(1200) + "}"));
        String plain = ParserMessage.plain(number);
        // Jackson 2.17 and later name the constraint's getter; 2.15 (Spark 3.5's) says it plainly.
        if (number.getOriginalMessage().contains("`")) {
            assertTrue(number.getOriginalMessage().contains("StreamReadConstraints"), number.getOriginalMessage());
            assertEquals("Number value length (1201) exceeds the maximum allowed (1000)", plain);
        } else {
            assertEquals(number.getOriginalMessage(), plain);
        }
    }

    @Test
    void typeErrorsNameTheKindOfValueNotTheJavaClass() {
        ObjectMapper strict = new ObjectMapper();
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        JacksonException empty = assertThrows(JacksonException.class,
                () -> strict.readValue("{\"beams\": \"\"}", Settings.class));
        assertTrue(empty.getOriginalMessage().contains("CoercionConfig"), empty.getOriginalMessage());
        String plain = ParserMessage.plain(empty);
        assertTrue(plain.contains("a whole number"), plain);
        for (String internal : INTERNALS) {
            assertFalse(plain.contains(internal), "'" + internal + "' left in: " + plain);
        }
        JacksonException word = assertThrows(JacksonException.class,
                () -> MAPPER.readValue("{\"beams\": \"empat\"}", Settings.class));
        assertTrue(ParserMessage.plain(word).contains("a whole number"), ParserMessage.plain(word));
    }
}
