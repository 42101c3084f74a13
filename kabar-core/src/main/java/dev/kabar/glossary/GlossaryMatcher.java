package dev.kabar.glossary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds a glossary's terms in Indonesian sentences. The rules, documented in
 * {@code docs/glossaries.md}:
 *
 * <ul>
 *   <li>Words are runs of letters, digits and combining marks; anything else, a hyphen included,
 *       separates them. A whole-word term matches only whole words: {@code DPR} is not in
 *       {@code DPRD}, but it is in {@code DPR-RI}, and {@code Kemenhan} is in {@code Kemenhan-nya}.
 *   <li>A term that allows affixes also matches with {@link Affixes Indonesian prefixes and suffixes}
 *       glued on ({@code dikemenhankan}, {@code kemenhannya}), and its match then takes in the affixes
 *       written after or before a hyphen ({@code di-PHK-kan}).
 *   <li>Case is ignored unless the term is case-sensitive, by per-character Unicode case folding.
 *   <li>The words of a multi-word term may be separated by any run of white space; punctuation
 *       inside a term ({@code anak-anak}) must be written as in the term.
 *   <li>Matches never overlap. Among overlapping candidates the one whose term text (without
 *       affixes) is longest wins, then the one with the longer match, then the earlier start, then
 *       the term earlier in the file.
 * </ul>
 *
 * <p>Whole-word terms are indexed by their first word, so a sentence costs a few hash look-ups per
 * word (more with affix terms, one per way to cut prefixes and suffixes off the word), whatever the
 * size of the glossary. Terms with {@code whole_word=false} are searched for one by one, so a
 * glossary should hold few. Immutable and safe to share between threads.
 */
public final class GlossaryMatcher {

    /** One term, split into words and the separators between them, ready to compare. */
    private record Compiled(GlossaryTerm term, int order, String[] words, String[] foldedWords, String[] separators) {

        int wordCount() {
            return words.length;
        }
    }

    /** A possible match before overlaps are resolved. */
    private record Candidate(Compiled term, int start, int end, int termStart, int termEnd) {

        int termLength() {
            return termEnd - termStart;
        }
    }

