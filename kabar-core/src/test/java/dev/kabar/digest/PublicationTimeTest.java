package dev.kabar.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PublicationTimeTest {

    @Test
    void namesIndonesiasThreeZones() {
        assertEquals("Fri 22 Nov 2024, 17:38 WIB (UTC+07:00)", PublicationTime.parse("2024-11-22T17:38+07:00").display());
        assertEquals("Sat 23 Nov 2024, 08:05 WITA (UTC+08:00)", PublicationTime.parse("2024-11-23T08:05+08:00").display());
        assertEquals("Sat 23 Nov 2024, 21:15 WIT (UTC+09:00)", PublicationTime.parse("2024-11-23T21:15:00+09:00").display());
    }

    @Test
    void otherOffsetsShowOnlyUtc() {
        assertEquals("Fri 22 Nov 2024, 10:38 (UTC+00:00)", PublicationTime.parse("2024-11-22T10:38Z").display());
        assertEquals("Fri 22 Nov 2024, 05:38 (UTC-05:00)", PublicationTime.parse("2024-11-22T05:38-05:00").display());
    }

    @Test
    void keepsTheArticlesLocalDateNotUtcs() {
        // 00:30 WIB is still the previous day in UTC; the reader's day is the local one.
        assertEquals(LocalDate.of(2024, 11, 23), PublicationTime.parse("2024-11-23T00:30+07:00").day());
    }

    @Test
    void lessPreciseFormsAndGarbage() {
        assertEquals("Tue 21 Oct 2025, 20:43", PublicationTime.parse("2025-10-21T20:43").display());
        assertEquals("Tue 21 Oct 2025", PublicationTime.parse("2025-10-21").display());
        assertEquals(PublicationTime.UNDATED, PublicationTime.parse("10/21/2025 20:43"));
        assertEquals(PublicationTime.UNDATED, PublicationTime.parse(null));
        assertEquals("Undated", PublicationTime.UNDATED.display());
        assertNull(PublicationTime.UNDATED.iso());
        assertEquals("2024-11-22T17:38+07:00", PublicationTime.parse("2024-11-22T17:38+07:00").iso());
    }

    @Test
    void readingTimeIsAtLeastOneMinute() {
        assertEquals(1, DigestEntry.readingMinutes(""));
        assertEquals(1, DigestEntry.readingMinutes("a b c"));
        assertEquals(1, DigestEntry.readingMinutes("w ".repeat(299)));
        assertEquals(2, DigestEntry.readingMinutes("w ".repeat(300)));
        assertEquals(5, DigestEntry.readingMinutes("w ".repeat(1000)));
    }
}
