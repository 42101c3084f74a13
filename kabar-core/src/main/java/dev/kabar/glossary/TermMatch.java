package dev.kabar.glossary;

/**
 * One occurrence of a term in a sentence.
 *
 * @param term the term
 * @param start where the match starts in the sentence (a char index), affixes included
 * @param end where it ends (exclusive), affixes included
 * @param matchedText the sentence's text from {@code start} to {@code end}, e.g. {@code Kemenhan-nya}
 * @param termText the term itself as written in the sentence, without affixes, e.g. {@code Kemenhan};
 *     the source form a kept term forces
 */
public record TermMatch(GlossaryTerm term, int start, int end, String matchedText, String termText) {
}
