package dev.kabar.pipeline;

import dev.kabar.glossary.TermConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Translates batches of Indonesian sentences to English and measures sentences in the model's
 * tokens. This is all a {@link TranslationRun} needs of a model, so the run can be tested with a
 * fake one; {@link EngineSentenceTranslator} is the real one.
 *
 * <p>Failures are typed: a {@link FatalTranslationException} means the translator cannot go on and
 * the run stops; any other runtime exception is taken to concern the sentences of that call, which
 * the run retries one by one so that only the articles holding a bad sentence fail.
 * Implementations need not be thread-safe: a run calls them from one thread.
 */
public interface SentenceTranslator {

    /**
     * Translates each sentence.
     *
     * @param sentences the sentences of one batch, none blank
     * @return one translation per sentence, in the same order
     * @throws FatalTranslationException when the translator is unusable for any further sentence
     */
    List<Translation> translate(List<String> sentences);

    /**
     * Returns the length of a text in the model's input tokens, special tokens (such as the
     * closing {@code </s>}) left out; it is what batches are budgeted and long sentences split by.
     */
    int countTokens(String text);

    /**
     * Returns the most tokens, as {@link #countTokens} counts them, that one input may have: the
     * model's limit less the special tokens the tokenizer adds.
     */
    int maxInputTokens();

    /**
     * Returns the translator for a second try of suspect sentences: the same model with stricter
     * settings (see {@code docs/trust.md}), measuring tokens as this one does; null when there is
     * none, and suspect sentences then stay as they are.
     */
    default SentenceTranslator secondTry() {
        return null;
    }

    /**
     * Whether {@link #translate(List, List)} can force phrases into the English (lexically
     * constrained beam search); a run with a glossary refuses a translator that cannot.
     */
    default boolean forcesPhrases() {
        return false;
    }

    /**
     * Translates each sentence with phrases forced into its English: {@code constraints.get(i)}
     * are sentence {@code i}'s glossary terms, each met when one of its phrases appears. A sentence
     * without constraints is translated as {@link #translate(List)} translates it.
     *
     * @throws UnsupportedOperationException when a sentence has constraints and the translator
     *     cannot force phrases ({@link #forcesPhrases()} is false)
     */
    default List<Translation> translate(List<String> sentences, List<List<TermConstraint>> constraints) {
        if (constraints.stream().allMatch(List::isEmpty)) {
            return translate(sentences);
        }
        throw new UnsupportedOperationException("this translator cannot force glossary terms into its English");
    }

    /**
     * A translator that applies a function to each sentence: for tests and for wiring a model
     * that has no batch interface.
     *
     * @param translate the translation of one sentence
     * @param countTokens the token count of a text, also used for the generated tokens
     * @param maxInputTokens the input limit
     */
    static SentenceTranslator of(UnaryOperator<String> translate, ToIntFunction<String> countTokens,
            int maxInputTokens) {
        Objects.requireNonNull(translate, "translate");
        Objects.requireNonNull(countTokens, "countTokens");
        return new SentenceTranslator() {
            @Override
            public List<Translation> translate(List<String> sentences) {
                List<Translation> out = new ArrayList<>(sentences.size());
                for (String sentence : sentences) {
                    String english = translate.apply(sentence);
                    out.add(new Translation(english, countTokens.applyAsInt(english)));
                }
                return out;
            }

            @Override
            public int countTokens(String text) {
                return countTokens.applyAsInt(text);
            }

            @Override
            public int maxInputTokens() {
                return maxInputTokens;
            }
        };
    }
}
