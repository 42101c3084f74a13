package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-written Indonesian paragraphs, one rule of the splitter each. */
class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private void assertSplit(String paragraph, String... expected) {
        assertEquals(List.of(expected), splitter.split(paragraph), paragraph);
    }

    // Plain endings.

    @Test
    void periodsQuestionAndExclamationMarksEndSentences() {
        assertSplit("Apa kabar? Saya baik! Terima kasih sudah datang.",
                "Apa kabar?", "Saya baik!", "Terima kasih sudah datang.");
        assertSplit("Benarkah?! Tidak mungkin.", "Benarkah?!", "Tidak mungkin.");
    }

    @Test
    void lastSentenceNeedsNoMark() {
        assertSplit("Harga cabai naik. Baca juga: Harga bawang turun",
                "Harga cabai naik.", "Baca juga: Harga bawang turun");
    }

    @Test
    void blankParagraphHasNoSentences() {
        assertEquals(List.of(), splitter.split(""));
        assertEquals(List.of(), splitter.split(" \n\t\u00A0"));
        assertThrows(NullPointerException.class, () -> splitter.split(null));
    }

    @Test
    void newlinesAndNoBreakSpacesAreOrdinaryWhitespace() {
        assertSplit("Ia datang\nke kantor. Lalu\npulang.", "Ia datang\nke kantor.", "Lalu\npulang.");
        assertSplit("  Ia datang.\u00A0Lalu pulang.  ", "Ia datang.", "Lalu pulang.");
    }

    // Abbreviations.

    @Test
    void addressAbbreviationsDoNotEndSentences() {
        assertSplit("Kantor itu berada di Jl. Merdeka No. 5, Jakarta. Gedungnya baru.",
                "Kantor itu berada di Jl. Merdeka No. 5, Jakarta.", "Gedungnya baru.");
        assertSplit("Warga Kec. Cibinong, Kab. Bogor, Prov. Jawa Barat mengungsi. Air surut sore hari.",
                "Warga Kec. Cibinong, Kab. Bogor, Prov. Jawa Barat mengungsi.", "Air surut sore hari.");
        assertSplit("Upacara di Gereja St. Yosef berlangsung khidmat.",
                "Upacara di Gereja St. Yosef berlangsung khidmat.");
    }

    @Test
    void titlesBeforeNamesDoNotEndSentences() {
        assertSplit("Ia bertemu dr. Sinta di klinik. Pertemuan itu singkat.",
                "Ia bertemu dr. Sinta di klinik.", "Pertemuan itu singkat.");
        assertSplit("Prof. Dr. Ir. Bambang Wijaya memberi kuliah umum. Acara itu ramai.",
                "Prof. Dr. Ir. Bambang Wijaya memberi kuliah umum.", "Acara itu ramai.");
        assertSplit("Surat ditujukan kepada Yth. Bpk. Hadi dan Sdr. Rudi. Keduanya membalas.",
                "Surat ditujukan kepada Yth. Bpk. Hadi dan Sdr. Rudi.", "Keduanya membalas.");
        assertSplit("Ibu Hj. Siti Aminah, Drs. Karno, dan Ir. Joko hadir.",
                "Ibu Hj. Siti Aminah, Drs. Karno, dan Ir. Joko hadir.");
        assertSplit("Acara dibuka oleh Mr. Smith dan Mrs. Brown. Dr. Lee menutupnya.",
                "Acara dibuka oleh Mr. Smith dan Mrs. Brown.", "Dr. Lee menutupnya.");
    }

    @Test
    void degreesEndSentencesOnlyBeforeACapitalThatIsNotAnotherDegree() {
        assertSplit("Kuasa hukumnya, Budi Santoso, S.H., hadir. Sidang dimulai.",
                "Kuasa hukumnya, Budi Santoso, S.H., hadir.", "Sidang dimulai.");
        assertSplit("Rektor Ani Rahma M.Si. membuka acara.", "Rektor Ani Rahma M.Si. membuka acara.");
        assertSplit("Pengacaranya Budi Santoso S.H. M.H. datang terlambat.",
                "Pengacaranya Budi Santoso S.H. M.H. datang terlambat.");
        assertSplit("Gurunya bernama Dewi Lestari, S.Pd. Ia mengajar kelas lima.",
                "Gurunya bernama Dewi Lestari, S.Pd.", "Ia mengajar kelas lima.");
        // Not in the list: a degree is recognised by its shape.
        assertSplit("Ia lulus sebagai Budi, S.Hut. Kini ia bekerja di Bandung.",
                "Ia lulus sebagai Budi, S.Hut.", "Kini ia bekerja di Bandung.");
    }

    @Test
    void listAbbreviationsEndSentencesOnlyBeforeACapital() {
        assertSplit("Pasar menjual sayur, buah, ikan, dll. Semuanya murah.",
                "Pasar menjual sayur, buah, ikan, dll.", "Semuanya murah.");
        assertSplit("Ia membeli beras, gula, dsb. untuk dijual lagi.",
                "Ia membeli beras, gula, dsb. untuk dijual lagi.");
        assertSplit("Penelitian Sari dkk. menunjukkan hasil serupa.",
                "Penelitian Sari dkk. menunjukkan hasil serupa.");
        assertSplit("Penelitian itu ditulis Sari dkk. Hasilnya dimuat jurnal.",
                "Penelitian itu ditulis Sari dkk.", "Hasilnya dimuat jurnal.");
        assertSplit("Data itu ada di hlm. 12 laporan tsb. dan dikutip media.",
                "Data itu ada di hlm. 12 laporan tsb. dan dikutip media.");
    }

    @Test
    void companyAbbreviations() {
        assertSplit("PT. Sinar Abadi membuka pabrik baru.", "PT. Sinar Abadi membuka pabrik baru.");
        assertSplit("Saham PT Maju Jaya Tbk. naik 5 persen.", "Saham PT Maju Jaya Tbk. naik 5 persen.");
        assertSplit("Saham itu milik PT Maju Jaya Tbk. Investor menyambutnya.",
                "Saham itu milik PT Maju Jaya Tbk.", "Investor menyambutnya.");
    }

    @Test
    void abbreviationsWithInnerPeriodsAndMoney() {
        assertSplit("Sumbangan diserahkan a.n. Yayasan Harapan. Jumlahnya besar.",
                "Sumbangan diserahkan a.n. Yayasan Harapan.", "Jumlahnya besar.");
        assertSplit("Tiketnya Rp. 50.000 per orang. Anak-anak gratis.",
                "Tiketnya Rp. 50.000 per orang.", "Anak-anak gratis.");
        assertSplit("Harganya Rp 25.000 per kilogram. Pembeli mengeluh.",
                "Harganya Rp 25.000 per kilogram.", "Pembeli mengeluh.");
    }

    @Test
    void unlistedWordsWithoutVowelsAreAbbreviations() {
        assertSplit("Rapat dihadiri warga yg. tinggal di sana dgn. tujuan membahas banjir.",
                "Rapat dihadiri warga yg. tinggal di sana dgn. tujuan membahas banjir.");
    }

    @Test
    void acronymsInCapitalsEndSentencesLikeWords() {
        assertSplit("Presiden AS Joe Biden tiba. Ia disambut hangat.", "Presiden AS Joe Biden tiba.", "Ia disambut hangat.");
        assertSplit("Kunjungan itu berlanjut ke AS. Setelah itu ke Kanada.",
                "Kunjungan itu berlanjut ke AS.", "Setelah itu ke Kanada.");
        assertSplit("Berkasnya diserahkan ke KPK. (ant)", "Berkasnya diserahkan ke KPK.", "(ant)");
    }

    @Test
    void lowercaseAfterAnAbbreviationDoesNotSplit() {
        assertSplit("Rapat dipimpin Bpk. lurah setempat.", "Rapat dipimpin Bpk. lurah setempat.");
        assertSplit("Barang bukti berupa ponsel, dompet, dll. disita polisi.",
                "Barang bukti berupa ponsel, dompet, dll. disita polisi.");
    }

    @Test
    void lowercaseAfterAPlainWordIsAWritersSlip() {
        assertSplit("Rapat selesai. kemudian semua pulang.", "Rapat selesai.", "kemudian semua pulang.");
    }

    // Initials.

    @Test
    void initialsDoNotEndSentences() {
        assertSplit("Robert F Kennedy Jr mencalonkan diri. Ia kalah.", "Robert F Kennedy Jr mencalonkan diri.", "Ia kalah.");
        assertSplit("John F. Kennedy dibunuh pada 1963. Dunia berduka.",
                "John F. Kennedy dibunuh pada 1963.", "Dunia berduka.");
        assertSplit("Jaksa Agung H. M. Prasetyo memberi keterangan.", "Jaksa Agung H. M. Prasetyo memberi keterangan.");
        assertSplit("Sutradara J.J. Abrams datang ke Bali.", "Sutradara J.J. Abrams datang ke Bali.");
    }

    // Numbers, dates and times.

    @Test
    void periodsAndCommasInsideNumbersDoNotSplit() {
        assertSplit("Rapat digelar Sabtu (21/10) pukul 17.38 WIB. Semua anggota hadir.",
                "Rapat digelar Sabtu (21/10) pukul 17.38 WIB.", "Semua anggota hadir.");
        assertSplit("Gajinya naik 3,5 persen menjadi Rp1.500.000. Ia bersyukur.",
                "Gajinya naik 3,5 persen menjadi Rp1.500.000.", "Ia bersyukur.");
        assertSplit("Sebanyak 1.000 orang datang. Panitia kewalahan.", "Sebanyak 1.000 orang datang.", "Panitia kewalahan.");
        assertSplit("Inflasi tercatat 2.75 persen pada 2023.", "Inflasi tercatat 2.75 persen pada 2023.");
    }

    @Test
    void aSentenceMayStartWithADigit() {
        assertSplit("Ia lahir pada 1990. 25 tahun kemudian ia menjadi menteri.",
                "Ia lahir pada 1990.", "25 tahun kemudian ia menjadi menteri.");
    }

    @Test
    void listNumbersStayWithTheirItem() {
        assertSplit("1. Siapkan bahan. 2. Campurkan semuanya.", "1. Siapkan bahan.", "2. Campurkan semuanya.");
        assertSplit("Syaratnya: a. berusia 17 tahun; b. memiliki KTP.", "Syaratnya: a. berusia 17 tahun; b. memiliki KTP.");
        assertSplit("Syaratnya: 1. berusia 17 tahun; 2. memiliki KTP.", "Syaratnya: 1. berusia 17 tahun; 2. memiliki KTP.");
    }

    // Ellipses.

    @Test
    void ellipsesEndSentencesOnlyBeforeACapital() {
        assertSplit("Dia diam... lalu pergi.", "Dia diam... lalu pergi.");
        assertSplit("Dia menunggu... Akhirnya bus datang.", "Dia menunggu...", "Akhirnya bus datang.");
        assertSplit("Dia menunggu… Akhirnya bus datang.", "Dia menunggu…", "Akhirnya bus datang.");
        assertSplit("Dia menunggu … lama sekali.", "Dia menunggu … lama sekali.");
        assertSplit("Ia berkata, \"Saya... saya tidak tahu.\"", "Ia berkata, \"Saya... saya tidak tahu.\"");
    }

    // Quotes.

    @Test
    void attributionAfterAQuoteStaysInTheSentence() {
        assertSplit("\"Kami siap,\" kata Ryder. \"Kami sudah berlatih.\"",
                "\"Kami siap,\" kata Ryder.", "\"Kami sudah berlatih.\"");
        assertSplit("\"Siapa dia?\" tanya Rina.", "\"Siapa dia?\" tanya Rina.");
        assertSplit("\"Kami siap.\" kata Ryder.", "\"Kami siap.\" kata Ryder.");
        assertSplit("\"Ayo maju!\" seru pelatih. Pemain berlari.", "\"Ayo maju!\" seru pelatih.", "Pemain berlari.");
    }

    @Test
    void closingQuoteAfterTheFinalMarkBelongsToTheSentence() {
        assertSplit("\"Ini selesai.\" Lalu ia pergi.", "\"Ini selesai.\"", "Lalu ia pergi.");
        assertSplit("“Kami menang.” Penonton bersorak.", "“Kami menang.”", "Penonton bersorak.");
        assertSplit("Ia menyebutnya 'luar biasa.' Semua setuju.", "Ia menyebutnya 'luar biasa.'", "Semua setuju.");
        // A closing quote written with a stray space before it.
        assertSplit("\"Kami menang. \" Penonton bersorak.", "\"Kami menang. \"", "Penonton bersorak.");
    }

    @Test
    void openingQuoteStartsTheNextSentence() {
        assertSplit("Ia tersenyum. \"Terima kasih,\" katanya.", "Ia tersenyum.", "\"Terima kasih,\" katanya.");
    }

    // Parentheses.

    @Test
    void parenthesesInsideASentence() {
        assertSplit("Presiden AS (Amerika Serikat) tiba. Ia disambut.", "Presiden AS (Amerika Serikat) tiba.", "Ia disambut.");
        assertSplit("Laga dimulai Minggu (21/10) di Bandung. Tiket habis.",
                "Laga dimulai Minggu (21/10) di Bandung.", "Tiket habis.");
        assertSplit("Pertandingan (dimulai pukul 19.00. Penonton ramai) berjalan lancar.",
                "Pertandingan (dimulai pukul 19.00. Penonton ramai) berjalan lancar.");
    }

    @Test
    void aSentenceInParenthesesAndReportersTags() {
        assertSplit("Ia hadir. (Ia datang bersama istrinya.) Setelah itu ia pulang.",
                "Ia hadir.", "(Ia datang bersama istrinya.)", "Setelah itu ia pulang.");
        assertSplit("Ia pulang ke Bandung. (ant/rd)", "Ia pulang ke Bandung.", "(ant/rd)");
        assertSplit("Ia pulang ke Bandung. [red]", "Ia pulang ke Bandung.", "[red]");
    }

    // Web addresses.

    @Test
    void webAddressesAndEmailStayWhole() {
        assertSplit("Info lengkap ada di www.kabar.id. Silakan berkunjung.",
                "Info lengkap ada di www.kabar.id.", "Silakan berkunjung.");
        assertSplit("Baca di https://kabar.id/berita/a.b/c.html sebelum besok.",
                "Baca di https://kabar.id/berita/a.b/c.html sebelum besok.");
        assertSplit("Kirim surel ke nama@kantor.go.id. Kami akan membalas.",
                "Kirim surel ke nama@kantor.go.id.", "Kami akan membalas.");
        assertSplit("Menurut Kabar.com. Harga naik lagi.", "Menurut Kabar.com.", "Harga naik lagi.");
    }

    @Test
    void brandNamesWithALowercaseFirstLetterStartSentences() {
        assertSplit("Antrean mengular. iPhone baru dijual hari ini.", "Antrean mengular.", "iPhone baru dijual hari ini.");
    }

    // Properties.

    @Test
    void noCharacterIsLostAndSentencesAreTrimmed() {
        List<String> paragraphs = List.of(
                "Prof. Dr. H. M. Yusuf, S.H., M.Si. (56) tiba di Jl. Sudirman No. 1... Lalu? \"Ya!\" katanya.",
                "  \"Satu.\"   \"Dua.\" (tiga) … Empat!!  www.a.b. Lima  ",
                "Rp1.500.000. 3,5 persen. dll. dsb. yg. Tbk. (AS) [x] ' ” ) ...");
        for (String paragraph : paragraphs) {
            List<String> sentences = splitter.split(paragraph);
            assertEquals(paragraph.replaceAll("\\s", ""), String.join("", sentences).replaceAll("\\s", ""), paragraph);
            for (String sentence : sentences) {
                assertFalse(sentence.isBlank(), paragraph);
                assertEquals(sentence.strip(), sentence, paragraph);
                assertTrue(paragraph.contains(sentence), sentence);
            }
        }
    }

    @Test
    void randomTextNeverBreaksTheSplitter() {
        String[] pieces = {"a", "Ab", "dll", "Jl", "S.H", "1", "23", ".", "...", "…", "?", "!", "\"", "'", "“", "”",
            "(", ")", "[", "]", " ", "  ", "\n", "\u00A0", ",", ":", "www.x.id"};
        Random random = new Random(11);
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder paragraph = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                paragraph.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = paragraph.toString();
            List<String> sentences = splitter.split(text);
            assertEquals(text.replaceAll("[\\s\u00A0]", ""), String.join("", sentences).replaceAll("[\\s\u00A0]", ""), text);
        }
    }

    @Test
    void abbreviationListIsReadFromTheResource() {
        SentenceAbbreviations list = SentenceAbbreviations.bundled();
        assertTrue(list.size() > 50, "abbreviations: " + list.size());
        assertEquals(SentenceAbbreviations.Kind.BEFORE, list.kindOf("Jl."));
        assertEquals(SentenceAbbreviations.Kind.BEFORE, list.kindOf("JL."));
        assertEquals(SentenceAbbreviations.Kind.ANY, list.kindOf("dll."));
        assertEquals(null, list.kindOf("Ibu."));
    }

    @Test
    void shapeRules() {
        assertTrue(SentenceSplitter.isDottedAbbreviation("S.Kom."));
        assertTrue(SentenceSplitter.isDottedAbbreviation("a.n"));
        assertFalse(SentenceSplitter.isDottedAbbreviation("kabar.id"));
        assertFalse(SentenceSplitter.isDottedAbbreviation("bola.com"));
        assertFalse(SentenceSplitter.isDottedAbbreviation("17.38"));
        assertTrue(SentenceSplitter.isVowelless("yg"));
        assertTrue(SentenceSplitter.isVowelless("Bpk"));
        assertFalse(SentenceSplitter.isVowelless("KPK"));
        assertFalse(SentenceSplitter.isVowelless("2017"));
        assertFalse(SentenceSplitter.isVowelless("pasar"));
    }
}
