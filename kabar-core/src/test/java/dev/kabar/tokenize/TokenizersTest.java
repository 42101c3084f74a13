package dev.kabar.tokenize;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the tokenizer of a folder. */
class TokenizersTest {

    @Test
    void picksMarianAndBartByTheirFiles() {
        Path conformance = TokenizerCaseChecks.conformanceDir();
        try (TextTokenizer marian = Tokenizers.load(conformance.resolve("marian-tiny"))) {
            assertInstanceOf(MarianTokenizer.class, marian);
        }
        try (TextTokenizer bart = Tokenizers.load(conformance.resolve("bart-tiny"))) {
            assertInstanceOf(BartTokenizer.class, bart);
        }
    }

    @Test
    void folderWithoutTokenizerFilesNamesFolderAndFiles(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("vocab.json"), "{}"); // vocab.json alone is not a BART tokenizer
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.load(tmp));
        String m = e.getMessage();
        assertTrue(m.contains(tmp.toString()) && m.contains("source.spm") && m.contains("tokenizer.json")
                && m.contains("merges.txt"), m);
    }

    @Test
    void missingFolderIsReported(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope");
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
