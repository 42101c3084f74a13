package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers for every input format, on files the tests write themselves. */
class ArticleSourceTest {

    /** A short page in the shape of an Indonesian news site, written for these tests. */
    static final String PAGE = String.join("\n",
            "Pasar ikan baru diresmikan - Warta Contoh",
            "Pasar ikan baru diresmikan",
            "Kamis, 6 Maret 2025 14:20 WIB",
            "Makassar, Warta Contoh - Wali kota meresmikan pasar ikan baru yang dibangun di dekat pelabuhan untuk"
                    + " memudahkan nelayan menjual hasil tangkapan.",
            "Pasar itu menampung dua ratus pedagang dan dilengkapi ruang pendingin yang bisa dipakai bersama.",
            "Editor: Rina",
            "Berita Terkait");

    @TempDir
    Path dir;

    private final ArticleSource source = new ArticleSource();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private ReadResult read(InputSpec spec) throws InputException {
        return source.read(spec);
    }

    @Test
    void readsATextPage() throws Exception {
        Path file = write("pasar.txt", PAGE);
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(List.of(), result.problems());
        Article article = result.articles().get(0);
        assertEquals("Pasar ikan baru diresmikan", article.title());
        assertEquals("2025-03-06T14:20+07:00", article.date());
        assertEquals("Makassar, Warta Contoh", article.lead());
        assertEquals("Rina", article.editor());
        assertEquals(16, article.id().length(), "a hash of where the page is saved when it has no id or URL");
        assertEquals(article.id(), read(InputSpec.of(file.toString())).articles().get(0).id(), "ids are stable");
    }

    @Test
    void readsAFolderRecursivelySortedAndFiltered() throws Exception {
        write("b/kedua.txt", PAGE.replace("Pasar ikan", "Dermaga"));
        write("a/pertama.txt", PAGE);
        write("a/catatan.md", "bukan artikel");
        write("c/lewati.txt", PAGE);
        write(".tersembunyi/x.txt", PAGE);
        ReadResult result = read(InputSpec.of(dir.toString()).withInclude("*.txt").withExclude("c/*"));
        assertEquals(List.of(), result.problems());
        assertEquals(List.of("Pasar ikan baru diresmikan", "Dermaga baru diresmikan"),
                result.articles().stream().map(Article::title).toList());
    }

