package dev.kabar.pipeline;

import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.ForcedWords;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.glossary.TermConstraint;
import dev.kabar.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
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
        if (generation.numReturnSequences() != 1 || secondTry != null && secondTry.numReturnSequences() != 1) {
            throw new IllegalArgumentException("a translation run keeps one English per sentence, so num_return_sequences "
                    + "must be 1, but is " + Math.max(generation.numReturnSequences(),
                    secondTry == null ? 1 : secondTry.numReturnSequences()) + ".");
        }
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
        return translations(engine.generateIds(ids, generation));
    }

    /** One translation per generated sequence, with its generated tokens and confidence. */
    private List<Translation> translations(GenerationResult result) {
        List<Translation> out = new ArrayList<>(result.sequences().length);
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

    /** Constrained beam search needs beams: a greedy translator cannot force phrases, as transformers refuses it. */
    @Override
    public boolean forcesPhrases() {
        return generation.numBeams() > 1;
    }

    /**
     * Tokenizes each term's phrases on the target side ({@link TextTokenizer#encodeTarget}) into a
     * phrasal constraint (one phrase) or a disjunctive one (alternatives), and decodes every sentence
     * in one call: those without terms by plain beam search, token for token as {@link #translate(List)}.
     */
    @Override
    public List<Translation> translate(List<String> sentences, List<List<TermConstraint>> constraints) {
        if (constraints.size() != sentences.size()) {
            throw new IllegalArgumentException(constraints.size() + " constraint lists for " + sentences.size() + " sentences");
        }
        if (sentences.isEmpty()) {
            return List.of();
        }
        if (!forcesPhrases()) {
            throw new UnsupportedOperationException("glossary terms need beam search, but num_beams is 1");
        }
        int[][] ids = new int[sentences.size()][];
        List<List<ForcedWords>> forced = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.encode(sentences.get(i));
            List<ForcedWords> items = new ArrayList<>();
            for (TermConstraint term : constraints.get(i)) {
                ForcedWords item = forcedWords(term);
                if (item != null) {
                    items.add(item);
                }
            }
            forced.add(items);
        }
        return translations(engine.generateIds(ids, generation, forced));
    }

    /**
     * A term's phrases as target ids. transformers refuses alternatives of which one starts another;
     * an output that has the longer has the shorter too, so the shorter alone is the same constraint
     * and the longer ones are dropped. Null when no phrase has a token.
     */
    private ForcedWords forcedWords(TermConstraint term) {
        List<int[]> alternatives = new ArrayList<>();
        for (String phrase : term.phrases()) {
            int[] phraseIds = tokenizer.encodeTarget(phrase);
            if (phraseIds.length > 0) {
                alternatives.add(phraseIds);
            }
        }
        // In the term's order, which the constraint's ties follow; an alternative is dropped when a shorter
        // one starts it, or an earlier one equals it.
        List<int[]> kept = new ArrayList<>();
        for (int i = 0; i < alternatives.size(); i++) {
            int[] candidate = alternatives.get(i);
            boolean covered = false;
            for (int j = 0; j < alternatives.size() && !covered; j++) {
                int[] other = alternatives.get(j);
                covered = j != i && (other.length < candidate.length || other.length == candidate.length && j < i)
                        && Arrays.equals(other, 0, other.length, candidate, 0, other.length);
            }
            if (!covered) {
                kept.add(candidate);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        return kept.size() == 1 ? ForcedWords.phrase(kept.get(0)) : ForcedWords.anyOf(kept);
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
