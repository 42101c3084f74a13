package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** Cutting long sentences at clause boundaries, measured in words as a stand-in for model tokens. */
class ClauseSplitterTest {

    /** Words separated by spaces; a model's token count behaves the same way, only larger. */
    private static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.strip().split("\\s+").length;

    private static ClauseSplitter.ClauseSplit split(String sentence, int maxWords) {
        return new ClauseSplitter(WORDS, maxWords).split(sentence);
    }

    @Test
    void aSentenceThatFitsIsLeftAlone() {
        ClauseSplitter.ClauseSplit result = split("Harga beras naik di Jakarta.", 5);
        assertEquals(List.of("Harga beras naik di Jakarta."), result.pieces());
        assertEquals(0, result.splits());
        assertFalse(result.split());
    }

    @Test
    void semicolonIsPreferredToColonAndCommas() {
        String sentence = "Pasar buka pagi, dan tutup: siang hari; toko buka sore, dan tutup malam.";
        ClauseSplitter.ClauseSplit result = split(sentence, 8);
        assertEquals(List.of("Pasar buka pagi, dan tutup: siang hari;", "toko buka sore, dan tutup malam."), result.pieces());
        assertEquals(1, result.splits());
        assertTrue(result.split());
    }

    @Test
    void colonIsPreferredToCommas() {
        String sentence = "Ia menyebut tiga syarat, yaitu: jujur, disiplin, dan tekun bekerja setiap hari.";
        assertEquals(List.of("Ia menyebut tiga syarat, yaitu:", "jujur, disiplin, dan tekun bekerja setiap hari."),
                split(sentence, 8).pieces());
    }

    @Test
    void commaBeforeAConjunctionIsPreferredToAnyComma() {
        String sentence = "Menurut dia, harga naik tajam di pasar, sehingga warga mengurangi belanja harian.";
        assertEquals(List.of("Menurut dia, harga naik tajam di pasar,", "sehingga warga mengurangi belanja harian."),
                split(sentence, 8).pieces());
    }

    @Test
    void anyCommaBeforeASpace() {
        String sentence = "Pada Senin pagi di Jakarta Pusat, ratusan pengemudi ojek berunjuk rasa.";
        assertEquals(List.of("Pada Senin pagi di Jakarta Pusat,", "ratusan pengemudi ojek berunjuk rasa."),
                split(sentence, 6).pieces());
    }

    @Test
    void aSpaceIsTheLastResortAndEveryPieceFits() {
        String sentence = "Ratusan pengemudi ojek daring berunjuk rasa di depan gedung parlemen menuntut tarif baru";
        ClauseSplitter.ClauseSplit result = split(sentence, 4);
        assertEquals(List.of("Ratusan pengemudi ojek daring", "berunjuk rasa di depan", "gedung parlemen menuntut tarif", "baru"),
                result.pieces());
        assertEquals(3, result.splits());
    }

    @Test
    void piecesAreJoinedAgainWhileTheyFit() {
        // Four clauses of two words with a limit of five: two pieces, not four.
        ClauseSplitter.ClauseSplit result = split("Satu dua; tiga empat; lima enam; tujuh delapan.", 5);
        assertEquals(List.of("Satu dua; tiga empat;", "lima enam; tujuh delapan."), result.pieces());
    }

    @Test
    void punctuationWithoutASpaceAfterItIsNotABoundary() {
        ClauseSplitter.ClauseSplit result = split("Inflasi 3,5 persen menurut https://bps.go.id:443/data;x terbaru.", 3);
        for (String piece : result.pieces()) {
            assertTrue(WORDS.applyAsInt(piece) <= 3, piece);
        }
        assertTrue(result.pieces().stream().anyMatch(p -> p.contains("3,5")), result.pieces().toString());
        assertTrue(result.pieces().stream().anyMatch(p -> p.contains("https://bps.go.id:443/data;x")));
    }

    @Test
    void aWordLongerThanTheLimitIsKeptWhole() {
        ClauseSplitter.ClauseSplit result = new ClauseSplitter(String::length, 10)
                .split("Lihat https://kabar.id/berita/sangat-panjang sekarang");
        assertEquals(List.of("Lihat", "https://kabar.id/berita/sangat-panjang", "sekarang"), result.pieces());
    }

    @Test
    void joiningThePiecesGivesBackTheSentence() {
        String[] words = {"dan", "yang", "harga", "naik,", "turun;", "pasar:", "tetapi", "Jakarta", "karena,", "warga"};
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            StringBuilder sentence = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int k = 0; k < length; k++) {
                sentence.append(k == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            int max = 1 + random.nextInt(12);
            ClauseSplitter.ClauseSplit result = split(sentence.toString(), max);
            assertEquals(sentence.toString(), String.join(" ", result.pieces()), "max " + max);
            assertEquals(result.pieces().size() - 1, result.splits());
            for (String piece : result.pieces()) {
                assertTrue(WORDS.applyAsInt(piece) <= max, piece + " max " + max);
            }
        }
    }

    @Test
    void blankSentenceHasNoPieces() {
        assertEquals(List.of(), split("  ", 3).pieces());
        assertEquals(0, split("  ", 3).splits());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClauseSplitter(WORDS, 0));
        assertThrows(NullPointerException.class, () -> new ClauseSplitter(null, 5));
        assertThrows(IllegalArgumentException.class, () -> new ClauseSplitter.ClauseSplit(List.of("a", "b"), 0));
    }
}
