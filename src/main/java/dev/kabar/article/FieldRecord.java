package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;

/**
 * The raw fields of one CSV record or JSON object, before cleaning.
 *
 * @param origin the article origin, e.g. {@code data.csv#row 12}
 * @param line the 1-based line where the record starts
 * @param id the source id, or null
 * @param title the title, or null
 * @param body the body text
 * @param date the date as written, or null
 * @param url the url, or null
 * @param category the category, or null
 */
record FieldRecord(String origin, int line, String id, String title, String body, String date, String url,
        String category) {

    /**
     * Turns records into articles: the body is cleaned like a page body, the date normalised with
     * an order decided once for the whole input, the input's decoding warnings copied to each article.
     */
    static ReadResult toArticles(List<FieldRecord> records, InputText input, DateOrder order, NewsPageCleaner cleaner) {
        DateOrder dates = order;
        if (order == DateOrder.AUTO) {
            List<String> values = new ArrayList<>();
            records.forEach(r -> values.add(r.date()));
            dates = DatelineParser.inferOrder(values);
        }
        List<Article> articles = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (FieldRecord record : records) {
            if (record.body() == null || record.body().isBlank()) {
                problems.add(new ReadProblem(input.origin(), record.line(),
                        "the record has no body text; skipped it; check the body column or field mapping"));
                continue;
            }
            Article.Builder article = cleaner.cleanBody(record.body(), record.origin());
            article.id(blankToNull(record.id())).title(blankToNull(record.title())).url(blankToNull(record.url()));
            Publisher.find(article.url(), article.lead(), null, null).ifPresent(p -> article.publisher(p.name()));
            if (record.category() != null && !record.category().isBlank()) {
                article.category(record.category().strip());
            }
            if (record.date() != null && !record.date().isBlank()) {
                String raw = record.date().strip();
                article.dateline(raw);
                DatelineParser.parseField(raw, dates).ifPresentOrElse(date -> {
                    article.date(date.iso());
                    if (date.warning() != null) {
                        article.warning(date.warning());
                    }
                }, () -> article.warning("date '" + raw + "' not understood; kept as printed in the dateline"));
            }
            if (article.paragraphs().isEmpty()) {
                article.warning("nothing of the body was left after removing boilerplate");
            }
            input.warnings().forEach(article::warning);
            articles.add(article.build());
        }
        return new ReadResult(articles, problems);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
