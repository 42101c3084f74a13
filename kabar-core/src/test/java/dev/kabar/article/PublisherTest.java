package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {

    private static String name(Optional<Publisher> publisher) {
        return publisher.map(Publisher::name).orElse(null);
    }

    @Test
    void registrableDomainFollowsThePublicSuffixList() {
        assertEquals("detik.com", Publisher.registrableDomain("news.detik.com"));
        assertEquals("detik.com", Publisher.registrableDomain("WWW.Detik.com."));
        assertEquals("kompas.com", Publisher.registrableDomain("regional.kompas.com"));
        assertEquals("republika.co.id", Publisher.registrableDomain("nasional.republika.co.id"));
        assertEquals("bps.go.id", Publisher.registrableDomain("jakarta.bps.go.id"));
        assertEquals("ugm.ac.id", Publisher.registrableDomain("news.ugm.ac.id"));
        assertEquals("tempo.co", Publisher.registrableDomain("en.tempo.co"));
        assertEquals("tirto.id", Publisher.registrableDomain("tirto.id"));
        assertEquals("192.168.1.5", Publisher.registrableDomain("192.168.1.5"));
        assertEquals("localhost", Publisher.registrableDomain("localhost"));
    }

    @Test
    void aUrlGivesTheSiteWithItsReadableName() {
        assertEquals(new Publisher("detikcom", "detik.com"), Publisher.fromUrl("https://news.detik.com/berita/d-1/a").get());
        assertEquals(new Publisher("detikcom", "detik.com"), Publisher.fromUrl("https://inet.detik.com/x").get());
        assertEquals(new Publisher("Kompas.com", "kompas.com"), Publisher.fromUrl("https://bola.kompas.com/read/1").get());
        assertEquals(new Publisher("ANTARA", "antaranews.com"), Publisher.fromUrl("https://makassar.antaranews.com/b/2").get());
        assertEquals(new Publisher("example.org", "example.org"), Publisher.fromUrl("https://www.example.org/a").get(),
                "a site the table does not know is named by its registrable domain");
        assertEquals("ANTARA", name(Publisher.fromUrl("http://www.antaranews.com/berita/1/jokowi- duterte?utm_source=x")),
                "a scraped url with a space in its path still names its site");
        assertEquals(Optional.empty(), Publisher.fromUrl("not a url"));
        assertEquals(Optional.empty(), Publisher.fromUrl(null));
    }

    @Test
    void aLeadGivesOnlyASiteOrAnAgencyNeverAnotherWord() {
        assertEquals("Jurnas.com", name(Publisher.fromLead("JAKARTA, Jurnas.com")));
        assertEquals("Kompas.com", name(Publisher.fromLead("LHOKSEUMAWE, KOMPAS.com")));
        assertEquals("Kompas.com", name(Publisher.fromLead("KOMPAS.com, PERSIB")), "the club is not the publisher");
        assertEquals("Kompas.com", name(Publisher.fromLead("Jakarta, KompasOtomotif")));
        assertEquals("Liputan6.com", name(Publisher.fromLead("Liputan6.com, Jakarta")), "not the place after the comma");
        assertEquals("Republika", name(Publisher.fromLead("REPUBLIKA.CO.ID, JAKARTA")));
        assertEquals("Tempo.co", name(Publisher.fromLead("TEMPO.CO, Jakarta")));
        assertEquals("VIVA", name(Publisher.fromLead("VIVA.co.id")));
        assertEquals("KapanLagi.com", name(Publisher.fromLead("Kapanlagi.com")));
        assertEquals("CNN Indonesia", name(Publisher.fromLead("Jakarta, CNN Indonesia")));
        assertEquals("ANTARA", name(Publisher.fromLead("Mataram, NTB (ANTARA News)")));
        assertEquals("ANTARA", name(Publisher.fromLead("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire)")));
        assertEquals(new Publisher("Xinhua", null), Publisher.fromLead("Beijing (Xinhua)").get(), "an agency as printed");
        assertEquals(Optional.empty(), Publisher.fromLead("JAKARTA"));
        assertEquals(Optional.empty(), Publisher.fromLead("Bandung, PERSIB"));
        assertEquals(Optional.empty(), Publisher.fromLead("Baca juga"));
        assertEquals(Optional.empty(), Publisher.fromLead(null));
    }

    @Test
    void thePageTitleSuffixNamesTheSiteButTheHeadlineDoesNot() {
        assertEquals("KapanLagi.com", name(Publisher.fromTitleSuffix("Tag Name | Judul berita panjang di sini - KapanLagi.com",
                "Judul berita panjang di sini")));
        assertEquals("Okezone", name(Publisher.fromTitleSuffix("Judul berita yang panjang - Health :: Okezone Lifestyle", null)));
        assertEquals("Republika", name(Publisher.fromTitleSuffix("Judul berita panjang | Republika Online", null)));
        assertEquals("Tempo.co", name(Publisher.fromTitleSuffix("Judul berita panjang | Tempo Gaya", null)));
        assertEquals("Liputan6.com", name(Publisher.fromTitleSuffix("Judul berita panjang - Tekno Liputan6.com", null)));
        assertEquals("Kompas.com", name(Publisher.fromTitleSuffix("Judul berita panjang - Kompas.com Regional", null)));
        assertEquals(Optional.empty(), Publisher.fromTitleSuffix("Detik-detik Proklamasi - Sejarah Indonesia", null),
                "'Detik-detik' (moments) is a word, not detikcom");
        assertEquals(Optional.empty(), Publisher.fromTitleSuffix("Antara harapan dan kenyataan di Jakarta", null),
                "a title with no separator has no suffix");
        assertEquals(Optional.empty(), Publisher.fromTitleSuffix("Kompas.com dan Tribun bersaing - Media", "Kompas.com dan Tribun bersaing"),
                "the headline's own segment is skipped even when it names a site");
    }

    @Test
    void bylineDeskAndCopyrightLineAreTheLastResort() {
        assertEquals("detikcom", name(Publisher.fromPageCredits("Judul\nFino Yurio Kristo - detikinet\nIsi.")));
        assertEquals("detikcom", name(Publisher.fromPageCredits("Judul\nIsi.\nCopyright © detikcom, All Rights Reserved · Redaksi")));
        assertEquals("Tempo.co", name(Publisher.fromPageCredits("Judul\n© 2015 - Tempo Inti Media")));
        assertEquals("Kompas.com", name(Publisher.fromPageCredits("©2008 - 2015 PT. Kompas Cyber Media (Kompas Gramedia)")));
        assertEquals("VIVA", name(Publisher.fromPageCredits("Copyright © 2016 PT.Viva Media Baru")));
        assertEquals("Republika", name(Publisher.fromPageCredits("Copyright © 2015 republika.co.id, All right reserved")));
        assertEquals(Optional.empty(), Publisher.fromPageCredits("Judul\nCopyright © 2015\nFoto © instagram.com/x"),
                "a copyright line naming nobody, and a photo credit that is not a copyright line");
    }

    @Test
    void findPrefersTheUrlThenTheTitleThenTheLead() {
        assertEquals("detikcom", name(Publisher.find("https://news.detik.com/a", "JAKARTA, Jurnas.com", null, null)));
        assertEquals("KapanLagi.com", name(Publisher.find(null, "Jakarta, CNN Indonesia", "Judul panjang - KapanLagi.com\nx", null)));
        assertEquals("CNN Indonesia", name(Publisher.find(null, "Jakarta, CNN Indonesia", "Judul panjang\nx", null)));
        assertEquals(Optional.empty(), Publisher.find(null, "Jakarta", "Judul panjang\nIsi berita PERSIB.", null));
        assertThrows(IllegalArgumentException.class, () -> new Publisher(" ", null));
    }

    @Test
    void recordsFromDataFilesGetTheSiteOfTheirUrlElseOfTheirLead(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "id,title,url,body\r\n"
                + "1,Judul satu,https://news.detik.com/berita/d-1/a,\"Jakarta - Isi berita yang cukup panjang untuk dibaca.\"\r\n"
                + "2,Judul dua,,\"Liputan6.com, Jakarta - Isi berita yang cukup panjang untuk dibaca.\"\r\n"
                + "3,Judul tiga,,\"BANDUNG - PERSIB menang lagi di kandang sendiri malam ini.\"\r\n");
        ReadResult result = new ArticleSource().read(InputSpec.of(csv.toString()).withFormat(InputFormat.CSV));
        assertEquals(List.of(), result.problems());
        assertEquals(Arrays.asList("detikcom", "Liputan6.com", null),
                result.articles().stream().map(Article::publisher).toList());
    }

    /**
     * Every saved page of the internal news-pages corpus (read from ../shared/corpus, never copied)
     * gets its site as publisher; before, detik and KapanLagi pages had none and the digest showed
     * "Unknown source".
     */
    @Test
    void everyNewsPageOfTheCorpusGetsItsSite() throws IOException, InputException {
        Path pages = NewsPagesCorpusTest.corpus().resolve("news-pages");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String antara : List.of("antara-singlepage", "antara-singlepage2", "antara-singlepage3", "antara-singlepage4")) {
            expected.put(antara, "ANTARA");
        }
        expected.put("detik-singlepage", "detikcom");
        expected.put("kapanlagi-singlepage", "KapanLagi.com");
        expected.put("kapanlagi-singlepage2", "KapanLagi.com");
        for (String kompas : List.of("kompas-singlepage", "kompas-singlepage2", "kompas-singlepage3", "kompas-singlepage5")) {
            expected.put(kompas, "Kompas.com");
        }
        expected.put("liputan6-singlepage", "Liputan6.com");
        expected.put("liputan6-singlepage2", "Liputan6.com");
        expected.put("okezone-singlepage", "Okezone");
        expected.put("republika-singlepage", "Republika");
        expected.put("republika-singlepage2", "Republika");
        expected.put("tempo-singlepage", "Tempo.co");
        expected.put("viva-singlepage", "VIVA");
        PageArticleReader reader = new PageArticleReader(new NewsPageCleaner());
        Map<String, String> found = new LinkedHashMap<>();
        for (String page : expected.keySet()) {
            Path file = pages.resolve(page + ".txt");
            ReadResult result = reader.read(InputText.of(file.toString(), Files.readString(file)));
            found.put(page, result.articles().get(0).publisher());
        }
        assertEquals(expected, found);
    }
}
