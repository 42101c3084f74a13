package dev.kabar.cli;

import dev.kabar.article.Article;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadProblem;
import dev.kabar.output.OutputSpec;
import dev.kabar.output.TranslationOutput;
import dev.kabar.pipeline.Counted;
import dev.kabar.pipeline.SummaryStep;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.summarize.ExtractiveSummarizer;
import dev.kabar.summarize.SummaryLength;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kabar summarize}: news articles in, Indonesian extractive summaries out, with no
 * translation model. Reads and writes like {@code kabar translate} (same inputs, field mapping and
 * formats); the English fields stay null and the files carry {@code summary_id} and the article's
 * sentences and metadata.
 */
@Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Summarises Indonesian news articles in Indonesian, picking their best sentences; no model is needed.",
            "Takes the same inputs and writes the same CSV, JSON or JSONL files as translate, with summary_id filled "
                    + "and the English fields empty.",
            "Without -o, JSONL goes to standard output. Problems and the run's figures go to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:All inputs read and all articles summarised.",
            "1:The run failed: the output cannot be written; no output file is written.",
            "2:Bad usage or option value; nothing was done.",
            "3:Partial: some inputs or records were skipped (each is named on standard error); the output holds all "
                    + "the others."})
final class SummarizeCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    SummaryOptions summary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<InputSpec> inputSpecs = input.specs();
        OutputSpec outputSpec = outputOptions.spec();
        SummaryLength length = summary.length();
        if (!summary.enabled()) {
            throw new IllegalArgumentException("summarize makes summaries; --no-summary cannot go with it.");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (TranslationOutput out = TranslationOutput.open(outputSpec, spec.commandLine().getOut())) {
            List<Article> articles = new ArrayList<>();
            List<ReadProblem> problems = new ArrayList<>();
            List<ReadProblem> notes = InputOptions.read(inputSpecs, articles, problems);
            notes.forEach(note -> err.println("kabar: note: " + note));
            problems.forEach(problem -> err.println("kabar: " + problem));
            InputOptions.printWarnings(articles, err);

            SummaryStep summaries = SummaryStep.extractive(new ExtractiveSummarizer(), length);
            for (Article article : articles) {
                TranslatedArticle summarized = summaries.apply(SummaryStep.untranslated(article));
                out.write(summarized);
            }
            out.commit();
            err.println("kabar: " + Counted.of(articles.size(), "article") + " read, " + summaries.summaries() + " summarised ("
                    + length + "), " + Counted.of(problems.size(), "input or record", "inputs or records") + " skipped; output: "
                    + out.describe());
            err.flush();
            return problems.isEmpty() ? Main.EXIT_OK : Main.EXIT_PARTIAL;
        }
    }
}
