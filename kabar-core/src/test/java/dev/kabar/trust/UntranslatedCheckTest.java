package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UntranslatedCheckTest {

    private final UntranslatedCheck check = new UntranslatedCheck();

    private Optional<Reason> run(String source, String output) {
        return check.check(source, output);
    }

    @Test
    void flagsACopiedSentence() {
        String source = "Pemerintah kota akan membangun jalan baru di Jakarta Selatan tahun depan.";
        Reason reason = run(source, source).orElseThrow();
        assertEquals(ReasonCode.UNTRANSLATED, reason.code());
        assertEquals("8 of the output's 8 words (names left out) are the source's own, e.g. \"kota\", \"akan\", \"membangun\"",
                reason.detail());
    }

    @Test
    void flagsAMostlyCopiedSentence() {
        assertTrue(run("Pemerintah kota akan membangun jalan baru di Jakarta Selatan tahun depan.",
                "The kota akan membangun jalan baru di Jakarta Selatan tahun depan.").isPresent());
    }

    @Test
    void flagsAShortCopy() {
        assertTrue(run("Apa kabar?", "Apa kabar?").isPresent());
    }

    @Test
    void flagsATitleCaseHeadlineByItsLowerCaseWords() {
        String headline = "Menhan AS Teleponan dengan Rusia Bahas Perang Ukraina";
        assertTrue(run(headline, headline).isPresent());
    }

    @Test
    void aProperNounLeftAsItIsIsNotFlagged() {
        assertTrue(run("Jakarta.", "Jakarta.").isEmpty());
        assertTrue(run("Wow!", "Wow!").isEmpty());
        assertTrue(run("Prabowo Subianto dan Gibran Rakabuming", "Prabowo Subianto and Gibran Rakabuming").isEmpty());
    }

    @Test
    void aTranslationFullOfNamesIsNotFlagged() {
        assertTrue(run("Presiden Prabowo Subianto bertemu Joko Widodo di Istana Merdeka, Jakarta, Selasa (21/10/2025).",
                "President Prabowo Subianto met Joko Widodo at Merdeka Palace, Jakarta, on Tuesday (21/10/2025).")
                .isEmpty());
    }

    @Test
    void aPartialCopyBelowTheThresholdIsNotFlagged() {
        // 3 of 5 counted words copied: 60%, under 80%.
        assertTrue(run("Dia makan nasi goreng pedas.", "He eats nasi goreng pedas.").isEmpty());
    }

    @Test
    void numbersAreLeftOut() {
        assertTrue(run("2024", "2024").isEmpty());
    }
}
