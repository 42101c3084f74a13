package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes articles from fields a program already holds (rows of a table, a data frame's columns):
 * the same cleaning and date reading as the CSV and JSON readers, with the date order given
 * explicitly, because a part of a data set (a Spark partition, a one-day slice) cannot be trusted
 * to settle it alone.
 */
public final class Articles {

    private Articles() {
    }

    /**
     * The fields of one article as exported data sets have them.
     *
     * @param origin where it came from, for messages and outputs ({@code feed.csv#row 12})
     * @param id the source id, or null (then the URL, else the content, names it)
     * @param title the title, or null
     * @param body the body text, cleaned like a page body
     * @param date the date as written, or null
     * @param url the url, or null
     * @param category the category, or null
     */
    public record Fields(String origin, String id, String title, String body, String date, String url, String category) {
    }

    /**
     * Cleans the fields into articles; a record without body text is a problem, not an article.
     *
     * @param order {@link DateOrder#DAY_FIRST} or {@link DateOrder#MONTH_FIRST}: how numeric dates
     *     read; the automatic orders are refused here, since they decide per input
     * @throws IllegalArgumentException when the order is not explicit
     */
    public static ReadResult fromFields(List<Fields> records, DateOrder order) {
        Objects.requireNonNull(order, "order");
        if (order != DateOrder.DAY_FIRST && order != DateOrder.MONTH_FIRST) {
            throw new IllegalArgumentException("fromFields needs day-first or month-first, not " + order
                    + ": a part of a data set cannot settle the order; settle it once for the whole set");
        }
        List<FieldRecord> fields = new ArrayList<>(records.size());
        for (Fields f : records) {
            fields.add(new FieldRecord(f.origin(), 0, f.id(), f.title(), f.body(), f.date(), f.url(), f.category()));
        }
        return FieldRecord.toArticles(fields, InputText.of("fields", ""), order, null, new NewsPageCleaner());
    }
}
