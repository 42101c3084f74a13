package dev.kabar.digest;

import dev.kabar.article.Publisher;
import dev.kabar.trust.ArticleTrust;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * @param titleReasons why the English headline is suspect ({@code code: detail} joined with
 *     {@code "; "}), or null when it is not (or its trust is unknown)
 * @param suspects the suspect sentences that {@link #summary()} shows word for word, in the order
 *     they appear in it; empty when none is (or trust is unknown, or the summary is abstractive)
 * @param trust the article's trust by the rule of {@link ArticleTrust}, or null when unknown (an
 *     output written before kabar checked sentences)
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
        String origin,
        String titleReasons,
        List<Suspect> suspects,
        ArticleTrust trust) {

    /** First character of a marker placeholder in {@link #markedTitle()} and {@link #markedSummary()}. */
    public static final char MARK_START = '\uE000';
    /** Last character of a marker placeholder; between the two, the marker's number. */
    public static final char MARK_END = '\uE001';

    /**
     * A sentence shown in the digest whose translation is suspect.
     *
     * @param english the sentence as shown
     * @param reasons why it is suspect, {@code code: detail} joined with {@code "; "}
     */
    public record Suspect(String english, String reasons) {
        /** Checks that both parts are present. */
        public Suspect {
            Objects.requireNonNull(english, "english");
            Objects.requireNonNull(reasons, "reasons");
        }
    }

    /** An entry without anything known of its translation's trust. */
    public DigestEntry(String titleEn, String titleId, PublicationTime published, String source, String credit, String category,
            String url, String summary, boolean summaryFromBody, int readingMinutes, String origin) {
        this(titleEn, titleId, published, source, credit, category, url, summary, summaryFromBody, readingMinutes, origin,
                null, List.of(), null);
    }

    /** Reading speed for {@link #readingMinutes()}: a common figure for adults reading news on screen. */
    public static final int WORDS_PER_MINUTE = 200;

    /** Checks the fields a digest cannot do without. */
    public DigestEntry {
        Objects.requireNonNull(titleEn, "titleEn");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(source, "source");
        summary = summary == null ? "" : summary;
        suspects = suspects == null ? List.of() : List.copyOf(suspects);
        if (readingMinutes < 1) {
            throw new IllegalArgumentException("reading time must be at least 1 minute, but is " + readingMinutes);
        }
    }

    /** Whether the article is listed apart, as one whose sentences are mostly suspect. */
    public boolean toCheck() {
        return trust == ArticleTrust.MOSTLY_SUSPECT;
    }

    /**
     * The reasons of each marker, in marker order: the headline's first when it is suspect, then
     * those of {@link #suspects()}. Marker {@code n} has the reasons at index {@code n - 1}.
     */
    public List<String> markNotes() {
        List<String> notes = new ArrayList<>();
        if (titleReasons != null) {
            notes.add(titleReasons);
        }
        suspects.forEach(s -> notes.add(s.reasons()));
        return notes;
    }

    /**
     * The headline, followed by a marker placeholder ({@link #MARK_START}, the number 1,
     * {@link #MARK_END}) when it is suspect. Renderers escape the text, then replace placeholders
     * by their own markup: the placeholder characters are private-use and pass escaping unchanged.
     */
    public String markedTitle() {
        return titleReasons == null ? titleEn : titleEn + placeholder(1);
    }

    /** The summary with a marker placeholder after each suspect sentence it shows, numbered after the headline's. */
    public String markedSummary() {
        StringBuilder out = new StringBuilder(summary.length() + 8 * suspects.size());
        int from = 0;
        int number = titleReasons == null ? 1 : 2;
        for (Suspect suspect : suspects) {
            int at = summary.indexOf(suspect.english(), from);
            if (at < 0) {
                throw new IllegalStateException("the suspect sentence '" + suspect.english() + "' is not in the summary of "
                        + origin + " after position " + from);
            }
            int end = at + suspect.english().length();
            out.append(summary, from, end).append(placeholder(number++));
            from = end;
        }
        return out.append(summary, from, summary.length()).toString();
    }

    private static String placeholder(int number) {
        return MARK_START + Integer.toString(number) + MARK_END;
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
