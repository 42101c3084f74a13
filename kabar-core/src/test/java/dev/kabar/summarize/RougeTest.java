package dev.kabar.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ROUGE on examples computed by hand; the arithmetic is in the comments. */
class RougeTest {

    private static final double EPS = 1e-12;

    private static List<String> s(String text) {
        return Arrays.asList(text.split(" "));
    }

    private static void assertScore(double p, double r, double f, RougeScore actual) {
        assertEquals(p, actual.precision(), EPS, "precision");
        assertEquals(r, actual.recall(), EPS, "recall");
        assertEquals(f, actual.f1(), EPS, "f1");
    }

    @Test
    void rouge1CountsSharedWordsClippedToTheReference() {
        // candidate: the cat was found under the bed (7 words); reference: the cat was under the bed (6).
        // shared: the x2 (2 in each), cat, was, under, bed = 6.  P = 6/7, R = 6/6, F1 = 2(6/7)(1)/(6/7 + 1) = 12/13.
        RougeScore r = Rouge.rougeN(List.of(s("the cat was found under the bed")), List.of(s("the cat was under the bed")), 1);
        assertScore(6.0 / 7, 1.0, 12.0 / 13, r);
    }

    @Test
    void rouge2CountsSharedBigrams() {
        // candidate bigrams (6): the-cat cat-was was-found found-under under-the the-bed
        // reference bigrams (5): the-cat cat-was was-under under-the the-bed
        // shared: the-cat cat-was under-the the-bed = 4.  P = 4/6, R = 4/5, F1 = 2(2/3)(4/5)/(2/3 + 4/5) = (16/15)/(22/15) = 8/11.
        RougeScore r = Rouge.rougeN(List.of(s("the cat was found under the bed")), List.of(s("the cat was under the bed")), 2);
        assertScore(4.0 / 6, 4.0 / 5, 8.0 / 11, r);
    }

    @Test
    void aRepeatedWordMatchesOnlyAsOftenAsTheReferenceHasIt() {
        // candidate: the the the the; reference: the cat.  Clipped match = min(4, 1) = 1.
        // P = 1/4, R = 1/2, F1 = 2(1/8)/(3/4) = 1/3.
        RougeScore r = Rouge.rougeN(List.of(s("the the the the")), List.of(s("the cat")), 1);
        assertScore(0.25, 0.5, 1.0 / 3, r);
    }

    @Test
    void bigramsSpanSentenceBreaksAsInTheJoinedSummary() {
        // candidate sentences [a b] [c]: joined a b c, bigrams a-b b-c; reference [a b c]: a-b b-c.  P = R = F1 = 1.
        assertScore(1, 1, 1, Rouge.rougeN(List.of(s("a b"), s("c")), List.of(s("a b c")), 2));
    }

    @Test
    void tokensAreComparedLowercased() {
        // Jakarta = jakarta, BANJIR = banjir: 2 of 2 on both sides.
        assertScore(1, 1, 1, Rouge.score(List.of(s("Jakarta BANJIR")), List.of(s("jakarta banjir"))).rouge1());
    }

    @Test
    void sentenceLevelLcsFollowsLinsPoliceExample() {
        // Lin 2004, section 3.1: reference S1 = police killed the gunman.
        // S2 = police kill the gunman: LCS = police the gunman = 3; P = R = 3/4, F1 = 0.75.
        // S3 = the gunman kill police: LCS = the gunman = 2; P = R = 2/4, F1 = 0.5.
        List<List<String>> ref = List.of(s("police killed the gunman"));
        assertScore(0.75, 0.75, 0.75, Rouge.rougeL(List.of(s("police kill the gunman")), ref));
        assertScore(0.5, 0.5, 0.5, Rouge.rougeL(List.of(s("the gunman kill police")), ref));
    }

    @Test
    void summaryLevelLcsTakesTheUnionOverCandidateSentencesAsInLinsExample() {
        // Lin 2004, section 3.2: r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8; c2 = w1 w3 w8 w9 w5.
        // LCS(r, c1) = w1 w2; LCS(r, c2) = w1 w3 w5; union = w1 w2 w3 w5, |union| = 4.
        // R = 4/5 (reference words), P = 4/10 (candidate words), F1 = 2(0.4)(0.8)/1.2 = 8/15.
        RougeScore r = Rouge.rougeL(List.of(s("w1 w2 w6 w7 w8"), s("w1 w3 w8 w9 w5")), List.of(s("w1 w2 w3 w4 w5")));
        assertScore(0.4, 0.8, 8.0 / 15, r);
    }

    @Test
    void aCandidateWordHitByTwoReferenceSentencesCountsOnce() {
        // reference [a b] [a c]; candidate [a b c].  Union LCS: r1 -> a b, r2 -> a c: 4 hits unclipped,
        // more than the 3 candidate words.  Clipped: the candidate has one a, so r2's a does not count: 3 hits.
        // P = 3/3, R = 3/4, F1 = 2(1)(3/4)/(7/4) = 6/7.
        RougeScore r = Rouge.rougeL(List.of(s("a b c")), List.of(s("a b"), s("a c")));
        assertScore(1, 0.75, 6.0 / 7, r);
    }

    @Test
    void lcsBacktrackingPrefersToDropAReferenceWord() {
        // a = x y, b = y x: two LCSs of length 1 (x or y).  Backtracking from the end sees y != x and,
        // the table being tied, drops a's last word first, so it keeps a's x (position 0), as rouge-score does.
        BitSet hits = Rouge.lcsPositions(s("x y"), s("y x"));
        assertEquals(BitSet.valueOf(new long[] {1}), hits);
    }

    @Test
    void anEmptySideScoresZero() {
        assertEquals(RougeScore.ZERO, Rouge.rougeN(List.of(), List.of(s("a b")), 1));
        assertEquals(RougeScore.ZERO, Rouge.rougeL(List.of(s("a b")), List.of()));
        // A one-word summary has no bigram.
        assertEquals(RougeScore.ZERO, Rouge.rougeN(List.of(s("a")), List.of(s("a")), 2));
    }

    @Test
    void rougeNNeedsAPositiveN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rouge.rougeN(List.of(), List.of(), 0));
        assertEquals("ROUGE-N needs n of at least 1, but n is 0.", e.getMessage());
    }
}