    @Test
    void reportsAFileOfUnknownFormatAndGoesOn() throws Exception {
        write("catatan.md", "bukan artikel");
        write("pasar.txt", PAGE);
        ReadResult result = read(InputSpec.of(dir.toString()));
        assertEquals(1, result.articles().size());
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).origin().endsWith("catatan.md"));
    }

    @Test
    void readsStandardInput() throws Exception {
        ArticleSource fromStdin = new ArticleSource(new NewsPageCleaner(),
                new ByteArrayInputStream("Satu kalimat.\nDua kalimat.\n\n".getBytes(StandardCharsets.UTF_8)));
        ReadResult result = fromStdin.read(InputSpec.of("-").withFormat(InputFormat.LINES));
        assertEquals(List.of("stdin#line 1", "stdin#line 2"), result.articles().stream().map(Article::origin).toList());
        assertEquals(List.of("Dua kalimat."), result.articles().get(1).paragraphs());
    }

    @Test
    void aMissingInputIsAnInputException() {
        InputException e = assertThrows(InputException.class, () -> read(InputSpec.of(dir.resolve("nope").toString())));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertThrows(InputException.class, () -> read(InputSpec.of(dir.toString()).withInclude("*.csv")));
    }

    @Test
    void emptyAndBinaryFilesAreProblemsWhileOthersComplete() throws Exception {
        write("1-kosong.txt", "");
        Files.write(dir.resolve("2-gambar.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});
        write("3-pasar.txt", PAGE);
        ReadResult result = read(InputSpec.of(dir.toString()));
        assertEquals(1, result.articles().size());
        assertEquals(2, result.problems().size());
        assertTrue(result.problems().get(0).origin().endsWith("1-kosong.txt"));
        assertTrue(result.problems().get(0).message().startsWith("empty file"));
        assertTrue(result.problems().get(1).origin().endsWith("2-gambar.txt"));
        assertTrue(result.problems().get(1).message().startsWith("binary file"), result.problems().get(1).message());
    }

    @Test
    void aLatin1FileIsReadWithAWarning() throws Exception {
        String text = "Kafe di pojok jalan menjual café au lait.\nHarga naik lima persen.\n";
        Files.write(dir.resolve("kafe.txt"), text.getBytes(StandardCharsets.ISO_8859_1));
        ReadResult result = read(InputSpec.of(dir.resolve("kafe.txt").toString()).withFormat(InputFormat.LINES));
        assertEquals(List.of(), result.problems());
        Article first = result.articles().get(0);
        assertEquals("Kafe di pojok jalan menjual café au lait.", first.paragraphs().get(0));
        assertTrue(first.warnings().get(0).contains("not valid UTF-8"), first.warnings().toString());
        assertTrue(first.warnings().get(0).contains("line 1"), first.warnings().toString());
    }

    @Test
    void aByteOrderMarkIsRemoved() throws Exception {
        Files.write(dir.resolve("bom.csv"), ("\ufeffid,title,body\n7,Judul,Isi berita singkat.\n")
                .getBytes(StandardCharsets.UTF_8));
        Article article = read(InputSpec.of(dir.resolve("bom.csv").toString())).articles().get(0);
        assertEquals("7", article.id());
        assertTrue(article.warnings().isEmpty());
    }

    @Test
    void readsCsvWithQuotedMultiLineFieldsAndDetectedDelimiter() throws Exception {
        Path file = write("berita.csv", String.join("\n",
                "judul;isi_berita;tanggal;tautan",
                "\"Harga beras turun\";\"Harga beras di pasar induk turun pekan ini.",
                "SCROLL TO CONTINUE WITH CONTENT",
                "Pedagang menyebut pasokan dari daerah lancar.\";3/13/2025 08:30;https://contoh.id/1",
                "\"Kereta tambahan\";\"Operator menambah perjalanan kereta selama libur panjang.\";3/14/2025 09:00;"));
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(List.of(), result.problems());
        Article first = result.articles().get(0);
        assertEquals("Harga beras turun", first.title());
        assertEquals("2025-03-13T08:30+07:00", first.date(), "13 cannot be a month, so the file is month first");
        assertEquals("https://contoh.id/1", first.url());
        assertEquals(List.of("Harga beras di pasar induk turun pekan ini.",
                "Pedagang menyebut pasokan dari daerah lancar."), first.paragraphs());
        assertEquals(List.of("SCROLL TO CONTINUE WITH CONTENT"), first.dropped());
        assertTrue(first.origin().endsWith("berita.csv#row 1"));
        assertNull(result.articles().get(1).url());
    }

    @Test
    void readsCsvWithoutHeaderByColumnIndex() throws Exception {
        Path file = write("tanpa-header.tsv", "a1\tJudul satu\tIsi pertama.\na2\tJudul dua\tIsi kedua.\n");
        ReadResult result = read(InputSpec.of(file.toString())
                .withCsv(CsvLayout.auto().withHeader(CsvLayout.Header.ABSENT))
                .withFields(FieldMapping.auto().withId("0").withTitle("1").withBody("2")));
        assertEquals(List.of(), result.problems());
        assertEquals(List.of("a1", "a2"), result.articles().stream().map(Article::id).toList());
    }

    @Test
    void aCsvWithoutBodyColumnIsOneClearProblem() throws Exception {
        Path file = write("salah.csv", "nama,umur\nBudi,30\n");
        ReadResult result = read(InputSpec.of(file.toString()).withCsv(CsvLayout.auto().withHeader(CsvLayout.Header.PRESENT)));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).message().contains("no body column"), result.problems().get(0).message());
    }

    @Test
    void anArticleWithoutIdIsKnownByItsUrlAndAPageByWhereItIsSaved() throws Exception {
        Path feed = write("feed.jsonl", String.join("\n",
                "{\"url\": \"https://News.Example.co.id/berita/1/?utm_source=x#atas\", \"title\": \"Judul\", \"body\": \"Isi satu.\"}",
                "{\"url\": \"https://news.example.co.id/berita/1\", \"title\": \"Judul diperbaiki\", \"body\": \"Isi satu.\"}",
                ""));
        List<Article> records = read(InputSpec.of(feed.toString())).articles();
        assertEquals(records.get(0).id(), records.get(1).id(), "one address, one article, whatever the edit");
        assertEquals(Article.urlId("https://news.example.co.id/berita/1"), records.get(0).id());

        Path page = write("halaman/pasar.txt", PAGE);
        String before = read(InputSpec.of(page.toString())).articles().get(0).id();
        Files.writeString(page, PAGE.replace("Pasar ikan baru diresmikan", "Pasar ikan modern diresmikan"));
        assertEquals(before, read(InputSpec.of(page.toString())).articles().get(0).id(), "an edited page keeps its id");
        Path other = write("halaman/pasar-2.txt", PAGE);
        assertFalse(before.equals(read(InputSpec.of(other.toString())).articles().get(0).id()),
                "the same text saved twice is two pages");
    }

    private static final String ONE_DAY = "judul,tanggal,isi_berita\n"
            + "Banjir,12/9/2025 19:27,Air naik sejak pagi.\n"
            + "Gempa,12/9/2025 20:05,Warga mengungsi ke lapangan.\n";

    @Test
    void aOneDaySliceThatCannotSettleTheDateOrderIsReadDayFirstWithAWarningNamingTheRows() throws Exception {
        // #18 item 2: every row 12/9/2025 reads both ways; the only warning used to be about the time zone.
        Path file = write("detik-hari.csv", ONE_DAY);
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals("2025-09-12T19:27+07:00", result.articles().get(0).date());
        assertTrue(result.articles().get(0).warnings().stream().anyMatch(w -> w.contains("reads both day-first and "
                + "month-first") && w.contains("read it day-first")), result.articles().get(0).warnings().toString());
        DateOrderChoice choice = result.dateOrders().get(0);
        assertEquals(DateOrderChoice.Basis.ASSUMED, choice.basis());
        assertEquals(2, choice.ambiguous());
        assertEquals(List.of("#row 1 '12/9/2025 19:27'", "#row 2 '12/9/2025 20:05'"), choice.examples());
    }

    @Test
    void underStrictSuchAFileIsRefusedAndARememberedOrderSettlesIt() throws Exception {
        Path file = write("detik-hari.csv", ONE_DAY);
        ReadResult strict = read(InputSpec.of(file.toString()).withDateOrder(DateOrder.STRICT));
        assertEquals(List.of(), strict.articles());
        assertTrue(strict.problems().get(0).message().contains("2 numeric dates read both day-first and month-first"),
                strict.problems().toString());

        ReadResult remembered = read(InputSpec.of(file.toString()).withDateOrder(DateOrder.STRICT)
                .withRememberedDateOrder(DateOrder.MONTH_FIRST));
        assertEquals("2025-12-09T19:27+07:00", remembered.articles().get(0).date());
        assertEquals(DateOrderChoice.Basis.REMEMBERED, remembered.dateOrders().get(0).basis());
        assertTrue(remembered.articles().get(0).warnings().stream().noneMatch(w -> w.contains("day-first")));

        Path settled = write("detik-penuh.csv", ONE_DAY + "Kebakaran,10/21/2025 08:00,Api padam sore hari.\n");
        ReadResult full = read(InputSpec.of(settled.toString()).withRememberedDateOrder(DateOrder.DAY_FIRST));
        assertEquals("2025-12-09T19:27+07:00", full.articles().get(0).date(), "the file's own values win");
        assertEquals(DateOrderChoice.Basis.VALUES, full.dateOrders().get(0).basis());
    }

    @Test
    void aPipeDelimitedCsvIsDetected() throws Exception {
        Path file = write("pipa.csv", "id|judul|isi_berita\n7|Banjir di Bekasi|Air naik sejak pagi.\n");
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(List.of(), result.problems());
        assertEquals("Banjir di Bekasi", result.articles().get(0).title());
    }

    @Test
    void whenTheColumnsCannotBeFoundTheMessageSaysHowTheFileWasReadAndWhatToPass() throws Exception {
        // '#' is not among the detected delimiters: the whole line is one column.
        Path file = write("pagar.csv", "id#judul#isi_berita\n7#Banjir di Bekasi#Air naik sejak pagi.\n");
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(1, result.problems().size(), result.problems().toString());
        String message = result.problems().get(0).message();
        assertTrue(message.contains("the delimiter ','"), message);
        assertTrue(message.contains("1 column ['id#judul#isi_berita']"), message);
        assertTrue(message.contains("--csv-delimiter"), message);
        Path noHeader = write("tanpa.csv", "7,Banjir di Bekasi,Air naik sejak pagi.\n");
        String second = read(InputSpec.of(noHeader.toString())).problems().get(0).message();
        assertTrue(second.contains("3 columns ['7', 'Banjir di Bekasi', 'Air naik sejak pagi.']"), second);
        assertTrue(second.contains("not taken as a header"), second);
        assertTrue(second.contains("--csv-header yes"), second);
    }

    @Test
    void jsonSyntaxErrorsAreSaidWithoutParserInternals() throws Exception {
        Path file = write("nan.jsonl", "{\"id\": \"1\", \"body\": NaN}\n{\"id\": \"2\", \"body\": \"Isi.\"}\n");
        ReadResult result = read(InputSpec.of(file.toString()));
        String message = result.problems().get(0).message();
        assertTrue(message.contains("Non-standard token 'NaN'"), message);
        assertFalse(message.contains("JsonReadFeature") || message.contains("`"), message);
        assertEquals(List.of("2"), result.articles().stream().map(Article::id).toList());
    }

    @Test
    void aJsonBodyLongerThanJacksonsDefaultStringCapIsRead() throws Exception {
        // Jackson refuses string values over 20 million characters by default; a saved page can be longer.
        String body = "Kata.\n\n".repeat(3_400_000);
        Path file = write("panjang.jsonl", "{\"id\": \"1\", \"body\": \"" + body.replace("\n", "\\n") + "\"}\n");
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(List.of(), result.problems().stream().map(ReadProblem::message).toList());
        assertEquals(1, result.articles().size());
    }

    @Test
    void anUnbalancedQuoteNamesTheLineAndTheRestStillReads() throws Exception {
        Path bad = write("1-rusak.csv", String.join("\n",
                "id,title,body",
                "1,Judul satu,Isi pertama yang baik.",
                "2,\"Judul dua,Isi kedua dengan kutip yang tidak ditutup.",
                "3,Judul tiga,Isi ketiga yang baik.",
                ""));
        write("2-baik.csv", "id,title,body\n9,Judul lain,Isi lain yang baik.\n");
        ReadResult result = read(InputSpec.of(dir.toString()));
        assertEquals(1, result.problems().size(), result.problems().toString());
        ReadProblem problem = result.problems().get(0);
        assertEquals(bad.toString(), problem.origin());
        assertEquals(3, problem.line());
        assertTrue(problem.message().contains("quot"), problem.message());
        assertEquals(List.of("1", "3", "9"), result.articles().stream().map(Article::id).toList());
        // Record 3 keeps its number in the file, though record 2 was skipped (it was reported as #row 2).
        assertEquals(bad + "#row 3", result.articles().get(1).origin());
        assertEquals(bad + "#row 1", result.articles().get(0).origin());
    }

    @Test
    void readsAJsonArrayAndAnObjectHoldingOneWithDottedPaths() throws Exception {
        Path array = write("a.json", """
                [
                  {"id": "x1", "meta": {"headline": "Judul A"}, "text": "Isi artikel A.", "published": "2025-01-02T03:04:05+08:00"},
                  {"id": "x2", "meta": {"headline": "Judul B"}, "text": "Isi artikel B."}
                ]
                """);
        ReadResult fromArray = read(InputSpec.of(array.toString())
                .withFields(FieldMapping.auto().withTitle("meta.headline")));
        assertEquals(List.of(), fromArray.problems());
        assertEquals(List.of("Judul A", "Judul B"), fromArray.articles().stream().map(Article::title).toList());
        assertEquals("2025-01-02T03:04:05+08:00", fromArray.articles().get(0).date());

        Path wrapped = write("b.json", """
                {"source": "contoh", "articles": [
                  {"title": "Judul C", "paragraphs": ["Paragraf satu.", "Paragraf dua."], "category": "Ekonomi"},
                  42
                ]}
                """);
        ReadResult fromObject = read(InputSpec.of(wrapped.toString()));
        assertEquals(List.of("Paragraf satu.", "Paragraf dua."), fromObject.articles().get(0).paragraphs());
        assertEquals("Ekonomi", fromObject.articles().get(0).category());
        assertEquals(1, fromObject.problems().size());
        assertEquals(3, fromObject.problems().get(0).line());
    }

    @Test
    void aJsonlFileWithOneBadLineReadsTheOtherLines() throws Exception {
        Path file = write("data.jsonl", String.join("\n",
                "{\"id\": \"1\", \"title\": \"Satu\", \"body\": \"Isi satu.\", \"date\": \"2025-02-01 10:00\"}",
                "{\"id\": \"2\", \"title\": \"Dua\", \"body\": \"Isi dua.\"",
                "",
                "{\"id\": \"3\", \"title\": \"Tiga\", \"body\": \"Isi tiga.\", \"date\": \"kemarin\"}"));
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(List.of("1", "3"), result.articles().stream().map(Article::id).toList());
        assertEquals(1, result.problems().size());
        assertEquals(file.toString(), result.problems().get(0).origin());
        assertEquals(2, result.problems().get(0).line());
        assertEquals("2025-02-01T10:00+07:00", result.articles().get(0).date());
        Article third = result.articles().get(1);
        assertNull(third.date());
        assertEquals("kemarin", third.dateline());
        assertTrue(third.warnings().get(0).contains("not understood"), third.warnings().toString());
    }

    @Test
    void aNullBodyIsReportedAsNullNotAsMissing() throws Exception {
        Path file = write("nulls.jsonl", String.join("\n",
                "{\"id\": \"1\", \"title\": \"Satu\", \"body\": null}",
                "{\"id\": \"2\", \"title\": \"Dua\", \"body\": {\"text\": \"Isi\"}}",
                "{\"id\": \"3\", \"title\": \"Tiga\"}"));
        ReadResult result = read(InputSpec.of(file.toString()));
        assertEquals(3, result.problems().size());
        assertTrue(result.problems().get(0).message().startsWith("the object's body field 'body' is null;"),
                result.problems().get(0).message());
        assertTrue(result.problems().get(1).message().startsWith("the object's body field 'body' is an object, not text;"),
                result.problems().get(1).message());
        assertTrue(result.problems().get(2).message().startsWith("the object has no body field"), result.problems().get(2).message());
    }

    @Test
    void validatesFormatNames() {
        assertEquals(InputFormat.JSONL, InputFormat.fromName("JSONL"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputFormat.fromName("xml"));
        assertTrue(e.getMessage().contains("auto, text, csv, json, jsonl, lines"));
    }
}
