package dev.kabar.digest;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kabar.cli.Main;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Opens digests in real headless Chromium at phone size and checks what a reader sees: the number of
 * articles, their titles in order, nothing wider than the screen, and a screenshot. The digests come
 * from real runs: the bundled Jurnas page, and 50 detik-2025 articles translated with the tiny
 * random-weight Marian (nonsense English, real structure: titles, dates, urls, long bodies).
 *
 * <p>Chromium and ChromeDriver are Debian's ({@code chromium}, {@code chromium-driver}); a missing one
 * fails the test, never skips it, because a skipped browser test reads as a passing one.
 */
class DigestBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
    static final int PHONE_WIDTH = 375;
    static final int PHONE_HEIGHT = 812;
    static final int DETIK_ARTICLES = 50;

    @TempDir
    static Path dir;

    static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                fail(program + " is missing: the digest browser test needs Debian's chromium and chromium-driver; "
                        + ".ci/run must install them (apt-get install -y chromium chromium-driver)");
            }
        }
        // Explicit paths, so Selenium Manager has nothing to look up or download.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Root in a container, no GPU, a closed network: the flags this machine's notes say Chromium needs.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
                "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A phone's layout viewport, whatever the headless window's chrome takes away.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH,
                "height", PHONE_HEIGHT, "deviceScaleFactor", 1, "mobile", true));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void jurnasDigestReadsWellOnAPhone() throws Exception {
        Path output = dir.resolve("jurnas.jsonl");
        translate("data/jurnas-2024-11-22-menhan-as-rusia.txt", "--max-new-tokens", "16", "-o", output.toString());
        Path html = digest(output, "jurnas.html");
        List<DigestEntry> expected = expectedEntries(output);
        assertEquals(1, expected.size());
        checkInBrowser(html, expected, "digest-screenshot.png");
        assertTrue(Files.readString(html).contains("Fri 22 Nov 2024, 17:38 WIB (UTC+07:00)"),
                "the Jurnas dateline, with its zone");
    }

    @Test
    void fiftyDetikArticlesReadWellOnAPhone() throws Exception {
        Path input = detikSubset(dir.resolve("detik-50.csv"));
        Path output = dir.resolve("detik.json");
        // Greedy and wide batches: the checkpoint's 6 beams would make this run take a minute; the digest
        // needs the structure of the output, not good English.
        translate(input.toString(), "--input-format", "csv", "--date-order", "month-first", "--max-new-tokens", "8",
                "--num-beams", "1", "--batch-size", "64", "-o", output.toString());
        // The random checkpoint's English makes every article mostly suspect, to be listed apart; half of them
        // lose their roll-up (as outputs of an older kabar have none), so that the page shows both layouts.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode docs = json.readTree(output.toFile());
        for (int i = 0; i < docs.size(); i += 2) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) docs.get(i).get("stats")).remove("trust");
        }
        json.writeValue(output.toFile(), docs);
        Path html = digest(output, "detik.html");
        List<DigestEntry> expected = expectedEntries(output);
        assertEquals(DETIK_ARTICLES, expected.size(), "every article of the subset is in the digest");
        assertEquals(DETIK_ARTICLES / 2, Digest.of(expected).toCheck().size(), "the mostly suspect half is listed apart");
        checkInBrowser(html, expected, "digest-detik-screenshot.png");
        Path markdown = digest(output, "detik.md");
        // Headlines under their day and source (levels 4-5), then those listed apart (level 3, after their heading).
        String md = Files.readString(markdown);
        int apartAt = md.lastIndexOf(Digest.TO_CHECK_HEADING); // the section, after its line in the contents
        String listed = apartAt < 0 ? md : md.substring(0, apartAt);
        long apart = apartAt < 0 ? 0 : java.util.regex.Pattern.compile("(?m)^### ").matcher(md.substring(apartAt)).results().count();
        assertEquals(Digest.of(expected).toCheck().size(), apart, "the articles listed apart");
        assertEquals(DETIK_ARTICLES, DigestRenderTest.titlesIn(listed, DigestRenderTest.MD_HEADLINE).size() + apart);
    }

    /** Loads the page at phone size and asserts what a reader sees; saves a screenshot of the top. */
    private static void checkInBrowser(Path html, List<DigestEntry> expected, String screenshotName) throws IOException {
        browser.get(html.toUri().toString());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(1, browser.findElements(By.tagName("h1")).size());

        List<WebElement> articles = browser.findElements(By.tagName("article"));
        assertEquals(expected.size(), articles.size(), "articles shown");
        // Headlines as a reader sees them, less the markers of suspect translations (sup elements).
        List<String> shownTitles = ((List<?>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'article > h3, article > h4, article > h5')).map(h => { const c = h.cloneNode(true); "
                + "c.querySelectorAll('sup').forEach(s => s.remove()); return c.textContent; })")).stream()
                .map(String::valueOf).map(DigestBrowserTest::normalise).toList();
        Digest digest = Digest.of(expected);
        List<String> expectedTitles = digest.entries().stream().map(DigestEntry::titleEn)
                .map(DigestBrowserTest::normalise).toList();
        assertEquals(expectedTitles, shownTitles, "titles, in reading order (the articles to check last)");
        assertEquals(digest.toCheck().size(), browser.findElements(By.cssSelector("#" + Digest.TO_CHECK_ANCHOR + " article")).size(),
                "mostly suspect articles are listed apart");
        long indonesian = expected.stream().filter(e -> e.titleId() != null).count();
        assertEquals(indonesian, browser.findElements(By.cssSelector("article [lang=id]")).size());

        // Every line of the contents leads somewhere: each link's target is an element of the page.
        List<WebElement> contents = browser.findElements(By.cssSelector("nav a[href^='#']"));
        // A line per day with its sources, and one for the articles listed apart (all of them, with a
        // random checkpoint's English).
        long links = digest.days().size() + digest.days().stream().mapToLong(d -> d.groups().size()).sum()
                + (digest.toCheck().isEmpty() ? 0 : 1);
        assertTrue(links >= 1);
        assertEquals(links, contents.size(), "a contents link for each day, each source and the articles to check");
        assertEquals(0L, number("return Array.from(document.querySelectorAll(\"nav a[href^='#']\"))"
                + ".filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length"), "contents links without a target");

        long scrollWidth = number("return document.documentElement.scrollWidth");
        long innerWidth = number("return window.innerWidth");
        assertEquals(PHONE_WIDTH, innerWidth, "the page is laid out at phone width");
        assertTrue(scrollWidth <= innerWidth, "horizontal overflow: page is " + scrollWidth + " px wide on a "
                + innerWidth + " px screen");
        long widest = number("return Math.ceil(Math.max(...Array.from(document.querySelectorAll('body *'))"
                + ".map(e => e.getBoundingClientRect().right)))");
        assertTrue(widest <= innerWidth, "an element reaches " + widest + " px on a " + innerWidth + " px screen");
        assertEquals(0L, number("return performance.getEntriesByType('resource').length"),
                "the page loads nothing besides itself");

        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null && image.getWidth() == PHONE_WIDTH, "a phone-wide PNG screenshot");
        Path saved = buildDir().resolve(screenshotName);
        Files.write(saved, png);
        assertTrue(Files.size(saved) > 1000, saved + " was written");
    }

    private static long number(String script) {
        return ((Number) browser.executeScript(script)).longValue();
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static void translate(String input, String... options) {
        Path model = TestData.conformance("marian-tiny");
        String[] args = new String[options.length + 4];
        args[0] = "translate";
        args[1] = input;
        args[2] = "--model";
        args[3] = model.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        assertEquals(Main.EXIT_OK, Main.commandLine().execute(args), "kabar translate " + String.join(" ", args));
    }

    private static Path digest(Path input, String name) {
        Path out = dir.resolve(name);
        assertEquals(Main.EXIT_OK, Main.commandLine().execute("digest", input.toString(), "-o", out.toString()));
        return out;
    }

    private static List<DigestEntry> expectedEntries(Path output) throws DigestInputException {
        DigestReader reader = new DigestReader();
        reader.read(output);
        return reader.entries();
    }

    /**
     * The first 50 rows of detik-2025, written at test time into the temporary folder: the corpus is
     * internal-only, so none of its text is committed to the project.
     */
    private static Path detikSubset(Path target) throws IOException {
        Path corpus = Path.of(System.getProperty("corpus.dir", "../shared/corpus"))
                .resolve("detik-2025").resolve("data_berita.csv");
        if (!Files.isRegularFile(corpus)) {
            fail("detik-2025 corpus " + corpus.toAbsolutePath() + " is missing; set -Dcorpus.dir.");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(in, format);
             Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                     .setHeader("id", "judul", "tautan", "tanggal", "isi_berita").get())) {
            int written = 0;
            for (CSVRecord row : csv) {
                if (written == DETIK_ARTICLES) {
                    break;
                }
                printer.printRecord(row.get("id"), row.get("judul"), row.get("tautan"), row.get("tanggal"),
                        row.get("isi_berita"));
                written++;
            }
            assertEquals(DETIK_ARTICLES, written, "the corpus has at least 50 articles");
        }
        return target;
    }

    /** The build's output folder ({@code target} or {@code -Dbuild.dir}), found from where this class was loaded. */
    private static Path buildDir() {
        try {
            File classes = new File(DigestBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.toPath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
