package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentenceCheckTest {

    private static final String SOURCE = "Harga beras naik 3,5% menjadi Rp 15.000 per kilogram pada 2024.";
    private static final String GOOD = "The price of rice rose 3.5% to Rp 15,000 per kilogram in 2024.";

    private final SentenceCheck check = new SentenceCheck();

    private static List<ReasonCode> codes(Verdict verdict) {
        return verdict.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void aGoodTranslationIsOk() {
        Verdict verdict = check.check(SOURCE, GOOD, -0.4);
        assertEquals(Verdict.OK, verdict);
        assertEquals("ok", verdict.status().code());
        assertFalse(verdict.suspect());
    }

    @Test
    void aLoopIsSuspectForEverySignItShows() {
        Verdict verdict = check.check(SOURCE, "re re re re re re re re re re re re re re re re re re re re re re re re re re");
        assertEquals("suspect", verdict.status().code());
        assertEquals(List.of(ReasonCode.REPETITION, ReasonCode.NUMBERS), codes(verdict));
        assertEquals("numbers 3,5, 15.000 and 2024 missing", verdict.reasons().get(1).detail());
    }

    @Test
    void anEmptyOutputIsOnlyEmpty() {
        Verdict verdict = check.check(SOURCE, " .. ");
        assertEquals(List.of(ReasonCode.EMPTY), codes(verdict));
        assertEquals("empty: the output is empty", verdict.reasons().get(0).toString());
    }

    @Test
    void aCopyIsUntranslated() {
        Verdict verdict = check.check(SOURCE, SOURCE);
        assertEquals(List.of(ReasonCode.UNTRANSLATED), codes(verdict), verdict.toString());
    }

    @Test
    void aTruncatedOutputIsTooShort() {
        Verdict verdict = check.check(SOURCE, "The price of rice rose.");
        assertEquals(List.of(ReasonCode.LENGTH_RATIO, ReasonCode.NUMBERS), codes(verdict));
    }

    @Test
    void lowConfidenceIsAReasonOfItsOwn() {
        Verdict verdict = check.check(SOURCE, GOOD, -2.0);
        assertEquals(List.of(ReasonCode.LOW_CONFIDENCE), codes(verdict));
        assertEquals("confidence -2.00 is below -1.50", verdict.reasons().get(0).detail());
        assertEquals(Verdict.OK, check.check(SOURCE, GOOD, null), "no confidence, no confidence check");
        assertEquals(Verdict.OK, new SentenceCheck(-3.0).check(SOURCE, GOOD, -2.0));
        assertTrue(check.check(SOURCE, GOOD, Double.NEGATIVE_INFINITY).has(ReasonCode.LOW_CONFIDENCE));
    }

    @Test
    void rejectsWhatNoLogProbabilityIs() {
        assertThrows(IllegalArgumentException.class, () -> check.check(SOURCE, GOOD, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> check.check(SOURCE, GOOD, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SentenceCheck(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SentenceCheck(1.0));
        assertThrows(NullPointerException.class, () -> check.check(SOURCE, null));
    }

    @Test
    void verdictsKeepStatusAndReasonsTogether() {
        Reason reason = new Reason(ReasonCode.NUMBERS, "number 2 missing");
        assertThrows(IllegalArgumentException.class, () -> new Verdict(Verdict.Status.OK, List.of(reason)));
        assertThrows(IllegalArgumentException.class, () -> new Verdict(Verdict.Status.SUSPECT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Reason(ReasonCode.NUMBERS, " "));
        assertEquals(Verdict.Status.SUSPECT, Verdict.of(List.of(reason)).status());
    }

    @Test
    void oneCheckServesManyThreads() {
        String loop = "re re re re re re re re re re re re re re re re re re re re re re re re re re";
        Verdict good = check.check(SOURCE, GOOD);
        Verdict bad = check.check(SOURCE, loop);
        List<Verdict> verdicts = IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> i % 2 == 0 ? check.check(SOURCE, GOOD) : check.check(SOURCE, loop)).toList();
        for (int i = 0; i < verdicts.size(); i++) {
            assertEquals(i % 2 == 0 ? good : bad, verdicts.get(i));
        }
    }

    @Test
    void aVeryLongOutputIsCheckedInLinearTime() {
        // About 200,000 characters each: work quadratic in the length would take minutes, not milliseconds.
        String loop = "the city of ".repeat(16_000);
        StringBuilder varied = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            varied.append(varied.length() > 0 ? " " : "").append(letters(i));
        }
        long start = System.nanoTime();
        assertTrue(check.check(SOURCE, loop).has(ReasonCode.REPETITION));
        Verdict copy = check.check(varied.toString(), varied.toString());
        assertEquals(List.of(ReasonCode.UNTRANSLATED), codes(copy));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    /** A word of letters only, different for each number. */
    private static String letters(int n) {
        StringBuilder word = new StringBuilder("k");
        do {
            word.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }
}
