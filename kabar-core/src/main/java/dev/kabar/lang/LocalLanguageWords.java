package dev.kabar.lang;

import java.util.List;
import java.util.Set;

/**
 * Javanese and Sundanese function words that Indonesian does not use, to flag sentences in those
 * languages: Lingua 1.2.2 has no model for either, and left to choose among Indonesian, Malay and
 * English it calls them Indonesian.
 *
 * <p>Only grammatical words (negation, demonstratives, conjunctions, prepositions, pronouns,
 * auxiliaries, degree words), no content words, so that a sentence is flagged for its grammar and
 * not for one borrowed noun. Each word was checked against the corpora in {@code ../shared/corpus}:
 * frequent in NusaX's Javanese or Sundanese rows, and absent in lowercase from the Indonesian sides
 * of NusaX, Tatoeba and the Guntara news set and from 400 detik.com articles. Left out for that
 * reason: "aku", "awak", "banget", "anu", "teh", "mangga", "yen". Words the two languages share
 * ("kanggo", "mung", "wae", "kudu") are in both lists; they count for both.
 *
 * <p>Counted in lowercase only, so that names (Karo, Dina, Aya, Ana) do not count.
 */
final class LocalLanguageWords {

    /** Javanese, ngoko and krama. */
    static final Set<String> JAVANESE = Set.of(
            // not, this/that, and/with, or, but, because
            "ora", "boten", "mboten", "iki", "kuwi", "iku", "menika", "punika", "lan", "karo", "kaliyan",
            "utawa", "nanging", "amarga", "merga", "kanthi",
            // already, not yet, still, will, from, to, for, until, which, there is
            "wis", "uwis", "sampun", "durung", "dereng", "isih", "arep", "saka", "marang", "kanggo", "dinggo",
            "nganti", "sampek", "sing", "ingkang", "ana", "wonten",
            // only, also, very, more, all, many, again, now, become, namely, here, self
            "mung", "uga", "tenan", "luwih", "kabeh", "akeh", "maneh", "saiki", "dadi", "yaiku", "kene",
            "dhewe", "wae", "kudu", "isa", "ning", "nang",
            // you, I, we, how
            "kowe", "panjenengan", "kula", "awakdewe", "awakdhewe", "piye", "ngono", "ngene");

    /** Sundanese, loma and lemes. */
    static final Set<String> SUNDANESE = Set.of(
            // not, this/that, and/with, or, which, because, if, like, namely
            "teu", "henteu", "moal", "acan", "ieu", "eta", "éta", "jeung", "sareng", "atawa", "atanapi", "nu",
            "kusabab", "upami", "sapertos", "nyaeta",
            // to, from, in, for, until, already, while, will, must, can, there is, here
            "ka", "ti", "dina", "pikeun", "kanggo", "nepi", "dugi", "tos", "keur", "nuju", "bade", "kudu",
            "kedah", "tiasa", "aya", "dieu",
            // also, again, only, very, more, many, still, become, one, not (is not)
            "oge", "ogé", "ge", "deui", "ngan", "mung", "wae", "pisan", "leuwih", "seueur", "keneh", "janten",
            "sahiji", "sanes",
            // I, you, we, what, how, so, particles
            "abdi", "kuring", "anjeun", "urang", "naon", "kumaha", "kitu", "téh", "mah", "hoyong");

    private LocalLanguageWords() {
    }

    /** How many of the words are in the list. */
    static int count(List<String> lowercased, Set<String> list) {
        int n = 0;
        for (String w : lowercased) {
            if (list.contains(w)) {
                n++;
            }
        }
        return n;
    }

    /** How many different words of the list the sentence uses. */
    static int distinct(List<String> lowercased, Set<String> list) {
        return (int) lowercased.stream().filter(list::contains).distinct().count();
    }
}
