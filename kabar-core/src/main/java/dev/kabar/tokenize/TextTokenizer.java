package dev.kabar.tokenize;

import java.util.List;

/**
 * Turns text into the model's token ids and back, identical to the Hugging Face tokenizer of the
 * same checkpoint. Instances are safe for use from one thread at a time.
 */
public interface TextTokenizer extends AutoCloseable {

    /** Returns the encoder input ids for one text, special tokens included. */
    int[] encode(String text);

    /**
     * Returns the encoder input ids for one text, keeping at most {@code maxLength} ids including
     * the special tokens (as Hugging Face's {@code truncation=True, max_length=N}).
     */
    int[] encode(String text, int maxLength);

    /**
     * Returns the ids of {@code text} as the model would generate it inside a sentence, after a
     * space, without special tokens: what transformers' {@code force_words_ids} takes for a word.
     * Marian segments it with its target SentencePiece model ({@code tokenizer(text_target=text)}
     * less the closing {@code </s>}); BART encodes {@code " " + text} without {@code <s>} and
     * {@code </s>} ({@code tokenizer(" " + text, add_special_tokens=False)}).
     */
    int[] encodeTarget(String text);

    /** Returns the token strings of the given ids (the keys of {@code vocab.json}). */
    List<String> idsToTokens(int[] ids);

    /** Decodes ids to text as {@code tokenizer.decode(ids, skip_special_tokens, clean_up_tokenization_spaces)}. */
    String decode(int[] ids, boolean skipSpecialTokens, boolean cleanUpTokenizationSpaces);

    /** Decodes generated ids with the checkpoint's defaults: special tokens skipped, its own clean-up setting. */
    String decode(int[] ids);

    /** Returns the largest input length the tokenizer declares ({@code model_max_length}). */
    int modelMaxLength();

    /** Returns the id of the padding token. */
    int padId();

    /**
     * Encodes several texts and right-pads every row to the longest one with {@link #padId()}, as
     * Hugging Face's {@code tokenizer(texts, padding=True)}.
     */
    default EncodedBatch encodeBatch(List<String> texts) {
        return EncodedBatchBuilder.pad(texts.stream().map(this::encode).toList(), padId());
    }

    /**
     * Encodes several texts, truncating each to {@code maxLength} ids, and right-pads every row to
     * the longest one, as {@code tokenizer(texts, padding=True, truncation=True, max_length=N)}.
     */
    default EncodedBatch encodeBatch(List<String> texts, int maxLength) {
        return EncodedBatchBuilder.pad(texts.stream().map(t -> encode(t, maxLength)).toList(), padId());
    }

    @Override
    void close();
}
