package dev.kabar.glossary;

import java.util.List;

/**
 * Whether one term's constraint was met in one sentence's English, and how that was decided.
 *
 * @param term the term
 * @param phrases the English phrases any one of which meets it (for a kept term, its source form)
 * @param met whether the English contains one of them
 * @param found the English's text that met it, as written there, or {@code null} when not met
 * @param basis how {@code met} was decided
 */
public record TermOutcome(GlossaryTerm term, List<String> phrases, boolean met, String found, Basis basis) {

    /** How a term was judged met. */
    public enum Basis {
        /**
         * On the output text, as a reader sees it: one phrase occurs as whole words, spaces matching
         * any white space, case by the term's rule ({@link TermConstraint#check}). What kabar's outputs
         * report.
         */
        TEXT,
        /**
         * On the token ids by the beam search: the ids of one phrase were generated in a row, as
         * transformers' constraints count it. It can differ from {@link #TEXT} both ways: the ids can
         * sit inside a longer word, and the text can come out through other ids than the phrase's own
         * tokenization.
         */
        TOKENS
    }

    /** Copies the phrases. */
    public TermOutcome {
        phrases = List.copyOf(phrases);
    }
}
