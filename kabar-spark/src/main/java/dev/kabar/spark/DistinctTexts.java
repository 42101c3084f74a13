package dev.kabar.spark;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.Article;
import dev.kabar.glossary.GlossaryMatcher;
import dev.kabar.glossary.TermConstraint;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.TokenBudgetBatcher;
import dev.kabar.pipeline.Translation;
import dev.kabar.pipeline.TranslationProgress;
import dev.kabar.pipeline.TranslationSettings;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * Run-wide de-duplication across partitions. One machine translates each distinct text of a run
 * once; split into partitions, each would translate its own copy of a repeated sentence (+11.6% of
 * sentences on detik-2025). So a run goes in three steps: find the texts each article needs (the
 * pipeline's own sentence and clause splitting, with no model work), translate every distinct text
 * once, and assemble each article from those translations.
 *
 * <p>With a glossary, step 2 forces each text's terms (its constraints are a function of the text
 * alone: {@link GlossaryMatcher#constraints}), so a text translated once serves every article that
 * has it; steps 1 and 3 run the pipeline with the glossary, so that step 3 records each sentence's
 * terms and whether each was met as a single machine does.
 */
final class DistinctTexts {

    /** Fails the first attempt of the writing stage's partition 0, for the test of task retries. */
    static final String FAIL_FIRST_ATTEMPT = "kabar.spark.failFirstAttempt";

    /**
     * A folder: the first attempt of the writing stage's partition 0 writes {@code started} there and
     * waits (at most a minute) for its executor to be killed, for the test of a lost executor.
     */
    static final String PAUSE_FIRST_ATTEMPT = "kabar.spark.pauseFirstAttempt";

    private DistinctTexts() {
    }

    private static void pauseUntilKilled(java.nio.file.Path folder) {
        try {
            java.nio.file.Files.writeString(folder.resolve("started"), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(60_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What each step takes to the executors: the translator's spec and the driver's model fingerprint. */
    abstract static class ExecutorStep implements Serializable {
        private static final long serialVersionUID = 1L;
        final TranslatorSpec spec;
        final String fingerprint;

        ExecutorStep(TranslatorSpec spec, String fingerprint) {
            this.spec = spec;
            this.fingerprint = fingerprint;
        }

        /** The executor's model, opened once per JVM and checked against the driver's. */
        SentenceTranslator model() {
            synchronized (ExecutorTranslators.class) {
                return ExecutorTranslators.get(spec, fingerprint).sentenceTranslator();
            }
        }

        /** The pipeline's settings as the executor opened them: the spec's, with its glossary read. */
        TranslationSettings settings() {
            synchronized (ExecutorTranslators.class) {
                return ExecutorTranslators.get(spec, fingerprint).settings();
            }
        }
    }

    /**
     * A translator whose texts were (or need not be) translated with their phrases forced: it
     * accepts a glossary run's constraints and translates as {@code inner} does. Steps 1 and 3 only:
     * step 1 records texts, step 3 serves what step 2 translated with the same constraints.
     */
    static SentenceTranslator forced(SentenceTranslator inner) {
        return new SentenceTranslator() {
            @Override
            public List<Translation> translate(List<String> sentences) {
                return inner.translate(sentences);
            }

            @Override
            public boolean forcesPhrases() {
                return true;
            }

            @Override
            public List<Translation> translate(List<String> sentences, List<List<TermConstraint>> constraints) {
                return inner.translate(sentences);
            }

            @Override
            public int countTokens(String text) {
                return inner.countTokens(text);
            }

            @Override
            public int maxInputTokens() {
                return inner.maxInputTokens();
            }
        };
    }

    /** Each text's glossary constraints, all empty without a glossary. */
    static List<List<TermConstraint>> constraints(GlossaryMatcher matcher, List<String> texts) {
        List<List<TermConstraint>> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(matcher == null ? List.of() : matcher.constraints(text));
        }
        return out;
    }

    /** A text's translation, or the reason it failed. */
    record Translated(String english, int tokens, String error) implements Serializable {
    }

    /** Step 1: the texts (sentences, or pieces of long ones) each article sends to the model, as (text, article id). */
    static final class Needed extends ExecutorStep implements FlatMapFunction<Iterator<Article>, Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;

        Needed(TranslatorSpec spec, String fingerprint) {
            super(spec, fingerprint);
        }

        @Override
        public Iterator<Tuple2<String, String>> call(Iterator<Article> articles) {
            List<Article> batch = new ArrayList<>();
            articles.forEachRemaining(batch::add);
            List<Tuple2<String, String>> out = new ArrayList<>();
            if (batch.isEmpty()) {
                return out.iterator();
            }
            SentenceTranslator model = model();
            for (Article article : batch) {
                Set<String> texts = new LinkedHashSet<>();
                // The pipeline's own splitting decides what goes to the model; nothing is translated here.
                SentenceTranslator recording = SentenceTranslator.of(text -> {
                    texts.add(text);
                    return "";
                }, model::countTokens, model.maxInputTokens());
                try {
                    ArticleTranslator.of(forced(recording), settings(), (dev.kabar.summarize.SummaryLength) null)
                            .translate(List.of(article), a -> { }, TranslationProgress.NONE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                texts.forEach(t -> out.add(new Tuple2<>(t, article.id())));
            }
            return out.iterator();
        }
    }

    /** Step 2: translates a partition of distinct texts in length-sorted batches, one by one after a failed batch. */
    static final class TranslateTexts extends ExecutorStep implements FlatMapFunction<Iterator<String>, Tuple2<String, Translated>> {
        private static final long serialVersionUID = 1L;

        TranslateTexts(TranslatorSpec spec, String fingerprint) {
            super(spec, fingerprint);
        }

        @Override
        public Iterator<Tuple2<String, Translated>> call(Iterator<String> texts) {
            List<String> all = new ArrayList<>();
            texts.forEachRemaining(all::add);
            List<Tuple2<String, Translated>> out = new ArrayList<>();
            if (all.isEmpty()) {
                return out.iterator();
            }
            synchronized (ExecutorTranslators.class) {
                SentenceTranslator model = model();
                GlossaryMatcher matcher = settings().glossary() == null ? null : settings().glossary().matcher();
                int[] lengths = all.stream().mapToInt(model::countTokens).toArray();
                for (int[] batch : new TokenBudgetBatcher(spec.batchTokens(), spec.batchSentences(), true).batches(lengths)) {
                    List<String> sentences = new ArrayList<>(batch.length);
                    for (int i : batch) {
                        sentences.add(all.get(i));
                    }
                    try {
                        List<Translation> done = model.translate(sentences, constraints(matcher, sentences));
                        for (int k = 0; k < sentences.size(); k++) {
                            out.add(new Tuple2<>(sentences.get(k), new Translated(done.get(k).text(), done.get(k).tokens(), null)));
                        }
                    } catch (dev.kabar.pipeline.FatalTranslationException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        // As the pipeline does: one by one, so that only the bad text fails.
                        for (String sentence : sentences) {
                            try {
                                Translation one = model.translate(List.of(sentence),
                                        constraints(matcher, List.of(sentence))).get(0);
                                out.add(new Tuple2<>(sentence, new Translated(one.text(), one.tokens(), null)));
                            } catch (dev.kabar.pipeline.FatalTranslationException f) {
                                throw f;
                            } catch (RuntimeException one) {
                                out.add(new Tuple2<>(sentence, new Translated(null, 0, String.valueOf(one.getMessage()))));
                            }
                        }
                    }
                }
            }
            return out.iterator();
        }
    }

    /** Step 3's translator: serves the translations found for an article's texts, and fails the others as they failed. */
    static SentenceTranslator lookup(Map<String, Translated> translations, SentenceTranslator model) {
        return new SentenceTranslator() {
            @Override
            public List<Translation> translate(List<String> sentences) {
                List<Translation> out = new ArrayList<>(sentences.size());
                for (String sentence : sentences) {
                    Translated t = translations.get(sentence);
                    if (t == null || t.english() == null) {
                        throw new IllegalStateException(t == null ? "no translation of '" + sentence + "' was made"
                                : t.error());
                    }
                    out.add(new Translation(t.english(), t.tokens()));
                }
                return out;
            }

            @Override
            public int countTokens(String text) {
                return model.countTokens(text);
            }

            @Override
            public int maxInputTokens() {
                return model.maxInputTokens();
            }
        };
    }

    /** Step 3: assembles (and summarises) each article of a partition from its texts' translations. */
    static final class Assemble extends ExecutorStep
            implements FlatMapFunction<Iterator<Tuple2<Article, Iterable<Tuple2<String, Translated>>>>, org.apache.spark.sql.Row> {
        private static final long serialVersionUID = 1L;

        Assemble(TranslatorSpec spec, String fingerprint) {
            super(spec, fingerprint);
        }

        @Override
        public Iterator<org.apache.spark.sql.Row> call(Iterator<Tuple2<Article, Iterable<Tuple2<String, Translated>>>> rows) {
            List<Article> articles = new ArrayList<>();
            Map<String, Translated> translations = new HashMap<>();
            rows.forEachRemaining(r -> {
                articles.add(r._1());
                r._2().forEach(t -> translations.put(t._1(), t._2()));
            });
            List<org.apache.spark.sql.Row> out = new ArrayList<>();
            if (articles.isEmpty()) {
                return out.iterator();
            }
            SentenceTranslator model = model();
            ArticleTranslator assemble = ArticleTranslator.of(forced(lookup(translations, model)), settings(),
                    spec.summaryLength());
            assemble.translate(articles).forEach(t -> out.add(OutputRows.of(t)));
            // The tests of task retries and of a killed executor: this attempt has done its work, and
            // fails (or waits to be killed) before Spark commits it.
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            String pause = System.getProperty(PAUSE_FIRST_ATTEMPT);
            if (task != null && pause != null && task.partitionId() == 0 && task.attemptNumber() == 0) {
                pauseUntilKilled(java.nio.file.Path.of(pause));
            }
            if (task != null && Boolean.getBoolean(FAIL_FIRST_ATTEMPT) && task.partitionId() == 0 && task.attemptNumber() == 0) {
                throw new IllegalStateException("the first attempt of partition 0 fails, as the test asks");
            }
            return out.iterator();
        }
    }
}
