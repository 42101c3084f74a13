package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ROUGE (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries"): ROUGE-N on clipped
 * n-gram overlap and summary-level ROUGE-L on the union longest common subsequence.
 *
 * <p>Summaries are lists of sentences, each a list of tokens. Tokens are compared lowercased
 * ({@link Locale#ROOT}) and otherwise exactly; no stemming, no stop-word removal, punctuation
 * tokens count like words, so the figures are "over the given tokens, lowercased". Stateless and
 * thread-safe.
 */
public final class Rouge {

    private Rouge() {
    }

    /** Scores a candidate summary against a reference: ROUGE-1, ROUGE-2 and summary-level ROUGE-L. */
    public static RougeScores score(List<? extends List<String>> candidate, List<? extends List<String>> reference) {
        List<List<String>> c = lower(candidate);
        List<List<String>> r = lower(reference);
        return new RougeScores(ngram(c, r, 1), ngram(c, r, 2), unionLcs(c, r));
    }

    /**
     * Returns ROUGE-N: the n-grams the candidate shares with the reference, each counted at most
     * as often as it occurs in the reference (clipped), over the candidate's and the reference's
     * n-gram counts. The sentences of a summary are joined, so n-grams may span a sentence break,
     * as in ROUGE-1.5.5 and Google's rouge-score.
     */
    public static RougeScore rougeN(List<? extends List<String>> candidate, List<? extends List<String>> reference, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ROUGE-N needs n of at least 1, but n is " + n + ".");
        }
        return ngram(lower(candidate), lower(reference), n);
    }

    /**
     * Returns summary-level ROUGE-L: for each reference sentence, the union of its words that lie on
     * a longest common subsequence with some candidate sentence; P = Σ|∪LCS| / candidate words,
     * R = Σ|∪LCS| / reference words.
     *
     * <p>As in ROUGE-1.5.5 and rouge-score, a word counts as a hit only while unused copies of it
     * remain on both sides: without that clip, one candidate word matched by two reference sentences
     * would count twice and precision could exceed 1. Where a pair has several longest common
     * subsequences, the one found by backtracking from the end, preferring to drop a reference word,
     * is used (rouge-score's choice).
     */
    public static RougeScore rougeL(List<? extends List<String>> candidate, List<? extends List<String>> reference) {
        return unionLcs(lower(candidate), lower(reference));
    }

    private static RougeScore ngram(List<List<String>> candidate, List<List<String>> reference, int n) {
        Map<List<String>, Integer> c = ngramCounts(candidate, n);
        Map<List<String>, Integer> r = ngramCounts(reference, n);
        long matches = 0;
        for (Map.Entry<List<String>, Integer> e : c.entrySet()) {
            matches += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
        }
        return RougeScore.of(matches, total(c), total(r));
    }

    private static Map<List<String>, Integer> ngramCounts(List<List<String>> sentences, int n) {
        List<String> words = new ArrayList<>();
        sentences.forEach(words::addAll);
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
            counts.merge(List.copyOf(words.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    private static long total(Map<?, Integer> counts) {
        long sum = 0;
        for (int v : counts.values()) {
            sum += v;
        }
        return sum;
    }

    private static RougeScore unionLcs(List<List<String>> candidate, List<List<String>> reference) {
        Map<String, Integer> candidateLeft = wordCounts(candidate);
        Map<String, Integer> referenceLeft = wordCounts(reference);
        long candidateWords = total(candidateLeft);
        long referenceWords = total(referenceLeft);
        long hits = 0;
        for (List<String> ref : reference) {
            BitSet union = new BitSet(ref.size());
            for (List<String> cand : candidate) {
                union.or(lcsPositions(ref, cand));
            }
            for (int i = union.nextSetBit(0); i >= 0; i = union.nextSetBit(i + 1)) {
                String word = ref.get(i);
                if (candidateLeft.getOrDefault(word, 0) > 0 && referenceLeft.getOrDefault(word, 0) > 0) {
                    hits++;
                    candidateLeft.merge(word, -1, Integer::sum);
                    referenceLeft.merge(word, -1, Integer::sum);
                }
            }
        }
        return RougeScore.of(hits, candidateWords, referenceWords);
    }

    /** Positions in {@code a} of the words on one longest common subsequence of {@code a} and {@code b}. */
    static BitSet lcsPositions(List<String> a, List<String> b) {
        int m = a.size();
        int n = b.size();
        int[][] t = new int[m + 1][n + 1];
        for (int i = 1; i <= m; i++) {
            for (int j = 1; j <= n; j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        BitSet hits = new BitSet(m);
        int i = m;
        int j = n;
        while (i > 0 && j > 0) {
            if (a.get(i - 1).equals(b.get(j - 1))) {
                hits.set(i - 1);
                i--;
                j--;
            } else if (t[i][j - 1] > t[i - 1][j]) {
                j--;
            } else {
                i--;
            }
        }
        return hits;
    }

    private static Map<String, Integer> wordCounts(List<List<String>> sentences) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> s : sentences) {
            for (String w : s) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<List<String>> lower(List<? extends List<String>> sentences) {
        List<List<String>> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            List<String> l = new ArrayList<>(s.size());
            for (String w : s) {
                l.add(w.toLowerCase(Locale.ROOT));
            }
            out.add(l);
        }
        return out;
    }
}
