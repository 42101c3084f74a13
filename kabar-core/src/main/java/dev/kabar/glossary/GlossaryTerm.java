package dev.kabar.glossary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a term list: an Indonesian term and the English it must become, or, for a kept term
 * (a name, a brand), the instruction to keep the Indonesian form as written.
 *
 * @param id the Indonesian term, one or more words; it begins and ends with a letter or digit, and
 *     every run of white space in it is one space
 * @param english the English it must become; empty for a kept term
 * @param alternatives other acceptable English renderings, in the order given; empty for a kept term
 * @param caseSensitive whether the term matches only as written (otherwise in any case)
 * @param wholeWord whether the term matches only as whole words (otherwise inside any word)
 * @param affixes whether Indonesian prefixes and suffixes may be glued to it ({@code dikemenhankan});
 *     only for whole-word terms
 * @param keep whether the Indonesian form itself, as written in the sentence, is forced
 * @param line the line of the term list it came from, or 0 for a term built in code
 */
public record GlossaryTerm(String id, String english, List<String> alternatives, boolean caseSensitive,
        boolean wholeWord, boolean affixes, boolean keep, int line) {

    /**
     * Checks the entry; the reader reports the same faults with file and line first.
     *
     * @throws IllegalArgumentException when the entry cannot be matched or makes no sense
     */
    public GlossaryTerm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(english, "english");
        alternatives = List.copyOf(alternatives);
        if (!id.equals(TermText.collapseSpace(id)) || !TermText.wordAtBothEnds(id)) {
            throw new IllegalArgumentException("A term must begin and end with a letter or digit, with single "
                    + "spaces between its words; got '" + id + "'.");
        }
        if (keep && (!english.isEmpty() || !alternatives.isEmpty())) {
            throw new IllegalArgumentException("The kept term '" + id + "' is forced as written, so it takes no "
                    + "English; got '" + english + "' " + alternatives + ".");
        }
        if (!keep && english.isBlank()) {
            throw new IllegalArgumentException("The term '" + id + "' has no English and is not kept.");
        }
        if (affixes && !wholeWord) {
            throw new IllegalArgumentException("The term '" + id + "' allows affixes but not whole words only; "
                    + "affixes only make sense for whole words.");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " < 0");
        }
    }

    /** A term with the defaults of a term list: any case, whole words, no affixes. */
    public static GlossaryTerm of(String id, String english, String... alternatives) {
        return new GlossaryTerm(id, english, List.of(alternatives), false, true, false, false, 0);
    }

    /** A kept term with the defaults of a term list: its source form is forced. */
    public static GlossaryTerm keep(String id) {
        return new GlossaryTerm(id, "", List.of(), false, true, false, true, 0);
    }

    /** This term, matching with Indonesian affixes glued on or not. */
    public GlossaryTerm withAffixes(boolean allow) {
        return new GlossaryTerm(id, english, alternatives, caseSensitive, wholeWord, allow, keep, line);
    }

    /** This term, matching only as written or in any case. */
    public GlossaryTerm withCaseSensitive(boolean sensitive) {
        return new GlossaryTerm(id, english, alternatives, sensitive, wholeWord, affixes, keep, line);
    }

    /** This term, matching as whole words only or inside any word. */
    public GlossaryTerm withWholeWord(boolean whole) {
        return new GlossaryTerm(id, english, alternatives, caseSensitive, whole, affixes, keep, line);
    }

    /** The English renderings that meet the term, {@link #english} first; empty for a kept term. */
    public List<String> renderings() {
        if (keep) {
            return List.of();
        }
        List<String> all = new ArrayList<>(1 + alternatives.size());
        all.add(english);
        for (String alternative : alternatives) {
            if (!all.contains(alternative)) {
                all.add(alternative);
            }
        }
        return List.copyOf(all);
    }

    /** Whether this term and {@code other} would match the same text: same id, compared by the looser case rule. */
    boolean sameTermAs(GlossaryTerm other) {
        if (caseSensitive && other.caseSensitive) {
            return id.equals(other.id);
        }
        return TermText.fold(id).equals(TermText.fold(other.id));
    }

    /** Whether this term says the same as {@code other}: the same term, English and settings. */
    boolean sameEntryAs(GlossaryTerm other) {
        return sameTermAs(other) && english.equals(other.english) && alternatives.equals(other.alternatives)
                && caseSensitive == other.caseSensitive && wholeWord == other.wholeWord
                && affixes == other.affixes && keep == other.keep;
    }
}
