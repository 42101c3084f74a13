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

    /** An article's headline in Markdown: level 4 or 5, followed by text rather than by a deeper heading. */
    static final String MD_HEADLINE = "(?m)^#{4,5} (.*)\n\n(?!#)";
    /** A heading of the given level, without the anchor in front of it. */
    static final java.util.function.Function<String, String> MD_HEADING =
            level -> "(?m)^" + level + " (?:<a id=\"[a-z0-9-]+\"></a>)?(.*)$";

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
    void groupsByDayNewestFirstThenBySource() {
        assertEquals(List.of(LocalDate.of(2024, 11, 23), LocalDate.of(2024, 11, 22)),
                digest.days().subList(0, 2).stream().map(Digest.Day::date).toList());
        assertEquals(null, digest.days().get(2).date(), "undated last");
        assertEquals(List.of("ANTARA", "example.org"), groupNames(0));
        assertEquals(List.of("detikcom", "Jurnas.com"), groupNames(1), "alphabetical, case ignored");
        assertEquals("Politik", digest.days().get(1).groups().get(1).categories().get(0).name(), "a level under the source");
        assertEquals(List.of(2, 3, 1), digest.days().stream().map(Digest.Day::count).toList());
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
        assertEquals(1, count(html, "<h2 id=\"contents\">Contents</h2>"));
        assertEquals(3, count(html, "<h2>"), "one per day");
        assertEquals(5, count(html, "<h3>"), "one per source and day");
        assertEquals(1, count(html, "<h4 class=\"category\">Politik</h4>"));
        assertEquals(6, count(html, "<article>"));
        assertEquals(5, count(html, "<article>\n<h4>"), "under a source without categories");
        assertEquals(1, count(html, "<article>\n<h5>"), "under a category");
        assertEquals(6, count(html, "lang=\"id\""), "every article has its Indonesian title");
        assertTrue(html.contains("<time datetime=\"2024-11-22T17:38+07:00\">Fri 22 Nov 2024, 17:38 WIB (UTC+07:00)</time>"));
        assertTrue(html.contains("Sat 23 Nov 2024, 08:05 WITA (UTC+08:00)"));
        assertTrue(html.contains("Sat 23 Nov 2024, 21:15 WIT (UTC+09:00)"));
        assertTrue(html.contains("<a href=\"https://news.detik.com/berita/d-1/a\">detikcom</a>"));
        assertTrue(html.contains("2 min read"));
        assertEquals(4, count(html, DigestRenderer.NO_SUMMARY_NOTE), "a2, b2, b3 and c1 have no summary_en");
    }

    @Test
    void htmlEscapesEverythingFromTheArticles() {
        assertTrue(html.contains("<h5>US &lt;Defense&gt; Chief &amp; &quot;Russia&quot; &#39;talk&#39; "
                + "&lt;script&gt;alert(1)&lt;/script&gt;</h5>"));
        assertTrue(html.contains("<p class=\"orig\" lang=\"id\">Menhan &lt;AS&gt; &amp; &quot;Rusia&quot; &#39;bicara&#39;</p>"));
        assertFalse(html.contains("<script>"));
    }

    @Test
    void markdownShowsTheSameContentInTheSameOrder() {
        assertEquals(6, titlesIn(markdown, MD_HEADLINE).size());
        assertEquals(List.of("Contents", "Sat 23 Nov 2024", "Fri 22 Nov 2024", "Undated"), titlesIn(markdown, MD_HEADING.apply("##")));
        assertEquals(List.of("ANTARA", "example.org", "detikcom", "Jurnas.com", "Unknown source"),
                titlesIn(markdown, MD_HEADING.apply("###")));
        assertEquals(List.of("Politik"), titlesIn(markdown, "(?m)^#### (.*)\n\n#####"));
        assertTrue(markdown.contains("##### US \\<Defense\\> Chief \\& \"Russia\" 'talk' \\<script\\>alert(1)\\</script\\>"));
        assertTrue(markdown.contains("_Indonesian:_ Menhan \\<AS\\> \\& \"Rusia\" 'bicara'"));
        assertTrue(markdown.contains("Fri 22 Nov 2024, 17:38 WIB (UTC+07:00) · Jurnas.com · 1 min read"));
        assertTrue(markdown.contains("[detikcom](<https://news.detik.com/berita/d-1/a>)"));
        assertEquals(4, count(markdown, "No summary: the first two translated sentences are shown."));
        // Same articles, same order, same words: the HTML titles unescaped equal the Markdown ones unescaped.
        List<String> htmlTitles = titlesIn(html, "<article>\n<h[45]>(.*)</h[45]>").stream().map(DigestRenderTest::unescapeHtml).toList();
        List<String> mdTitles = titlesIn(markdown, MD_HEADLINE).stream().map(t -> t.replaceAll("\\\\(.)", "$1")).toList();
        assertEquals(htmlTitles, mdTitles);
    }

    /** A digest of seven articles from five sites over two days: detik under two urls and a page. */
    static Digest sources() throws Exception {
        DigestReader reader = new DigestReader();
        reader.read(DigestReaderTest.resource("sources.jsonl"));
        return Digest.of(reader.entries());
    }

    @Test
    void contentsListDaysAndSourcesWithCountsAndAnchors() throws Exception {
        String page = new HtmlDigestRenderer().render(sources());
        assertTrue(page.contains("<a href=\"#day-2025-05-02\">Fri 2 May 2025</a> (5 articles)"), page);
        assertTrue(page.contains("<a href=\"#day-2025-05-02-detikcom\">detikcom</a> (3)"), page);
        assertTrue(page.contains("<a href=\"#day-2025-05-02-kompas-com\">Kompas.com</a> (1)"), page);
        assertTrue(page.contains("<a href=\"#day-2025-05-01\">Thu 1 May 2025</a> (2 articles)"), page);
        List<String> targets = titlesIn(page, "href=\"#([^\"]+)\"");
        assertEquals(2 + 5, targets.size(), "two days and five day-and-source groups");
        for (String target : targets) {
            assertEquals(1, count(page, " id=\"" + target + "\""), "one element with id " + target);
        }
        String md = new MarkdownDigestRenderer().render(sources());
        assertTrue(md.contains("- [Fri 2 May 2025](#day-2025-05-02) (5 articles): [detikcom](#day-2025-05-02-detikcom) (3) · "
                + "[Kompas.com](#day-2025-05-02-kompas-com) (1) · [Liputan6.com](#day-2025-05-02-liputan6-com) (1)\n"), md);
        for (String target : titlesIn(md, "\\]\\(#([^)]+)\\)")) {
            assertEquals(1, count(md, "<a id=\"" + target + "\"></a>"), "one anchor " + target);
        }
    }

    @Test
    void oneHeadingPerSiteWithCategoriesALevelBelow() throws Exception {
        String page = new HtmlDigestRenderer().render(sources());
        assertEquals(List.of("detikcom", "Kompas.com", "Liputan6.com", "KapanLagi.com", "Republika"),
                titlesIn(page, "<h3>(.*?)</h3>"), "detik.com, news.detik.com and a detik page are one source");
        assertEquals(List.of("BERITA", "Other"), titlesIn(page, "<h4 class=\"category\">(.*?)</h4>"),
                "BERITA and Berita are one category, under detikcom; its uncategorised page last");
        assertTrue(page.indexOf("<h3>detikcom</h3>") < page.indexOf("<h4 class=\"category\">BERITA</h4>")
                && page.indexOf("<h4 class=\"category\">Other</h4>") < page.indexOf("<h3>Kompas.com</h3>"));
        assertEquals(List.of("Campus news one", "Capital news two", "Gadget page three"), titlesIn(page, "<h5>(.*?)</h5>"),
                "articles under a category are one level below it");
        String md = new MarkdownDigestRenderer().render(sources());
        assertEquals(List.of("BERITA", "Other"), titlesIn(md, "(?m)^#### (.*)\n\n#####"));
        assertEquals(List.of("Campus news one", "Capital news two", "Gadget page three"), titlesIn(md, "(?m)^##### (.*)$"));
    }

    @Test
    void linksShowTheSiteNameNotTheUrl() throws Exception {
        String page = new HtmlDigestRenderer().render(sources());
        assertTrue(page.contains("<a href=\"https://news.detik.com/berita/d-11/b\">detikcom</a>"), page);
        assertTrue(page.contains("<a href=\"https://nasional.republika.co.id/berita/x\">Republika</a>"), page);
        assertEquals(List.of(), titlesIn(page, "(>https?://[^<]*</a>)"), "no raw url as link text");
        assertTrue(page.contains("Republika &middot; via Antara"), "the credited agency beside the publisher");
        String md = new MarkdownDigestRenderer().render(sources());
        assertTrue(md.contains("[detikcom](<https://news.detik.com/berita/d-11/b>)"), md);
        assertFalse(md.contains("\n<https://"), "no bare autolinks");
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
