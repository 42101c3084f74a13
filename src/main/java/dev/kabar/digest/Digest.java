package dev.kabar.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A digest laid out for reading: days newest first (undated last), within each day groups by
 * category or source in alphabetical order, within each group articles newest first. Renderers walk
 * this structure and add nothing of their own, so HTML and Markdown show the same thing.
 *
 * @param days the days, in reading order
 */
public record Digest(List<Day> days) {

    /** Copies the list. */
    public Digest {
        days = List.copyOf(days);
    }

    /**
     * One day of articles.
     *
     * @param date the local date, or null for the undated articles
     * @param groups its groups, in reading order
     */
    public record Day(LocalDate date, List<Group> groups) {
        /** Copies the list. */
        public Day {
            groups = List.copyOf(groups);
        }

        /** The heading: {@code Fri 22 Nov 2024} or {@code Undated}. */
        public String heading() {
            return PublicationTime.displayDay(date);
        }
    }

    /**
     * The articles of one category or source on one day.
     *
     * @param name the category or source
     * @param entries its articles, newest first
     */
    public record Group(String name, List<DigestEntry> entries) {
        /** Copies the list. */
        public Group {
            Objects.requireNonNull(name, "name");
            entries = List.copyOf(entries);
        }
    }

    /** Lays out entries in reading order; the input order breaks ties, so equal inputs give equal digests. */
    public static Digest of(List<DigestEntry> entries) {
        List<DigestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(DigestEntry::published, PublicationTime.NEWEST_FIRST));
        Map<LocalDate, Map<String, List<DigestEntry>>> byDay = new LinkedHashMap<>();
        for (DigestEntry entry : sorted) {
            // Case-insensitive names so that "Berita" and "berita" from two files share a heading.
            byDay.computeIfAbsent(entry.day(), d -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                    .computeIfAbsent(entry.groupName().strip(), g -> new ArrayList<>()).add(entry);
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, groups) -> {
            List<Group> list = new ArrayList<>();
            groups.forEach((name, members) -> list.add(new Group(name, members)));
            days.add(new Day(date, list));
        });
        return new Digest(days);
    }

    /** Every article, in reading order. */
    public List<DigestEntry> entries() {
        return days.stream().flatMap(d -> d.groups().stream()).flatMap(g -> g.entries().stream()).toList();
    }

    /**
     * The digest's title with the span of dates it covers: {@code kabar digest: Fri 22 Nov 2024} or
     * {@code kabar digest: Mon 1 Sep 2025 – Tue 21 Oct 2025}.
     */
    public String title() {
        List<LocalDate> dates = days.stream().map(Day::date).filter(Objects::nonNull).toList();
        if (dates.isEmpty()) {
            return "kabar digest";
        }
        LocalDate newest = dates.get(0);
        LocalDate oldest = dates.get(dates.size() - 1);
        String span = newest.equals(oldest) ? PublicationTime.displayDay(newest)
                : PublicationTime.displayDay(oldest) + " \u2013 " + PublicationTime.displayDay(newest);
        return "kabar digest: " + span;
    }

    /** A one-line count for the top of the page: {@code 3 articles, 1 without a summary}. */
    public String countLine() {
        List<DigestEntry> all = entries();
        long noSummary = all.stream().filter(DigestEntry::summaryFromBody).count();
        String line = all.size() + (all.size() == 1 ? " article" : " articles");
        if (noSummary > 0) {
            line += String.format(Locale.ROOT, ", %d without a summary (opening sentences shown)", noSummary);
        }
        return line;
    }
}
