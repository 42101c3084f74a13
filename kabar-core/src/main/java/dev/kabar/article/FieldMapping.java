package dev.kabar.article;

import java.util.List;

/**
 * Which column (CSV) or field (JSON) holds each part of an article. A null entry means "look for
 * the usual names": the English ones and the Indonesian ones that exported data sets use
 * ({@code judul}, {@code isi_berita}, {@code tanggal}, {@code tautan}).
 *
 * <p>In CSV an entry is a header name, or a 0-based column index written as digits when no header
 * has that name. In JSON an entry is a field name or a dotted path ({@code meta.title}).
 *
 * @param id the source's article id
 * @param title the headline
 * @param body the article text; required
 * @param date the publication date
 * @param url the article's address
 * @param category the section or topic
 */
public record FieldMapping(String id, String title, String body, String date, String url, String category)
        implements java.io.Serializable {

    /** Names tried for the id when none is given. */
    public static final List<String> ID_NAMES = List.of("id", "guid", "article_id");
    /** Names tried for the title when none is given. */
    public static final List<String> TITLE_NAMES = List.of("title", "judul", "headline");
    /** Names tried for the body when none is given. */
    public static final List<String> BODY_NAMES = List.of("body", "text", "content", "isi_berita", "isi", "article",
            "berita", "paragraphs");
    /** Names tried for the date when none is given. */
    public static final List<String> DATE_NAMES = List.of("date", "tanggal", "published", "published_at",
            "datePublished", "pubDate", "waktu");
    /** Names tried for the url when none is given. */
    public static final List<String> URL_NAMES = List.of("url", "link", "tautan", "source_url");
    /** Names tried for the category when none is given. */
    public static final List<String> CATEGORY_NAMES = List.of("category", "kategori", "section", "rubrik");

    /** A mapping that looks for the usual names everywhere. */
    public static FieldMapping auto() {
        return new FieldMapping(null, null, null, null, null, null);
    }

    /** Returns a copy with the id field set. */
    public FieldMapping withId(String field) {
        return new FieldMapping(field, title, body, date, url, category);
    }

    /** Returns a copy with the title field set. */
    public FieldMapping withTitle(String field) {
        return new FieldMapping(id, field, body, date, url, category);
    }

    /** Returns a copy with the body field set. */
    public FieldMapping withBody(String field) {
        return new FieldMapping(id, title, field, date, url, category);
    }

    /** Returns a copy with the date field set. */
    public FieldMapping withDate(String field) {
        return new FieldMapping(id, title, body, field, url, category);
    }

    /** Returns a copy with the url field set. */
    public FieldMapping withUrl(String field) {
        return new FieldMapping(id, title, body, date, field, category);
    }

    /** Returns a copy with the category field set. */
    public FieldMapping withCategory(String field) {
        return new FieldMapping(id, title, body, date, url, field);
    }
}
