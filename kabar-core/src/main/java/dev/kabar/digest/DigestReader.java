package dev.kabar.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.article.Publisher;
import dev.kabar.trust.ArticleTrust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads kabar's outputs into {@link DigestEntry}s: JSON arrays and JSONL of
 * {@link dev.kabar.output.ArticleDocument}s, and per-article CSV ({@code id, source_file, url, date,
 * title_id, title_en, body_id, body_en}). Fields are read by name and unknown ones ignored, so files
 * from older and newer kabar versions both read; the summary fields {@code summary_en} (and, in CSV,
 * the column of that name) are used when present and non-null.
 *
 * <p>An article's source is the site that published it: the output's {@code publisher} (what
 * {@link Publisher#find} decided when the article was read, from its url, page title, lead or
 * credits), else, for outputs written before that field existed, the publisher of its url or
 * lead; else its {@code source_credit}; else {@link #UNKNOWN_SOURCE}.
 *
 * <p>The trust kabar wrote is read too: in JSON and JSONL, the verdict of the headline
 * ({@code title_trust}) and of each body pair, and the article's {@code stats.trust}; in the
 * per-article CSV, the {@code trust} column only. A suspect sentence that the entry shows word for
 * word (the headline, a sentence of an extractive summary, an opening sentence) is marked
 * ({@link SuspectSentences#MARK}, the default) or left out ({@link SuspectSentences#OMIT}). An
 * abstractive summary is the summariser's own text and is shown as it is. Sentences passed through
 * as English appear as they are.
 *
 * <p>Failed articles (no English title) are left out and counted. An article read twice (the same
 * {@code id}, say from a run's JSON and its CSV) is shown once. Not thread-safe.
 */
public final class DigestReader {

    /**
     * What an article translated to an empty English headline shows instead (a short headline can
     * come back empty from a model limited to a few tokens); kabar still counts it as translated.
     */
    public static final String NO_ENGLISH_TITLE = "(no English title)";

    /** What a headline whose translation is suspect shows when suspect sentences are left out. */
    public static final String WITHHELD_TITLE = "(English headline withheld: its translation is suspect)";

    /** How many opening body sentences stand in for a missing summary. */
    public static final int FALLBACK_SENTENCES = 2;

    /** The source of an article that names neither a site nor a credited agency. */
    public static final String UNKNOWN_SOURCE = "Unknown source";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    // An English sentence ends at . ! or ? (possibly followed by a closing quote or bracket) before a space.
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"'\u201d\u2019)\\]]?)\\s+");

    private final List<DigestEntry> entries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> seenIds = new LinkedHashSet<>();
    private final SuspectSentences suspectSentences;
    private int failed;
    private int duplicates;

    /** A reader that marks suspect sentences. */
    public DigestReader() {
        this(SuspectSentences.MARK);
    }

    /** A reader that marks suspect sentences or leaves them out. */
    public DigestReader(SuspectSentences suspectSentences) {
        this.suspectSentences = java.util.Objects.requireNonNull(suspectSentences, "suspectSentences");
    }

    /**
     * Reads one file, deciding its format from its extension ({@code .json}, {@code .jsonl},
     * {@code .ndjson}, {@code .csv}), else from its first character.
     *
     * @throws DigestInputException naming the file when it cannot be read; entries read before the
     *     problem are kept
     */
    public void read(Path file) throws DigestInputException {
        if (!Files.isRegularFile(file)) {
            throw new DigestInputException("input '" + file + "' is not a file; give kabar's .json, .jsonl or .csv outputs");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                readCsv(file);
            } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                readJsonLines(file);
            } else if (name.endsWith(".json")) {
                readJsonArray(file);
            } else {
                readSniffed(file);
            }
        } catch (IOException | RuntimeException e) {
            throw new DigestInputException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads each file in turn; one that cannot be read does not stop the others.
     *
     * @return one message per file that could not be read, naming it; empty when all were read
     */
    public List<String> readAll(Iterable<Path> files) {
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            try {
                read(file);
            } catch (DigestInputException e) {
                unreadable.add(e.getMessage());
            }
        }
        return unreadable;
    }

    /** The articles read so far, in file order. */
    public List<DigestEntry> entries() {
        return List.copyOf(entries);
    }

    /** Records that could not be used, each a sentence naming the file and line. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Failed articles left out (kabar keeps them in JSON with their error, but they have no English). */
    public int failedArticles() {
        return failed;
    }

    /** Articles left out because an earlier input had the same id. */
    public int duplicateArticles() {
        return duplicates;
    }

    private void readSniffed(Path file) throws IOException, DigestInputException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            do {
                c = in.read();
            } while (c == '\uFEFF' || (c != -1 && Character.isWhitespace(c)));
            if (c == '[') {
                readJsonArray(file);
            } else if (c == '{') {
                readJsonLines(file);
            } else if (c == -1) {
                return;
            } else {
                throw new DigestInputException("cannot tell the format of '" + file
                        + "'; name it .json, .jsonl or .csv as kabar translate wrote it");
            }
        }
    }

    private void readJsonArray(Path file) throws IOException, DigestInputException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DigestInputException("'" + file + "' is not valid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return;
        }
        if (root.isObject()) {
            addJson(root, file + "#1");
            return;
        }
        if (!root.isArray()) {
            throw new DigestInputException("'" + file + "' holds neither an array of articles nor one article");
        }
        for (int k = 0; k < root.size(); k++) {
            addJson(root.get(k), file + "#" + (k + 1));
        }
    }

    private void readJsonLines(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    addJson(JSON.readTree(line), file + "#line " + number);
                } catch (JsonProcessingException e) {
                    // One bad line (a run killed mid-write by an older tool) should not cost the others.
                    problems.add(file + " line " + number + ": not a JSON document, skipped: " + e.getOriginalMessage());
                }
            }
        }
    }

    private void addJson(JsonNode doc, String origin) {
        if (doc == null || !doc.isObject()) {
            problems.add(origin + ": not an article object, skipped");
            return;
        }
        String titleEn = text(doc, "title_en");
        String status = text(doc, "status");
        if ("failed".equals(status) || (status == null && titleEn == null)) {
            failed++;
            return;
        }
        List<Shown> body = new ArrayList<>();
        JsonNode paragraphs = doc.path("paragraphs");
        for (JsonNode paragraph : paragraphs) {
            for (JsonNode pair : paragraph) {
                String en = text(pair, "en");
                if (en != null) {
                    body.add(new Shown(en, suspectReasons(pair)));
                }
            }
        }
        String url = text(doc, "url");
        String credit = text(doc, "source_credit");
        String titleReasons = titleEn == null ? null : suspectReasons(doc.path("title_trust"));
        add(text(doc, "id"), titleEn, text(doc, "title_id"), text(doc, "date"),
                source(text(doc, "publisher"), url, text(doc, "lead"), credit), credit, text(doc, "category"),
                url, text(doc, "summary_en"), body, titleReasons, trust(text(doc.path("stats"), "trust"), origin), origin);
    }

    /** A body sentence as read: its English and, when it is suspect, why. */
    private record Shown(String english, String reasons) {
        boolean suspect() {
            return reasons != null;
        }
    }

    /** The reasons of a pair (or {@code title_trust}) whose verdict is suspect, joined; null otherwise. */
    private static String suspectReasons(JsonNode trust) {
        if (trust == null || !trust.isObject() || !"suspect".equals(text(trust, "verdict"))) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        trust.path("reasons").forEach(r -> reasons.add(r.asText()));
        // A suspect verdict always has reasons; an output edited by hand may not, and still deserves its mark.
        return reasons.isEmpty() ? "suspect" : String.join("; ", reasons);
    }

    private ArticleTrust trust(String code, String origin) {
        if (code == null) {
            return null;
        }
        try {
            return ArticleTrust.parse(code);
        } catch (IllegalArgumentException e) {
            problems.add(origin + ": " + e.getMessage() + "; the article is shown as if its trust were unknown");
            return null;
        }
    }

    private void readCsv(Path file) throws IOException, DigestInputException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(in, format)) {
            Map<String, Integer> header = csv.getHeaderMap();
            if (header.containsKey("article_id") && header.containsKey("paragraph")) {
                throw new DigestInputException("'" + file + "' is a per-sentence CSV (--per-sentence); a digest needs "
                        + "kabar's per-article CSV, JSON or JSONL");
            }
            if (!header.containsKey("title_en")) {
                throw new DigestInputException("'" + file + "' has no title_en column; it is not a kabar output CSV");
            }
            for (CSVRecord row : csv) {
                String origin = file + "#row " + row.getRecordNumber();
                // kabar writes no CSV row for a failed article, so every row was translated.
                String titleEn = cell(row, "title_en");
                String url = cell(row, "url");
                String bodyEn = cell(row, "body_en");
                String credit = cell(row, "source_credit");
                add(cell(row, "id"), titleEn, cell(row, "title_id"), cell(row, "date"),
                        source(cell(row, "publisher"), url, cell(row, "lead"), credit), credit, cell(row, "category"),
                        url, cell(row, "summary_en"), splitSentences(bodyEn).stream().map(e -> new Shown(e, null)).toList(),
                        null, trust(cell(row, "trust"), origin), origin);
            }
        }
    }

    private void add(String id, String titleEn, String titleId, String date, String source, String credit, String category,
            String url, String summaryEn, List<Shown> body, String titleReasons, ArticleTrust trust, String origin) {
        if (id != null && !seenIds.add(id)) {
            duplicates++;
            return;
        }
        boolean omit = suspectSentences == SuspectSentences.OMIT;
        boolean fromBody = summaryEn == null;
        List<DigestEntry.Suspect> suspects = new ArrayList<>();
        String summary;
        if (fromBody) {
            List<String> opening = new ArrayList<>();
            for (Shown sentence : body) {
                if (opening.size() == FALLBACK_SENTENCES) {
                    break;
                }
                if (sentence.suspect() && omit) {
                    continue;
                }
                opening.add(sentence.english());
                if (sentence.suspect()) {
                    suspects.add(new DigestEntry.Suspect(sentence.english(), sentence.reasons()));
                }
            }
            summary = String.join(" ", opening);
        } else {
            // An extractive summary is its sentences' English joined in article order: find each
            // suspect one after the previous, so that a sentence repeated elsewhere is not taken twice.
            StringBuilder kept = new StringBuilder();
            int from = 0;
            for (Shown sentence : body) {
                int at = sentence.suspect() ? summaryEn.indexOf(sentence.english(), from) : -1;
                if (at < 0) {
                    continue;
                }
                int end = at + sentence.english().length();
                if (omit) {
                    kept.append(summaryEn, from, at);
                } else {
                    kept.append(summaryEn, from, end);
                    suspects.add(new DigestEntry.Suspect(sentence.english(), sentence.reasons()));
                }
                from = end;
            }
            kept.append(summaryEn, from, summaryEn.length());
            // Leaving a sentence out leaves the spaces around it: one is enough.
            summary = omit ? kept.toString().replaceAll("\\s{2,}", " ").strip() : kept.toString();
        }
        String title = titleEn == null ? NO_ENGLISH_TITLE : titleEn;
        if (titleReasons != null && omit) {
            title = WITHHELD_TITLE;
            titleReasons = null;
        }
        String bodyText = String.join(" ", body.stream().map(Shown::english).toList());
        entries.add(new DigestEntry(title, titleId, PublicationTime.parse(date), source, credit, category, url, summary,
                fromBody, DigestEntry.readingMinutes(bodyText), origin, titleReasons, suspects, trust));
    }

    /**
     * Splits a CSV {@code body_en} back into sentences: kabar joins a paragraph's sentences with a
     * space and paragraphs with a blank line, so a sentence end followed by white space is a boundary.
     */
    static List<String> splitSentences(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        for (String paragraph : body.split("\\n\\s*\\n")) {
            for (String sentence : SENTENCE_END.split(paragraph.strip())) {
                if (!sentence.isBlank()) {
                    out.add(sentence.strip());
                }
            }
        }
        return out;
    }

    /**
     * The source an article is grouped under: the {@code publisher} kabar wrote, else (an output from
     * before that field) the publisher of the url or the lead, else the credited agency.
     */
    static String source(String publisher, String url, String lead, String credit) {
        if (publisher != null && !publisher.isBlank()) {
            return publisher.strip();
        }
        return Publisher.find(url, lead, null, null).map(Publisher::name)
                .orElse(credit == null || credit.isBlank() ? UNKNOWN_SOURCE : credit.strip());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return emptyToNull(value.isValueNode() ? value.asText() : value.toString());
    }

    private static String cell(CSVRecord row, String column) {
        return row.isMapped(column) && row.isSet(column) ? emptyToNull(row.get(column)) : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
