package dev.kabar.article;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Recognises kabar's own outputs by their fields and reads them back as Indonesian articles.
 *
 * <p>A folder that held an earlier run's {@code out.jsonl} used to fail on it every run ("the
 * record has no body text"): an output document has {@code title_id} and sentence pairs, not a
 * body. Given on its own, such a file is an input like any other (to translate it again with
 * another model or settings): its Indonesian side (the title, the sentences of each paragraph) and
 * its metadata become the article. Met inside a folder it is left out with one line, since the
 * pages it was made from are usually beside it. The field names are those of the output package's
 * writers; a test keeps the two in step (this package cannot depend on that one).
 */
public final class KabarOutput {

    /** The kinds of kabar output. */
    public enum Kind {
        /** A JSON array of article documents. */
        JSON_DOCUMENTS("JSON article documents"),
        /** One article document per line. */
        JSONL_DOCUMENTS("JSONL article documents"),
        /** The per-article CSV. */
        ARTICLE_CSV("per-article CSV"),
        /** The per-sentence CSV. */
        SENTENCE_CSV("per-sentence CSV");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Words for messages. */
        public String label() {
            return label;
        }
    }

    /**
     * Columns every per-article CSV has had ({@code BilingualCsvWriter.COLUMNS}); later versions
     * added columns, so a header is recognised by containing these.
     */
    static final List<String> ARTICLE_COLUMNS = List.of("id", "source_file", "url", "date", "title_id", "title_en",
            "body_id", "body_en");
    /** Columns of the per-sentence CSV ({@code SentencePairCsvWriter.COLUMNS}), recognised the same way. */
    static final List<String> SENTENCE_COLUMNS = List.of("article_id", "paragraph", "index", "id", "en");

    private static final ObjectMapper MAPPER = JsonArticleReader.MAPPER;

    private KabarOutput() {
    }

    /**
     * Tells whether a text read as {@code format} is kabar output, by its first record's fields.
     *
     * @return the kind, or null when it is not kabar output (or cannot be parsed: its own reader
     *     will say why)
     */
    public static Kind kindOf(String text, InputFormat format) {
        return switch (format) {
            case JSONL -> firstLineIsDocument(text) ? Kind.JSONL_DOCUMENTS : null;
            case JSON -> firstArrayElementIsDocument(text) ? Kind.JSON_DOCUMENTS : null;
            case CSV -> csvKind(text);
            default -> null;
        };
    }

    /** An article document: {@code title_id}, {@code paragraphs} of sentence pairs, {@code stats}. */
    static boolean isDocument(JsonNode node) {
        return node != null && node.isObject() && node.has("title_id") && node.path("paragraphs").isArray()
                && node.has("stats") && node.has("source_file");
    }

