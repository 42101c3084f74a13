package dev.kabar.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the Marian tokenizer on the {@code marian-tiny} files. */
class MarianTokenizerTest {

    // Ids of marian-tiny's vocab.json (conformance/README.md section 1 and shared-encode-11).
    private static final int EOS = 0;
    private static final int UNK = 1;
    private static final int PAD = 725;
    private static final int DIA = 500;      // "▁Dia"
    private static final int BERKATA = 694;  // "▁berkata"

    private static Path modelDir;
    private static MarianTokenizer tokenizer;

    @BeforeAll
    static void load() {
        modelDir = TokenizerCaseChecks.conformanceDir().resolve("marian-tiny");
        tokenizer = MarianTokenizer.load(modelDir);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void specialIdsComeFromVocabJson() {
        assertEquals(EOS, tokenizer.eosId());
        assertEquals(UNK, tokenizer.unkId());
        assertEquals(PAD, tokenizer.padId());
        assertEquals(512, tokenizer.modelMaxLength());
    }

    @Test
    void truncationKeepsFirstIdsAndClosingEos() {
        String text = "Menhan AS Teleponan dengan Rusia Bahas Perang Ukraina";
        int[] full = tokenizer.encode(text);
        assertEquals(24, full.length);
        for (int n = 1; n <= full.length + 2; n++) {
            int[] cut = tokenizer.encode(text, n);
            int keep = Math.min(n, full.length);
            assertEquals(keep, cut.length, "max_length " + n);
            assertArrayEquals(Arrays.copyOf(full, keep - 1), Arrays.copyOf(cut, keep - 1), "max_length " + n);
            assertEquals(EOS, cut[keep - 1], "max_length " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(text, 0));
    }

    @Test
    void specialTokensSplitTheTextAndEachPartGetsItsOwnDummyPrefix() {
        // Without spaces around "</s>", both parts are still segmented on their own, so "berkata"
        // becomes "▁berkata" as in the reference.
        assertArrayEquals(new int[] {DIA, EOS, BERKATA, EOS}, tokenizer.encode("Dia</s>berkata"));
        assertArrayEquals(new int[] {UNK, PAD, DIA, EOS}, tokenizer.encode("<unk><pad>Dia"));
        assertArrayEquals(new int[] {EOS, EOS}, tokenizer.encode("</s>"));
    }

    @Test
    void languageCodeBecomesItsOwnTokenAndIsUnknownHere() {
        int[] plain = tokenizer.encode("Dia berkata");
        int[] coded = tokenizer.encode(">>fra<< Dia berkata");
        assertArrayEquals(concat(new int[] {UNK}, plain), coded);
        assertEquals(List.of("<unk>", "▁Dia", "▁berkata", "</s>"), tokenizer.idsToTokens(coded));
    }

    @Test
    void languageCodeRegexIsGreedyAndRemovesCodesAnywhere() {
        // re.compile(">>.+<<") is greedy: the code token spans to the last "<<" and every match is cut.
        assertArrayEquals(concat(new int[] {UNK}, tokenizer.encode("berkata")),
                tokenizer.encode(">>fra<< Dia >>deu<< berkata"));
        // Not at the start: no code token, but the code is still removed from the text.
        assertArrayEquals(tokenizer.encode("Dia berkata"), tokenizer.encode("Dia >>fra<< berkata"));
    }

    @Test
    void knownLanguageCodeIsLookedUpInVocab(@TempDir Path tmp) throws IOException {
        Path dir = copyMarian(tmp);
        String vocab = Files.readString(dir.resolve("vocab.json"), StandardCharsets.UTF_8).strip();
        vocab = vocab.substring(0, vocab.length() - 1) + ", \">>fra<<\": 726}";
        Files.writeString(dir.resolve("vocab.json"), vocab, StandardCharsets.UTF_8);
        try (MarianTokenizer withCode = MarianTokenizer.load(dir)) {
            assertArrayEquals(new int[] {726, DIA, EOS}, withCode.encode(">>fra<< Dia"));
        }
    }

    @Test
    void emptyAndBlankTextGiveOnlyEos() {
        assertArrayEquals(new int[] {EOS}, tokenizer.encode(""));
        assertArrayEquals(new int[] {EOS}, tokenizer.encode(" \t\n "));
    }

    @Test
    void unknownIdsDecodeAsUnkLikeTheReference() {
        assertEquals(List.of("<unk>"), tokenizer.idsToTokens(new int[] {9999}));
        assertEquals("<unk>", tokenizer.decode(new int[] {9999}, true, true));
    }

    @Test
    void decodeDefaultsSkipSpecialTokensAndCleanUp() {
        int[] ids = {PAD, 52, 2, 371, 181, 44, 41, 82, 11, 38, 8, 196, 2, 143, 21, 12, 16, 3, 318, 9, 2,
            84, 194, 14, 92, 28, 4, EOS};
        assertEquals("The quick brown fox jumps over the lazy dog.", tokenizer.decode(ids));
    }

    @Test
    void batchIsRightPaddedAndMaskFollowsRowLengthsNotPadIds() {
        EncodedBatch batch = tokenizer.encodeBatch(List.of("Dia", "Dia <pad> berkata"));
        assertArrayEquals(new int[] {DIA, EOS, PAD, PAD}, batch.inputIds()[0]);
        assertArrayEquals(new int[] {DIA, PAD, BERKATA, EOS}, batch.inputIds()[1]);
        assertArrayEquals(new int[] {1, 1, 0, 0}, batch.attentionMask()[0]);
        assertArrayEquals(new int[] {1, 1, 1, 1}, batch.attentionMask()[1]);
    }

    @Test
    void helsinkiLayoutUsesDefaults() {
        // marian-tiny-b has tokenizer_config.json = {"target_lang": ..., "source_lang": ...} only.
        try (MarianTokenizer b = MarianTokenizer.load(modelDir.resolveSibling("marian-tiny-b"))) {
            assertEquals(PAD, b.padId());
            assertEquals(512, b.modelMaxLength());
            // shared-target-01: clean-up defaults to true when the config does not say.
            int[] ids = {PAD, 172, 81, 8, 2, 10, 305, 2, 377, 26, 3, 2, 11, 23, 5, 86, 2, 60, 26, 2, 23, 12, 74,
                31, 2, 10, 51, 2, 23, 31, 242, 2, 4, EOS};
            assertEquals("Hello, world! Isn't it? I'm here, you're there.", b.decode(ids));
        }
    }

    @Test
    void missingTargetSpmIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copyMarian(tmp);
        Files.delete(dir.resolve("target.spm"));
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains("target.spm"), e.getMessage());
    }

    @Test
    void corruptSourceSpmIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copyMarian(tmp);
        Files.write(dir.resolve("source.spm"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains("source.spm"), e.getMessage());
    }

    @Test
    void corruptVocabJsonIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copyMarian(tmp);
        Files.writeString(dir.resolve("vocab.json"), "{\"</s>\": 0, ");
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains("vocab.json"), e.getMessage());
    }

    private static Path copyMarian(Path tmp) throws IOException {
        Path dir = tmp.resolve("marian");
        Files.createDirectories(dir);
        for (String f : List.of("source.spm", "target.spm", "vocab.json", "tokenizer_config.json",
                "special_tokens_map.json")) {
            Files.copy(modelDir.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
    }
}
