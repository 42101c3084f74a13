package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoilerplateRulesTest {

    private final BoilerplateRules rules = BoilerplateRules.standard();

    @Test
    void theBundledMarkersLoadAndMatchLoosely() {
        assertTrue(rules.isEndHeading("JURNAS VIDEO :"));
        assertTrue(rules.isEndHeading("Pilihan Redaksi"));
        assertTrue(rules.isDropped("SCROLL TO CONTINUE WITH CONTENT"));
        assertTrue(rules.isDropped("Baca juga: Harga cabai melonjak"));
        assertTrue(rules.isDropped("13Shares"));
        assertTrue(rules.isRelatedHeading("Baca Juga"));
        assertTrue(rules.isCaption("Warga antre di depan kantor pos. (Foto: Dok. Warga)"));
        assertTrue(rules.isCaption("ANTARA FOTO/Nama Fotografer Suasana pasar pagi."));
        assertTrue(rules.isCopyright("Copyright © 2025 Contoh Media"));
        assertFalse(rules.isDropped("Harga beras turun di pasar induk pekan ini."));
        assertFalse(rules.isCaption("Kementerian/Lembaga diminta menghemat anggaran perjalanan dinas."));
    }

    @Test
    void aBadRuleFileNamesTheLine() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BoilerplateRules.parse(List.of("[drop]", "Iklan", "[apa]", "x"), "rules.txt"));
        assertTrue(unknown.getMessage().startsWith("rules.txt line 4"), unknown.getMessage());
        IllegalArgumentException pattern = assertThrows(IllegalArgumentException.class,
                () -> BoilerplateRules.parse(List.of("[caption-pattern]", "(foto"), "rules.txt"));
        assertTrue(pattern.getMessage().startsWith("rules.txt line 2"), pattern.getMessage());
    }
}
