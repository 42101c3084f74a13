package dev.kabar.pipeline;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link SentenceTranslator} over a loaded {@link Seq2SeqEngine} with fixed generation settings.
 * Not thread-safe, like the engine; it does not close the engine.
 */
public final class EngineSentenceTranslator implements SentenceTranslator {

    private final Seq2SeqEngine engine;
    private final GenerationConfig generation;
    private final TextTokenizer tokenizer;
    private final int specialTokens;
    private final int padId;
    private final int eosId;
    private final EngineSentenceTranslator secondTry;

    /**
     * Wraps an engine.
     *
     * @param engine an engine loaded with its tokenizer
     * @param generation the settings for every call, from {@link Seq2SeqEngine#generationConfig}
     */
    public EngineSentenceTranslator(Seq2SeqEngine engine, GenerationConfig generation) {
        this(engine, generation, null);
    }

    /**
     * Wraps an engine, with stricter settings for second tries.
     *
     * @param engine an engine loaded with its tokenizer
     * @param generation the settings for every call, from {@link Seq2SeqEngine#generationConfig}
     * @param secondTry the settings of a second try of a suspect sentence, or null for none
     */
    public EngineSentenceTranslator(Seq2SeqEngine engine, GenerationConfig generation, GenerationConfig secondTry) {
        this.secondTry = secondTry == null ? null : new EngineSentenceTranslator(engine, secondTry, null);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.tokenizer = engine.tokenizer();
        // Marian appends </s>, BART wraps in <s> ... </s>: what the empty text encodes to is the overhead.
        this.specialTokens = tokenizer.encode("").length;
        this.padId = engine.config().padTokenId();
        this.eosId = engine.config().eosTokenId();
    }

    @Override
    public List<Translation> translate(List<String> sentences) {
        if (sentences.isEmpty()) {
            return List.of();
        }
        int[][] ids = new int[sentences.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.encode(sentences.get(i));
        }
        GenerationResult result = engine.generateIds(ids, generation);
        List<Translation> out = new ArrayList<>(ids.length);
        float[] confidences = result.confidences();
        for (int i = 0; i < result.sequences().length; i++) {
            int[] sequence = result.sequences()[i];
            float confidence = confidences == null ? Float.NaN : confidences[i];
            // A log-probability above 0 is rounding of a near-certain output; NaN means no token was generated.
            Double known = Float.isNaN(confidence) ? null : Math.min(0.0, (double) confidence);
            out.add(new Translation(tokenizer.decode(sequence), generatedTokens(sequence), known));
        }
        return out;
    }

    /** Tokens after the decoder start token, up to the end-of-sequence token or the padding. */
    private int generatedTokens(int[] sequence) {
        int count = 0;
        for (int k = 1; k < sequence.length; k++) {
            if (sequence[k] == eosId || sequence[k] == padId) {
                break;
            }
            count++;
        }
        return count;
    }

    @Override
    public SentenceTranslator secondTry() {
        return secondTry;
    }

    @Override
    public int countTokens(String text) {
        return Math.max(0, tokenizer.encode(text).length - specialTokens);
    }

    /**
     * Returns the tokenizer's {@code model_max_length}, capped by the model's
     * {@code max_position_embeddings} (tokenizers may declare no limit at all), less the special
     * tokens.
     */
    @Override
    public int maxInputTokens() {
        int limit = Math.min(tokenizer.modelMaxLength(), engine.config().maxPositionEmbeddings());
        return Math.max(1, limit - specialTokens);
    }
}
