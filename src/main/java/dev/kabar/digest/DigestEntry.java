package dev.kabar.digest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One article as a digest shows it: everything the reader sees, already decided (which summary,
 * which source name), so that the HTML and Markdown renderers show the same content.
 *
 * @param titleEn the English headline
 * @param titleId the Indonesian headline, or null
 * @param published when it was published, or {@link PublicationTime#UNDATED}
 * @param source who it is from: the credited source, the lead's agency or the site; never null
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

    /** The group an entry belongs to within its day: its category when it has one, else its source. */
    public String groupName() {
        return category != null && !category.isBlank() ? category : source;
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
