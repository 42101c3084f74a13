package dev.kabar.article;

import java.util.Locale;

/**
 * How to read numeric dates such as {@code 05/11/2015}: Indonesian pages put the day first, some
 * exported data sets (detik-2025's {@code tanggal}) put the month first.
 */
public enum DateOrder {
    /**
     * Decide per input from its values: a first number above 12 means day first, a second above 12
     * month first; when nothing settles it, an order remembered for the input, else day first with a
     * warning.
     */
    AUTO,
    /** {@code dd/mm/yyyy}, the Indonesian convention. */
    DAY_FIRST,
    /** {@code mm/dd/yyyy}, the US convention. */
    MONTH_FIRST,
    /**
     * As {@link #AUTO}, but an input whose values cannot settle the order (and no earlier file of
     * the same job input did) is refused rather than read day first.
     */
    STRICT;

    /**
     * Parses {@code auto}, {@code day-first}, {@code month-first} or {@code strict} (case and
     * {@code _}/{@code -} ignored).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static DateOrder fromName(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DateOrder order : values()) {
            if (order.name().equals(key)) {
                return order;
            }
        }
        throw new IllegalArgumentException("date order '" + name + "' is not one of auto, day-first, month-first, strict");
    }
}
