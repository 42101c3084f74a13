package dev.kabar.glossary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Indonesian affixes a term that allows them may carry, glued on ({@code dikemenhankan}) or after
 * a hyphen ({@code di-PHK-kan}, {@code Kemenhan-nya}). The lists follow the standard grammar (Tata
 * Bahasa Baku Bahasa Indonesia): the prefixes with their nasal forms, and a suffix chain of at most
 * one derivational suffix, one possessive clitic and one particle, in that order
 * ({@code -kan} + {@code -nya} + {@code -lah}). Stripping is literal: a nasal form that replaces the
 * stem's first letter ({@code menyapu} from {@code sapu}) is not undone, since glossary terms are
 * mostly names and abbreviations, which keep their first letter ({@code meng-KPK-kan}).
 */
final class Affixes {

    /** Prefixes, one per word: plain, nasal and the two common double forms. */
    static final List<String> PREFIXES = List.of("di", "ke", "se", "be", "ber", "te", "ter", "me", "mem", "men",
            "meng", "menge", "pe", "pem", "pen", "peng", "penge", "per", "diper", "memper");

    /** Derivational suffixes, nearest the stem. */
    static final List<String> DERIVATIONAL = List.of("an", "kan", "i");
    /** Possessive clitics, after a derivational suffix. */
    static final List<String> POSSESSIVE = List.of("ku", "mu", "nya");
    /** Particles, last. */
    static final List<String> PARTICLES = List.of("lah", "kah", "pun", "tah");

    private static final Set<String> PREFIX_SET = Set.copyOf(PREFIXES);
    private static final Set<String> SUFFIX_CHAINS = suffixChains();
    private static final int LONGEST_CHAIN = SUFFIX_CHAINS.stream().mapToInt(String::length).max().orElseThrow();

    private Affixes() {
    }

    private static Set<String> suffixChains() {
        Set<String> chains = new HashSet<>();
        List<String> none = List.of("");
        for (String d : concat(none, DERIVATIONAL)) {
            for (String p : concat(none, POSSESSIVE)) {
                for (String q : concat(none, PARTICLES)) {
                    String chain = d + p + q;
                    if (!chain.isEmpty()) {
                        chains.add(chain);
                    }
                }
            }
        }
        return Set.copyOf(chains);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Whether the case-folded {@code word} is one prefix. */
    static boolean isPrefix(String folded) {
        return PREFIX_SET.contains(folded);
    }

    /** Whether the case-folded {@code text} is a whole suffix chain ({@code nya}, {@code kannya}, {@code lah}). */
    static boolean isSuffixChain(String folded) {
        return SUFFIX_CHAINS.contains(folded);
    }

    /**
     * The ways to cut a case-folded word into prefix, stem and suffix chain, other than leaving it
     * whole: pairs {@code {prefixLength, suffixLength}} with a stem of at least one character.
     */
    static List<int[]> strippings(String folded) {
        int n = folded.length();
        List<Integer> prefixes = new ArrayList<>(4);
        prefixes.add(0);
        for (String prefix : PREFIXES) {
            if (n > prefix.length() && folded.startsWith(prefix)) {
                prefixes.add(prefix.length());
            }
        }
        List<Integer> suffixes = new ArrayList<>(4);
        suffixes.add(0);
        for (int s = 1; s <= Math.min(LONGEST_CHAIN, n - 1); s++) {
            if (SUFFIX_CHAINS.contains(folded.substring(n - s))) {
                suffixes.add(s);
            }
        }
        List<int[]> cuts = new ArrayList<>(prefixes.size() * suffixes.size());
        for (int p : prefixes) {
            for (int s : suffixes) {
                if ((p > 0 || s > 0) && n - p - s >= 1) {
                    cuts.add(new int[] {p, s});
                }
            }
        }
        return cuts;
    }
}
