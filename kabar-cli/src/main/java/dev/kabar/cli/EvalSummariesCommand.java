package dev.kabar.cli;

import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.IndoSumArticle;
import dev.kabar.summarize.SummaryEvaluation;
import dev.kabar.summarize.SummaryLength;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kabar eval-summaries}: ROUGE of LEAD-1/2/3 and kabar's extractive summaries on IndoSum folds. */
@Command(name = "eval-summaries", mixinStandardHelpOptions = true,
        description = {"Scores LEAD-1, LEAD-2, LEAD-3, kabar's hand-tuned rule and kabar's extractive summaries (the learned "
                + "ranker) against IndoSum's human summaries (ROUGE-1, ROUGE-2 and summary-level ROUGE-L F1 x100, over IndoSum's "
                + "tokens, lowercased), on the same articles.",
                "With --tune-folds, first tunes the rule's weights and word budget on those folds (articles of --folds left out) "
                        + "and scores kabar with the tuned rule.",
                "With --features-out, writes the learned ranker's training data for the --folds articles instead."})
final class EvalSummariesCommand implements Callable<Integer> {

    @Option(names = "--indosum", required = true, paramLabel = "DIR",
            description = "IndoSum folder with <split>.0N.jsonl fold files, e.g. ../shared/corpus/indosum.")
    Path indosum;

    @Option(names = "--split", defaultValue = "dev", paramLabel = "NAME",
            description = "Fold file prefix: dev, test or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--folds", defaultValue = "4", split = ",", paramLabel = "N",
            description = "Folds to report on, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> folds;

    @Option(names = "--tune-folds", split = ",", paramLabel = "N",
            description = "Folds to tune weights and word budget on, comma-separated (e.g. 1,2,3); default: no tuning, kabar's built-in weights.")
    List<Integer> tuneFolds;

    @Option(names = "--max-articles", defaultValue = "0", paramLabel = "N",
            description = "Use at most N articles of each fold, in file order; 0 for all (default: ${DEFAULT-VALUE}).")
    int maxArticles;

    @Option(names = "--length", paramLabel = "RULE",
            description = "kabar's summary length: sentences:N, words:N or ratio:X (default: the tuned word budget with --tune-folds, "
                    + "else kabar's length for news).")
    String length;

    @Option(names = "--features-out", paramLabel = "FILE",
            description = "Instead of scoring, write one CSV row per sentence of the --folds articles: article id, sentence index, "
                    + "IndoSum gold label and the learned ranker's features (training data for src/tools/train_sentence_ranker.py).")
    Path featuresOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (maxArticles < 0) {
            throw new IllegalArgumentException("--max-articles must be 0 (all) or more, but is " + maxArticles + ".");
        }
        if (!Files.isDirectory(indosum)) {
            throw new IllegalArgumentException("--indosum must be a folder of IndoSum fold files, but " + indosum + " is not a folder.");
        }
        if (!split.matches("dev|test|train")) {
            throw new IllegalArgumentException("--split must be dev, test or train, but is '" + split + "'.");
        }
        SummaryLength chosenLength = length == null ? null : SummaryLength.parse(length);
        PrintWriter out = spec.commandLine().getOut();
        List<IndoSumArticle> report = SummaryEvaluation.readFolds(indosum, split, folds, Set.of(), maxArticles);
        if (featuresOut != null) {
            int rows = SummaryEvaluation.writeFeatures(report, featuresOut);
            out.printf(Locale.ROOT, "wrote %d sentences of %d articles (%s folds %s) to %s%n",
                    rows, report.size(), split, join(folds), featuresOut);
            out.flush();
            return Main.EXIT_OK;
        }

        ExtractiveSummarizer summarizer = new ExtractiveSummarizer();
        SummaryLength kabarLength = ExtractiveSummarizer.NEWS_LENGTH;
        if (tuneFolds != null && !tuneFolds.isEmpty()) {
            Set<String> reported = new HashSet<>();
            report.forEach(a -> reported.add(a.id()));
            List<IndoSumArticle> tuning = SummaryEvaluation.readFolds(indosum, split, tuneFolds, reported, maxArticles);
            long start = System.nanoTime();
            SummaryEvaluation.Tuning t = SummaryEvaluation.tune(tuning);
            ExtractiveSummarizer.Weights w = t.weights();
            out.printf(Locale.ROOT, "tuned on %s folds %s: %d articles (those in the report folds left out), %d combinations, %.1f s%n",
                    split, join(tuneFolds), t.articles(), t.configurations(), (System.nanoTime() - start) / 1e9);
            out.printf(Locale.ROOT, "best: lead decay %s, centrality %s, title %s, direct speech %s, %s (mean R-1/R-2/R-L F1 %.2f)%n%n",
                    w.leadDecay(), w.centrality(), w.title(), w.directSpeech(), t.length(), t.objective());
            summarizer = new ExtractiveSummarizer(w);
            kabarLength = t.length();
        }
        if (chosenLength != null) {
            kabarLength = chosenLength;
        }
        SummaryEvaluation.Table table = SummaryEvaluation.evaluate(report, summarizer, kabarLength);
        out.printf(Locale.ROOT, "IndoSum %s folds %s: %d articles; ROUGE F1 x100 over IndoSum tokens, lowercased%n",
                split, join(folds), table.articles());
        out.printf(Locale.ROOT, "kabar: %s, %s%n%n", summarizer.describe(), kabarLength);
        out.print(table.format());
        out.flush();
        return Main.EXIT_OK;
    }

    private static String join(List<Integer> folds) {
        return String.join(",", folds.stream().map(String::valueOf).toList());
    }
}
