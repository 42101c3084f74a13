package dev.kabar.summarize;

import dev.kabar.output.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Measures extractive summaries against IndoSum's human summaries with {@link Rouge}: LEAD-1,
 * LEAD-2, LEAD-3 and kabar on the same articles, and a tuner that picks the summariser's weights
 * and length on other folds.
 *
 * <p>ROUGE implementations differ (tokenisation, stemming, LCS ties), so what carries over to other
 * scorers is the margin over LEAD-3 measured here on the same articles, not the absolute figures.
 */
public final class SummaryEvaluation {

    /** The grid {@link #tune} searches: lead decays. */
    static final double[] LEAD_DECAYS = {0.25, 0.5, 0.75, 1.0};
    /** The grid {@link #tune} searches: centrality weights. */
    static final double[] CENTRALITY = {0, 0.05, 0.1, 0.2};
    /** The grid {@link #tune} searches: title weights. */
    static final double[] TITLE = {0, 0.05, 0.1, 0.2};
    /** The grid {@link #tune} searches: direct-speech weights. */
    static final double[] DIRECT_SPEECH = {0, -0.15, -0.3, -0.5};
    /** The grid {@link #tune} searches: word budgets. */
    static final int[] WORD_BUDGETS = {45, 50, 55, 60, 65, 70};

    /** Human-readable grid, as the tuner's Javadoc shows it. */
    static final String GRID_DESCRIPTION = "lead decay 0.25/0.5/0.75/1, centrality 0/0.05/0.1/0.2, title 0/0.05/0.1/0.2, "
            + "direct speech 0/-0.15/-0.3/-0.5, words 45/50/55/60/65/70";

    /** The row of kabar's hand-tuned rule ({@link ExtractiveSummarizer.Weights#NEWS}) at the same length. */
    public static final String RULE_LINE = "kabar rule";

    /** The row of LEAD-3 taken after the place/agency lead is removed, as kabar's readers do. */
    public static final String NO_LEAD_LINE = "LEAD-3 no lead";

    private SummaryEvaluation() {
    }

    /**
     * Mean scores of one system over the evaluated articles, ROUGE F1 ×100.
     *
     * @param system the system's name ({@code LEAD-3}, {@code kabar})
     * @param rouge1 mean ROUGE-1 F1 ×100
     * @param rouge2 mean ROUGE-2 F1 ×100
     * @param rougeL mean summary-level ROUGE-L F1 ×100
     * @param words mean summary length in word tokens
     */
    public record SystemScores(String system, double rouge1, double rouge2, double rougeL, double words) {
    }

    /**
     * The results of one evaluation run: every system on the same articles.
     *
     * @param articles how many articles were scored
     * @param length the length rule kabar used
     * @param rows one row per system, baselines first ({@code LEAD-1}, {@code LEAD-2}, {@code LEAD-3},
     *     {@code LEAD-3 no lead}, {@code LEAD <length>}, {@code kabar rule}), kabar last
     */
    public record Table(int articles, SummaryLength length, List<SystemScores> rows) {

        /** Returns the row of the named system. */
        public SystemScores row(String system) {
            return rows.stream().filter(r -> r.system().equals(system)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No system named " + system + " in the table."));
        }

        /** Renders the table as fixed-width text, with kabar's margin over LEAD-3 as the last line. */
        public String format() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-24s %7s %7s %7s %7s%n", "system", "R-1", "R-2", "R-L", "words"));
            for (SystemScores r : rows) {
                b.append(String.format(Locale.ROOT, "%-24s %7.2f %7.2f %7.2f %7.1f%n", r.system(), r.rouge1(), r.rouge2(), r.rougeL(), r.words()));
            }
            SystemScores k = row("kabar");
            SystemScores l = row("LEAD-3");
            b.append(String.format(Locale.ROOT, "%-24s %+7.2f %+7.2f %+7.2f%n", "kabar - LEAD-3",
                    k.rouge1() - l.rouge1(), k.rouge2() - l.rouge2(), k.rougeL() - l.rougeL()));
            SystemScores n = row(NO_LEAD_LINE);
            b.append(String.format(Locale.ROOT, "%-24s %+7.2f %+7.2f %+7.2f%n", "kabar - " + NO_LEAD_LINE,
                    k.rouge1() - n.rouge1(), k.rouge2() - n.rouge2(), k.rougeL() - n.rougeL()));
            return b.toString();
        }
    }

    /**
     * The outcome of {@link #tune}.
     *
     * @param weights the best weights
     * @param length the best word budget
     * @param objective their mean of ROUGE-1, -2 and -L F1 ×100 on the tuning articles
     * @param articles how many articles were tuned on
     * @param configurations how many weight and length combinations were tried
     */
    public record Tuning(ExtractiveSummarizer.Weights weights, SummaryLength length, double objective, int articles, int configurations) {
    }

