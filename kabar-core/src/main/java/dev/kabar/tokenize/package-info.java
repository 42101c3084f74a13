/**
 * Text ↔ token ids, identical to the Hugging Face tokenizer of each checkpoint (transformers 4.40.2).
 *
 * <p>This package owns the tokenizer files of a checkpoint folder ({@code source.spm},
 * {@code target.spm}, {@code vocab.json}, {@code merges.txt}, {@code tokenizer.json},
 * {@code tokenizer_config.json}, {@code special_tokens_map.json}) and turns text into encoder ids
 * and generated ids back into text. SentencePiece and byte-level BPE run in their real libraries
 * (DJL's SentencePiece binding and Hugging Face {@code tokenizers}); only exact string logic around
 * them lives here: special-token splitting, Marian's {@code >>xx<<} prefix, vocabulary look-ups,
 * truncation, padding and the reference's clean-up of spaces. {@link dev.kabar.tokenize.Tokenizers}
 * picks the implementation for a folder.
 */
package dev.kabar.tokenize;
