package dev.kabar.article;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads Indonesian (and English) news datelines such as {@code Jum'at, 22/11/2024 17:38 WIB},
 * {@code Kamis, 5 November 2015 14:56 WIB}, {@code on 16 Feb 2016 at 09:10 WIB} or
 * {@code Sari Dewi | Jum'at, 17 Februari 2017 - 13:30 wib} into ISO-8601 with the right offset:
 * WIB +07:00, WITA +08:00, WIT +09:00 (the zone in any case). Stateless and thread-safe.
 */
public final class DatelineParser {

    /** Western Indonesia Time, assumed when a dateline names no zone: most Indonesian news desks are in WIB. */
    public static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH_NAMES = MONTHS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .collect(Collectors.joining("|"));
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern TEXT_DAY_MONTH_YEAR = Pattern.compile(
            "\\b(\\d{1,2})\\s*(?:-\\s*)?(" + MONTH_NAMES + ")\\.?,?\\s*(?:-\\s*)?(\\d{4})\\b", FLAGS);
    private static final Pattern TEXT_MONTH_DAY_YEAR = Pattern.compile(
            "\\b(" + MONTH_NAMES + ")\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})\\b", FLAGS);
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})(?=$|[T\\s,|])", FLAGS);
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(?<![\\d/.-])(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4}|\\d{2})(?![\\d/-])", FLAGS);
    // What may sit between the date and the time: separators and "at"/"pukul" ("at 09:10", "pukul 17.38").
    // "1:30 pm" on English pages; "13:30" without it.
    private static final Pattern TIME = Pattern.compile(
            "^[\\s,|\\-–—T]*(?:(?:at|pukul|pkl\\.?|jam)\\s*)?(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?!\\d)"
                    + "(?:\\s*([ap])\\.?m\\b\\.?)?", FLAGS);
    private static final String DAY_NAMES = "senin|selasa|rabu|kamis|jum['’‘`´]?at|sabtu|minggu|ahad|monday|tuesday|"
            + "wednesday|thursday|friday|saturday|sunday|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun";
    // A time printed before the date ("13:30 WIB | Jumat, 17 Februari 2017"): only with its zone, so that a
    // number in a sentence is not read as a time.
    private static final Pattern TIME_BEFORE = Pattern.compile(
            "(?<![\\d.:])(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?\\s*(WITA|WIT|WIB)(?![\\p{L}])"
                    + "[\\s,|\\-–—]*(?:(?:" + DAY_NAMES + ")\\.?[\\s,]*)?$", FLAGS);
    private static final Pattern ZONE = Pattern.compile(
            "^\\s*(WITA|WIT|WIB|(?:GMT|UTC)\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?|Z|([+-])(\\d{2}):?(\\d{2}))(?![A-Za-z])",
            FLAGS);
    private static final Pattern UPDATED_BEFORE = Pattern.compile("(diperbarui|updated|update|pembaruan)\\W*$", FLAGS);
    // Words that may surround a date on a dateline without making it a sentence.
    private static final Pattern DATELINE_WORDS = Pattern.compile(
            "(?i)^(" + DAY_NAMES + "|diperbarui|dipublikasikan|diterbitkan|terbit|updated|published|posted|on|at|"
                    + "pukul|wib|wita|wit|views?|dilihat|dibaca|kali|oleh|by|waktu)$");
    /** Pieces of a dateline line set off by bars or bullets: {@code Sari Dewi | Jum'at, 17 Februari 2017}. */
    private static final Pattern PIECE_SEPARATOR = Pattern.compile("\\s*[|•·]\\s*");
    // A labelled credit on a dateline line: "Reporter: Sari Dewi", "Editor : Budi", "Oleh Sari Dewi".
    private static final Pattern LABELLED_CREDIT = Pattern.compile(
            "(?i)^(?:penulis|reporter|pewarta|oleh|author|jurnalis|wartawan|editor|redaktur|penyunting|fotografer|by)"
                    + "(?:\\s*:\\s*|\\s+)\\p{L}.{0,60}$");
    // A name without a label: capitalised (or upper-case) words, with particles such as "bin" or "dan".
    private static final Pattern NAME = Pattern.compile(
            "^\\p{Lu}[\\p{L}.'’-]*,?(?:\\s+(?:\\p{Lu}[\\p{L}.'’-]*,?|bin|binti|van|de|der|al|dan|&))*$");
    /** A name set off before the date has at most this many capitalised words. */
    private static final int NAME_WORDS = 4;
    /** The date part of a dateline line (the line without its credits) is at most this long. */
    private static final int DATELINE_CHARS = 90;
    /** A dateline line with its credits is at most this long. */
    private static final int LINE_CHARS = 160;

    private DatelineParser() {
    }

    /** Finds the first date in the text, reading numeric dates day first. */
    public static Optional<Dateline> parse(String text) {
        return parse(text, DateOrder.DAY_FIRST);
    }

    /**
     * Finds the date in the text. When the text holds several, a publication date wins over one
     * marked {@code Diperbarui}/{@code Updated}.
     *
     * @param order how to read numeric dates; {@link DateOrder#AUTO} reads them day first unless that is impossible
     */
    public static Optional<Dateline> parse(String text, DateOrder order) {
        return find(text, order).map(found -> found.toDateline(text.strip()));
    }

    /**
     * Reads a line only if it is a dateline: a date, perhaps a day name, time, zone, separators and
     * a view counter, but not a sentence that mentions a date. Pieces set off by a bar or a bullet
     * may name people: before the date a name or a labelled credit ({@code Sari Dewi | Jum'at, 17
     * Februari 2017 - 13:30 wib}, {@code Reporter: X | Editor: Y | Senin, ...}), after it a labelled
     * credit only (a bare word there is more often a section); they are kept as {@link Dateline#credits()}.
     */
    public static Optional<Dateline> parseDatelineLine(String line) {
        String text = line.strip();
        if (text.length() > LINE_CHARS) {
            return Optional.empty();
        }
        Optional<Found> found = find(text, DateOrder.DAY_FIRST);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // The pieces touching the date (index 0 after it, the last before it) hold its day name or
        // its separators; pieces further out, set off by a bar, may name the author or the editor.
        List<String> before = List.of(PIECE_SEPARATOR.split(text.substring(0, found.get().start), -1));
        List<String> after = List.of(PIECE_SEPARATOR.split(text.substring(found.get().end), -1));
        List<String> credits = new ArrayList<>();
        int words = 0;
        int creditChars = 0;
        for (int i = 0; i < before.size(); i++) {
            String piece = before.get(i).strip();
            boolean apart = i < before.size() - 1;
            if (apart && (LABELLED_CREDIT.matcher(piece).matches() || isName(piece))) {
                credits.add(piece);
                creditChars += piece.length();
            } else {
                words += extraWords(piece);
            }
        }
        for (int i = 0; i < after.size(); i++) {
            String piece = after.get(i).strip();
            if (i > 0 && LABELLED_CREDIT.matcher(piece).matches()) {
                credits.add(piece);
                creditChars += piece.length();
            } else {
                words += extraWords(piece);
            }
        }
        if (words > 2 || text.length() - creditChars > DATELINE_CHARS) {
            return Optional.empty();
        }
        Dateline dateline = found.get().toDateline(text);
        return Optional.of(new Dateline(dateline.iso(), dateline.raw(), dateline.warning(), credits));
    }

    /** Words of a dateline piece that are not day names, zones, counters or the like. */
    private static int extraWords(String piece) {
        int words = 0;
        for (String token : piece.split("[\\s,()\\[\\]]+")) {
            String word = token.replaceAll("^[^\\p{L}\\d]+|[^\\p{L}\\d]+$", "");
            if (word.isEmpty() || word.chars().noneMatch(Character::isLetter) || DATELINE_WORDS.matcher(word).matches()) {
                continue;
            }
            words++;
        }
        return words;
    }

    /** Whether a dateline credit carries its label ({@code Reporter: X}, {@code Oleh X}). */
    static boolean isLabelledCredit(String piece) {
        return LABELLED_CREDIT.matcher(piece.strip()).matches();
    }

    private static boolean isName(String piece) {
        if (!NAME.matcher(piece).matches()) {
            return false;
        }
        int capitalised = 0;
        for (String token : piece.split("\\s+")) {
            capitalised += Character.isUpperCase(token.codePointAt(0)) ? 1 : 0;
        }
        return capitalised <= NAME_WORDS;
    }

    /**
     * Reads a date from a data field (CSV column, JSON value): ISO-8601 with or without offset,
     * or any form {@link #parse(String, DateOrder)} understands.
     */
    public static Optional<Dateline> parseField(String value, DateOrder order) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Dateline(OffsetDateTime.parse(text).toString(), text, null));
        } catch (DateTimeParseException notOffset) {
            // fall through to the forms without an offset
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text);
            return Optional.of(new Dateline(OffsetDateTime.of(local, WIB).toString(), text, noZone(text)));
        } catch (DateTimeParseException notLocal) {
            return parse(text, order);
        }
    }

    /**
     * What the numeric dates of one input say about their order.
     *
     * @param dayFirstSeen a first number above 12 was seen
     * @param monthFirstSeen a second number above 12 was seen
     * @param ambiguous indexes (into the values) of the numeric dates that read both ways
     */
    record OrderEvidence(boolean dayFirstSeen, boolean monthFirstSeen, List<Integer> ambiguous) {

        /** The order the values settle, or null when they settle none. */
        DateOrder settled() {
            if (dayFirstSeen) {
                return DateOrder.DAY_FIRST;
            }
            return monthFirstSeen ? DateOrder.MONTH_FIRST : null;
        }
    }

    /** Looks at the numeric dates among {@code values} (nulls and other dates ignored). */
    static OrderEvidence orderEvidence(List<String> values) {
        boolean dayFirstSeen = false;
        boolean monthFirstSeen = false;
        List<Integer> ambiguous = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            Matcher m = NUMERIC_DATE.matcher(value);
            if (m.find()) {
                int first = Integer.parseInt(m.group(1));
                int second = Integer.parseInt(m.group(2));
                dayFirstSeen |= first > 12;
                monthFirstSeen |= second > 12;
                if (first <= 12 && second <= 12 && first != second) {
                    ambiguous.add(i);
                }
            }
        }
        return new OrderEvidence(dayFirstSeen, monthFirstSeen, ambiguous);
    }

    /**
     * Decides how to read the numeric dates of one input: day first if any first number exceeds 12,
     * month first if any second number does, else day first (the Indonesian convention).
     */
    public static DateOrder inferOrder(Collection<String> values) {
        boolean dayFirstSeen = false;
        boolean monthFirstSeen = false;
        for (String value : values) {
            if (value == null) {
                continue;
            }
            Matcher m = NUMERIC_DATE.matcher(value);
            if (m.find()) {
                int first = Integer.parseInt(m.group(1));
                int second = Integer.parseInt(m.group(2));
                dayFirstSeen |= first > 12;
                monthFirstSeen |= second > 12;
            }
        }
        return monthFirstSeen && !dayFirstSeen ? DateOrder.MONTH_FIRST : DateOrder.DAY_FIRST;
    }

    private static Optional<Found> find(String text, DateOrder order) {
        List<Found> all = new ArrayList<>();
        collect(TEXT_DAY_MONTH_YEAR.matcher(text), all, m -> date(m.group(3), MONTHS.get(key(m.group(2))), m.group(1)));
        collect(TEXT_MONTH_DAY_YEAR.matcher(text), all, m -> date(m.group(3), MONTHS.get(key(m.group(1))), m.group(2)));
        collect(ISO_DATE.matcher(text), all, m -> date(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
        collect(NUMERIC_DATE.matcher(text), all, m -> numericDate(m, order));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        all.sort(Comparator.comparingInt(f -> f.start));
        for (Found found : all) {
            if (!UPDATED_BEFORE.matcher(text.substring(0, found.start)).find()) {
                return Optional.of(withTime(text, found));
            }
        }
        return Optional.of(withTime(text, all.get(0)));
    }

    private interface DateReader {
        LocalDate read(Matcher m);
    }

    private static void collect(Matcher m, List<Found> into, DateReader reader) {
        while (m.find()) {
            try {
                LocalDate date = reader.read(m);
                if (date != null) {
                    into.add(new Found(m.start(), m.end(), date, null, null, null));
                }
            } catch (DateTimeException | NumberFormatException impossible) {
                // 31/02 or a version number that only looks like a date: not a date
            }
        }
    }

    private static LocalDate numericDate(Matcher m, DateOrder order) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        boolean monthFirst = order == DateOrder.MONTH_FIRST || (order == DateOrder.AUTO && a <= 12 && b > 12);
        return monthFirst ? date(m.group(3), a, String.valueOf(b)) : date(m.group(3), b, String.valueOf(a));
    }

    private static LocalDate date(String year, Integer month, String day) {
        if (month == null) {
            return null;
        }
        int y = Integer.parseInt(year);
        if (year.length() == 2) {
            y += 2000;
        }
        return LocalDate.of(y, month, Integer.parseInt(day));
    }

    private static Found withTime(String text, Found found) {
        Matcher time = TIME.matcher(text.substring(found.end));
        if (!time.find()) {
            return withTimeBefore(text, found);
        }
        LocalTime clock = clock(time.group(1), time.group(2), time.group(3), time.group(4));
        if (clock == null) {
            return found;
        }
        int end = found.end + time.end();
        Matcher zone = ZONE.matcher(text.substring(end));
        if (!zone.find()) {
            return new Found(found.start, end, found.date, clock, null, null);
        }
        return new Found(found.start, end + zone.end(), found.date, clock, offset(zone), zone.group(1));
    }

    /** Some sites print the time and zone first: {@code 13:30 WIB | Jumat, 17 Februari 2017}. */
    private static Found withTimeBefore(String text, Found found) {
        Matcher time = TIME_BEFORE.matcher(text.substring(0, found.start));
        if (!time.find()) {
            return found;
        }
        LocalTime clock = clock(time.group(1), time.group(2), time.group(3), null);
        if (clock == null) {
            return found;
        }
        Matcher zone = ZONE.matcher(time.group(4));
        zone.find();
        return new Found(time.start(), found.end, found.date, clock, offset(zone), time.group(4));
    }

    /** The time of day, or null when the numbers are no time ({@code 25:70}, {@code 13:00 pm}). */
    private static LocalTime clock(String hours, String minutes, String seconds, String amPm) {
        try {
            int hour = Integer.parseInt(hours);
            if (amPm != null) {
                if (hour < 1 || hour > 12) {
                    return null;
                }
                // 12 am is midnight, 12 pm is noon.
                hour = hour % 12 + (amPm.equalsIgnoreCase("p") ? 12 : 0);
            }
            return LocalTime.of(hour, Integer.parseInt(minutes), seconds == null ? 0 : Integer.parseInt(seconds));
        } catch (DateTimeException notATime) {
            return null;
        }
    }

    private static ZoneOffset offset(Matcher zone) {
        String name = zone.group(1).toUpperCase(Locale.ROOT);
        switch (name) {
            case "WIB":
                return WIB;
            case "WITA":
                return ZoneOffset.ofHours(8);
            case "WIT":
                return ZoneOffset.ofHours(9);
            case "Z":
                return ZoneOffset.UTC;
            default:
                break;
        }
        if (zone.group(2) != null) {
            int hours = Integer.parseInt(zone.group(3));
            int minutes = zone.group(4) == null ? 0 : Integer.parseInt(zone.group(4));
            int sign = zone.group(2).equals("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        int sign = zone.group(5).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(zone.group(6)), sign * Integer.parseInt(zone.group(7)));
    }

    private static String noZone(String raw) {
        return "dateline '" + raw + "' names no time zone; assumed WIB (+07:00)";
    }

    private static String key(String monthName) {
        return monthName.toLowerCase(Locale.ROOT).replace(".", "");
    }

    private record Found(int start, int end, LocalDate date, LocalTime time, ZoneOffset offset, String zone) {
        Dateline toDateline(String raw) {
            if (time == null) {
                return new Dateline(date.toString(), raw, "dateline '" + raw + "' has no time; kept the date only");
            }
            OffsetDateTime at = OffsetDateTime.of(date, time, offset == null ? WIB : offset);
            return new Dateline(at.toString(), raw, offset == null ? noZone(raw) : null);
        }
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> m = new LinkedHashMap<>();
        String[][] names = {
            {"januari", "january", "jan"},
            {"februari", "pebruari", "february", "feb", "peb"},
            {"maret", "march", "mar"},
            {"april", "apr"},
            {"mei", "may"},
            {"juni", "june", "jun"},
            {"juli", "july", "jul"},
            {"agustus", "august", "agu", "agt", "ags", "aug"},
            {"september", "sept", "sep"},
            {"oktober", "october", "okt", "oct"},
            {"november", "nopember", "nov", "nop"},
            {"desember", "december", "des", "dec"},
        };
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                m.put(name, i + 1);
            }
        }
        return Map.copyOf(m);
    }
}
