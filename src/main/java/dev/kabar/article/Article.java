package dev.kabar.article;

import java.util.List;

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
        String reporter,
        String editor,
        List<String> keywords,
        String category,
        List<String> dropped,
        List<String> warnings) {

    /** Makes the lists unmodifiable and never null. */
    public Article {
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
        captions = captions == null ? List.of() : List.copyOf(captions);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
