package dev.kabar.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatelineParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "Jum'at, 22/11/2024 17:38 WIB # 2024-11-22T17:38+07:00",
        "Jumat, 22/11/2024 17:38 WIB # 2024-11-22T17:38+07:00",
        "Jum’at, 22-11-2024 17.38 WIB # 2024-11-22T17:38+07:00",
        "Kamis, 5 November 2015 14:56 WIB # 2015-11-05T14:56+07:00",
        "Rabu, 4 November 2015 | 21:04 WIB # 2015-11-04T21:04+07:00",
        "Senin, 15 Februari 2016, 16:15 WITA # 2016-02-15T16:15+08:00",
        "Selasa, 3 Mar 2020 08.05 WIT # 2020-03-03T08:05+09:00",
        "on 16 Feb 2016 at 09:10 WIB # 2016-02-16T09:10+07:00",
        "Kamis, 5 November 2015 - 15:56 wib # 2015-11-05T15:56+07:00",
        "Sabtu, 17 Agu 2024 10:00 WIB # 2024-08-17T10:00+07:00",
        "Sabtu, 17 Agt 2024 10:00 WIB # 2024-08-17T10:00+07:00",
        "Sabtu, 17 Ags 2024 10:00 WIB # 2024-08-17T10:00+07:00",
        "Minggu, 1 Des 2024 23:59 WIB # 2024-12-01T23:59+07:00",
        "Rabu, 09 Okt 2024 07:00 WIB # 2024-10-09T07:00+07:00",
        "Kamis, 2 Mei 2024 12:00 WIB # 2024-05-02T12:00+07:00",
        "February 16, 2016 13:01 WIB # 2016-02-16T13:01+07:00",
        "Dipublikasikan 10 Jan 2025 09:00 WIB | Diperbarui 11 Jan 2025 10:30 WIB # 2025-01-10T09:00+07:00",
        "Diperbarui 11 Jan 2025, 10:30 WIB # 2025-01-11T10:30+07:00",
        "Updated: 11 January 2025 10:30 WIB # 2025-01-11T10:30+07:00",
    })
    void readsIndonesianDatelines(String dateline, String iso) {
        Dateline parsed = DatelineParser.parseDatelineLine(dateline).orElseThrow();
        assertEquals(iso, parsed.iso());
        assertEquals(dateline.strip(), parsed.raw());
        assertNull(parsed.warning(), "a dateline with a zone needs no warning");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        // an author before a bar, a lower-case zone
        "Rina Maharani Putri | Jum'at, 17 Februari 2017 - 13:30 wib # 2017-02-17T13:30+07:00 # Rina Maharani Putri",
        "Rina Maharani Putri | Jumat, 17 Feb 2017 13:30 Wib # 2017-02-17T13:30+07:00 # Rina Maharani Putri",
        "RINA MAHARANI PUTRI | Sabtu, 18 Februari 2017 | 07:00 WIT # 2017-02-18T07:00+09:00 # RINA MAHARANI PUTRI",
        "Dimas bin Aryo Nugroho | Jum`at, 17/02/2017 13:30 wita # 2017-02-17T13:30+08:00 # Dimas bin Aryo Nugroho",
        "Kontributor Lhoknga, Masrul | Rabu, 1 Maret 2017 | 21:04 WIB # 2017-03-01T21:04+07:00 # Kontributor Lhoknga, Masrul",
        // labelled credits, before or after the date
        "Reporter: Dimas Aryo | Editor: Sekar Ayu | Senin, 20 Maret 2017 08:05 WITA "
                + "# 2017-03-20T08:05+08:00 # Reporter: Dimas Aryo;Editor: Sekar Ayu",
        "Senin, 20 Maret 2017 08:05 WIB | Penulis : Dimas Aryo # 2017-03-20T08:05+07:00 # Penulis : Dimas Aryo",
        "Oleh Dimas Aryo · Senin, 20 Maret 2017 08:05 WIB # 2017-03-20T08:05+07:00 # Oleh Dimas Aryo",
    })
    void readsDatelinesThatNameTheirAuthor(String dateline, String iso, String credits) {
        Dateline parsed = DatelineParser.parseDatelineLine(dateline).orElseThrow();
        assertEquals(iso, parsed.iso());
        assertEquals(dateline.strip(), parsed.raw(), "the whole line is the dateline as printed");
        assertEquals(List.of(credits.split(";")), parsed.credits());
        assertNull(parsed.warning());
    }

    @Test
    void aNameTouchingTheDateOrFollowingItIsNoCredit() {
        // Without a bar the name could run into the day name; after the date a bare word is a section.
        Dateline touching = DatelineParser.parseDatelineLine("Rina Putri Jumat, 17 Feb 2017 13:30 WIB").orElseThrow();
        assertEquals(List.of(), touching.credits());
        Dateline section = DatelineParser.parseDatelineLine("Senin, 3 Maret 2025 10:00 WIB | Nasional").orElseThrow();
        assertEquals("2025-03-03T10:00+07:00", section.iso());
        assertEquals(List.of(), section.credits());
        assertTrue(DatelineParser.parseDatelineLine("Rina Maharani Dewi Putri Jumat, 17 Feb 2017 13:30 WIB").isEmpty(),
                "without a bar, more than two words beside the date make a sentence");
        assertTrue(DatelineParser.parseDatelineLine(
                "Jokowi meresmikan jalan tol baru di Sumatera | Senin, 3 Maret 2025 10:00 WIB").isEmpty(),
                "a sentence set off by a bar is no name");
        assertTrue(DatelineParser.parseDatelineLine(
                "Senin, 3 Maret 2025 10:00 WIB | Jokowi meresmikan jalan tol baru di Sumatera").isEmpty());
    }

    @Test
    void readsATimePrintedBeforeTheDate() {
        assertEquals("2017-03-18T07:45+09:00",
                DatelineParser.parseDatelineLine("07:45 WIT | Sabtu, 18 Maret 2017").orElseThrow().iso());
        assertEquals("2017-03-18T07:45+07:00",
                DatelineParser.parseDatelineLine("07.45 wib, 18 Maret 2017").orElseThrow().iso());
        assertEquals("2017-03-18", DatelineParser.parse("Rapat dimulai 07.45, 18 Maret 2017").orElseThrow().iso(),
                "a time before the date counts only with its zone");
    }

    @Test
    void readsTwelveHourClocks() {
        Dateline pm = DatelineParser.parseDatelineLine("Fri, February 17, 2017 | 01:30 pm").orElseThrow();
        assertEquals("2017-02-17T13:30+07:00", pm.iso());
        assertTrue(pm.warning().contains("WIB"), "no zone printed: WIB assumed and said");
        assertEquals("2017-02-17T00:15+07:00",
                DatelineParser.parseDatelineLine("Friday, 17 February 2017 12:15 a.m. WIB").orElseThrow().iso());
        assertEquals("2017-02-17T12:15+07:00",
                DatelineParser.parseDatelineLine("17 Feb 2017 12:15 PM WIB").orElseThrow().iso());
    }

    @Test
    void assumesWibWithAWarningWhenNoZoneIsPrinted() {
        Dateline parsed = DatelineParser.parseDatelineLine("Kamis, 05 November 2015 11:52 |").orElseThrow();
        assertEquals("2015-11-05T11:52+07:00", parsed.iso());
        assertNotNull(parsed.warning());
        assertTrue(parsed.warning().contains("WIB"), parsed.warning());
    }

    @Test
    void keepsOnlyTheDateWhenNoTimeIsPrinted() {
        Dateline parsed = DatelineParser.parseDatelineLine("Selasa, 23 Februari 2016").orElseThrow();
        assertEquals("2016-02-23", parsed.iso());
        assertNotNull(parsed.warning());
    }

    @Test
    void aSentenceThatMentionsADateIsNoDateline() {
        assertTrue(DatelineParser.parseDatelineLine(
                "Polisi menangkap dua orang di Bekasi pada Kamis (5/11/2015) malam setelah pengintaian panjang.")
                .isEmpty());
        assertTrue(DatelineParser.parseDatelineLine("Menu Nasional Ekonomi Olahraga").isEmpty());
    }

    @Test
    void rejectsImpossibleDates() {
        assertTrue(DatelineParser.parse("31/02/2024 10:00 WIB").isEmpty());
    }

    @Test
    void fieldDatesFollowTheGivenOrder() {
        assertEquals("2025-10-21T20:43+07:00",
                DatelineParser.parseField("10/21/2025 20:43", DateOrder.MONTH_FIRST).orElseThrow().iso());
        assertEquals("2025-05-04T08:00+07:00",
                DatelineParser.parseField("5/4/2025 08:00", DateOrder.MONTH_FIRST).orElseThrow().iso());
        assertEquals("2025-04-05T08:00+07:00",
                DatelineParser.parseField("5/4/2025 08:00", DateOrder.DAY_FIRST).orElseThrow().iso());
        assertEquals("2024-11-22T17:38+07:00",
                DatelineParser.parseField("2024-11-22T17:38:00+07:00", DateOrder.AUTO).orElseThrow().iso());
        assertTrue(DatelineParser.parseField("kemarin sore", DateOrder.AUTO).isEmpty());
    }

    @Test
    void infersTheOrderOfAnInputFromItsValues() {
        assertEquals(DateOrder.MONTH_FIRST, DatelineParser.inferOrder(List.of("5/4/2025 08:00", "10/21/2025 20:43")));
        assertEquals(DateOrder.DAY_FIRST, DatelineParser.inferOrder(List.of("5/4/2025 08:00", "21/10/2025 20:43")));
        assertEquals(DateOrder.DAY_FIRST, DatelineParser.inferOrder(List.of("5/4/2025 08:00")));
    }
}
