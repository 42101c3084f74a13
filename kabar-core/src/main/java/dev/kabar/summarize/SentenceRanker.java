package dev.kabar.summarize;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Scores the sentences of an article by how likely they are to belong in its summary, with a
 * gradient-boosted tree ensemble over {@link RankingFeatures}.
 *
 * <p>The built-in model ({@link #RESOURCE}) was trained on IndoSum's extractive oracle labels of dev
 * folds 1-3, fold-4 articles left out, by {@code src/tools/train_sentence_ranker.py} (LightGBM; see the
 * README). Only the training needs Python; kabar evaluates the trees itself. Immutable and
 * thread-safe.
 */
public final class SentenceRanker {

    /** The built-in model, a LightGBM text model on the class path. */
    public static final String RESOURCE = "/dev/kabar/summarize/sentence-ranker.txt";

    private static volatile SentenceRanker builtIn;

    private final TreeEnsemble model;

    /**
     * Wraps a model trained on {@link RankingFeatures#NAMES}.
     *
     * @throws IllegalArgumentException when the model names other features, or is not a binary classifier
     */
    public SentenceRanker(TreeEnsemble model) {
        this.model = Objects.requireNonNull(model, "model");
        if (!model.featureNames().equals(RankingFeatures.NAMES)) {
            throw new IllegalArgumentException("The sentence ranker model was trained on features " + model.featureNames()
                    + ", but kabar computes " + RankingFeatures.NAMES + "; retrain it with src/tools/train_sentence_ranker.py.");
        }
        if (!model.objective().startsWith("binary")) {
            throw new IllegalArgumentException("The sentence ranker model has objective '" + model.objective()
                    + "'; expected a binary classifier.");
        }
    }

    /** Returns the built-in ranker, read once from the class path. */
    public static SentenceRanker builtIn() {
        SentenceRanker r = builtIn;
        if (r == null) {
            synchronized (SentenceRanker.class) {
                r = builtIn;
                if (r == null) {
                    try (InputStream in = SentenceRanker.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("The sentence ranker model " + RESOURCE + " is missing from the class path; "
                                    + "rebuild kabar.");
                        }
                        r = new SentenceRanker(TreeEnsemble.read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read the sentence ranker model " + RESOURCE + ": " + e.getMessage(), e);
                    }
                    builtIn = r;
                }
            }
        }
        return r;
    }

    /** Returns the tree ensemble. */
    public TreeEnsemble model() {
        return model;
    }

    /**
     * Scores every sentence of an article, in article order; higher is more summary-worthy (the
     * model's log-odds).
     *
     * @param paragraphs the article as kabar summarises it: paragraphs of sentences of tokens
     * @param title the title's tokens, or null
     */
    public double[] scores(List<? extends List<? extends List<String>>> paragraphs, List<String> title) {
        double[][] rows = RankingFeatures.of(paragraphs, title);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = model.rawScore(rows[i]);
        }
        return out;
    }
}
