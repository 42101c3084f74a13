package dev.kabar.glossary;

import java.util.List;

/**
 * What one term found in a sentence asks of that sentence's English: one of {@link #phrases} must
 * occur (a disjunctive constraint; a single phrase is a phrasal one). For a term with English, the
 * phrases are its English then its alternatives; for a kept term, the term as written in the
 * sentence (each distinct form, white space written as single spaces).
 *
 * @param term the term
 * @param phrases the English phrases, any one of which meets the term; never empty
 * @param matches where the term occurs in the sentence, in order
 */
public record TermConstraint(GlossaryTerm term, List<String> phrases, List<TermMatch> matches) {

    /** Copies the lists and checks there is a phrase. */
    public TermConstraint {
        phrases = List.copyOf(phrases);
        matches = List.copyOf(matches);
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("The constraint of '" + term.id() + "' has no phrase.");
        }
    }

    /**
     * Whether {@code english} meets this constraint, judged on the text
     * ({@link TermOutcome.Basis#TEXT}): one phrase occurs as whole words (a letter or digit at a
     * phrase's edge must not touch another in the text), any run of white space matching a space of
     * the phrase, letters compared by the term's case rule. The first phrase that occurs is reported,
     * in phrase order.
     */
    public TermOutcome check(String english) {
        for (String phrase : phrases) {
            int[] at = TermText.findPhrase(english, TermText.collapseSpace(phrase), term.caseSensitive(), 0);
            if (at != null) {
                return new TermOutcome(term, phrases, true, english.substring(at[0], at[1]), TermOutcome.Basis.TEXT);
            }
        }
        return new TermOutcome(term, phrases, false, null, TermOutcome.Basis.TEXT);
    }
}
