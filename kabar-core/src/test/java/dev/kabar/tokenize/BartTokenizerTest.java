package dev.kabar.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the BART tokenizer on the {@code bart-tiny} files. */
class BartTokenizerTest {

    private static final int BOS = 0;
    private static final int PAD = 1;
    private static final int EOS = 2;
    private static final int MASK = 760;

    private static Path modelDir;
    private static BartTokenizer tokenizer;

    @BeforeAll
    static void load() {
        modelDir = TokenizerCaseChecks.conformanceDir().resolve("bart-tiny");
        tokenizer = BartTokenizer.load(modelDir);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void settingsComeFromTokenizerConfig() {
        assertEquals(PAD, tokenizer.padId());
        assertEquals(128, tokenizer.modelMaxLength());
    }

    @Test
    void truncationKeepsBosFirstTokensAndEos() {
        String text = "The quick brown fox jumps over the lazy dog.";
        int[] full = tokenizer.encode(text);
        assertEquals(24, full.length);
        for (int n = 2; n <= full.length + 2; n++) {
            int[] cut = tokenizer.encode(text, n);
            int keep = Math.min(n, full.length);
            assertEquals(keep, cut.length, "max_length " + n);
            assertArrayEquals(Arrays.copyOf(full, keep - 1), Arrays.copyOf(cut, keep - 1), "max_length " + n);
            assertEquals(EOS, cut[keep - 1], "max_length " + n);
        }
        assertArrayEquals(new int[] {BOS, EOS}, tokenizer.encode(text, 2));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(text, 1));
    }

    @Test
    void djlDoesNotTruncateLongTextsOnItsOwn() {
        // DJL's default would cut at modelMaxLength (512) unless truncation is switched off.
        String text = "a ".repeat(1000);
        int[] ids = tokenizer.encode(text);
        assertTrue(ids.length > 1000, "got " + ids.length + " ids");
        assertEquals(BOS, ids[0]);
        assertEquals(EOS, ids[ids.length - 1]);
    }

    @Test
    void maskSwallowsWhitespaceBeforeIt() {
        assertArrayEquals(tokenizer.encode("a<mask>"), tokenizer.encode("a \t <mask>"));
        int[] ids = tokenizer.encode("a <mask>");
        assertEquals(MASK, ids[ids.length - 2]);
    }

    @Test
    void literalSpecialTokensAreRecognised() {
        assertArrayEquals(new int[] {BOS, BOS, EOS, PAD, EOS}, tokenizer.encode("<s></s><pad>"));
    }

    @Test
    void emptyTextGivesBosEos() {
        assertArrayEquals(new int[] {BOS, EOS}, tokenizer.encode(""));
    }

    @Test
    void unknownIdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {BOS, 5000, EOS}));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.idsToTokens(new int[] {-1}));
    }

    @Test
    void bothConstructionPathsAgree(@TempDir Path tmp) throws IOException {
        Path slow = copyWithout(tmp, "tokenizer.json");
        try (BartTokenizer fromSlow = BartTokenizer.load(slow)) {
            for (String text : List.of("Officials said the Zaporizhzhia plant lost power again on Jum'at.",
                    "naïve café <mask> ½ 😊", "  multiple   spaces\tand\ttabs \n ")) {
                int[] ids = tokenizer.encode(text);
                assertArrayEquals(ids, fromSlow.encode(text), text);
                assertEquals(tokenizer.decode(ids, false, false), fromSlow.decode(ids, false, false), text);
            }
            assertEquals(PAD, fromSlow.padId());
            assertEquals(128, fromSlow.modelMaxLength());
        }
    }

    @Test
    void slowFilesWithoutConfigUseBartDefaults(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("bare");
        Files.createDirectories(dir);
        Files.copy(modelDir.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(modelDir.resolve("merges.txt"), dir.resolve("merges.txt"));
        try (BartTokenizer bare = BartTokenizer.load(dir)) {
            // <mask> still strips the space before it: BartTokenizer's __init__ default.
            assertArrayEquals(tokenizer.encode("Use <mask> tokens"), bare.encode("Use <mask> tokens"));
            assertEquals(BartTokenizer.DEFAULT_MODEL_MAX_LENGTH, bare.modelMaxLength());
        }
    }

    @Test
    void missingMergesIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copyWithout(tmp, "tokenizer.json");
        Files.delete(dir.resolve("merges.txt"));
        TokenizerException e = assertThrows(TokenizerException.class, () -> BartTokenizer.fromVocabAndMerges(dir));
        assertTrue(e.getMessage().contains("merges.txt"), e.getMessage());
    }

    @Test
    void corruptTokenizerJsonIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copyWithout(tmp, "tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": ");
        TokenizerException e = assertThrows(TokenizerException.class, () -> BartTokenizer.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    @Test
    void tokenizerJsonTheLibraryRejectsIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copyWithout(tmp, "tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}}");
        TokenizerException e = assertThrows(TokenizerException.class, () -> BartTokenizer.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    private static Path copyWithout(Path tmp, String left) throws IOException {
        Path dir = tmp.resolve("bart");
        Files.createDirectories(dir);
        for (String f : List.of("tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json",
                "special_tokens_map.json")) {
            if (!f.equals(left)) {
                Files.copy(modelDir.resolve(f), dir.resolve(f));
            }
        }
        return dir;
    }
}
