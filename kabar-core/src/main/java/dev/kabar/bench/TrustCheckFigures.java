package dev.kabar.bench;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.FieldMapping;
import dev.kabar.article.InputException;
import dev.kabar.article.InputFormat;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadResult;
import dev.kabar.article.SentenceSplitter;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustTally;
import dev.kabar.pipeline.TrustSettings;
import dev.kabar.trust.LengthRatio;
import dev.kabar.trust.Reason;
import dev.kabar.trust.ReasonCode;
import dev.kabar.trust.SentenceCheck;
import dev.kabar.trust.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the figures of the trust checks ({@code docs/trust.md}): the normal length-ratio range
 * recomputed from guntara-news, how often each check flags human reference translations (where a
 * good check flags few), and how often it flags the gibberish of a random-weight test checkpoint
 * over real detik-2025 sentences (where it should flag nearly all). Nothing here is timed.
 *
 * <p>Usage: {@code TrustCheckFigures [--corpus DIR] [--model DIR] [--sentences N] [--max-new-tokens N]},
 * defaults {@code ../shared/corpus}, {@code ../shared/conformance/marian-tiny}, 300 and 32.
 */
public final class TrustCheckFigures {

    /** The percentiles of the length measure that bound its normal range. */
    public static final double LOW_PERCENTILE = 0.5;
    /** The upper percentile of the normal range. */
    public static final double HIGH_PERCENTILE = 99.5;

    /**
     * How many pairs of a set the checks flagged, in all and by reason.
     *
     * @param pairs the pairs checked
     * @param suspect the pairs with at least one reason
     * @param byReason the pairs flagged for each reason (a pair may count under several)
     * @param examples the first detail found for each reason
     */
    public record Tally(int pairs, int suspect, Map<ReasonCode, Integer> byReason, Map<ReasonCode, String> examples) {

        /** The share of the pairs flagged for {@code code}, in percent. */
        public double percent(ReasonCode code) {
            return 100.0 * byReason.getOrDefault(code, 0) / pairs;
        }

        /** The share of the pairs flagged for any reason, in percent. */
        public double suspectPercent() {
            return 100.0 * suspect / pairs;
        }
    }

    private TrustCheckFigures() {
    }

    /** Checks every pair (English as the output, no confidence) and counts the verdicts. */
    public static Tally tally(List<ParallelPairs.Pair> pairs, SentenceCheck check) {
        Map<ReasonCode, Integer> byReason = new EnumMap<>(ReasonCode.class);
        Map<ReasonCode, String> examples = new EnumMap<>(ReasonCode.class);
        int suspect = 0;
        for (ParallelPairs.Pair pair : pairs) {
            Verdict verdict = check.check(pair.indonesian(), pair.english());
            if (verdict.suspect()) {
                suspect++;
            }
            for (Reason reason : verdict.reasons()) {
                byReason.merge(reason.code(), 1, Integer::sum);
                examples.putIfAbsent(reason.code(), reason.detail());
            }
        }
        return new Tally(pairs.size(), suspect, byReason, examples);
    }

    /**
     * The {@value #LOW_PERCENTILE}th and {@value #HIGH_PERCENTILE}th percentiles of
     * {@link LengthRatio#ratio} over the pairs: what the constants of {@link LengthRatio} were
     * derived from.
     */
    public static double[] lengthRatioRange(List<ParallelPairs.Pair> pairs) {
        double[] ratios = new double[pairs.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = LengthRatio.ratio(pairs.get(i).indonesian(), pairs.get(i).english());
        }
        Arrays.sort(ratios);
        return new double[] {percentile(ratios, LOW_PERCENTILE), percentile(ratios, HIGH_PERCENTILE)};
    }

    /**
     * The {@code p}th percentile of sorted values by linear interpolation between closest ranks
     * (numpy's default): rank {@code p/100 * (n-1)}.
     */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /**
     * The first {@code count} body sentences of detik-2025, in file order, cut by
     * {@link SentenceSplitter}.
     *
     * @throws InputException when the corpus file cannot be read
     * @throws IllegalArgumentException when it holds fewer sentences
     */
    public static List<String> detikSentences(Path corpus, int count) throws InputException {
        Path csv = corpus.resolve("detik-2025").resolve("data_berita.csv");
        InputSpec spec = InputSpec.of(csv.toString()).withFormat(InputFormat.CSV)
                .withFields(FieldMapping.auto().withTitle("judul").withBody("isi_berita").withDate("tanggal")
                        .withUrl("tautan").withId("id"));
        ReadResult read = new ArticleSource().read(spec);
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> sentences = new ArrayList<>(count);
        for (Article article : read.articles()) {
            for (String paragraph : article.paragraphs()) {
                for (String sentence : splitter.split(paragraph)) {
                    if (sentences.size() == count) {
                        return sentences;
                    }
                    sentences.add(sentence);
                }
            }
        }
        throw new IllegalArgumentException(csv + " has only " + sentences.size() + " body sentences; asked for "
                + count + ".");
    }

