package dev.kabar.tokenize;

import java.nio.file.Files;
import java.nio.file.Path;

/** Chooses and loads the tokenizer of a checkpoint folder from the files it contains. */
public final class Tokenizers {

    private Tokenizers() {
    }

    /**
     * Loads the tokenizer of {@code checkpointDir}: {@link MarianTokenizer} when it has
     * {@code source.spm}, {@link BartTokenizer} when it has {@code tokenizer.json} or
     * {@code vocab.json} + {@code merges.txt}.
     *
     * @throws TokenizerException when the folder has none of these files, or one is missing or corrupt
     */
    public static TextTokenizer load(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            throw new TokenizerException("Tokenizer folder " + checkpointDir + " does not exist or is not a folder.");
        }
        if (Files.exists(checkpointDir.resolve(MarianTokenizer.SOURCE_SPM))) {
            return MarianTokenizer.load(checkpointDir);
        }
        if (Files.exists(checkpointDir.resolve(BartTokenizer.TOKENIZER_JSON))
                || (Files.exists(checkpointDir.resolve(BartTokenizerJson.VOCAB_JSON))
                        && Files.exists(checkpointDir.resolve(BartTokenizerJson.MERGES_TXT)))) {
            return BartTokenizer.load(checkpointDir);
        }
        throw new TokenizerException("No tokenizer found in " + checkpointDir + ": looked for "
                + MarianTokenizer.SOURCE_SPM + " (Marian), " + BartTokenizer.TOKENIZER_JSON + " or "
                + BartTokenizerJson.VOCAB_JSON + " + " + BartTokenizerJson.MERGES_TXT + " (BART).");
    }
}
