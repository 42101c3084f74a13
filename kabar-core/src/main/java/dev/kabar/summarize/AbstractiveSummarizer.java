package dev.kabar.summarize;

import dev.kabar.article.ClauseSplitter;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Summarises English text with a BART-family checkpoint (such as
 * {@code sshleifer/distilbart-cnn-12-6}) run through a {@link Seq2SeqEngine}, without ever
 * truncating the input.
 *
 * <p>The model reads at most {@link #maxInputTokens()} tokens. A longer text is cut into chunks at
 * sentence boundaries (sentences are added to a chunk while the chunk's text still fits; a single
 * sentence that does not fit is cut at clause boundaries by {@link ClauseSplitter}); each chunk is
 * summarised, and when there is more than one chunk, the chunk summaries joined are summarised
 * once more if they fit in one input, else they are the summary, concatenated in order. A second
 * pass gives one coherent summary of the usual length; concatenation is the fallback because
 * summarising in further rounds would drift away from the article with every round.
 *
 * <p>Not thread-safe, like the engine; it does not close the engine.
 */
public final class AbstractiveSummarizer {

    /**
     * A summary and how it was made.
     *
     * @param text the summary
     * @param chunks how many chunks the input was cut into (1 when it fitted whole)
     * @param merged whether the chunk summaries were summarised again (false for one chunk, and when
     *     the joined chunk summaries were themselves too long and were concatenated instead)
     */
    public record Result(String text, int chunks, boolean merged) {
    }

    private final Seq2SeqEngine engine;
    private final GenerationConfig generation;
    private final TextTokenizer tokenizer;
    private final int specialTokens;
    private final int maxInputTokens;
    private final ClauseSplitter clauses;

    /**
     * Wraps an engine.
     *
     * @param engine a BART-family engine loaded with its tokenizer
     * @param generation the summariser's generation settings
     * @param maxInputTokens most input tokens per chunk, special tokens left out, or 0 for the model's
     *     own limit: the smaller of the tokenizer's {@code model_max_length} and
     *     {@code max_position_embeddings}, less the special tokens the tokenizer adds
     * @throws IllegalArgumentException when {@code maxInputTokens} is negative or above the model's limit
     */
    public AbstractiveSummarizer(Seq2SeqEngine engine, GenerationConfig generation, int maxInputTokens) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.tokenizer = engine.tokenizer();
        // BART wraps every input in <s> ... </s>: what the empty text encodes to is the overhead.
        this.specialTokens = tokenizer.encode("").length;
        int modelLimit = Math.max(1,
                Math.min(tokenizer.modelMaxLength(), engine.config().maxPositionEmbeddings()) - specialTokens);
        if (maxInputTokens < 0 || maxInputTokens > modelLimit) {
            throw new IllegalArgumentException("the summariser's input limit (--summarizer-max-input-tokens) must be from 1 to the model's limit of "
                    + modelLimit + " (or left out), but is " + maxInputTokens + ".");
        }
        this.maxInputTokens = maxInputTokens == 0 ? modelLimit : maxInputTokens;
        this.clauses = new ClauseSplitter(this::countTokens, this.maxInputTokens);
    }

    /** Returns the most input tokens per chunk, special tokens left out. */
    public int maxInputTokens() {
        return maxInputTokens;
    }

    /** Returns a text's length in the summariser's tokens, special tokens left out. */
    public int countTokens(String text) {
        return Math.max(0, tokenizer.encode(text).length - specialTokens);
    }

    /**
     * Cuts sentences into chunks that each fit the input limit, in order, joined with spaces.
     *
     * @throws IllegalArgumentException when a sentence holds a word longer than the limit, which no cut can make fit
     */
    public List<String> chunks(List<String> sentences) {
        List<String> pieces = new ArrayList<>();
        for (String sentence : sentences) {
            if (sentence == null || sentence.isBlank()) {
                continue;
            }
            String s = sentence.strip();
            if (countTokens(s) <= maxInputTokens) {
                pieces.add(s);
                continue;
            }
            for (String piece : clauses.split(s).pieces()) {
                int tokens = countTokens(piece);
                if (tokens > maxInputTokens) {
                    throw new IllegalArgumentException("a word of " + tokens + " tokens is longer than the summariser's "
                            + "input limit of " + maxInputTokens + " tokens; it cannot be summarised without truncation");
                }
                pieces.add(piece);
            }
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (String piece : pieces) {
            // Measured on the joined text, not summed per sentence: byte-level BPE merges across the joining space.
            String candidate = chunk.length() == 0 ? piece : chunk + " " + piece;
            if (chunk.length() > 0 && countTokens(candidate) > maxInputTokens) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                chunk.append(piece);
            } else {
                chunk.setLength(0);
                chunk.append(candidate);
            }
        }
        if (chunk.length() > 0) {
            chunks.add(chunk.toString());
        }
        return chunks;
    }

    /**
     * Summarises a text given as its sentences.
     *
     * @param sentences the text's sentences in order
     * @return the summary, or null when there is no text
     * @throws IllegalArgumentException when a word is longer than the input limit
     */
    public Result summarize(List<String> sentences) {
        List<String> chunks = chunks(sentences);
        if (chunks.isEmpty()) {
            return null;
        }
        List<String> summaries = engine.generate(chunks, generation).stream().map(String::strip).toList();
        if (summaries.size() == 1) {
            return new Result(summaries.get(0), 1, false);
        }
        String joined = String.join(" ", summaries);
        if (countTokens(joined) <= maxInputTokens) {
            return new Result(engine.generate(List.of(joined), generation).get(0).strip(), chunks.size(), true);
        }
        return new Result(joined, chunks.size(), false);
    }
}
