package dev.kabar.digest;

import dev.kabar.article.Publisher;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One article as a digest shows it: everything the reader sees, already decided (which summary,
 * which source name), so that the HTML and Markdown renderers show the same content.
 *
 * @param titleEn the English headline
 * @param titleId the Indonesian headline, or null
 * @param published when it was published, or {@link PublicationTime#UNDATED}
 * @param source the site that published it, by its readable name ({@code detikcom}); when no site is
 *     known, the credited agency; else {@link DigestReader#UNKNOWN_SOURCE}; never null
 * @param credit the agency the article credits for its story ({@code Sumber: Antara}), or null
 * @param category section or category, or null
 * @param url the article's address, or null
 * @param summary the English summary: kabar's {@code summary_en}, else the opening body sentences
 * @param summaryFromBody true when there was no {@code summary_en} and {@link #summary()} holds the
 *     first two translated body sentences instead
 * @param readingMinutes reading time of the English body at {@link #WORDS_PER_MINUTE}, at least 1
 * @param origin the file (and record) it was read from, for messages
 */
public record DigestEntry(
        String titleEn,
        String titleId,
        PublicationTime published,
        String source,
        String credit,
        String category,
        String url,
        String summary,
        boolean summaryFromBody,
        int readingMinutes,
        String origin) {

    /** Reading speed for {@link #readingMinutes()}: a common figure for adults reading news on screen. */
    public static final int WORDS_PER_MINUTE = 200;

    /** Checks the fields a digest cannot do without. */
    public DigestEntry {
        Objects.requireNonNull(titleEn, "titleEn");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(source, "source");
        summary = summary == null ? "" : summary;
        if (readingMinutes < 1) {
            throw new IllegalArgumentException("reading time must be at least 1 minute, but is " + readingMinutes);
        }
    }

    /** The category with surrounding space removed, or null when the article has none. */
    public String categoryName() {
        return category == null || category.isBlank() ? null : category.strip();
    }

    /**
     * The credited agency when it is worth showing beside the source: null when there is none or it
     * is the source itself (an article grouped under its credit for want of a known site).
     */
    public String creditShown() {
        return credit == null || credit.isBlank() || credit.strip().equalsIgnoreCase(source) ? null : credit.strip();
    }

    /**
     * What a link to the article says: the readable name of the url's site ({@code detikcom} for
     * {@code https://news.detik.com/...}), so that a long address does not fill three lines of a phone;
     * the url itself when it has no host.
     */
    public String linkText() {
        return url == null ? null : Publisher.fromUrl(url).map(Publisher::name).orElse(url.strip());
    }

    /** The local date it was published on, or null when undated. */
    public LocalDate day() {
        return published.day();
    }

    /**
     * Reading time of a text in whole minutes at {@link #WORDS_PER_MINUTE}, rounded half up, at least 1:
     * a 50-word brief still takes a reader a minute to open and read.
     */
    public static int readingMinutes(String englishBody) {
        String body = englishBody == null ? "" : englishBody.strip();
        int words = body.isEmpty() ? 0 : body.split("\\s+").length;
        return Math.max(1, (words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE);
    }
}
