package dev.kabar.article;

import java.util.List;

/**
 * A publication date understood from a page's dateline or a data field.
 *
 * @param iso ISO-8601: {@code 2024-11-22T17:38+07:00}, or a plain date {@code 2015-11-05} when no time was printed
 * @param raw the text as printed
 * @param warning what had to be assumed (no time zone, no time), or null
 * @param credits the people the dateline line names, as printed, in line order: a name set off by a bar before
 *     the date ({@code Sari Dewi | Jum'at, 17 Februari 2017 - 13:30 wib}) or a labelled credit anywhere on it
 *     ({@code Reporter: Sari Dewi}, {@code Editor: Budi}); empty when it names none
 */
public record Dateline(String iso, String raw, String warning, List<String> credits) {

    /** Copies the credits; null stands for none. */
    public Dateline {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }

    /** A dateline that names no one. */
    public Dateline(String iso, String raw, String warning) {
        this(iso, raw, warning, List.of());
    }
}
