package dev.kabar.generate;

/**
 * What {@code generate()} returns for a batch, in Hugging Face's layout.
 *
 * @param sequences one row per input: the decoder start token, the generated tokens, then padding
 *     so that all rows have the same width
 * @param scores beam search only: the length-normalised score of each returned sequence; null for greedy
 */
public record GenerationResult(int[][] sequences, float[] scores) { }
