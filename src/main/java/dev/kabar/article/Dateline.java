package dev.kabar.article;

/**
 * A publication date understood from a page's dateline or a data field.
 *
 * @param iso ISO-8601: {@code 2024-11-22T17:38+07:00}, or a plain date {@code 2015-11-05} when no time was printed
 * @param raw the text as printed
 * @param warning what had to be assumed (no time zone, no time), or null
 */
public record Dateline(String iso, String raw, String warning) {
}
