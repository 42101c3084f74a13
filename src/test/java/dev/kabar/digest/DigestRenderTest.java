package dev.kabar.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DigestRenderTest {

    static Digest digest;
    static String html;
    static String markdown;

    @BeforeAll
    static void render() throws Exception {
        digest = Digest.of(DigestReaderTest.readAll().entries());
        html = new HtmlDigestRenderer().render(digest);
        markdown = new MarkdownDigestRenderer().render(digest);
    }

    @Test
    void groupsByDayNewestFirstThenByCategoryOrSource() {
        assertEquals(List.of(LocalDate.of(2024, 11, 23), LocalDate.of(2024, 11, 22)),
                digest.days().subList(0, 2).stream().map(Digest.Day::date).toList());
        assertEquals(null, digest.days().get(2).date(), "undated last");
        assertEquals(List.of("AFP", "ANTARA"), groupNames(0));
        assertEquals(List.of("news.detik.com", "Politik"), groupNames(1), "alphabetical, case ignored");
        assertEquals(List.of("Prices rise, \"says\" minister", "Title two"),
                digest.days().get(1).groups().get(0).entries().stream().map(DigestEntry::titleEn).toList(),
                "timed before the date-only article of the same day");
        assertEquals("kabar digest: Fri 22 Nov 2024 \u2013 Sat 23 Nov 2024", digest.title());
    }

    private static List<String> groupNames(int day) {
        return digest.days().get(day).groups().stream().map(Digest.Group::name).toList();
    }

    @Test
    void htmlIsOneSelfContainedPageWithHeadingsAndLanguages() {
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(html.contains("overflow-wrap:anywhere"));
        for (String external : List.of("<script", "<link", "<img", "<iframe", "@import", "url(", " src=")) {
            assertFalse(html.toLowerCase().contains(external), "no external assets or scripts: " + external);
        }
        assertFalse(html.contains("display:flex") || html.contains("display:grid"), "plain block layout for e-mail");
        assertEquals(1, count(html, "<h1>"));
        assertEquals(3, count(html, "<h2>"));
        assertEquals(5, count(html, "<h3>"));
        assertEquals(6, count(html, "<article>"));
        assertEquals(6, count(html, "<h4>"));
        assertEquals(6, count(html, "lang=\"id\""), "every article has its Indonesian title");
        assertTrue(html.contains("<time datetime=\"2024-11-22T17:38+07:00\">Fri 22 Nov 2024, 17:38 WIB (UTC+07:00)</time>"));
        assertTrue(html.contains("Sat 23 Nov 2024, 08:05 WITA (UTC+08:00)"));
        assertTrue(html.contains("Sat 23 Nov 2024, 21:15 WIT (UTC+09:00)"));
        assertTrue(html.contains("<a href=\"https://news.detik.com/berita/d-1/a\">"));
        assertTrue(html.contains("2 min read"));
        assertEquals(4, count(html, DigestRenderer.NO_SUMMARY_NOTE), "a2, b2, b3 and c1 have no summary_en");
    }

    @Test
    void htmlEscapesEverythingFromTheArticles() {
        assertTrue(html.contains("<h4>US &lt;Defense&gt; Chief &amp; &quot;Russia&quot; &#39;talk&#39; "
                + "&lt;script&gt;alert(1)&lt;/script&gt;</h4>"));
        assertTrue(html.contains("<p class=\"orig\" lang=\"id\">Menhan &lt;AS&gt; &amp; &quot;Rusia&quot; &#39;bicara&#39;</p>"));
        assertFalse(html.contains("<script>"));
    }

    @Test
    void markdownShowsTheSameContentInTheSameOrder() {
        assertEquals(titlesIn(html, "<h4>(.*)</h4>").size(), titlesIn(markdown, "(?m)^#### (.*)$").size());
        assertEquals(3, titlesIn(markdown, "(?m)^## (.*)$").size());
        assertEquals(List.of("Sat 23 Nov 2024", "Fri 22 Nov 2024", "Undated"), titlesIn(markdown, "(?m)^## (.*)$"));
        assertEquals(List.of("AFP", "ANTARA", "news.detik.com", "Politik", "Unknown source"),
                titlesIn(markdown, "(?m)^### (.*)$"));
        assertTrue(markdown.contains("#### US \\<Defense\\> Chief \\& \"Russia\" 'talk' \\<script\\>alert(1)\\</script\\>"));
        assertTrue(markdown.contains("_Indonesian:_ Menhan \\<AS\\> \\& \"Rusia\" 'bicara'"));
        assertTrue(markdown.contains("Fri 22 Nov 2024, 17:38 WIB (UTC+07:00) · Jurnas.com · 1 min read"));
        assertTrue(markdown.contains("<https://news.detik.com/berita/d-1/a>"));
        assertEquals(4, count(markdown, "No summary: the first two translated sentences are shown."));
        // Same articles, same order, same words: the HTML titles unescaped equal the Markdown ones unescaped.
        List<String> htmlTitles = titlesIn(html, "<h4>(.*)</h4>").stream().map(DigestRenderTest::unescapeHtml).toList();
        List<String> mdTitles = titlesIn(markdown, "(?m)^#### (.*)$").stream().map(t -> t.replaceAll("\\\\(.)", "$1")).toList();
        assertEquals(htmlTitles, mdTitles);
    }

    @Test
    void markdownEscapesBlockMarkers() {
        assertEquals("1\\. Bullet \\*bold\\* \\[x\\]", MarkdownDigestRenderer.escape("1. Bullet *bold* [x]"));
        assertEquals("\\- dash", MarkdownDigestRenderer.escape("- dash"));
        assertEquals("a b", MarkdownDigestRenderer.escape("a\n\nb"));
    }

    static List<String> titlesIn(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String unescapeHtml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }
}
