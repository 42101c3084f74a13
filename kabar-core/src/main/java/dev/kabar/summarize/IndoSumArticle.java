package dev.kabar.summarize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.article.NewsPageCleaner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One row of an IndoSum file (Kurniawan and Louvan 2018): the article as spaCy tokens and its
 * human-written summary.
 *
 * @param id the IndoSum id: a Unix time, a dash and the headline's URL slug
 * @param paragraphs the article: paragraphs, each a list of sentences, each a list of tokens
 * @param summary the human summary: sentences, each a list of tokens
 * @param goldLabels IndoSum's extractive oracle: per paragraph, per sentence, whether the sentence
 *     belongs to the best extract; empty when not known
 */
public record IndoSumArticle(String id, List<List<List<String>>> paragraphs, List<List<String>> summary,
                             List<List<Boolean>> goldLabels) {

    /** IndoSum cuts the slug in its ids at this many characters, so a slug this long may end in a cut word. */
    private static final int SLUG_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> LEAD_DASHES = Set.of("-", "--", "–", "—");

    /**
     * Makes the lists unmodifiable.
     *
     * @throws IllegalArgumentException when gold labels are given but do not match the paragraphs sentence for sentence
     */
    public IndoSumArticle {
        paragraphs = paragraphs.stream().map(p -> p.stream().map(List::copyOf).toList()).toList();
        summary = summary.stream().map(List::copyOf).toList();
        goldLabels = goldLabels.stream().map(List::copyOf).toList();
        if (!goldLabels.isEmpty() && !goldLabels.stream().map(List::size).toList().equals(paragraphs.stream().map(List::size).toList())) {
            throw new IllegalArgumentException("Article " + id + " has gold labels for " + goldLabels.stream().map(List::size).toList()
                    + " sentences per paragraph, but " + paragraphs.stream().map(List::size).toList() + " sentences.");
        }
    }

    /** An article without gold labels. */
    public IndoSumArticle(String id, List<List<List<String>>> paragraphs, List<List<String>> summary) {
        this(id, paragraphs, summary, List.of());
    }

    /**
     * Returns the words of the headline as far as the id tells them. IndoSum rows have no title
     * field, but the id ends with the URL slug of the headline ({@code 1519679780-demokrasi-makin-transaksional-ketua-dpr-galau});
     * when the slug has IndoSum's full 50 characters its last word may be cut, so it is dropped.
     */
    public List<String> title() {
        int dash = id.indexOf('-');
        if (dash < 0) {
            return List.of();
        }
        String slug = id.substring(dash + 1);
        List<String> words = new ArrayList<>(Arrays.asList(slug.split("-")));
        words.removeIf(String::isEmpty);
        if (slug.length() >= SLUG_LIMIT && !words.isEmpty()) {
            words.remove(words.size() - 1);
        }
        return List.copyOf(words);
    }

    /**
     * Returns the article as kabar's readers see it: the place or agency lead that opens the first
     * sentence ({@code Jakarta , CNN Indonesia - -}, {@code Suara.com -}) removed, as
     * {@link NewsPageCleaner} moves it out of every article it reads. A first sentence that was only
     * a lead is dropped. IndoSum's human summaries leave the lead out too.
     */
    public IndoSumArticle withoutLead() {
        if (paragraphs.isEmpty() || paragraphs.get(0).isEmpty()) {
            return this;
        }
        List<String> first = paragraphs.get(0).get(0);
        // Tokens joined by single spaces, so a character offset maps back to a token.
        OptionalInt end = NewsPageCleaner.leadEnd(String.join(" ", first));
        if (end.isEmpty()) {
            return this;
        }
        int k = 0;
        for (int offset = 0; k < first.size() && offset < end.getAsInt(); k++) {
            offset += first.get(k).length() + 1;
        }
        // Tokenised "--" arrives as two "-" tokens, of which the lead pattern takes only the first.
        while (k < first.size() && LEAD_DASHES.contains(first.get(k))) {
            k++;
        }
        List<List<String>> firstParagraph = new ArrayList<>(paragraphs.get(0));
        if (k >= first.size()) {
            firstParagraph.remove(0);
        } else {
            firstParagraph.set(0, first.subList(k, first.size()));
        }
        List<List<List<String>>> out = new ArrayList<>(paragraphs);
        List<List<Boolean>> labels = new ArrayList<>(goldLabels);
        if (k >= first.size() && !labels.isEmpty()) {
            List<Boolean> firstLabels = new ArrayList<>(labels.get(0));
            firstLabels.remove(0);
            labels.set(0, firstLabels);
        }
        if (firstParagraph.isEmpty()) {
            out.remove(0);
            if (!labels.isEmpty()) {
                labels.remove(0);
            }
        } else {
            out.set(0, firstParagraph);
        }
        return new IndoSumArticle(id, out, summary, labels);
    }

    /** Returns the article's sentences in order, paragraphs flattened. */
    public List<List<String>> sentences() {
        List<List<String>> out = new ArrayList<>();
        paragraphs.forEach(out::addAll);
        return out;
    }

    /**
     * Reads an IndoSum JSONL file ({@code id}, {@code paragraphs}, {@code summary} and, when present,
     * {@code gold_labels} per line; other fields ignored).
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and line when a row lacks a field or has the wrong shape
     */
    public static List<IndoSumArticle> read(Path file) {
        List<IndoSumArticle> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode row = JSON.readTree(line);
                    List<List<List<String>>> paragraphs = new ArrayList<>();
                    for (JsonNode p : array(row, "paragraphs")) {
                        paragraphs.add(sentences(p));
                    }
                    List<List<Boolean>> labels = new ArrayList<>();
                    JsonNode gold = row.get("gold_labels");
                    if (gold != null && gold.isArray()) {
                        for (JsonNode p : gold) {
                            List<Boolean> para = new ArrayList<>();
                            p.forEach(b -> para.add(b.asBoolean()));
                            labels.add(para);
                        }
                    }
                    out.add(new IndoSumArticle(text(row, "id"), paragraphs, sentences(array(row, "summary")), labels));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + lineNo + " is not an IndoSum row: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IndoSum file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static List<List<String>> sentences(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected a list of sentences, found " + node.getNodeType());
        }
        List<List<String>> out = new ArrayList<>();
        for (JsonNode s : node) {
            if (!s.isArray()) {
                throw new IllegalArgumentException("expected a sentence as a list of tokens, found " + s.getNodeType());
            }
            List<String> tokens = new ArrayList<>();
            s.forEach(t -> tokens.add(t.asText()));
            out.add(tokens);
        }
        return out;
    }

    private static JsonNode array(JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a list");
        }
        return n;
    }

    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return n.asText();
    }
}
