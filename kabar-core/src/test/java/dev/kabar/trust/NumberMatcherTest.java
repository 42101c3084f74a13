package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumberMatcherTest {

    private final NumberMatcher check = new NumberMatcher();

    private Optional<Reason> run(String source, String output) {
        return check.check(source, output);
    }

    private static void passes(String source, String output) {
        Optional<Reason> reason = new NumberMatcher().check(source, output);
        assertTrue(reason.isEmpty(), () -> source + " -> " + output + ": " + reason.get());
    }

    private static Set<String> values(List<NumberMatcher.Mention> mentions) {
        assertEquals(1, mentions.size(), mentions.toString());
        return mentions.get(0).values();
    }

    @Test
    void readsIndonesianAndEnglishSeparators() {
        assertEquals(Set.of("1000.5"), values(NumberMatcher.inSource("1.000,5")));
        assertEquals(Set.of("1000"), values(NumberMatcher.inSource("1.000")), "a source's 1.000 is never 1");
        assertEquals(Set.of("3.5"), values(NumberMatcher.inSource("3,5")));
        assertEquals(Set.of("3.5"), values(NumberMatcher.inSource("3.5")), "the English way when only that fits");
        assertEquals(Set.of("1000.5"), values(NumberMatcher.inOutput("1,000.5")));
        assertEquals(Set.of("1000", "1"), values(NumberMatcher.inOutput("1,000")), "an output is read both ways");
        assertEquals(Set.of("1500000000000"), values(NumberMatcher.inSource("Rp 1,5 triliun")));
        assertEquals("1,5 triliun", NumberMatcher.inSource("Rp 1,5 triliun.").get(0).text());
        assertEquals(Set.of("17.38", "time 5:38"), values(NumberMatcher.inSource("pukul 17.38 WIB")));
    }

    @Test
    void flagsADroppedNumber() {
        Reason reason = run("Harga naik menjadi 1.000,5 per unit.", "The price rose per unit.").orElseThrow();
        assertEquals(ReasonCode.NUMBERS, reason.code());
        assertEquals("number 1.000,5 missing", reason.detail());
    }

    @Test
    void flagsAChangedNumberAndNamesWhatItBecame() {
        assertEquals("number 15.000 missing; the output has 16,000 instead",
                run("Harganya Rp 15.000 per kilogram.", "It costs Rp 16,000 per kilogram.").orElseThrow().detail());
        assertEquals("number 1,5 triliun missing; the output has 1.5 billion instead",
                run("Anggaran Rp 1,5 triliun.", "A budget of Rp 1.5 billion.").orElseThrow().detail());
        assertEquals("number 1.000 missing; the output has 1 instead",
                run("Ada 1.000 orang.", "There is 1 person.").orElseThrow().detail());
    }

    @Test
    void listsSeveralMissingNumbers() {
        assertEquals("numbers 12, 2024 and 7 missing",
                run("Pada 12 Mei 2024 ada 7 korban.", "There were victims.").orElseThrow().detail());
        assertEquals("numbers 1, 2, 3 and 2 more missing", run("1; 2; 3; 4; 5", "none").orElseThrow().detail());
    }

    @Test
    void acceptsNumbersWrittenTheEnglishWay() {
        passes("Harga naik 1.000,5 persen.", "The price rose 1,000.5 percent.");
        passes("Inflasi 3,5 persen.", "Inflation was 3.5%.");
        passes("Anggaran Rp 1,5 triliun.", "A budget of Rp1.5 trillion.");
        passes("Anggaran Rp 1,5 triliun.", "A budget of Rp 1,500 billion.");
        passes("Anggaran Rp 1,5 triliun.", "A budget of 1.5 trillion rupiah.");
        passes("Gajinya Rp 2,2 juta.", "His wage is Rp 2.2 million.");
        passes("Harganya Rp 15 ribu.", "It costs Rp 15,000.");
        passes("Harganya Rp15.000/kg.", "It costs Rp 15,000 per kg.");
        passes("Nilainya US$370 juta.", "It is worth $370m.");
    }

    @Test
    void acceptsANumberKeptInIndonesianForm() {
        passes("Harganya Rp 15.000.", "It costs Rp 15.000.");
    }

    @Test
    void acceptsDatesAndTimesWrittenOtherwise() {
        passes("Jumat, 22/11/2024 17:38 WIB", "Friday, November 22, 2024, 5:38 pm WIB");
        passes("Jumat, 22/11/2024", "Friday, 11/22/2024");
        passes("Selasa (2/1) kemarin.", "Last Tuesday (1/2).");
        passes("Pukul 13.00 WIB.", "At 1 pm WIB.");
        passes("Pukul 13.00 WIB.", "At 13:00 WIB.");
        passes("Sekitar pukul 3.", "At about 3:00.");
        passes("Pada 5 Mei 2025.", "On May 5, 2025.");
    }

    @Test
    void acceptsNumbersInEnglishWords() {
        passes("Ia dihukum 6 bulan penjara.", "He was sentenced to six months in jail.");
        passes("Ada 25 orang.", "There were twenty-five people.");
        passes("Ada 2 juta orang.", "There were two million people.");
        passes("Ada 130 penerbangan.", "There are one hundred and thirty flights.");
        passes("Melibatkan 350.000 orang.", "Involving three-hundred-and-fifty-thousand people.");
        passes("Menjadi 7,5 juta orang.", "To seven-and-a-half million people.");
        passes("Dari 1,3 miliar jiwa.", "Of one-point-three billion people.");
        passes("Juara ke-2.", "The second winner.");
        passes("Ada 12 murid.", "There were a dozen pupils.");
    }

    @Test
    void wordsOfTheSourceAreNotRequired() {
        passes("Ia dihukum enam bulan penjara.", "He was sentenced to half a year in jail.");
    }

    @Test
    void twoNumberWordsInARowAreTwoNumbers() {
        List<NumberMatcher.Mention> mentions = NumberMatcher.inOutput("one two, twenty twenty");
        assertEquals(List.of("one", "two", "twenty", "twenty"), mentions.stream().map(NumberMatcher.Mention::text).toList());
    }

    @Test
    void mayIsAMonthOnlyWhenCapitalised() {
        assertEquals(Set.of("5"), values(NumberMatcher.inOutput("in May")));
        assertEquals(List.of(), NumberMatcher.inOutput("it may rain"));
    }

    @Test
    void separatorsThatFitNoConventionSeparateWholeNumbers() {
        List<NumberMatcher.Mention> address = NumberMatcher.inSource("server 192.168.1.1 dan skor 3:1");
        assertEquals(List.of("192", "168", "1", "1", "3", "1"),
                address.stream().map(NumberMatcher.Mention::text).toList());
        passes("Skor 3:1 untuk Persija.", "Persija won 3-1.");
    }

    @Test
    void aSourceWithoutDigitsIsNeverFlagged() {
        passes("Tidak ada angka di sini.", "There are 3 numbers here: 1, 2.");
    }
}
