package dev.kabar.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures {@link SentenceSplitter} against the gold sentences of IndoSum (Kurniawan &amp; Louvan
 * 2018, CC BY-SA 4.0), whose paragraphs come split into sentences and tokens by spaCy.
 *
 * <p>Each paragraph's text is rebuilt from its tokens ({@link #detokenise}), remembering where
 * every gold sentence ends; the splitter then runs on that text. A boundary is the offset of the
 * end of a sentence, after its last character other than whitespace. <b>Convention:</b> the main
 * figures count only boundaries <em>inside</em> a paragraph, since the end of a paragraph is a
 * boundary for both sides by construction; {@link Result} also gives the figures with paragraph
 * ends counted, which equal sentence-level counts (a predicted sentence end that is also a gold
 * one). Straight and curly quotes at a boundary are not counted as part of either sentence: where
 * spaCy puts a quote that closes one sentence and opens the next is its own convention, and the
 * text is the same either way.
 *
 * <p>spaCy's segmentation has its own errors (splits after a dateline, inside parentheses, at
 * initials), so a perfect score is neither expected nor wanted.
 */
public final class SentenceSegmentationEval {

    private SentenceSegmentationEval() {
    }

    /**
     * The outcome of an evaluation.
     *
     * @param articles articles read (distinct ids)
     * @param paragraphs non-blank paragraphs evaluated
     * @param goldSentences gold sentences
     * @param predictedSentences sentences the splitter returned
     * @param goldBoundaries gold sentence ends inside paragraphs
     * @param predictedBoundaries predicted sentence ends inside paragraphs
     * @param truePositives predicted boundaries inside paragraphs that are gold ones
     */
    public record Result(
            int articles,
            int paragraphs,
            int goldSentences,
            int predictedSentences,
            int goldBoundaries,
            int predictedBoundaries,
            int truePositives) {

        /** Share of predicted boundaries inside paragraphs that are gold ones. */
        public double precision() {
            return ratio(truePositives, predictedBoundaries);
        }

        /** Share of gold boundaries inside paragraphs that were predicted. */
        public double recall() {
            return ratio(truePositives, goldBoundaries);
        }

        /** Harmonic mean of {@link #precision()} and {@link #recall()}. */
        public double f1() {
            return harmonic(precision(), recall());
        }

        /** Precision when paragraph ends count as boundaries too: correct sentence ends / predicted sentences. */
        public double precisionWithParagraphEnds() {
            return ratio(truePositives + paragraphs, predictedSentences);
        }

        /** Recall when paragraph ends count as boundaries too: correct sentence ends / gold sentences. */
        public double recallWithParagraphEnds() {
            return ratio(truePositives + paragraphs, goldSentences);
        }

        /** F1 when paragraph ends count as boundaries too. */
        public double f1WithParagraphEnds() {
            return harmonic(precisionWithParagraphEnds(), recallWithParagraphEnds());
        }

        /** The figures as a few lines of text. */
        public String report() {
            return String.format(Locale.ROOT,
                    "articles %d, paragraphs %d, gold sentences %d, predicted sentences %d%n"
                    + "boundaries inside paragraphs: gold %d, predicted %d, correct %d;"
                    + " precision %.4f, recall %.4f, F1 %.4f%n"
                    + "with paragraph ends counted: precision %.4f, recall %.4f, F1 %.4f",
                    articles, paragraphs, goldSentences, predictedSentences,
                    goldBoundaries, predictedBoundaries, truePositives, precision(), recall(), f1(),
                    precisionWithParagraphEnds(), recallWithParagraphEnds(), f1WithParagraphEnds());
        }

        private static double ratio(int a, int b) {
            return b == 0 ? 0 : (double) a / b;
        }

        private static double harmonic(double p, double r) {
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * One paragraph rebuilt from tokens, with the offsets where gold sentences end.
     *
     * @param text the paragraph text
     * @param sentenceEnds end offset of each gold sentence, ascending; the last is the text's length
     */
    record Paragraph(String text, List<Integer> sentenceEnds) {
    }

    /**
     * Evaluates the splitter on the original IndoSum files ({@code *.jsonl} rows with a
     * {@code paragraphs} field) in {@code indosumDir}, read in file-name order, each article
     * counted once by id.
     *
     * @param indosumDir folder holding {@code dev.01.jsonl} and the like
     * @param maxArticles stop after this many distinct articles, at least 1
     * @return the figures
     * @throws IllegalArgumentException when {@code maxArticles} is below 1 or the folder holds no
     *     tokenised IndoSum rows
     */
    public static Result evaluate(Path indosumDir, int maxArticles) {
        if (maxArticles < 1) {
            throw new IllegalArgumentException("maxArticles must be at least 1, got " + maxArticles + ".");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(indosumDir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + indosumDir + ".", e);
        }
        SentenceSplitter splitter = new SentenceSplitter();
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        Counts counts = new Counts();
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while (seen.size() < maxArticles && (line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode row = json.readTree(line);
                    if (!row.has("paragraphs") || !seen.add(row.path("id").asText())) {
                        continue;
                    }
                    for (JsonNode tokens : row.get("paragraphs")) {
                        Paragraph paragraph = detokenise(tokens);
                        if (!paragraph.text().isEmpty()) {
                            counts.add(paragraph, predictedEnds(splitter, paragraph.text()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + ".", e);
            }
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("No tokenised IndoSum rows (with a 'paragraphs' field) in " + indosumDir + ".");
        }
        return counts.result(seen.size());
    }

    /** Prints the figures for the folder given as the first argument (default {@code ../shared/corpus/indosum}). */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/indosum");
        int max = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        System.out.println(evaluate(dir, max).report());
    }

    /**
     * Rebuilds a paragraph's text from spaCy tokens (sentences of tokens), as the IndoSum manifest
     * describes: no space before {@code , . ) ] ? ! : ; %} and after {@code ( [}; straight double
     * quotes paired within the paragraph (an opening one takes no space after it, a closing one
     * none before it); {@code -} and {@code /} glued between letters or digits. Whitespace tokens,
     * which spaCy keeps for runs of spaces, are dropped. The rebuild need not match the original
     * page byte for byte, only put the gold ends where the text is.
     */
    static Paragraph detokenise(JsonNode sentences) {
        List<List<String>> tokens = new ArrayList<>();
        for (JsonNode sentence : sentences) {
            List<String> words = new ArrayList<>();
            for (JsonNode token : sentence) {
                String word = trimSpaces(token.asText());
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            tokens.add(words);
        }
        StringBuilder text = new StringBuilder();
        List<Integer> ends = new ArrayList<>();
        boolean quoteOpen = false;
        boolean noSpaceNext = true;
        String previous = "";
        for (int s = 0; s < tokens.size(); s++) {
            List<String> words = tokens.get(s);
            for (int k = 0; k < words.size(); k++) {
                String word = words.get(k);
                boolean space = !noSpaceNext;
                noSpaceNext = false;
                if (word.equals("\"")) {
                    quoteOpen = !quoteOpen;
                    space &= quoteOpen;
                    noSpaceNext = quoteOpen;
                } else if (word.equals("“") || word.equals("(") || word.equals("[")) {
                    noSpaceNext = true;
                } else if (word.equals("”") || NO_SPACE_BEFORE.indexOf(word.charAt(0)) >= 0) {
                    space = false;
                } else if ((word.equals("-") || word.equals("/"))
                        && endsAlphanumeric(previous) && startsAlphanumeric(following(tokens, s, k))) {
                    space = false;
                    noSpaceNext = true;
                }
                if (space) {
                    text.append(' ');
                }
                text.append(word);
                previous = word;
            }
            if (text.length() > 0 && (ends.isEmpty() || ends.get(ends.size() - 1) < text.length())) {
                ends.add(text.length());
            }
        }
        return new Paragraph(text.toString(), ends);
    }

    /** Trims whitespace including no-break spaces, which {@link String#strip()} keeps. */
    private static String trimSpaces(String word) {
        int a = 0;
        int b = word.length();
        while (a < b && SentenceSplitter.isSpace(word.charAt(a))) {
            a++;
        }
        while (b > a && SentenceSplitter.isSpace(word.charAt(b - 1))) {
            b--;
        }
        return word.substring(a, b);
    }

    private static final String NO_SPACE_BEFORE = ",.)]?!:;%";

    private static String following(List<List<String>> tokens, int sentence, int index) {
        for (int s = sentence, k = index + 1; s < tokens.size(); s++, k = 0) {
            if (k < tokens.get(s).size()) {
                return tokens.get(s).get(k);
            }
        }
        return "";
    }

    private static boolean endsAlphanumeric(String word) {
        return !word.isEmpty() && Character.isLetterOrDigit(word.charAt(word.length() - 1));
    }

    private static boolean startsAlphanumeric(String word) {
        return !word.isEmpty() && Character.isLetterOrDigit(word.charAt(0));
    }

    /**
     * The end offsets of the sentences the splitter finds in {@code text}. The sentences are
     * trimmed substrings in order, so each is found by searching on from the previous one.
     */
    static List<Integer> predictedEnds(SentenceSplitter splitter, String text) {
        List<Integer> ends = new ArrayList<>();
        int cursor = 0;
        for (String sentence : splitter.split(text)) {
            int at = text.indexOf(sentence, cursor);
            if (at < 0) {
                throw new IllegalStateException("The splitter changed the text: '" + sentence + "' is not in '" + text + "'.");
            }
            cursor = at + sentence.length();
            ends.add(cursor);
        }
        return ends;
    }

    /**
     * A boundary moved left past quotes and spaces, so that a quote attached to either of the
     * two sentences it stands between gives the same boundary.
     */
    static int normalise(String text, int end) {
        int k = end;
        while (k > 0 && isQuoteOrSpace(text.charAt(k - 1))) {
            k--;
        }
        return k;
    }

    private static boolean isQuoteOrSpace(char c) {
        return c == '"' || c == '“' || c == '”' || c == '\'' || c == '‘' || c == '’' || SentenceSplitter.isSpace(c);
    }

    /** Running totals. */
    private static final class Counts {
        private int paragraphs;
        private int goldSentences;
        private int predictedSentences;
        private int goldBoundaries;
        private int predictedBoundaries;
        private int truePositives;

        void add(Paragraph paragraph, List<Integer> predicted) {
            String text = paragraph.text();
            Set<Integer> gold = inside(text, paragraph.sentenceEnds());
            Set<Integer> found = inside(text, predicted);
            paragraphs++;
            goldSentences += paragraph.sentenceEnds().size();
            predictedSentences += predicted.size();
            goldBoundaries += gold.size();
            predictedBoundaries += found.size();
            for (int end : found) {
                if (gold.contains(end)) {
                    truePositives++;
                }
            }
        }

        /** Normalised boundaries other than the paragraph's end. */
        private static Set<Integer> inside(String text, List<Integer> ends) {
            int last = normalise(text, text.length());
            Set<Integer> boundaries = new HashSet<>();
            for (int end : ends) {
                int boundary = normalise(text, end);
                if (boundary < last && boundary > 0) {
                    boundaries.add(boundary);
                }
            }
            return boundaries;
        }

        Result result(int articles) {
            return new Result(articles, paragraphs, goldSentences, predictedSentences,
                    goldBoundaries, predictedBoundaries, truePositives);
        }
    }
}
