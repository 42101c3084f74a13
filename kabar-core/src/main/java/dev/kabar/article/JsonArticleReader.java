package dev.kabar.article;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads articles from JSON (an array of objects, or an object holding one) or JSONL (one object
 * per line), with field names or dotted paths from a {@link FieldMapping}. In JSONL a bad line is
 * reported and skipped; in JSON a syntax error stops the file at that line, keeping the articles
 * before it. Thread-safe.
 */
public final class JsonArticleReader implements ArticleReader {

    /**
     * The whole file is already in memory as a string, so Jackson's default cap on one string value
     * (20 million characters, a guard for servers) would only refuse a long page's body. Shared
     * with {@link KabarOutput}.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

    private final boolean jsonLines;
    private final FieldMapping fields;
    private final DateOrder dateOrder;
    private final DateOrder remembered;
    private final NewsPageCleaner cleaner;

    /**
     * Creates a reader.
     *
     * @param jsonLines true for JSONL, false for a JSON document
     */
    public JsonArticleReader(boolean jsonLines, FieldMapping fields, DateOrder dateOrder, DateOrder remembered,
            NewsPageCleaner cleaner) {
        this.jsonLines = jsonLines;
        this.fields = fields;
        this.dateOrder = dateOrder;
        this.remembered = remembered;
        this.cleaner = cleaner;
    }

    @Override
    public ReadResult read(InputText input) {
        List<FieldRecord> records = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        if (jsonLines) {
            readLines(input, records, problems);
        } else {
            readDocument(input, records, problems);
        }
        return new ReadResult(List.of(), problems).plus(FieldRecord.toArticles(records, input, dateOrder, remembered, cleaner));
    }

    private void readLines(InputText input, List<FieldRecord> records, List<ReadProblem> problems) {
        String[] lines = input.text().split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode node = MAPPER.readTree(lines[i]);
                add(node, input.origin(), line, input.origin() + "#line " + line, records, problems);
            } catch (JsonProcessingException e) {
                problems.add(new ReadProblem(input.origin(), line, "not valid JSON (" + ParserMessage.plain(e)
                        + " at column " + e.getLocation().getColumnNr() + "); skipped this line; each line of a "
                        + "JSONL file must be one complete JSON object"));
            }
        }
    }

    private void readDocument(InputText input, List<FieldRecord> records, List<ReadProblem> problems) {
        try (JsonParser parser = MAPPER.createParser(input.text())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readArray(parser, input.origin(), records, problems);
            } else if (first == JsonToken.START_OBJECT) {
                readObject(parser, input.origin(), records, problems);
            } else {
                problems.add(new ReadProblem(input.origin(), 1, "expected a JSON array of articles or an object "
                        + "holding one, found " + first + "; use --format jsonl for one object per line"));
            }
        } catch (JsonProcessingException e) {
            problems.add(new ReadProblem(input.origin(), e.getLocation() == null ? null : e.getLocation().getLineNr(),
                    "not valid JSON (" + ParserMessage.plain(e) + "); kept the " + records.size()
                            + " articles before this line and skipped the rest of the file; fix the syntax here"));
        } catch (IOException e) {
            problems.add(new ReadProblem(input.origin(), null, "cannot read JSON: " + e.getMessage()));
        }
    }

    private void readArray(JsonParser parser, String origin, List<FieldRecord> records, List<ReadProblem> problems)
            throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int line = parser.currentTokenLocation().getLineNr();
            JsonNode node = MAPPER.readTree(parser);
            add(node, origin, line, origin + "#" + index, records, problems);
            index++;
        }
    }

    /** The articles are in the first field that holds an array; an object without one is a single article. */
    private void readObject(JsonParser parser, String origin, List<FieldRecord> records, List<ReadProblem> problems)
            throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        ObjectNode rest = MAPPER.createObjectNode();
        boolean arrayRead = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && !arrayRead && !isMappedField(name)) {
                readArray(parser, origin, records, problems);
                arrayRead = true;
            } else {
                rest.set(name, MAPPER.readTree(parser));
            }
        }
        if (!arrayRead) {
            add(rest, origin, line, origin, records, problems);
        }
    }

    /** An array under the body field ("paragraphs") is the body of a single article, not a list of articles. */
    private boolean isMappedField(String name) {
        return name.equals(fields.body()) || (fields.body() == null && FieldMapping.BODY_NAMES.contains(name));
    }

    private void add(JsonNode node, String origin, int line, String articleOrigin, List<FieldRecord> records,
            List<ReadProblem> problems) {
        if (!node.isObject()) {
            problems.add(new ReadProblem(origin, line, "expected an article object, found " + node.getNodeType()
                    + "; skipped it"));
            return;
        }
        String body = value(node, fields.body(), FieldMapping.BODY_NAMES);
        if (body == null) {
            // A field that is there but null (or not text) is a different fault from a missing one: say which.
            String present = fields.body() != null ? (at(node, fields.body()) != null && !at(node, fields.body()).isMissingNode()
                    ? fields.body() : null) : FieldMapping.BODY_NAMES.stream().filter(node::has).findFirst().orElse(null);
            if (present != null) {
                JsonNode value = at(node, present);
                problems.add(new ReadProblem(origin, line, "the object's body field '" + present + "' is "
                        + (value.isNull() ? "null" : "an " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                        + ", not text") + "; skipped it; give the article's text there"));
                return;
            }
            problems.add(new ReadProblem(origin, line, "the object has no body field ("
                    + (fields.body() != null ? "'" + fields.body() + "'" : "one of " + FieldMapping.BODY_NAMES)
                    + "); skipped it; name the body field in the mapping"));
            return;
        }
        records.add(new FieldRecord(articleOrigin, line, value(node, fields.id(), FieldMapping.ID_NAMES),
                value(node, fields.title(), FieldMapping.TITLE_NAMES), body,
                value(node, fields.date(), FieldMapping.DATE_NAMES), value(node, fields.url(), FieldMapping.URL_NAMES),
                value(node, fields.category(), FieldMapping.CATEGORY_NAMES)));
    }

    private static String value(JsonNode node, String explicit, List<String> usual) {
        if (explicit != null) {
            return text(at(node, explicit));
        }
        for (String name : usual) {
            String found = text(node.get(name));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Follows a dotted path such as {@code meta.title}; a field whose own name has a dot is found too. */
    private static JsonNode at(JsonNode node, String path) {
        if (node.has(path)) {
            return node.get(path);
        }
        JsonNode current = node;
        for (String step : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.isArray() && step.matches("\\d+") ? current.get(Integer.parseInt(step)) : current.get(step);
        }
        return current;
    }

    /** Text of a value: strings and numbers as written, arrays of paragraphs joined by blank lines. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                String part = text(it.next());
                if (part != null && !part.isBlank()) {
                    parts.add(part);
                }
            }
            return String.join("\n\n", parts);
        }
        return null;
    }
}
