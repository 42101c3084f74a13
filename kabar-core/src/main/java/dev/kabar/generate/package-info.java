/**
 * Greedy and beam search with Hugging Face's generation semantics and logits processors.
 *
 * <p>Search sees the model only through {@link dev.kabar.generate.DecoderSession}: feed one token per
 * live row, get next-token scores, keep or reorder rows. It knows nothing of architectures, and
 * models know nothing of beams.
 */
package dev.kabar.generate;
