package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TandemRepeatsTest {

    private static int[] chars(String s) {
        return s.codePoints().toArray();
    }

    @Test
    void findsTheRunAndCountsWholeRepeats() {
        List<TandemRepeats.Run> runs = TandemRepeats.find(chars("xxabcabcabcaby"), 4, 2, 0);
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(new TandemRepeats.Run(0, 1, 2, runs.get(0).key()), runs.get(0), "xx");
        TandemRepeats.Run abc = runs.get(1);
        assertEquals(2, abc.start());
        assertEquals(3, abc.period());
        assertEquals(3, abc.repeats(), "abcabcabcab holds abc three whole times");
        assertEquals(9, abc.span());
        assertEquals(1, TandemRepeats.find(chars("xxabcabcabcaby"), 4, 3, 0).size(), "xx is too few repeats");
    }

    @Test
    void leavesNonPrimitiveUnitsToTheirShortestPeriod() {
        // "abababab" has period 2 and 4; only period 2 is reported.
        List<TandemRepeats.Run> runs = TandemRepeats.find(chars("abababab"), 4, 2, 0);
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(2, runs.get(0).period());
        assertEquals(4, runs.get(0).repeats());
    }

    @Test
    void rotationsShareAKey() {
        String ab = TandemRepeats.find(chars("ababab"), 2, 3, 0).get(0).key();
        String ba = TandemRepeats.find(chars("bababa"), 2, 3, 0).get(0).key();
        String ac = TandemRepeats.find(chars("acacac"), 2, 3, 0).get(0).key();
        assertEquals(ab, ba);
        assertEquals(false, ab.equals(ac));
    }

    @Test
    void honoursTheMinimumSpan() {
        assertEquals(0, TandemRepeats.find(chars("aaaa"), 2, 4, 8).size());
        assertEquals(1, TandemRepeats.find(chars("aaaaaaaa"), 2, 4, 8).size());
    }
}
