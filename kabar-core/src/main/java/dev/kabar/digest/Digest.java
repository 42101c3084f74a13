package dev.kabar.digest;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A digest laid out for reading: days newest first (undated last); within each day one group per
 * source (the publishing site) in alphabetical order, {@link DigestReader#UNKNOWN_SOURCE} last;
 * within a source, when any of its articles has a category, one level per category (alphabetical,
 * {@link #OTHER_CATEGORY} last); articles newest first. Days and groups carry anchors for the
 * contents list. Renderers walk this structure and add nothing of their own, so HTML and Markdown
 * show the same thing.
 *
 * <p>Articles whose sentences are mostly suspect ({@link DigestEntry#toCheck()}) are not among the
 * days: they are listed apart, at the end, under {@link #TO_CHECK_HEADING}, newest first.
 *
 * @param days the days, in reading order
 * @param toCheck the articles listed apart as translations to check, newest first
 */
public record Digest(List<Day> days, List<DigestEntry> toCheck) {

    /** The heading of the section of articles whose sentences are mostly suspect. */
    public static final String TO_CHECK_HEADING = "Translations to check";
    /** The anchor of that section. */
    public static final String TO_CHECK_ANCHOR = "to-check";
    /** What that section says under its heading. */
    public static final String TO_CHECK_NOTE = "More than half of the translated sentences of these articles were found "
            + "suspect by kabar's checks; read the Indonesian original before relying on them.";

    /** The category heading of a source's articles that have none, when its others have one. */
    public static final String OTHER_CATEGORY = "Other";

    /** Copies the lists. */
    public Digest {
        days = List.copyOf(days);
        toCheck = toCheck == null ? List.of() : List.copyOf(toCheck);
    }

    /** A digest with no article listed apart. */
    public Digest(List<Day> days) {
        this(days, List.of());
    }

    /**
     * One day of articles.
     *
     * @param date the local date, or null for the undated articles
     * @param anchor the id of the day's section ({@code day-2024-11-22}, {@code day-undated})
     * @param groups its sources, in reading order
     */
    public record Day(LocalDate date, String anchor, List<Group> groups) {
        /** Copies the list. */
        public Day {
            Objects.requireNonNull(anchor, "anchor");
            groups = List.copyOf(groups);
        }

        /** The heading: {@code Fri 22 Nov 2024} or {@code Undated}. */
        public String heading() {
            return PublicationTime.displayDay(date);
        }

        /** How many articles the day has. */
        public int count() {
            return groups.stream().mapToInt(Group::count).sum();
        }
    }

    /**
     * The articles of one source on one day.
     *
     * @param name the source's readable name
     * @param anchor the id of the group's section, unique in the digest ({@code day-2024-11-22-detikcom})
     * @param categories its articles by category; a single one with a null name when none of them
     *     has a category
     */
    public record Group(String name, String anchor, List<Category> categories) {
        /** Copies the list. */
        public Group {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(anchor, "anchor");
            categories = List.copyOf(categories);
        }

        /** Whether the group is divided by category, so that its categories get headings. */
        public boolean categorised() {
            return categories.stream().anyMatch(c -> c.name() != null);
        }

        /** The group's articles, in reading order. */
        public List<DigestEntry> entries() {
            return categories.stream().flatMap(c -> c.entries().stream()).toList();
        }

        /** How many articles the group has. */
        public int count() {
            return categories.stream().mapToInt(c -> c.entries().size()).sum();
        }
    }

    /**
     * The articles of one category within a source.
     *
     * @param name the category as first seen (categories differing only in case are one), or null
     *     when the source's articles have no categories
     * @param entries its articles, newest first
     */
    public record Category(String name, List<DigestEntry> entries) {
        /** Copies the list. */
        public Category {
            entries = List.copyOf(entries);
        }
    }

    /** Lays out entries in reading order; the input order breaks ties, so equal inputs give equal digests. */
    public static Digest of(List<DigestEntry> entries) {
        List<DigestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(DigestEntry::published, PublicationTime.NEWEST_FIRST));
        List<DigestEntry> toCheck = sorted.stream().filter(DigestEntry::toCheck).toList();
        sorted.removeIf(DigestEntry::toCheck);
        // Case-insensitive names, so that "Berita" and "BERITA" from two files share a heading.
        Comparator<String> sources = Comparator.comparing((String s) -> s.equalsIgnoreCase(DigestReader.UNKNOWN_SOURCE))
                .thenComparing(String.CASE_INSENSITIVE_ORDER);
        Map<LocalDate, Map<String, List<DigestEntry>>> byDay = new LinkedHashMap<>();
        for (DigestEntry entry : sorted) {
            byDay.computeIfAbsent(entry.day(), d -> new TreeMap<>(sources))
                    .computeIfAbsent(entry.source().strip(), g -> new ArrayList<>()).add(entry);
        }
        Set<String> anchors = new HashSet<>();
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, groups) -> {
            String dayAnchor = unique(anchors, "day-" + (date == null ? "undated" : date.toString()));
            List<Group> list = new ArrayList<>();
            groups.forEach((name, members) ->
                    list.add(new Group(name, unique(anchors, dayAnchor + "-" + slug(name)), categories(members))));
            days.add(new Day(date, dayAnchor, list));
        });
        return new Digest(days, toCheck);
    }

    private static List<Category> categories(List<DigestEntry> members) {
        if (members.stream().allMatch(e -> e.categoryName() == null)) {
            return List.of(new Category(null, members));
        }
        Map<String, List<DigestEntry>> byCategory = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<DigestEntry> other = new ArrayList<>();
        for (DigestEntry entry : members) {
            if (entry.categoryName() == null) {
                other.add(entry);
            } else {
                byCategory.computeIfAbsent(entry.categoryName(), c -> new ArrayList<>()).add(entry);
            }
        }
        List<Category> list = new ArrayList<>();
        byCategory.forEach((name, inCategory) -> list.add(new Category(name, inCategory)));
        if (!other.isEmpty()) {
            list.add(new Category(OTHER_CATEGORY, other));
        }
        return list;
    }

    /** Lower-case ASCII letters and digits joined by dashes: {@code Kompas.com} → {@code kompas-com}. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "source" : slug;
    }

    // Two names can make one slug ("Kompas.com", "kompas com"): the later one gets "-2", "-3", ...
    private static String unique(Set<String> taken, String anchor) {
        String candidate = anchor;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = anchor + "-" + n;
        }
        return candidate;
    }

    /** Every article, in reading order: the days', then those listed apart. */
    public List<DigestEntry> entries() {
        List<DigestEntry> all = new ArrayList<>(days.stream().flatMap(d -> d.groups().stream())
                .flatMap(g -> g.entries().stream()).toList());
        all.addAll(toCheck);
        return all;
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

    /**
     * A one-line count for the top of the page: {@code 3 articles, 1 without a summary (opening
     * sentences shown), 1 listed apart as translations to check}.
     */
    public String countLine() {
        List<DigestEntry> all = entries();
        long noSummary = all.stream().filter(DigestEntry::summaryFromBody).count();
        String line = articles(all.size());
        if (noSummary > 0) {
            line += String.format(Locale.ROOT, ", %d without a summary (opening sentences shown)", noSummary);
        }
        if (!toCheck.isEmpty()) {
            line += String.format(Locale.ROOT, ", %d listed apart as translations to check", toCheck.size());
        }
        return line;
    }

    /** {@code 1 article}, {@code 5 articles}. */
    static String articles(int n) {
        return n + (n == 1 ? " article" : " articles");
    }
}
