package dev.kabar.trust;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flags an output that is mostly the source itself: a sentence the model copied instead of
 * translating (Guerreiro et al. 2023 count such copies among the detached hallucinations of
 * neural translation).
 *
 * <p>It counts the output's words (letters only; words with digits left out) and how many of them
 * are <em>ordinary words of the source</em>: words the source writes at least once in lower case.
 * Words the source writes only capitalised are names ({@code Jakarta}, {@code Prabowo},
 * {@code DKI}) or a sentence's first word: they carry over into any translation, so they are left
 * out of both counts. The pair is flagged when at least {@value #MIN_COPIED_SHARE} of the counted
 * words are copied, and at least one is.
 *
 * <p>So {@code Apa kabar?} copied is flagged ({@code kabar} is copied, {@code Apa} is left out as
 * capitalised), while {@code Jakarta.} or {@code Wow!} left as they are is not: a sentence of names
 * alone has nothing to translate, and without a dictionary a one-word capitalised sentence cannot
 * be told from a name. Title-case headlines are caught by their lower-case words ({@code dengan},
 * {@code di}); a headline whose every word is capitalised is never flagged. A partial copy below
 * the threshold is not flagged either. On the human references of guntara-news, TALPCo and
 * Tatoeba no pair has more than half its counted words copied, so the threshold leaves a margin;
 * rates in {@code docs/trust.md}.
 *
 * <p>Immutable and thread-safe; time linear in the length of the texts.
 */
public final class UntranslatedCheck implements PairCheck {

    /** The share of the output's counted words that must be copied from the source to flag it. */
    public static final double MIN_COPIED_SHARE = 0.8;

    private static final int DETAIL_WORDS = 3;

    @Override
    public Optional<Reason> check(String source, String output) {
        Set<String> sourceWords = new HashSet<>();
        Set<String> ordinary = new HashSet<>();
        for (Words.Word w : Words.of(source)) {
            if (!w.hasDigit()) {
                sourceWords.add(w.lower());
                if (!w.capitalized()) {
                    ordinary.add(w.lower());
                }
            }
        }
        int counted = 0;
        int copied = 0;
        Set<String> examples = new LinkedHashSet<>();
        for (Words.Word w : Words.of(output)) {
            if (w.hasDigit() || (sourceWords.contains(w.lower()) && !ordinary.contains(w.lower()))) {
                continue;
            }
            counted++;
            if (ordinary.contains(w.lower())) {
                copied++;
                if (examples.size() < DETAIL_WORDS) {
                    examples.add("\"" + w.text() + "\"");
                }
            }
        }
        if (copied == 0 || copied < MIN_COPIED_SHARE * counted) {
            return Optional.empty();
        }
        return Optional.of(new Reason(ReasonCode.UNTRANSLATED, copied + " of the output's " + counted
                + " words (names left out) are the source's own, e.g. " + String.join(", ", List.copyOf(examples))));
    }
}
