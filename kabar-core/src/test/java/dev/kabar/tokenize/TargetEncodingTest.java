package dev.kabar.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TextTokenizer#encodeTarget} gives the ids transformers' goldens forced for each word:
 * CONSTRAINED.md names the English words of every shared case, {@code golden_constrained.jsonl}
 * holds the ids the reference tokenizer gave them.
 */
class TargetEncodingTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** The forced words of each shared case of a model, from the table of CONSTRAINED.md, e.g. "(Ukraine or Kyiv)". */
    private static Map<String, String> forcedWords(String model) throws IOException {
        Map<String, String> words = new HashMap<>();
        for (String line : Files.readAllLines(TestData.conformanceDir().resolve("CONSTRAINED.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 5 && cells[1].strip().equals(model) && cells[2].strip().equals("shared")) {
                words.put(cells[3].strip(), cells[5].strip());
            }
        }
        return words;
    }

    @ParameterizedTest
    @ValueSource(strings = {"marian-tiny", "marian-tiny-b", "bart-tiny"})
    void eachForcedWordEncodesToTheGoldenIds(String model) throws IOException {
        Path dir = TestData.conformance(model);
        Map<String, String> words = forcedWords(model);
        int checked = 0;
        try (TextTokenizer tokenizer = Tokenizers.load(dir)) {
            for (String line : Files.readAllLines(dir.resolve("golden_constrained.jsonl"))) {
                JsonNode c = JSON.readTree(line);
                String id = c.get("case_id").asText();
                String forced = words.get(id);
                assertTrue(forced != null, "CONSTRAINED.md lists no words for " + model + " " + id);
                List<String> items = new ArrayList<>();
                for (String item : forced.split(", ")) {
                    items.add(item);
                }
                JsonNode ids = c.get("generate_kwargs").get("force_words_ids");
                assertEquals(items.size(), ids.size(), id);
                for (int k = 0; k < items.size(); k++) {
                    String item = items.get(k);
                    if (item.startsWith("(")) {
                        String[] alternatives = item.substring(1, item.length() - 1).split(" or ");
                        for (int a = 0; a < alternatives.length; a++) {
                            assertArrayEquals(ints(ids.get(k).get(a)), tokenizer.encodeTarget(alternatives[a]),
                                    model + " " + id + " " + alternatives[a]);
                            checked++;
                        }
                    } else {
                        assertArrayEquals(ints(ids.get(k)), tokenizer.encodeTarget(item), model + " " + id + " " + item);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 14, "words checked: " + checked);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
