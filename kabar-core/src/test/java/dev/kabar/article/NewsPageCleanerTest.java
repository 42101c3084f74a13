package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NewsPageCleanerTest {

    /** The seed article bundled with the project (see data/). */
    static final Path SEED = Path.of("data", "jurnas-2024-11-22-menhan-as-rusia.txt");

    private final NewsPageCleaner cleaner = new NewsPageCleaner();

    @Test
    void cleansTheSeedArticle() throws IOException {
        Article article = cleaner.clean(Files.readString(SEED), SEED.toString());

        assertEquals("Menhan AS Teleponan dengan Rusia Bahas Perang Ukraina", article.title());
        assertEquals("2024-11-22T17:38+07:00", article.date());
        assertEquals("Jum'at, 22/11/2024 17:38 WIB", article.dateline());
        assertEquals("JAKARTA, Jurnas.com", article.lead());
        assertEquals("AFP", article.sourceCredit());
        assertEquals(List.of("Menteri Pertahanan AS Lloyd Austin. (Foto: Twitter.com/@SecDef)"), article.captions());
        assertEquals(List.of("Amerika Serikat Perang Rusia dan Ukraina Lloyd Austin"), article.keywords());
        assertTrue(article.paragraphs().get(0).startsWith("Kepala pertahanan Amerika Serikat (AS)"),
                "the lead is removed from the first paragraph: " + article.paragraphs().get(0));
        assertTrue(article.paragraphs().get(article.paragraphs().size() - 1).startsWith("Pembicaraan Macron"));
        assertEquals(22, article.paragraphs().size());
        assertEquals(List.of("Menhan AS Teleponan dengan Rusia Bahas Perang Ukraina.", "JURNAS VIDEO :",
                "PILIHAN REDAKSI :"), article.dropped(), "boilerplate is dropped and kept, in page order");
        for (String paragraph : article.paragraphs()) {
            assertFalse(paragraph.startsWith("Sumber") || paragraph.startsWith("KEYWORD")
                    || paragraph.contains("JURNAS VIDEO"), paragraph);
        }
        assertTrue(article.warnings().isEmpty(), article.warnings().toString());
        assertEveryLineAccountedFor(Files.readString(SEED), article);
    }

    @Test
    void readsAnAgencyLeadCaptionsAndCredits() {
        String page = String.join("\n",
                "Petani kopi panen lebih awal - Kantor Berita Contoh",
                "Beranda",
                "Nasional",
                "Ekonomi",
                "Petani kopi panen lebih awal",
                "Senin, 3 Maret 2025 09:15 WITA",
                "Pewarta: Sari Dewi",
                "ANTARA FOTO/Budi Santoso Petani memetik buah kopi di lereng bukit pada pagi hari.",
                "Kupang, NTT (ANTARA) - Petani kopi di dataran tinggi memulai panen lebih awal tahun ini karena musim"
                        + " kemarau datang lebih cepat dari perkiraan.",
                "Baca juga: Harga kopi naik di pasar lokal",
                "Kepala dinas pertanian mengatakan hasil panen diperkirakan naik sepuluh persen dibanding tahun lalu"
                        + " berkat cuaca yang mendukung.",
                "ADVERTISEMENT",
                "Ilustrasi buah kopi merah yang siap dipetik.",
                "Para petani berharap harga tetap stabil sampai akhir musim panen agar pendapatan keluarga terjaga"
                        + " dengan baik.",
                "Editor: Andi Wijaya",
                "Tags: kopi, pertanian, NTT",
                "Berita Terkait",
                "Harga kopi naik di pasar lokal",
                "© 2025 Kantor Berita Contoh");
        Article article = cleaner.clean(page, "contoh.txt");

        assertEquals("Petani kopi panen lebih awal", article.title());
        assertEquals("2025-03-03T09:15+08:00", article.date());
        assertEquals("Kupang, NTT (ANTARA)", article.lead());
        assertEquals("Sari Dewi", article.reporter());
        assertEquals("Andi Wijaya", article.editor());
        assertEquals(List.of("kopi", "pertanian", "NTT"), article.keywords());
        assertEquals("Ekonomi", article.category());
        assertEquals(3, article.paragraphs().size(), article.paragraphs().toString());
        assertTrue(article.paragraphs().get(0).startsWith("Petani kopi di dataran tinggi"));
        assertEquals(List.of("ANTARA FOTO/Budi Santoso Petani memetik buah kopi di lereng bukit pada pagi hari.",
                "Ilustrasi buah kopi merah yang siap dipetik."), article.captions());
        assertTrue(article.dropped().contains("Baca juga: Harga kopi naik di pasar lokal"));
        assertTrue(article.dropped().contains("ADVERTISEMENT"));
        assertTrue(article.dropped().indexOf("Berita Terkait") < article.dropped().indexOf("© 2025 Kantor Berita Contoh"));
        assertEveryLineAccountedFor(page, article);
    }

    @Test
    void picksTheHeadlineNextToTheDatelineNotTheSameTitleInARelatedList() {
        String page = String.join("\n",
                "Banjir rendam tiga desa | Portal Contoh",
                "Terpopuler",
                "Banjir rendam tiga desa",
                "Jalan tol baru dibuka",
                "Berita Utama",
                "Banjir rendam tiga desa",
                "Rabu, 12/02/2025 06.30 WIB",
                "Jakarta, Portal Contoh -- Hujan deras sejak malam membuat sungai meluap dan merendam rumah warga"
                        + " di tiga desa sekaligus pada pagi hari.",
                "Warga mengungsi ke balai desa sambil menunggu air surut, kata kepala desa kepada wartawan.",
                "(abc/def)",
                "Berita Lainnya",
                "Rabu, 12/02/2025 05.00 WIB",
                "Banjir rendam tiga desa");
        Article article = cleaner.clean(page, "banjir.txt");
        assertEquals("Banjir rendam tiga desa", article.title());
        assertEquals("2025-02-12T06:30+07:00", article.date());
        assertEquals("Jakarta, Portal Contoh", article.lead());
        assertEquals(2, article.paragraphs().size());
        assertTrue(article.dropped().contains("(abc/def)"));
    }

    @Test
    void readsALeadOnItsOwnLineAndOneWithoutADash() {
        Article own = cleaner.clean(String.join("\n", "Judul berita contoh di sini", "Senin, 06/01/2025 10:00 WIB",
                "Jakarta -", "Kalimat pertama artikel ini cukup panjang untuk dianggap sebagai paragraf berita yang"
                        + " sesungguhnya."), "a.txt");
        assertEquals("Jakarta", own.lead());
        assertTrue(own.paragraphs().get(0).startsWith("Kalimat pertama"));

        Article noDash = cleaner.cleanBody("Liputan6.com, Jakarta Pemerintah menambah anggaran subsidi pupuk tahun"
                + " ini untuk membantu petani kecil.", "b").build();
        assertEquals("Liputan6.com, Jakarta", noDash.lead());
        assertTrue(noDash.paragraphs().get(0).startsWith("Pemerintah menambah"));

        Article sentence = cleaner.cleanBody("Presiden Joko Widodo - yang hadir sejak pagi - membuka acara itu"
                + " dengan pidato singkat.", "c").build();
        assertNull(sentence.lead(), "a dash inside a sentence is not a lead");
    }

    @Test
    void joinsHardWrappedLinesButKeepsParagraphs() {
        Article article = cleaner.cleanBody(String.join("\n",
                "Rapat itu dihadiri para menteri dan",
                "kepala daerah dari seluruh provinsi.",
                "Hasilnya akan diumumkan pekan depan.",
                "",
                "SCROLL TO CONTINUE WITH CONTENT",
                "Simak juga Video: Rapat kabinet pagi ini",
                "Pemerintah berharap keputusan itu dapat diterima semua pihak."), "d").build();
        assertEquals(List.of("Rapat itu dihadiri para menteri dan kepala daerah dari seluruh provinsi.",
                "Hasilnya akan diumumkan pekan depan.",
                "Pemerintah berharap keputusan itu dapat diterima semua pihak."), article.paragraphs());
        assertEquals(List.of("SCROLL TO CONTINUE WITH CONTENT", "Simak juga Video: Rapat kabinet pagi ini"),
                article.dropped());
    }

    /** A page written for these tests, next to this class under {@code pages/}. */
    static String page(String name) throws IOException {
        try (var in = NewsPageCleanerTest.class.getResourceAsStream("pages/" + name)) {
            if (in == null) {
                throw new IOException("test page pages/" + name + " is missing from src/test/resources/dev/kabar/article");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void cutsABrandAndSectionAfterAColonAndReadsAnAuthorBeforeTheDate() throws IOException {
        // "… : Warta Bahari Ekonomi": the page calls itself wartabahari.co.id in its lead and footer.
        String page = page("colon-brand-section-bylined.txt");
        Article article = cleaner.clean(page, "a.txt");
        assertEquals("Nelayan Pesisir Selatan Panen Udang Lebih Awal", article.title());
        assertEquals("2017-02-17T13:30+07:00", article.date());
        assertEquals("Rina Maharani Putri | Jum'at, 17 Februari 2017 - 13:30 wib", article.dateline());
        assertEquals("Rina Maharani Putri", article.reporter());
        assertEquals(List.of("Nelayan memilah udang di dermaga pelelangan. (Foto: Dok. Warta Bahari)"),
                article.captions(), "the dateline is no caption");
        assertEquals(3, article.paragraphs().size(), article.paragraphs().toString());
        assertTrue(article.warnings().isEmpty(), article.warnings().toString());
        assertEveryLineAccountedFor(page, article);
    }

    @Test
    void cutsAnOnlineSuffixWhenTheHeadlineIsNotRepeatedAndReadsCreditsOnTheDateline() throws IOException {
        String page = page("bar-online-credits-not-repeated.txt");
        Article article = cleaner.clean(page, "b.txt");
        assertEquals("Gubernur Resmikan Pasar Terapung Baru di Tepi Sungai", article.title());
        assertEquals("2017-03-20T08:05+08:00", article.date());
        assertEquals("Dimas Aryo Nugroho", article.reporter());
        assertEquals("Sekar Ayu", article.editor());
        assertEquals("BANJARMASIN", article.lead());
        assertEquals(3, article.paragraphs().size(), article.paragraphs().toString());
        assertEveryLineAccountedFor(page, article);
    }

    @Test
    void keepsTheHeadlinesOwnColonAndCutsOnlyTheSite() throws IOException {
        String page = page("colon-in-headline.txt");
        String headline = "Kepala Dinas : Warga Diminta Hemat Air Selama Kemarau Panjang";
        Article article = cleaner.clean(page, "c.txt");
        assertEquals(headline, article.title());
        assertEquals("2017-08-06T07:45+07:00", article.date());
        assertEveryLineAccountedFor(page, article);

        // With the headline not repeated below the title, only the first line is left to read it from.
        String notRepeated = page.lines().filter(line -> !line.equals(headline)).collect(Collectors.joining("\n"));
        assertEquals(headline, cleaner.clean(notRepeated, "d.txt").title());
    }

    @Test
    void cutsADomainOnBothSidesAndReadsATimePrintedBeforeTheDate() throws IOException {
        String page = page("dash-domain-time-first.txt");
        Article article = cleaner.clean(page, "e.txt");
        assertEquals("Sekolah di Lereng Gunung Mulai Belajar dengan Tenaga Surya", article.title());
        assertEquals("2017-03-18T07:45+09:00", article.date());
        assertEquals("JAYAPURA, Beritaku.com", article.lead());
        assertTrue(article.warnings().isEmpty(), article.warnings().toString());
        assertEveryLineAccountedFor(page, article);
    }

    @Test
    void cutsAnUnknownNameAfterAColonWhenTheHeadlineStandsNextToTheDateline() {
        // Nothing on the page names the site; the headline printed beside the dateline shows where the title ends.
        Article article = cleaner.clean(String.join("\n",
                "Harga Cabai di Pasar Induk Turun Tajam : Lensa Niaga",
                "Beranda",
                "Pasar",
                "Harga Cabai di Pasar Induk Turun Tajam",
                "Selasa, 4 April 2017 06:10 WIB",
                "Harga cabai rawit di pasar induk turun hampir separuh dalam sepekan karena panen raya di sejumlah"
                        + " daerah penghasil datang bersamaan."), "j.txt");
        assertEquals("Harga Cabai di Pasar Induk Turun Tajam", article.title());
        assertEquals("2017-04-04T06:10+07:00", article.date());
    }

    @Test
    void aHeadlineWithItsOwnColonAtTheTopOfThePageStaysWhole() {
        String headline = "Menteri : Kita Harus Hemat Energi Mulai Hari Ini";
        Article article = cleaner.clean(String.join("\n",
                headline,
                "Rabu, 5 April 2017 09:00 WIB",
                "Menteri energi meminta kantor pemerintah mematikan lampu dan pendingin ruangan yang tidak dipakai"
                        + " mulai hari ini demi menekan tagihan listrik.",
                "Berita Lainnya",
                "Kita Harus Hemat Energi Mulai Hari Ini, Kata Pengamat",
                "Rabu, 5 April 2017 08:00 WIB"), "k.txt");
        assertEquals(headline, article.title());
        assertEquals("2017-04-05T09:00+07:00", article.date());
    }

    @Test
    void aSectionOrTheSiteBeforeTheDateIsNoReporter() {
        String body = "JAKARTA - Pemerintah menambah anggaran subsidi pupuk tahun ini untuk membantu petani kecil di"
                + " seluruh provinsi yang terdampak kemarau.";
        Article section = cleaner.clean(String.join("\n", "Subsidi Pupuk Ditambah Tahun Ini - Beritaku.com", "Beranda",
                "Nasional", "Ekonomi", "Nasional | Senin, 3 Maret 2025 10:00 WIB", "Subsidi Pupuk Ditambah Tahun Ini",
                body), "f.txt");
        assertEquals("2025-03-03T10:00+07:00", section.date());
        assertNull(section.reporter(), "Nasional is a menu entry");
        Article site = cleaner.clean(String.join("\n", "Subsidi Pupuk Ditambah Tahun Ini - Beritaku.com",
                "Beritaku.com | Senin, 3 Maret 2025 10:00 WIB", "Subsidi Pupuk Ditambah Tahun Ini", body), "g.txt");
        assertEquals("2025-03-03T10:00+07:00", site.date());
        assertNull(site.reporter(), "the site's own name is no reporter");
    }

    @Test
    void readsLabelledCreditsOnTheDatelineWithOrWithoutAColon() {
        String body = "JAKARTA - Pemerintah menambah anggaran subsidi pupuk tahun ini untuk membantu petani kecil di"
                + " seluruh provinsi yang terdampak kemarau.";
        Article noColon = cleaner.clean(String.join("\n", "Subsidi Pupuk Ditambah Tahun Ini - Beritaku.com",
                "Penulis Sari Dewi | Redaktur Budi Santoso | Senin, 3 Maret 2025 10:00 WIB",
                "Subsidi Pupuk Ditambah Tahun Ini", body), "h.txt");
        assertEquals("Sari Dewi", noColon.reporter());
        assertEquals("Budi Santoso", noColon.editor());
        Article photographer = cleaner.clean(String.join("\n", "Subsidi Pupuk Ditambah Tahun Ini - Beritaku.com",
                "Fotografer: Andi Wijaya | Senin, 3 Maret 2025 10:00 WIB", "Subsidi Pupuk Ditambah Tahun Ini", body),
                "i.txt");
        assertEquals("2025-03-03T10:00+07:00", photographer.date());
        assertNull(photographer.reporter(), "a photographer is no reporter");
    }

    /**
     * A paragraph hard-wrapped over many lines (no closing punctuation) is joined into one. Its
     * speed (joining used to rescan the paragraph so far at every line, minutes at 2 MB) is
     * measured by {@code kabar bench summaries}, not here.
     */
    @Test
    void aParagraphHardWrappedOverThousandsOfLinesIsJoinedIntoOne() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add("warga " + i + " di cianjur mengungsi karena gempa yang mengguncang rumah mereka dan bantuan belum datang ke");
        }
        Article article = cleaner.cleanBody(String.join("\n", lines), "wrapped").build();
        assertEquals(List.of(String.join(" ", lines)), article.paragraphs());
    }

    /** Every non-blank input line must be found in a field, a paragraph, a caption or the dropped lines. */
    static void assertEveryLineAccountedFor(String page, Article article) {
        List<String> kept = new ArrayList<>();
        kept.addAll(article.paragraphs());
        kept.addAll(article.captions());
        kept.addAll(article.dropped());
        kept.addAll(article.keywords());
        for (String field : new String[] {article.title(), article.dateline(), article.lead(), article.reporter(),
                article.editor(), article.sourceCredit(), article.category()}) {
            if (field != null) {
                kept.add(field);
            }
        }
        String all = String.join("\n", kept);
        for (String line : page.split("\n")) {
            String text = line.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
            if (text.isEmpty() || text.equals(":") || text.matches("(?i)(KEYWORD|Tags?|TAG|Topik|Editor|Redaktur"
                    + "|Penulis|Author|Oleh)\\s*:?")) {
                continue;
            }
            // A line may survive whole, without its lead ("Jakarta - ..."), or as a credit's value.
            List<String> forms = List.of(text, text.replaceFirst("^#\\s*", ""),
                    text.replaceFirst("^.*?\\s(--|-|–|—)(\\s|$)", ""),
                    text.replaceFirst("\\s+(--|-|–|—)$", ""),
                    text.replaceFirst("^(?i)(sumber|editor|pewarta|penulis|red|redaktur|tags?|oleh|by)\\s*:?\\s*", "")
                            .replaceFirst("^:\\s*", "").split(",")[0].strip());
            boolean found = false;
            for (String form : forms) {
                String probe = form.length() > 40 ? form.substring(0, 40) : form;
                found |= !probe.isEmpty() && all.contains(probe);
            }
            assertTrue(found, "line lost: " + text);
        }
    }
}
