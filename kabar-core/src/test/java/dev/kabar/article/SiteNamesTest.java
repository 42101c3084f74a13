package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteNamesTest {

    /** A page whose lead and footer name it "wartabahari" and "kabarserambi". */
    private final SiteNames page = SiteNames.of(List.of("CILACAP, wartabahari.co.id"),
            List.of("Copyright © 2017 kabarserambi.com, All Rights Reserved"));

    @Test
    void collectsTheNamesAPageUsesForItself() {
        assertEquals(Set.of("wartabahari", "kabarserambi"), page.names());
        assertEquals(Set.of("okezone"), SiteNames.of(List.of(), List.of("© 2007 - 2017 celebrity.okezone.com")).names());
        assertEquals(Set.of("kantorberita"), SiteNames.of(List.of(), List.of("COPYRIGHT © KANTOR BERITA 2017")).names(),
                "a copyright line without a domain names the site in words");
        assertEquals(Set.of(), SiteNames.of(List.of("Jakarta"), List.of("Copyright © 2017")).names());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        // a domain in the tail, whatever the separator
        "Sekolah di Lereng Gunung Pakai Tenaga Surya - Beritaku.com # Sekolah di Lereng Gunung Pakai Tenaga Surya",
        "Sekolah di Lereng Gunung Pakai Tenaga Surya – Beritaku.com Pendidikan # Sekolah di Lereng Gunung Pakai Tenaga Surya",
        "Sekolah di Lereng Gunung Pakai Tenaga Surya — Pendidikan Beritaku.co.id # Sekolah di Lereng Gunung Pakai Tenaga Surya",
        "Sekolah di Lereng Gunung Pakai Tenaga Surya | beritaku.com # Sekolah di Lereng Gunung Pakai Tenaga Surya",
        // a brand word ends the tail
        "Gubernur Resmikan Pasar Terapung : Suara Borneo Online # Gubernur Resmikan Pasar Terapung",
        "Gubernur Resmikan Pasar Terapung | Kabar Kita News # Gubernur Resmikan Pasar Terapung",
        // a camel-case brand
        "Gubernur Resmikan Pasar Terapung - beritakuNews # Gubernur Resmikan Pasar Terapung",
        // the page's own name, with a section after it or before it
        "Nelayan Panen Udang Lebih Awal : Warta Bahari Ekonomi # Nelayan Panen Udang Lebih Awal",
        "Nelayan Panen Udang Lebih Awal | Ekonomi Warta Bahari # Nelayan Panen Udang Lebih Awal",
        "Nelayan Panen Udang Lebih Awal : Kabar Serambi # Nelayan Panen Udang Lebih Awal",
        // stacked site names come off one by one; a section alone stays
        "Nelayan Panen Udang Lebih Awal - Ekonomi :: Warta Bahari Online # Nelayan Panen Udang Lebih Awal - Ekonomi",
        "Nelayan Panen Udang Lebih Awal » Wartabahari.co.id | Warta Bahari # Nelayan Panen Udang Lebih Awal",
        // a site name in front
        "Beritaku.com - Sekolah di Lereng Gunung Pakai Tenaga Surya # Sekolah di Lereng Gunung Pakai Tenaga Surya",
    })
    void cutsSiteNamesOffTitles(String title, String expected) {
        assertEquals(expected, page.strip(title));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        // the headline's own colon or dash
        "Jokowi: Kita Harus Bekerja Lebih Keras",
        "Jokowi : Kita Harus Bekerja Lebih Keras",
        "Kepala Dinas : Warga Diminta Hemat Air",
        "Ahok - Djarot Unggul di Survei Terbaru",
        "Pilkada Jakarta: Ahok - Djarot",
        "Piala Dunia 2018 - Prancis Juara",
        "Harga Cabai Naik - Pedagang: Pasokan Seret",
        "Wawancara Eksklusif | Menteri Keuangan Bicara Soal Pajak",
        "Siapa Pencuri Itu? - Polisi Masih Mencari",
        "Timnas Menang Tipis - Gol di Detik Terakhir",
        "Timnas Menang Tipis - Detik Terakhir Penentu",
        "Harga Beras Turun - Warga Lega",
        "Mengenal Beritaku.com : Sejarah Singkat Portal Berita Daerah",
        // too little would be left
        "Banjir - Beritaku.com",
        // the tail is a sentence, not a name
        "Nelayan Panen Udang - Warta Bahari Senang Sekali Melihatnya",
        "Nelayan Panen Udang - hasil tangkapan naik",
    })
    void keepsTitlesWhoseTailIsNoSiteName(String title) {
        assertEquals(title, page.strip(title));
    }

    @Test
    void withoutTheNamesOfThePageOnlyDomainsAndBrandWordsMarkASite() {
        SiteNames none = SiteNames.none();
        assertEquals("Nelayan Panen Udang Lebih Awal : Warta Bahari Ekonomi",
                none.strip("Nelayan Panen Udang Lebih Awal : Warta Bahari Ekonomi"));
        assertEquals("Nelayan Panen Udang Lebih Awal", none.strip("Nelayan Panen Udang Lebih Awal - WartaBahari.com"));
        assertTrue(none.isSiteName("Republik Kita Online"));
        assertFalse(none.isSiteName("Online"), "a brand word alone is no site name");
    }
}