    /**
     * Reads IndoSum fold files {@code <split>.0<fold>.jsonl} from a folder, in the order given, keeping
     * the first copy of an article found in several folds.
     *
     * @param dir the IndoSum folder
     * @param split the file prefix: {@code dev}, {@code test} or {@code train}
     * @param folds fold numbers, 1 to 5
     * @param exclude ids to leave out (the articles reported on, when reading tuning folds)
     * @param maxArticles at most this many articles per fold, in file order; 0 for all
     * @throws IllegalArgumentException when a fold file is missing, naming it
     */
    public static List<IndoSumArticle> readFolds(Path dir, String split, List<Integer> folds, Set<String> exclude, int maxArticles) {
        Map<String, IndoSumArticle> byId = new LinkedHashMap<>();
        for (int fold : folds) {
            Path file = foldFile(dir, split, fold);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("IndoSum fold file " + file + " does not exist.");
            }
            List<IndoSumArticle> rows = IndoSumArticle.read(file);
            int limit = maxArticles > 0 ? Math.min(maxArticles, rows.size()) : rows.size();
            for (IndoSumArticle a : rows.subList(0, limit)) {
                if (!exclude.contains(a.id())) {
                    byId.putIfAbsent(a.id(), a);
                }
            }
        }
        return List.copyOf(byId.values());
    }

    /** Returns the path of fold {@code fold} of {@code split}: {@code dev.04.jsonl} for ("dev", 4). */
    public static Path foldFile(Path dir, String split, int fold) {
        if (fold < 1 || fold > 99) {
            throw new IllegalArgumentException("An IndoSum fold is a number from 1 to 5, but is " + fold + ".");
        }
        return dir.resolve(String.format(Locale.ROOT, "%s.%02d.jsonl", split, fold));
    }

    /**
     * Scores LEAD-1, LEAD-2, LEAD-3, the lead cut to {@code length} and the summariser on the same
     * articles against their human summaries.
     */
    public static Table evaluate(List<IndoSumArticle> articles, ExtractiveSummarizer summarizer, SummaryLength length) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("There are no IndoSum articles to evaluate.");
        }
        // Each system sees the article as IndoSum gives it (raw) or as kabar's readers deliver it (read).
        Map<String, BiFunction<IndoSumArticle, IndoSumArticle, List<List<String>>>> systems = new LinkedHashMap<>();
        for (int k = 1; k <= 3; k++) {
            int n = k;
            systems.put("LEAD-" + k, (raw, read) -> raw.sentences().subList(0, Math.min(n, raw.sentences().size())));
        }
        // kabar's readers move the place/agency lead out of the first sentence of every article, so
        // kabar summarises what follows it. This row shows what that alone is worth.
        systems.put(NO_LEAD_LINE, (raw, read) -> read.sentences().subList(0, Math.min(3, read.sentences().size())));
        // The lead cut by kabar's own length rule: separates what the length rule gains from what the ranking gains.
        ExtractiveSummarizer leadOnly = new ExtractiveSummarizer(new ExtractiveSummarizer.Weights(1, 0, 0, 0));
        systems.put("LEAD " + length, (raw, read) -> pick(read, leadOnly.summarizeTokens(read.paragraphs(), null, length)));
        // The hand-tuned rule, for what the learned ranker adds over it.
        ExtractiveSummarizer rule = new ExtractiveSummarizer(ExtractiveSummarizer.Weights.NEWS);
        systems.put(RULE_LINE, (raw, read) -> pick(read, rule.summarizeTokens(read.paragraphs(), read.title(), length)));
        systems.put("kabar", (raw, read) -> pick(read, summarizer.summarizeTokens(read.paragraphs(), read.title(), length)));
        List<IndoSumArticle> readArticles = articles.parallelStream().map(IndoSumArticle::withoutLead).toList();
        List<SystemScores> rows = new ArrayList<>();
        for (Map.Entry<String, BiFunction<IndoSumArticle, IndoSumArticle, List<List<String>>>> e : systems.entrySet()) {
            double[][] perArticle = IntStream.range(0, articles.size()).parallel().mapToObj(i -> {
                IndoSumArticle a = articles.get(i);
                List<List<String>> summary = e.getValue().apply(a, readArticles.get(i));
                RougeScores s = Rouge.score(summary, a.summary());
                return new double[] {s.rouge1().f1(), s.rouge2().f1(), s.rougeL().f1(), words(summary)};
            }).toArray(double[][]::new);
            // Summed in article order, so the figures do not depend on how the threads ran.
            double[] sum = new double[4];
            for (double[] x : perArticle) {
                for (int i = 0; i < 4; i++) {
                    sum[i] += x[i];
                }
            }
            int n = articles.size();
            rows.add(new SystemScores(e.getKey(), 100 * sum[0] / n, 100 * sum[1] / n, 100 * sum[2] / n, sum[3] / n));
        }
        return new Table(articles.size(), length, rows);
    }

    /**
     * Writes the ranker's training data: one CSV row per sentence of each article as kabar
     * summarises it (place/agency lead removed), with the article id, the sentence's index, its
     * IndoSum gold label (1 or 0) and its {@link RankingFeatures}. {@code src/tools/train_sentence_ranker.py}
     * trains the built-in model on it. Written atomically.
     *
     * @return the number of sentences written
     * @throws IllegalArgumentException naming the article when one has no gold labels
     * @throws IOException when the file cannot be written
     */
    public static int writeFeatures(List<IndoSumArticle> articles, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("article", "sentence", "label"));
        header.addAll(RankingFeatures.NAMES);
        int rows = 0;
        try (AtomicFile target = AtomicFile.create(file);
             CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(target.stream(), StandardCharsets.UTF_8)),
                     CSVFormat.DEFAULT.builder().setHeader(header.toArray(new String[0])).setRecordSeparator("\n").build())) {
            for (IndoSumArticle raw : articles) {
                IndoSumArticle a = raw.withoutLead();
                if (a.goldLabels().isEmpty() && !a.paragraphs().isEmpty()) {
                    throw new IllegalArgumentException("IndoSum article " + a.id() + " has no gold_labels; the ranker trains on them.");
                }
                double[][] features = RankingFeatures.of(a.paragraphs(), a.title());
                List<Boolean> labels = new ArrayList<>();
                a.goldLabels().forEach(labels::addAll);
                for (int i = 0; i < features.length; i++) {
                    List<Object> row = new ArrayList<>(header.size());
                    row.add(a.id());
                    row.add(i);
                    row.add(labels.get(i) ? 1 : 0);
                    for (double x : features[i]) {
                        row.add(x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x));
                    }
                    csv.printRecord(row);
                    rows++;
                }
            }
            csv.flush();
            target.commit();
        }
        return rows;
    }

    /**
     * Picks the summariser's weights and word budget that give the best mean of ROUGE-1, -2 and -L
     * F1 on the given articles, by exhaustive search over a small fixed grid (lead decay, centrality,
     * title, direct speech and word budget, {@value #GRID_DESCRIPTION}). The grid is coarse on
     * purpose: a handful of round values generalises; a fine search would fit these articles.
     * Ties go to the first combination in grid order.
     */
    public static Tuning tune(List<IndoSumArticle> articles) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("There are no IndoSum articles to tune on.");
        }
        List<ExtractiveSummarizer.Weights> weights = new ArrayList<>();
        for (double d : LEAD_DECAYS) {
            for (double c : CENTRALITY) {
                for (double t : TITLE) {
                    for (double q : DIRECT_SPEECH) {
                        weights.add(new ExtractiveSummarizer.Weights(d, c, t, q));
                    }
                }
            }
        }
        int configs = weights.size() * WORD_BUDGETS.length;
        double[][] perArticle = articles.parallelStream().map(a -> {
            IndoSumArticle read = a.withoutLead();
            ArticleFeatures f = ArticleFeatures.of(read.paragraphs(), read.title());
            // Many weightings pick the same sentences; score each distinct pick once.
            Map<List<SentenceId>, Double> seen = new HashMap<>();
            double[] objective = new double[configs];
            for (int w = 0; w < weights.size(); w++) {
                ExtractiveSummarizer s = new ExtractiveSummarizer(weights.get(w));
                for (int b = 0; b < WORD_BUDGETS.length; b++) {
                    List<SentenceId> chosen = s.select(f, SummaryLength.words(WORD_BUDGETS[b]));
                    objective[w * WORD_BUDGETS.length + b] = seen.computeIfAbsent(chosen, c -> {
                        RougeScores r = Rouge.score(pick(read, c), a.summary());
                        return (r.rouge1().f1() + r.rouge2().f1() + r.rougeL().f1()) / 3;
                    });
                }
            }
            return objective;
        }).toArray(double[][]::new);
        double[] total = new double[configs];
        for (double[] x : perArticle) {
            for (int i = 0; i < configs; i++) {
                total[i] += x[i];
            }
        }
        int best = IntStream.range(0, configs).reduce((i, j) -> total[j] > total[i] ? j : i).orElseThrow();
        return new Tuning(weights.get(best / WORD_BUDGETS.length), SummaryLength.words(WORD_BUDGETS[best % WORD_BUDGETS.length]),
                100 * total[best] / articles.size(), articles.size(), configs);
    }

    private static List<List<String>> pick(IndoSumArticle a, List<SentenceId> ids) {
        List<List<String>> out = new ArrayList<>(ids.size());
        for (SentenceId id : ids) {
            out.add(a.paragraphs().get(id.paragraph()).get(id.sentence()));
        }
        return out;
    }

    private static int words(List<List<String>> summary) {
        int n = 0;
        for (List<String> s : summary) {
            for (String t : s) {
                n += SentenceTokens.isWord(t) ? 1 : 0;
            }
        }
        return n;
    }
}
