package dev.kabar.digest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;

/**
 * When an article was published, as precisely as its source said: a date; a date and time; a date,
 * time and UTC offset; or nothing. Times are kept in the article's own offset, because its local
 * date is the day a reader in that place saw it.
 *
 * @param date the local date, or null when undated
 * @param time the local time, or null when only the date is known
 * @param offset the UTC offset, or null when the source gave none
 */
public record PublicationTime(LocalDate date, LocalTime time, ZoneOffset offset) {

    /** An article without a usable date. */
    public static final PublicationTime UNDATED = new PublicationTime(null, null, null);

    /** Newest first; undated last; a date without a time after the timed articles of that day. */
    public static final Comparator<PublicationTime> NEWEST_FIRST = Comparator
            .comparing(PublicationTime::date, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
            .thenComparing(PublicationTime::instantKey, Comparator.nullsLast(Comparator.<LocalDateTime>reverseOrder()));

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** Checks that a time never comes without a date, nor an offset without a time. */
    public PublicationTime {
        if ((date == null && time != null) || (time == null && offset != null)) {
            throw new IllegalArgumentException("a time needs a date and an offset needs a time");
        }
    }

    /**
     * Parses kabar's {@code date} field: ISO-8601 with offset ({@code 2024-11-22T17:38+07:00}),
     * without one ({@code 2024-11-22T17:38}), or a plain date ({@code 2024-11-22}).
     *
     * @return the time, or {@link #UNDATED} when the value is null, blank or none of these forms
     */
    public static PublicationTime parse(String value) {
        if (value == null || value.isBlank()) {
            return UNDATED;
        }
        String text = value.strip();
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            return new PublicationTime(t.toLocalDate(), t.toLocalTime(), t.getOffset());
        } catch (DateTimeParseException e) {
            // Not with an offset; try the less precise forms.
        }
        try {
            LocalDateTime t = LocalDateTime.parse(text);
            return new PublicationTime(t.toLocalDate(), t.toLocalTime(), null);
        } catch (DateTimeParseException e) {
            // Not a local date-time either.
        }
        try {
            return new PublicationTime(LocalDate.parse(text), null, null);
        } catch (DateTimeParseException e) {
            return UNDATED;
        }
    }

    /** The local date, or null when undated. */
    public LocalDate day() {
        return date;
    }

    /** Whether a date is known. */
    public boolean dated() {
        return date != null;
    }

    /**
     * The time as a reader wants it: {@code Fri 22 Nov 2024, 17:38 WIB (UTC+07:00)}. Indonesia's three
     * zones get their own names (WIB +07:00, WITA +08:00, WIT +09:00); other offsets show only
     * {@code UTC±hh:mm}. Without an offset the time is shown bare; without a time, only the date.
     *
     * @return the text, or {@code Undated}
     */
    public String display() {
        if (date == null) {
            return "Undated";
        }
        StringBuilder out = new StringBuilder(DAY.format(date));
        if (time != null) {
            out.append(", ").append(CLOCK.format(time));
            if (offset != null) {
                String zone = indonesianZone(offset);
                if (zone != null) {
                    out.append(' ').append(zone);
                }
                out.append(" (UTC").append(offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId()).append(')');
            }
        }
        return out.toString();
    }

    /** The date alone, as headings show it: {@code Fri 22 Nov 2024}, or {@code Undated}. */
    public static String displayDay(LocalDate day) {
        return day == null ? "Undated" : DAY.format(day);
    }

    /** The ISO-8601 form for a machine-readable {@code <time datetime>}, or null when undated. */
    public String iso() {
        if (date == null) {
            return null;
        }
        if (time == null) {
            return date.toString();
        }
        LocalDateTime local = LocalDateTime.of(date, time);
        return offset == null ? local.toString() : OffsetDateTime.of(local, offset).toString();
    }

    /** Indonesia's zone names (Waktu Indonesia Barat/Tengah/Timur), or null for any other offset. */
    static String indonesianZone(ZoneOffset offset) {
        return switch (offset.getTotalSeconds()) {
            case 7 * 3600 -> "WIB";
            case 8 * 3600 -> "WITA";
            case 9 * 3600 -> "WIT";
            default -> null;
        };
    }

    // Within a day, articles are ordered by their local clock time: their offsets may differ, but the
    // day they are grouped under is also local.
    private LocalDateTime instantKey() {
        return date == null || time == null ? null : LocalDateTime.of(date, time);
    }
}
