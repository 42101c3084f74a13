package dev.kabar.spark;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.Article;
import dev.kabar.glossary.GlossaryMatcher;
import dev.kabar.glossary.TermConstraint;
import dev.kabar.pipeline.FatalTranslationException;
import dev.kabar.pipeline.SecondTries;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.TokenBudgetBatcher;
import dev.kabar.pipeline.Translation;
import dev.kabar.pipeline.TranslationProgress;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.trust.SentenceCheck;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

    /**
     * A text's translation, or the reason it failed, and its second try when it was made.
     *
     * @param english the translation, null when it failed
     * @param confidence the model's confidence in it ({@link Translation#confidence()}), null when not known
     * @param error why the translation failed, null when it did not
     * @param second the second try of a suspect text ({@link SecondTries}): its translation or its
     *     error (its own {@code second} null); null when the text was not tried again
     */
    record Translated(String english, int tokens, Double confidence, String error, Translated second)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        /** A translation that was made. */
        static Translated of(Translation translation) {
            return new Translated(translation.text(), translation.tokens(), translation.confidence(), null, null);
        }

        /** A translation that failed, and why. */
        static Translated failed(RuntimeException e) {
            return new Translated(null, 0, null, describe(e), null);
        }

        /** This first attempt with its second try. */
        Translated withSecond(Translated attempt) {
            return new Translated(english, tokens, confidence, error, attempt);
        }

        /** The translation as the pipeline takes it; throws with the error when it failed. */
        Translation translation() {
            if (english == null) {
                throw new IllegalStateException(error);
            }
            return new Translation(english, tokens, confidence);
        }
    }

    /** An exception's message as the pipeline reports it ({@code TranslationRun}): its class when it has none. */
    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
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

    /**
     * Step 2: translates a partition of distinct texts in length-sorted batches, one by one after a
     * failed batch; then checks each translation as the pipeline does and, when second tries are on
     * and the model has one, translates the suspect texts again the same way ({@link SecondTries}).
     * Step 3's pipeline makes the same checks on the same translations, so it asks the second try
     * for exactly the texts tried here, and chooses between the attempts itself.
     */
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
                Map<String, Translated> first = translateAll(model, all, matcher);
                SentenceTranslator secondTry = SecondTries.translator(model, spec.trust());
                if (secondTry != null) {
                    SentenceCheck check = new SentenceCheck(spec.trust().minConfidence());
                    List<String> suspects = new ArrayList<>();
                    for (String text : all) {
                        Translated t = first.get(text);
                        if (t.english() != null && SecondTries.canHelp(check.check(text, t.english(), t.confidence()))) {
                            suspects.add(text);
                        }
                    }
                    translateAll(secondTry, suspects, matcher).forEach((text, second) -> first.put(text, first.get(text).withSecond(second)));
                }
                first.forEach((text, t) -> out.add(new Tuple2<>(text, t)));
            }
            return out.iterator();
        }

        /**
         * Translates texts in length-sorted batches, one by one after a failed batch, as the pipeline
         * does, each with its glossary terms forced (none without a glossary).
         */
        private Map<String, Translated> translateAll(SentenceTranslator model, List<String> all, GlossaryMatcher matcher) {
            Map<String, Translated> out = new LinkedHashMap<>();
            int[] lengths = all.stream().mapToInt(model::countTokens).toArray();
            for (int[] batch : new TokenBudgetBatcher(spec.batchTokens(), spec.batchSentences(), true).batches(lengths)) {
                List<String> sentences = new ArrayList<>(batch.length);
                for (int i : batch) {
                    sentences.add(all.get(i));
                }
                try {
                    List<Translation> done = model.translate(sentences, constraints(matcher, sentences));
                    for (int k = 0; k < sentences.size(); k++) {
                        out.put(sentences.get(k), Translated.of(done.get(k)));
                    }
                } catch (FatalTranslationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // As the pipeline does: one by one, so that only the bad text fails.
                    for (String sentence : sentences) {
                        try {
                            out.put(sentence, Translated.of(model.translate(List.of(sentence),
                                    constraints(matcher, List.of(sentence))).get(0)));
                        } catch (FatalTranslationException f) {
                            throw f;
                        } catch (RuntimeException one) {
                            out.put(sentence, Translated.failed(one));
                        }
                    }
                }
            }
            return out;
        }
    }

    /**
     * Step 3's translator: serves the first attempts found for an article's texts, with their
     * confidence, and fails the others as they failed. Its {@link SentenceTranslator#secondTry()}
     * serves the second attempts the same way (null when the model has no second try); a text that
     * has none throws, which the pipeline records as a failed second try.
     */
    static SentenceTranslator lookup(Map<String, Translated> translations, SentenceTranslator model) {
        return new Lookup(translations, model, false);
    }

    /** The translator of {@link #lookup}: first attempts, or ({@code second}) second ones. */
    private static final class Lookup implements SentenceTranslator {
        private final Map<String, Translated> translations;
        private final SentenceTranslator model;
        private final boolean second;

        Lookup(Map<String, Translated> translations, SentenceTranslator model, boolean second) {
            this.translations = translations;
            this.model = model;
            this.second = second;
        }

        @Override
        public List<Translation> translate(List<String> sentences) {
            List<Translation> out = new ArrayList<>(sentences.size());
            for (String sentence : sentences) {
                Translated t = translations.get(sentence);
                if (t == null) {
                    throw new IllegalStateException("no translation of '" + sentence + "' was made");
                }
                if (second) {
                    if (t.second() == null) {
                        throw new IllegalStateException("no second try of '" + sentence + "' was made");
                    }
                    t = t.second();
                }
                out.add(t.translation());
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

        @Override
        public SentenceTranslator secondTry() {
            return second || model.secondTry() == null ? null : new Lookup(translations, model, true);
        }

        /** Step 2 translated each text with its terms forced: they are served as they are. */
        @Override
        public boolean forcesPhrases() {
            return true;
        }

        @Override
        public List<Translation> translate(List<String> sentences, List<List<TermConstraint>> constraints) {
            return translate(sentences);
        }
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
            ArticleTranslator assemble = ArticleTranslator.of(lookup(translations, model), settings(),
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
