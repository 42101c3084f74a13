package dev.kabar.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One news article as kabar understands it, in Indonesian, before translation: metadata, the
 * body as paragraphs of plain text, and everything that was removed from the page, so that
 * nothing is silently lost.
 *
 * @param id stable identifier: the source's id when it has one, else derived from the origin
 * @param origin where it came from, for messages and outputs: a file path, {@code stdin}, or
 *     {@code file.csv#row 12}
 * @param url the article's address, or null
 * @param title the headline, or null
 * @param date publication time as ISO-8601 with offset (e.g. {@code 2024-11-22T17:38+07:00}), or null
 * @param dateline the dateline as printed on the page (e.g. {@code Jum'at, 22/11/2024 17:38 WIB}), or null
 * @param lead the place/agency lead without its dash (e.g. {@code JAKARTA, Jurnas.com}), or null
 * @param paragraphs body paragraphs, lead removed, in page order
 * @param captions photo captions
 * @param sourceCredit the credited source (e.g. {@code AFP} from {@code Sumber: AFP}), or null
 * @param publisher the site that published it, by its readable name ({@code detikcom}, {@code Kompas.com}),
 *     as {@link Publisher#find} decides from the url, page title, lead or page credits; or null
 * @param reporter the reporter (penulis/reporter), or null
 * @param editor the editor (editor/redaktur), or null
 * @param keywords tags or keywords
 * @param category section or category, or null
 * @param dropped navigation and boilerplate lines removed from the page, in page order
 * @param warnings problems met while reading that did not stop it (encoding guessed, date unparsed, ...)
 */
public record Article(
        String id,
        String origin,
        String url,
        String title,
        String date,
        String dateline,
        String lead,
        List<String> paragraphs,
        List<String> captions,
        String sourceCredit,
        String publisher,
        String reporter,
        String editor,
        List<String> keywords,
        String category,
        List<String> dropped,
        List<String> warnings) implements java.io.Serializable {

    /** Makes the lists unmodifiable and never null. */
    public Article {
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
        captions = captions == null ? List.of() : List.copyOf(captions);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Starts an empty builder; readers fill it step by step because metadata and body come from different places. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a stable id derived from the content: the first 16 hex digits of the SHA-256 of the title
     * and the paragraphs, so that the same article read twice gets the same id.
     */
    public static String contentId(String title, List<String> paragraphs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((title == null ? "" : title).getBytes(StandardCharsets.UTF_8));
            for (String paragraph : paragraphs) {
                sha.update((byte) '\n');
                sha.update(paragraph.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Returns the id of an article known by its address: the first 16 hex digits of the SHA-256 of
     * the URL with its scheme and host in lower case, without a fragment, {@code utm_*} tracking
     * parameters or a trailing slash, so that the same page fetched again keeps its id.
     */
    public static String urlId(String url) {
        return shortHash("url\n" + normalizedUrl(url));
    }

    /**
     * Returns the id of a page known by where it is saved: the first 16 hex digits of the SHA-256 of
     * its location key (see {@link InputText#key()}).
     */
    public static String locationId(String key) {
        return shortHash("path\n" + key);
    }

    static String normalizedUrl(String url) {
        String u = url.strip();
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        int query = u.indexOf('?');
        String path = query >= 0 ? u.substring(0, query) : u;
        String params = query >= 0 ? u.substring(query + 1) : "";
        StringBuilder kept = new StringBuilder();
        for (String param : params.split("&")) {
            if (!param.isEmpty() && !param.toLowerCase(Locale.ROOT).startsWith("utm_")) {
                kept.append(kept.length() == 0 ? "" : "&").append(param);
            }
        }
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            String authority = slash >= 0 ? path.substring(0, slash) : path;
            path = authority.toLowerCase(Locale.ROOT) + (slash >= 0 ? path.substring(slash) : "");
        }
        while (path.endsWith("/") && path.indexOf("://") >= 0 && path.length() > path.indexOf("://") + 3) {
            path = path.substring(0, path.length() - 1);
        }
        return kept.length() == 0 ? path : path + "?" + kept;
    }

    private static String shortHash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Mutable assembly of an {@link Article}; not thread-safe. */
    public static final class Builder {
        private String id;
        private String origin;
        private String url;
        private String title;
        private String date;
        private String dateline;
        private String lead;
        private final List<String> paragraphs = new ArrayList<>();
        private final List<String> captions = new ArrayList<>();
        private String sourceCredit;
        private String publisher;
        private String reporter;
        private String editor;
        private final List<String> keywords = new ArrayList<>();
        private String category;
        private final List<String> dropped = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        private Builder() {
        }

        /** Sets the id. */
        public Builder id(String value) { id = value; return this; }
        /** Sets the origin. */
        public Builder origin(String value) { origin = value; return this; }
        /** Sets the url. */
        public Builder url(String value) { url = value; return this; }
        /** Sets the title. */
        public Builder title(String value) { title = value; return this; }
        /** Sets the ISO-8601 date. */
        public Builder date(String value) { date = value; return this; }
        /** Sets the dateline as printed. */
        public Builder dateline(String value) { dateline = value; return this; }
        /** Sets the place/agency lead. */
        public Builder lead(String value) { lead = value; return this; }
        /** Sets the credited source. */
        public Builder sourceCredit(String value) { sourceCredit = value; return this; }
        /** Sets the publisher's readable name. */
        public Builder publisher(String value) { publisher = value; return this; }
        /** Sets the reporter. */
        public Builder reporter(String value) { reporter = value; return this; }
        /** Sets the editor. */
        public Builder editor(String value) { editor = value; return this; }
        /** Sets the category. */
        public Builder category(String value) { category = value; return this; }
        /** Appends a body paragraph. */
        public Builder paragraph(String value) { paragraphs.add(value); return this; }
        /** Appends a photo caption. */
        public Builder caption(String value) { captions.add(value); return this; }
        /** Appends a keyword. */
        public Builder keyword(String value) { keywords.add(value); return this; }
        /** Appends a dropped line. */
        public Builder dropped(String value) { dropped.add(value); return this; }
        /** Appends a warning. */
        public Builder warning(String value) { warnings.add(value); return this; }

        /** The id set so far, or null. */
        public String id() { return id; }
        /** The url set so far, or null. */
        public String url() { return url; }
        /** The lead set so far, or null. */
        public String lead() { return lead; }
        /** The title set so far, or null. */
        public String title() { return title; }
        /** The date set so far, or null. */
        public String date() { return date; }
        /** The reporter set so far, or null. */
        public String reporter() { return reporter; }
        /** The editor set so far, or null. */
        public String editor() { return editor; }
        /** The source credit set so far, or null. */
        public String sourceCredit() { return sourceCredit; }
        /** The category set so far, or null. */
        public String category() { return category; }
        /** The paragraphs appended so far (live view). */
        public List<String> paragraphs() { return paragraphs; }
        /** The keywords appended so far (live view). */
        public List<String> keywords() { return keywords; }

        /**
         * Builds the article. When no id was set it is derived from the URL ({@link #urlId}), else
         * from the content ({@link #contentId}): a record with neither id nor URL that changes is a
         * new article.
         */
        public Article build() {
            String articleId = id != null && !id.isBlank() ? id
                    : url != null && !url.isBlank() ? urlId(url) : contentId(title, paragraphs);
            return new Article(articleId, origin, url, title, date, dateline, lead, paragraphs, captions,
                    sourceCredit, publisher, reporter, editor, keywords, category, dropped, warnings);
        }
    }
}