    /**
     * Translates the sentences with the checkpoint in {@code model} through the public facade, each
     * sentence as one paragraph of one article, and returns the pairs.
     *
     * @throws IOException when the model cannot be loaded
     * @throws IllegalStateException when the article fails
     */
    public static List<ParallelPairs.Pair> translate(Path model, List<String> sentences, int maxNewTokens)
            throws IOException {
        // The model's own output: no language decided, no second try, so the checks see every first attempt.
        TranslatedArticle done = run(model, sentences, maxNewTokens, TrustSettings.defaults().withDetectLanguage(false)
                .withSecondTry(false));
        List<ParallelPairs.Pair> pairs = new ArrayList<>();
        for (SentencePair pair : done.sentences()) {
            pairs.add(new ParallelPairs.Pair(pair.indonesian(), pair.english()));
        }
        return pairs;
    }

    /**
     * Translates the sentences as {@code kabar translate} does by default (languages decided, the
     * model's confidence checked, suspect sentences tried a second time) and returns the run's
     * verdicts on them.
     */
    public static TrustTally runVerdicts(Path model, List<String> sentences, int maxNewTokens) throws IOException {
        return run(model, sentences, maxNewTokens, TrustSettings.defaults()).trustTally();
    }

    /** Translates the sentences as the paragraphs of one article, with the given trust settings. */
    private static TranslatedArticle run(Path model, List<String> sentences, int maxNewTokens, TrustSettings trust)
            throws IOException {
        Article.Builder article = Article.builder().id("trust-check-figures").title("");
        sentences.forEach(article::paragraph);
        TranslatorSpec spec = TranslatorSpec.of(model.toAbsolutePath().toString())
                .withGeneration(Map.of("max_new_tokens", maxNewTokens)).withTrust(trust);
        try (ArticleTranslator translator = ArticleTranslator.open(spec)) {
            TranslatedArticle done = translator.translate(List.of(article.build())).get(0);
            if (done.failed()) {
                throw new IllegalStateException("the article failed: " + done.failure());
            }
            return done;
        }
    }

    /** Prints the figures; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--corpus", "../shared/corpus",
                "--model", "../shared/conformance/marian-tiny", "--sentences", "300", "--max-new-tokens", "32"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; expected "
                        + options.keySet() + " each followed by a value.");
            }
            options.put(args[i], args[i + 1]);
        }
        Path corpus = Path.of(options.get("--corpus"));
        SentenceCheck check = new SentenceCheck();

        List<ParallelPairs.Pair> valid = ParallelPairs.guntara(corpus, "valid");
        List<ParallelPairs.Pair> test = ParallelPairs.guntara(corpus, "test");
        double[] range = lengthRatioRange(valid);
        double[] heldOut = lengthRatioRange(test);
        System.out.printf(Locale.ROOT, "length ratio (output+%d)/(source+%d), percentiles %.1f and %.1f:%n",
                LengthRatio.SMOOTHING, LengthRatio.SMOOTHING, LOW_PERCENTILE, HIGH_PERCENTILE);
        System.out.printf(Locale.ROOT, "  guntara-news valid (%d pairs): %.3f to %.3f; constants %.2f to %.2f%n",
                valid.size(), range[0], range[1], LengthRatio.LOW, LengthRatio.HIGH);
        System.out.printf(Locale.ROOT, "  guntara-news test  (%d pairs): %.3f to %.3f%n", test.size(), heldOut[0],
                heldOut[1]);

        Map<String, Tally> tallies = new LinkedHashMap<>();
        tallies.put("guntara-news valid", tally(valid, check));
        tallies.put("guntara-news test", tally(test, check));
        tallies.put("TALPCo", tally(ParallelPairs.talpco(corpus), check));
        tallies.put("Tatoeba", tally(ParallelPairs.tatoeba(corpus), check));

        int count = Integer.parseInt(options.get("--sentences"));
        List<String> sentences = detikSentences(corpus, count);
        Path model = Path.of(options.get("--model"));
        long start = System.nanoTime();
        List<ParallelPairs.Pair> translated = translate(model, sentences,
                Integer.parseInt(options.get("--max-new-tokens")));
        double seconds = (System.nanoTime() - start) / 1e9;
        Tally tiny = tally(translated, check);
        tallies.put("detik-2025 by " + model.getFileName(), tiny);

        System.out.println();
        System.out.println("flagged, percent of pairs (references are the human English; the last row is model output):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-32s %6s %8s", "set", "pairs", "suspect"));
        for (ReasonCode code : ReasonCode.values()) {
            header.append(String.format(Locale.ROOT, " %14s", code.code()));
        }
        System.out.println(header);
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-32s %6d %7.2f%%", e.getKey(), t.pairs(),
                    t.suspectPercent()));
            for (ReasonCode code : ReasonCode.values()) {
                row.append(String.format(Locale.ROOT, " %6d (%5.1f%%)", t.byReason().getOrDefault(code, 0),
                        t.percent(code)));
            }
            System.out.println(row);
        }
        System.out.printf(Locale.ROOT, "%n%d detik-2025 sentences (%d pairs) translated by %s with max_new_tokens %s "
                + "in %.1f s; an example of each reason:%n", sentences.size(), translated.size(), model,
                options.get("--max-new-tokens"), seconds);
        tiny.examples().forEach((code, detail) -> System.out.println("  " + code.code() + ": " + detail));

        start = System.nanoTime();
        TrustTally verdicts = runVerdicts(model, sentences, Integer.parseInt(options.get("--max-new-tokens")));
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nthe same sentences as kabar translate runs them by default (languages, confidence, "
                + "second tries), %.1f s:%n  %s%n", seconds, verdicts.describe());
    }
}
