package dev.kabar.bench;

import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputException;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadResult;
import dev.kabar.engine.Seq2SeqEngine;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.lang.SentenceLanguageDetector;
import dev.kabar.output.OutputSpec;
import dev.kabar.output.TranslationOutput;
import dev.kabar.pipeline.EngineSentenceTranslator;
import dev.kabar.pipeline.RunSummary;
import dev.kabar.pipeline.TranslationRun;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.pipeline.TrustTally;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures kabar end to end on real text: reading and cleaning articles, sentence splitting,
 * translation and writing the bilingual output, as {@code kabar translate} does.
 */
public final class TextBenchmark {

    /**
     * What a run measured.
     *
     * @param languageModelSeconds the loading of the language detector's models, once per process
     *     like the model's, before the timed phases (0 with detection off)
     * @param trust the run's verdicts: checks, suspect sentences by reason, English passed through
     */
    public record Result(int articles, int articlesFailed, int problems, long sentences, long translatedTexts,
                         double readSeconds, double translateSeconds, double writeSeconds, double languageModelSeconds,
                         TrustTally trust) {

        /** Returns the whole wall time. */
        public double totalSeconds() {
            return readSeconds + translateSeconds + writeSeconds;
        }
    }

    private TextBenchmark() {
    }

    /**
     * Reads the inputs, translates every article, writes JSONL to {@code output} and times each phase.
     *
     * @param limit most articles to translate, 0 for all
     */
    public static Result run(Seq2SeqEngine engine, GenerationConfig gen, List<InputSpec> inputs, int limit,
                             TranslationSettings settings, Path output) throws IOException, InputException {
        long warm = System.nanoTime();
        if (settings.trust().detectLanguage()) {
            SentenceLanguageDetector.warmUp();
        }
        double languageModels = settings.trust().detectLanguage() ? (System.nanoTime() - warm) / 1e9 : 0;
        long t0 = System.nanoTime();
        List<Article> articles = new ArrayList<>();
        int problems = 0;
        ArticleSource source = new ArticleSource();
        for (InputSpec spec : inputs) {
            ReadResult r = source.read(spec);
            articles.addAll(r.articles());
            problems += r.problems().size();
        }
        if (limit > 0 && articles.size() > limit) {
            articles = new ArrayList<>(articles.subList(0, limit));
        }
        long t1 = System.nanoTime();
        RunSummary summary;
        long[] writeNanos = {0};
        try (TranslationOutput out = TranslationOutput.open(OutputSpec.resolve(output.toString(), "jsonl", false), null)) {
            TranslationRun run = new TranslationRun(new EngineSentenceTranslator(engine, gen), settings);
            summary = run.run(articles, article -> {
                long w = System.nanoTime();
                out.write(article);
                writeNanos[0] += System.nanoTime() - w;
            }, snapshot -> { });
            long w = System.nanoTime();
            out.commit();
            writeNanos[0] += System.nanoTime() - w;
        }
        long t2 = System.nanoTime();
        double write = writeNanos[0] / 1e9;
        return new Result(summary.articles(), summary.articlesFailed(), problems, summary.sentences(), summary.translatedTexts(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9 - write, write, languageModels, summary.trust());
    }
}