    /** Longest term text, then longest match, then earliest start, then file order. */
    private static final Comparator<Candidate> PRIORITY = Comparator.comparingInt(Candidate::termLength).reversed()
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.end() - c.start()).reversed())
            .thenComparingInt(Candidate::start)
            .thenComparingInt(c -> c.term().order());

    private final Glossary glossary;
    private final Map<String, List<Compiled>> byFirstWord = new HashMap<>();
    private final Map<String, List<Compiled>> affixByFirstWord = new HashMap<>();
    private final List<Compiled> insideWords = new ArrayList<>();

    GlossaryMatcher(Glossary glossary) {
        this.glossary = glossary;
        List<GlossaryTerm> terms = glossary.terms();
        for (int order = 0; order < terms.size(); order++) {
            Compiled c = compile(terms.get(order), order);
            if (!c.term().wholeWord()) {
                insideWords.add(c);
                continue;
            }
            byFirstWord.computeIfAbsent(c.foldedWords()[0], k -> new ArrayList<>(1)).add(c);
            if (c.term().affixes()) {
                affixByFirstWord.computeIfAbsent(c.foldedWords()[0], k -> new ArrayList<>(1)).add(c);
            }
        }
    }

    private static Compiled compile(GlossaryTerm term, int order) {
        String id = term.id();
        List<String> words = new ArrayList<>();
        List<String> separators = new ArrayList<>();
        int i = 0;
        while (i < id.length()) {
            int start = i;
            while (i < id.length() && TermText.isWordChar(id.codePointAt(i))) {
                i += Character.charCount(id.codePointAt(i));
            }
            words.add(id.substring(start, i));
            int sep = i;
            while (i < id.length() && !TermText.isWordChar(id.codePointAt(i))) {
                i += Character.charCount(id.codePointAt(i));
            }
            if (i > sep) {
                separators.add(normalizeSeparator(id.substring(sep, i)));
            }
        }
        String[] w = words.toArray(String[]::new);
        String[] folded = new String[w.length];
        for (int k = 0; k < w.length; k++) {
            folded[k] = TermText.fold(w[k]);
        }
        return new Compiled(term, order, w, folded, separators.toArray(String[]::new));
    }

    /** The text between two words with each run of white space written as one space. */
    private static String normalizeSeparator(String separator) {
        StringBuilder b = new StringBuilder(separator.length());
        for (int i = 0; i < separator.length(); i++) {
            char c = separator.charAt(i);
            if (!TermText.isSpace(c)) {
                b.append(c);
            } else if (b.length() == 0 || b.charAt(b.length() - 1) != ' ') {
                b.append(' ');
            }
        }
        return b.toString();
    }

    /** The glossary this matcher finds. */
    public Glossary glossary() {
        return glossary;
    }

    /** The terms found in {@code sentence}, in order of their start, none overlapping another. */
    public List<TermMatch> match(String sentence) {
        String folded = TermText.fold(sentence);
        Words words = Words.of(sentence);
        List<Candidate> candidates = new ArrayList<>();
        for (int j = 0; j < words.count; j++) {
            String word = folded.substring(words.start[j], words.end[j]);
            for (Compiled c : byFirstWord.getOrDefault(word, List.of())) {
                candidate(c, sentence, folded, words, j, 0, 0, candidates);
            }
            if (affixByFirstWord.isEmpty()) {
                continue;
            }
            for (int[] cut : Affixes.strippings(word)) {
                String stem = word.substring(cut[0], word.length() - cut[1]);
                for (Compiled c : affixByFirstWord.getOrDefault(stem, List.of())) {
                    // A suffix glued to the first word belongs to the last: only one-word terms take it.
                    if (cut[1] == 0 || c.wordCount() == 1) {
                        candidate(c, sentence, folded, words, j, cut[0], cut[1], candidates);
                    }
                }
            }
        }
        for (Compiled c : insideWords) {
            insideCandidates(c, sentence, folded, candidates);
        }
        return select(sentence, candidates);
    }

    /**
     * The constraints {@code sentence} puts on its English: one per distinct term found, in the
     * order of the term's first match. A term with English asks for its English or one of its
     * alternatives; a kept term asks for itself as written in the sentence (any one of its distinct
     * written forms there).
     */
    public List<TermConstraint> constraints(String sentence) {
        Map<GlossaryTerm, List<TermMatch>> byTerm = new LinkedHashMap<>();
        for (TermMatch m : match(sentence)) {
            byTerm.computeIfAbsent(m.term(), k -> new ArrayList<>()).add(m);
        }
        List<TermConstraint> constraints = new ArrayList<>(byTerm.size());
        for (Map.Entry<GlossaryTerm, List<TermMatch>> e : byTerm.entrySet()) {
            GlossaryTerm term = e.getKey();
            List<String> phrases;
            if (term.keep()) {
                Set<String> forms = new LinkedHashSet<>();
                for (TermMatch m : e.getValue()) {
                    forms.add(TermText.collapseSpace(m.termText()));
                }
                phrases = List.copyOf(forms);
            } else {
                phrases = term.renderings();
            }
            constraints.add(new TermConstraint(term, phrases, e.getValue()));
        }
        return constraints;
    }

    /**
     * Adds the match of whole-word term {@code c} starting at word {@code j}, if it is there, with
     * {@code prefix} characters cut off the front of that word and, for a one-word term,
     * {@code suffix} off its end.
     */
    private static void candidate(Compiled c, String sentence, String folded, Words words, int j, int prefix,
            int suffix, List<Candidate> out) {
        int termStart = words.start[j] + prefix;
        int termEnd;
        int last;
        if (c.wordCount() == 1) {
            termEnd = words.end[j] - suffix;
            if (!wordEquals(c, 0, sentence, folded, termStart, termEnd)) {
                return;
            }
            last = j;
        } else {
            if (!wordEquals(c, 0, sentence, folded, termStart, words.end[j])) {
                return;
            }
            last = j + c.wordCount() - 1;
            if (last >= words.count) {
                return;
            }
            for (int i = 1; i < c.wordCount(); i++) {
                int w = j + i;
                String between = sentence.substring(words.end[w - 1], words.start[w]);
                if (!normalizeSeparator(between).equals(c.separators()[i - 1])) {
                    return;
                }
                if (i < c.wordCount() - 1 && !wordEquals(c, i, sentence, folded, words.start[w], words.end[w])) {
                    return;
                }
            }
            termEnd = lastWordEnd(c, sentence, folded, words.start[last], words.end[last]);
            if (termEnd < 0) {
                return;
            }
        }
        int start = words.start[j];
        int end = words.end[last];
        if (c.term().affixes()) {
            if (prefix == 0 && j > 0 && hyphenBetween(sentence, words.end[j - 1], words.start[j])
                    && Affixes.isPrefix(folded.substring(words.start[j - 1], words.end[j - 1]))) {
                start = words.start[j - 1];
            }
            if (last + 1 < words.count && hyphenBetween(sentence, words.end[last], words.start[last + 1])
                    && Affixes.isSuffixChain(folded.substring(words.start[last + 1], words.end[last + 1]))) {
                end = words.end[last + 1];
            }
        }
        out.add(new Candidate(c, start, end, termStart, termEnd));
    }

    /**
     * Where the last word of multi-word term {@code c} ends in the sentence word from {@code from} to
     * {@code to}: at {@code to} when the word is the term's, before a glued suffix chain when the term
     * allows affixes, otherwise -1.
     */
    private static int lastWordEnd(Compiled c, String sentence, String folded, int from, int to) {
        int i = c.wordCount() - 1;
        if (wordEquals(c, i, sentence, folded, from, to)) {
            return to;
        }
        int stemEnd = from + c.words()[i].length();
        if (c.term().affixes() && stemEnd < to && wordEquals(c, i, sentence, folded, from, stemEnd)
                && Affixes.isSuffixChain(folded.substring(stemEnd, to))) {
            return stemEnd;
        }
        return -1;
    }

    private static boolean wordEquals(Compiled c, int i, String sentence, String folded, int from, int to) {
        String word = c.words()[i];
        if (to - from != word.length()) {
            return false;
        }
        return c.term().caseSensitive()
                ? sentence.regionMatches(from, word, 0, word.length())
                : folded.regionMatches(from, c.foldedWords()[i], 0, word.length());
    }

    private static boolean hyphenBetween(String sentence, int from, int to) {
        if (to - from != 1) {
            return false;
        }
        char c = sentence.charAt(from);
        return c == '-' || c == '\u2010' || c == '\u2011';
    }

    /** Adds every occurrence of term {@code c}, which may sit inside words. */
    private static void insideCandidates(Compiled c, String sentence, String folded, List<Candidate> out) {
        String id = c.term().id();
        String haystack = c.term().caseSensitive() ? sentence : folded;
        String first = c.term().caseSensitive() ? c.words()[0] : c.foldedWords()[0];
        for (int at = haystack.indexOf(first); at >= 0; at = haystack.indexOf(first, at + 1)) {
            int end = TermText.matchAt(sentence, at, id, c.term().caseSensitive());
            if (end >= 0) {
                out.add(new Candidate(c, at, end, at, end));
            }
        }
    }

    private static List<TermMatch> select(String sentence, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(PRIORITY);
        TreeMap<Integer, Candidate> taken = new TreeMap<>();
        for (Candidate c : candidates) {
            Map.Entry<Integer, Candidate> before = taken.floorEntry(c.end() - 1);
            if (before != null && before.getValue().end() > c.start()) {
                continue;
            }
            taken.put(c.start(), c);
        }
        List<TermMatch> matches = new ArrayList<>(taken.size());
        for (Candidate c : taken.values()) {
            matches.add(new TermMatch(c.term().term(), c.start(), c.end(), sentence.substring(c.start(), c.end()),
                    sentence.substring(c.termStart(), c.termEnd())));
        }
        return List.copyOf(matches);
    }

    /** The words of a sentence: runs of word characters, as start and end offsets. */
    private static final class Words {
        final int[] start;
        final int[] end;
        final int count;

        private Words(int[] start, int[] end, int count) {
            this.start = start;
            this.end = end;
            this.count = count;
        }

        static Words of(String text) {
            int[] start = new int[16];
            int[] end = new int[16];
            int count = 0;
            int i = 0;
            int n = text.length();
            while (i < n) {
                int cp = text.codePointAt(i);
                if (!TermText.isWordChar(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                int s = i;
                while (i < n && TermText.isWordChar(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                if (count == start.length) {
                    start = java.util.Arrays.copyOf(start, count * 2);
                    end = java.util.Arrays.copyOf(end, count * 2);
                }
                start[count] = s;
                end[count] = i;
                count++;
            }
            return new Words(start, end, count);
        }
    }
}
