package dev.kabar.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlossaryMatcherTest {

    private static GlossaryMatcher matcher(GlossaryTerm... terms) {
        return Glossary.of(List.of(terms)).matcher();
    }

    /** Each match as {@code matchedText=id}. */
    private static List<String> found(GlossaryMatcher matcher, String sentence) {
        return matcher.match(sentence).stream().map(m -> m.matchedText() + "=" + m.term().id()).toList();
    }

    @Test
    void ignoresCaseByDefault() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("Polri", "National Police"));
        assertEquals(List.of("POLRI=Polri", "polri=Polri"), found(m, "POLRI dan polri."));
    }

    @Test
    void foldsCaseWithoutShiftingOffsets() {
        // String.toLowerCase(Locale.ROOT) turns İ into two chars, which would shift every offset after it.
        GlossaryMatcher m = matcher(GlossaryTerm.of("Kafé", "café"), GlossaryTerm.of("Merdeka", "Freedom"));
        String sentence = "İSTANA MERDEKA punya KAFÉ.";
        List<TermMatch> matches = m.match(sentence);
        assertEquals(2, matches.size());
        assertEquals(sentence.indexOf("MERDEKA"), matches.get(0).start());
        assertEquals("MERDEKA", matches.get(0).matchedText());
        assertEquals("KAFÉ", matches.get(1).matchedText());
    }

    @Test
    void aCaseSensitiveTermMatchesOnlyAsWritten() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("DPR", "House of Representatives").withCaseSensitive(true));
        assertEquals(List.of("DPR=DPR"), found(m, "dpr, Dpr dan DPR"));
    }

    @Test
    void matchesWholeWordsOnly() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("DPR", "House of Representatives"));
        assertEquals(List.of(), found(m, "Anggota DPRD dan KDPR serta DPR2 hadir."));
        assertEquals(List.of("DPR=DPR", "DPR=DPR", "DPR=DPR"), found(m, "(DPR) DPR-RI, kata DPR."));
    }

    @Test
    void aHyphenIsAWordBoundarySoCliticsAfterItMatchWithoutAffixes() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("kemenhan", "Ministry of Defence"),
                GlossaryTerm.of("Polri", "National Police"));
        assertEquals(List.of("Kemenhan=kemenhan", "Polri=Polri"), found(m, "Juru bicara Kemenhan-nya dan TNI-Polri"));
        assertEquals(List.of(), found(m, "kemenhannya dan dikemenhankan, Polrinya"));
    }

    @Test
    void affixesGlueOnOnlyWhereTheTermAllowsThem() {
        GlossaryTerm kemenhan = GlossaryTerm.of("kemenhan", "Ministry of Defence");
        String sentence = "Berkas itu dikemenhankan, lalu kemenhannya dan Kemenhan-nya menjawab.";
        assertEquals(List.of(), found(matcher(kemenhan), "Berkas itu dikemenhankan, lalu kemenhannya."));
        List<TermMatch> matches = matcher(kemenhan.withAffixes(true)).match(sentence);
        assertEquals(List.of("dikemenhankan", "kemenhannya", "Kemenhan-nya"),
                matches.stream().map(TermMatch::matchedText).toList());
        assertEquals(List.of("kemenhan", "kemenhan", "Kemenhan"), matches.stream().map(TermMatch::termText).toList());
        TermMatch third = matches.get(2);
        assertEquals(sentence.indexOf("Kemenhan-nya"), third.start());
        assertEquals(third.start() + "Kemenhan-nya".length(), third.end());
    }

    @Test
    void affixesAfterAndBeforeHyphensJoinTheMatch() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("PHK", "layoffs").withAffixes(true));
        List<TermMatch> matches = m.match("Pabrik itu di-PHK-kan, karyawan ter-PHK; anti-PHK.");
        assertEquals(List.of("di-PHK-kan", "ter-PHK", "PHK"), matches.stream().map(TermMatch::matchedText).toList());
        assertEquals(List.of("PHK", "PHK", "PHK"), matches.stream().map(TermMatch::termText).toList());
    }

    @Test
    void affixesDoNotTurnOtherWordsIntoTheTerm() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("DPR", "House").withCaseSensitive(true).withAffixes(true));
        assertEquals(List.of(), found(m, "DPRD dan DPRRI serta dprnya"));
        assertEquals(List.of("DPRnya=DPR", "keDPRan=DPR"), found(m, "DPRnya dan keDPRan"));
    }

    @Test
    void aMultiWordTermTakesASuffixOnItsLastWordOnly() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("Mahkamah Konstitusi", "Constitutional Court").withAffixes(true));
        assertEquals(List.of("Mahkamah Konstitusinya=Mahkamah Konstitusi"), found(m, "Mahkamah Konstitusinya memutus"));
        assertEquals(List.of(), found(m, "Mahkamahnya Konstitusi memutus"));
        assertEquals(List.of("diMahkamah Konstitusikan=Mahkamah Konstitusi"), found(m, "diMahkamah Konstitusikan"));
    }

    @Test
    void theWordsOfAMultiWordTermMaySitAcrossAnyWhiteSpace() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("Dewan Perwakilan Rakyat", "House of Representatives"));
        String sentence = "Gedung Dewan  Perwakilan\n\u00a0Rakyat dibuka.";
        List<TermMatch> matches = m.match(sentence);
        assertEquals(1, matches.size());
        assertEquals("Dewan  Perwakilan\n\u00a0Rakyat", matches.get(0).matchedText());
        assertEquals(List.of(), found(m, "Dewan Perwakilan-Rakyat, Dewan, Perwakilan Rakyat, Dewan Perwakilan"));
    }

    @Test
    void punctuationInsideATermMustBeWrittenAsInTheTerm() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("anak-anak", "children"));
        assertEquals(List.of("Anak-anak=anak-anak"), found(m, "Anak-anak dan anak anak"));
    }

    @Test
    void theLongestTermWinsAnOverlap() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("Rakyat", "people"),
                GlossaryTerm.of("Dewan Perwakilan Rakyat", "House of Representatives"),
                GlossaryTerm.of("Dewan Perwakilan Rakyat Daerah", "Regional House of Representatives"),
                GlossaryTerm.of("Daerah Istimewa", "Special Region"));
        assertEquals(List.of("Dewan Perwakilan Rakyat Daerah=Dewan Perwakilan Rakyat Daerah", "rakyat=Rakyat"),
                found(m, "Dewan Perwakilan Rakyat Daerah Istimewa membela rakyat"));
        assertEquals(List.of("Dewan Perwakilan Rakyat=Dewan Perwakilan Rakyat", "Daerah Istimewa=Daerah Istimewa"),
                found(m, "Dewan Perwakilan Rakyat, Daerah Istimewa"));
    }

    @Test
    void theLongerTermTextWinsOverTheLongerAffixedMatch() {
        // kemenhannya is ke+Menhan+nya as well as Kemenhan+nya: the longer term text decides, whatever
        // the file order.
        GlossaryMatcher m = matcher(GlossaryTerm.of("Menhan", "Minister of Defence").withAffixes(true),
                GlossaryTerm.of("Kemenhan", "Ministry of Defence").withAffixes(true));
        assertEquals(List.of("kemenhannya=Kemenhan", "Menhan=Menhan"), found(m, "kemenhannya dan Menhan"));
    }

    @Test
    void theEarlierStartWinsBetweenEquallyLongTerms() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("Indonesia Raya", "Greater Indonesia"),
                GlossaryTerm.of("Bank Indonesia", "Bank Indonesia"));
        assertEquals(List.of("Bank Indonesia=Bank Indonesia"), found(m, "Bank Indonesia Raya"));
    }

    @Test
    void aTermThatNeedNotBeAWholeWordMatchesInsideWords() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("kemen", "ministry").withWholeWord(false));
        assertEquals(List.of("Kemen=kemen", "kemen=kemen"), found(m, "Kemenhan dan Sekkemen"));
    }

    @Test
    void constraintsListEachTermOnceWithItsEnglishAndAlternatives() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("DPR", "House of Representatives"),
                GlossaryTerm.of("Kemenhan", "Ministry of Defence", "Defence Ministry"));
        List<TermConstraint> constraints = m.constraints("Kemenhan menyurati DPR; DPR menjawab Kemenhan.");
        assertEquals(2, constraints.size());
        assertEquals("Kemenhan", constraints.get(0).term().id());
        assertEquals(List.of("Ministry of Defence", "Defence Ministry"), constraints.get(0).phrases());
        assertEquals(2, constraints.get(0).matches().size());
        assertEquals(List.of("House of Representatives"), constraints.get(1).phrases());
        assertEquals(List.of(), m.constraints("Tidak ada istilah di sini."));
    }

    @Test
    void aKeptTermForcesItsSourceFormAsWrittenWithoutAffixes() {
        GlossaryMatcher m = matcher(GlossaryTerm.keep("Prabowo Subianto"), GlossaryTerm.keep("Gojek").withAffixes(true));
        List<TermConstraint> constraints = m.constraints(
                "Presiden PRABOWO  Subianto memesan Gojek-nya; Prabowo Subianto lalu dijemput gojeknya.");
        assertEquals(2, constraints.size());
        assertEquals(List.of("PRABOWO Subianto", "Prabowo Subianto"), constraints.get(0).phrases());
        assertEquals(List.of("Gojek", "gojek"), constraints.get(1).phrases());
        assertEquals("Gojek-nya", constraints.get(1).matches().get(0).matchedText());
    }

    @Test
    void theMetCheckLooksForOnePhraseAsWholeWordsByTheTermsCaseRule() {
        GlossaryMatcher m = matcher(GlossaryTerm.of("Polri", "National Police", "Indonesian police"),
                GlossaryTerm.of("DPR", "House of Representatives").withCaseSensitive(true));
        List<TermConstraint> constraints = m.constraints("Polri dan DPR");
        TermConstraint polri = constraints.get(0);
        TermConstraint dpr = constraints.get(1);

        TermOutcome met = polri.check("The national  police said so.");
        assertTrue(met.met());
        assertEquals("national  police", met.found());
        assertEquals(TermOutcome.Basis.TEXT, met.basis());
        assertEquals("Indonesian Police", polri.check("Indonesian Police's spokesman").found());
        TermOutcome missed = polri.check("A National Policeman and the police.");
        assertFalse(missed.met());
        assertNull(missed.found());
        assertEquals(List.of("National Police", "Indonesian police"), missed.phrases());

        assertTrue(dpr.check("the House of Representatives").met());
        assertFalse(dpr.check("the house of representatives").met());
        assertFalse(dpr.check("the House of Representativesx").met());
    }

    @Test
    void aKeptTermIsMetWhenItsSourceFormIsInTheEnglish() {
        GlossaryMatcher m = matcher(GlossaryTerm.keep("Gojek"));
        TermConstraint gojek = m.constraints("Ojek Gojek datang").get(0);
        assertTrue(gojek.check("The Gojek driver came").met());
        assertFalse(gojek.check("The Go-Jek driver came").met());
    }
}
