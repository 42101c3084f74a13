package dev.kabar.article;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     *
     * @param order the order asked for: given, or {@link DateOrder#AUTO} / {@link DateOrder#STRICT}
     *     to decide from the values
     * @param remembered the order an earlier file of the same job input settled, used when the
     *     values settle none; null when there is none
     */
    static ReadResult toArticles(List<FieldRecord> records, InputText input, DateOrder order, DateOrder remembered,
            NewsPageCleaner cleaner) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.date()));
        DatelineParser.OrderEvidence evidence = DatelineParser.orderEvidence(values);
        List<String> examples = new ArrayList<>();
        for (int i : evidence.ambiguous().subList(0, Math.min(3, evidence.ambiguous().size()))) {
            FieldRecord r = records.get(i);
            String where = r.origin().startsWith(input.origin()) ? r.origin().substring(input.origin().length()) : r.origin();
            examples.add(where + " '" + r.date().strip() + "'");
        }
        DateOrder dates;
        DateOrderChoice.Basis basis;
        if (order == DateOrder.DAY_FIRST || order == DateOrder.MONTH_FIRST) {
            dates = order;
            basis = DateOrderChoice.Basis.GIVEN;
        } else if (evidence.settled() != null) {
            dates = evidence.settled();
            basis = DateOrderChoice.Basis.VALUES;
        } else if (remembered == DateOrder.DAY_FIRST || remembered == DateOrder.MONTH_FIRST) {
            dates = remembered;
            basis = DateOrderChoice.Basis.REMEMBERED;
        } else {
            dates = DateOrder.DAY_FIRST;
            basis = DateOrderChoice.Basis.ASSUMED;
        }
        DateOrderChoice choice = new DateOrderChoice(input.origin(), dates, basis, evidence.ambiguous().size(), examples);
        boolean unsettled = basis == DateOrderChoice.Basis.ASSUMED && !evidence.ambiguous().isEmpty();
        if (unsettled && order == DateOrder.STRICT) {
            return new ReadResult(List.of(), List.of(new ReadProblem(input.origin(), null, evidence.ambiguous().size()
                    + " numeric dates read both day-first and month-first and nothing settles the order (first: "
                    + String.join(", ", examples) + "); skipped the file, as date order strict asks; give "
                    + "--date-order day-first or month-first (date_order in a job file)")), List.of(), List.of(choice));
        }
        Set<Integer> ambiguous = unsettled ? new HashSet<>(evidence.ambiguous()) : Set.of();
        List<Article> articles = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            FieldRecord record = records.get(index);
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
                if (ambiguous.contains(index)) {
                    article.warning("date '" + raw + "' reads both day-first and month-first and nothing in the file "
                            + "settles the order; read it day-first; give --date-order (date_order in a job file) if "
                            + "that is wrong");
                }
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
        return new ReadResult(articles, problems, List.of(), List.of(choice));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