    private static boolean firstLineIsDocument(String text) {
        for (String line : text.split("\r?\n|\r", 50)) {
            if (!line.isBlank()) {
                try {
                    return isDocument(MAPPER.readTree(line));
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean firstArrayElementIsDocument(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            return isDocument(MAPPER.readTree(parser));
        } catch (IOException e) {
            return false;
        }
    }

    private static Kind csvKind(String text) {
        int end = text.indexOf('\n');
        // kabar writes a plain header: names without quotes, separated by commas.
        List<String> header = List.of((end < 0 ? text : text.substring(0, end)).strip().split(","));
        if (header.containsAll(ARTICLE_COLUMNS)) {
            return Kind.ARTICLE_CSV;
        }
        if (header.containsAll(SENTENCE_COLUMNS) && !header.contains("body")) {
            return Kind.SENTENCE_CSV;
        }
        return null;
    }

    /**
     * Reads kabar output back as articles: the Indonesian title and paragraphs, with the id, URL,
     * date, dateline, lead, captions, credits, keywords and category it carries. Failed articles are
     * read too (their Indonesian is whole).
     */
    public static ReadResult read(InputText input, Kind kind) {
        try {
            return switch (kind) {
                case JSONL_DOCUMENTS -> readJsonLines(input);
                case JSON_DOCUMENTS -> readJsonArray(input);
                case ARTICLE_CSV -> readArticleCsv(input);
                case SENTENCE_CSV -> readSentenceCsv(input);
            };
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JacksonException j ? ParserMessage.plain(j) : e.getMessage();
            return ReadResult.problem(input.origin(), null, "this is kabar " + kind.label() + " but it cannot be read ("
                    + why + "); skipped it; translate the pages it was made from instead");
        }
    }

    private static ReadResult readJsonLines(InputText input) throws IOException {
        List<Article> articles = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        String[] lines = input.text().split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(lines[i]);
            } catch (JacksonException e) {
                problems.add(new ReadProblem(input.origin(), i + 1, "not valid JSON (" + ParserMessage.plain(e)
                        + "); skipped this line"));
                continue;
            }
            add(node, input, input.origin() + "#line " + (i + 1), i + 1, articles, problems);
        }
        return new ReadResult(articles, problems);
    }

    private static ReadResult readJsonArray(InputText input) throws IOException {
        List<Article> articles = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        JsonNode root = MAPPER.readTree(input.text());
        for (int k = 0; k < root.size(); k++) {
            add(root.get(k), input, input.origin() + "#" + k, null, articles, problems);
        }
        return new ReadResult(articles, problems);
    }

    private static void add(JsonNode node, InputText input, String origin, Integer line, List<Article> articles,
            List<ReadProblem> problems) {
        if (!isDocument(node)) {
            problems.add(new ReadProblem(input.origin(), line, "expected a kabar article document (title_id, "
                    + "paragraphs, stats), found another record; skipped it"));
            return;
        }
        Article.Builder article = Article.builder().origin(origin).id(text(node, "id")).url(text(node, "url"))
                .title(text(node, "title_id")).date(text(node, "date")).dateline(text(node, "dateline"))
                .lead(text(node, "lead")).sourceCredit(text(node, "source_credit")).publisher(text(node, "publisher"))
                .reporter(text(node, "reporter"))
                .editor(text(node, "editor")).category(text(node, "category"));
        for (JsonNode paragraph : node.path("paragraphs")) {
            List<String> sentences = new ArrayList<>();
            for (JsonNode pair : paragraph) {
                String id = text(pair, "id");
                if (id != null) {
                    sentences.add(id);
                }
            }
            if (!sentences.isEmpty()) {
                article.paragraph(String.join(" ", sentences));
            }
        }
        node.path("captions").forEach(c -> article.caption(c.asText()));
        node.path("keywords").forEach(k -> article.keyword(k.asText()));
        finish(article, input, articles, problems, line);
    }

    private static ReadResult readArticleCsv(InputText input) throws IOException {
        List<Article> articles = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(input.text()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                Article.Builder article = Article.builder().origin(input.origin() + "#row " + row)
                        .id(cell(record, "id")).url(cell(record, "url")).date(cell(record, "date"))
                        .category(cell(record, "category")).sourceCredit(cell(record, "source_credit"))
                        .publisher(cell(record, "publisher"))
                        .title(cell(record, "title_id")).lead(cell(record, "lead"));
                String body = cell(record, "body_id");
                if (body != null) {
                    for (String paragraph : body.split("\n\n")) {
                        if (!paragraph.isBlank()) {
                            article.paragraph(paragraph.strip());
                        }
                    }
                }
                finish(article, input, articles, problems, null);
            }
        }
        return new ReadResult(articles, problems);
    }

    private static ReadResult readSentenceCsv(InputText input) throws IOException {
        // Rows of one article are consecutive; paragraph 0 is the title.
        Map<String, Map<Integer, List<String>>> byArticle = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(input.text()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord record : parser) {
                String id = cell(record, "article_id");
                String sentence = cell(record, "id");
                if (id == null || sentence == null) {
                    continue;
                }
                int paragraph = Integer.parseInt(record.get("paragraph").strip());
                byArticle.computeIfAbsent(id, k -> new LinkedHashMap<>())
                        .computeIfAbsent(paragraph, k -> new ArrayList<>()).add(sentence);
            }
        }
        List<Article> articles = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, List<String>>> entry : byArticle.entrySet()) {
            Article.Builder article = Article.builder().origin(input.origin() + "#" + entry.getKey()).id(entry.getKey());
            entry.getValue().forEach((paragraph, sentences) -> {
                if (paragraph == 0) {
                    article.title(String.join(" ", sentences));
                } else {
                    article.paragraph(String.join(" ", sentences));
                }
            });
            finish(article, input, articles, problems, null);
        }
        return new ReadResult(articles, problems);
    }

    private static void finish(Article.Builder article, InputText input, List<Article> articles, List<ReadProblem> problems,
            Integer line) {
        if (article.paragraphs().isEmpty()) {
            problems.add(new ReadProblem(input.origin(), line, "the kabar article " + article.id()
                    + " has no Indonesian body; skipped it"));
            return;
        }
        input.warnings().forEach(article::warning);
        articles.add(article.build());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value;
    }
}
