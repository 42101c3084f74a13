package dev.kabar.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One glossary term found in a sentence, the English forced for it, and whether the English kept
 * has it.
 *
 * @param id the term as the glossary writes it ({@code Kemenhan})
 * @param english the phrases forced for it, any one of which meets it: the term's English then its
 *     alternatives, or for a kept term the term as written in the sentence
 * @param keep whether the term is kept as written (a name, a brand) rather than translated
 * @param met whether the English kept contains one of the phrases as whole words, by the term's case
 *     rule ({@code docs/glossaries.md}: "met" is judged on the text)
 * @param found the phrase found in the English, as written there; null when not met
 */
public record TermUse(String id, List<String> english, boolean keep, boolean met, String found) {

    /** Copies the phrases and checks that nothing is missing. */
    public TermUse {
        Objects.requireNonNull(id, "id");
        english = List.copyOf(english);
        if (met != (found != null)) {
            throw new IllegalArgumentException("a term is met exactly when its phrase was found; got met=" + met
                    + " and found=" + found);
        }
    }
}
