package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepetitionCheckTest {

    private final RepetitionCheck check = new RepetitionCheck();

    private Optional<Reason> run(String source, String output) {
        return check.check(source, output);
    }

    @Test
    void flagsARepeatedWord() {
        Reason reason = run("Menhan AS Teleponan dengan Rusia Bahas Perang Ukraina", "re re re re re re re re").orElseThrow();
        assertEquals(ReasonCode.REPETITION, reason.code());
        assertEquals("\"re\" repeated 8 times in a row", reason.detail());
    }

    @Test
    void flagsARepeatedPhraseAfterAGoodStart() {
        Reason reason = run("Pemerintah kota akan membangun jalan baru.",
                "The city government will build the new road of the city of the city of the city.").orElseThrow();
        assertEquals("\"of the city\" repeated 3 times in a row", reason.detail());
    }

    @Test
    void threeTimesIsALoopButTwiceIsNot() {
        assertTrue(run("Dia sangat senang.", "He is very very happy.").isEmpty());
        assertTrue(run("Dia sangat senang.", "He is very very very happy.").isPresent());
    }

    @Test
    void flagsAStutterInsideAWord() {
        assertEquals("\"ir\" repeated 15 times inside the word \"iririririririririririririririr\"",
                run("Saya suka makan nasi goreng.", "iririririririririririririririr").orElseThrow().detail());
        // Units up to ten characters: a whole Indonesian word looped by a random model.
        assertEquals("\"tentang\" repeated 4 times inside the word \"tentangtentangtentangtentang\"",
                run("Ia bicara soal harga.", "tentangtentangtentangtentang").orElseThrow().detail());
        assertTrue(run("Apa kabar?", "VVVVVVVVV out").isPresent());
        assertTrue(run("Sudah setuju.", "6666666666666").isPresent());
    }

    @Test
    void shortStuttersAndZerosAreNotFlagged() {
        assertTrue(run("Dia tertawa.", "He laughed: haha.").isEmpty(), "fewer than eight characters");
        assertTrue(run("Ia membawa Rp 1 miliar.", "He brought Rp 1000000000.").isEmpty(), "zeros of a number");
        assertTrue(run("Ia tinggal di Mississippi.", "She lives in Mississippi.").isEmpty());
    }

    @Test
    void flagsAFrequentWordThatIsNotBackToBack() {
        Reason reason = run("Kucing itu tidur.", "the cat the dog the man the end").orElseThrow();
        assertEquals("\"the\" occurs 4 times, 50% of the output's words", reason.detail());
    }

    @Test
    void aNameRepeatedInBothIsNoRepetition() {
        assertTrue(run("Jokowi, Jokowi, Jokowi! teriak massa.", "Jokowi, Jokowi, Jokowi! shouted the crowd.").isEmpty());
        assertTrue(run("Jokowi bertemu Jokowi, Jokowi dan Jokowi.", "Jokowi met Jokowi, Jokowi and Jokowi.").isEmpty(),
                "a frequent name counted as often in the source");
    }

    @Test
    void aRepeatTranslatedFromTheSourceIsNoRepetition() {
        assertTrue(run("\"Ini edan, edan, edan.\"", "\"This is insane, insane, insane.\"").isEmpty());
        assertTrue(run("Lucu banget wkwkwkwkwk", "So funny wkwkwkwkwk").isEmpty());
        assertTrue(run("Lucu banget wkwkwkwkwk", "So funny hahahahaha").isEmpty(), "a laugh as long, translated");
        // The source's loop does not excuse a longer one of the output.
        assertTrue(run("\"Ini edan, edan, edan.\"", "\"This is insane, insane, insane, insane, insane.\"").isPresent());
    }

    @Test
    void naturalListsAreNotLoops() {
        assertTrue(run("Genangan di depan pasar, di depan sekolah, di depan masjid dan di depan kantor.",
                "Puddles in front of the market, in front of the school, in front of the mosque and in front of the office.")
                .isEmpty());
    }

    @Test
    void emptyTextsAreNoRepetition() {
        assertTrue(run("", "").isEmpty());
        assertTrue(run("Halo.", "").isEmpty());
    }
}
