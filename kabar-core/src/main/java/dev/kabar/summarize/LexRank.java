package dev.kabar.summarize;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sentence centrality by continuous LexRank (Erkan and Radev 2004): the stationary distribution of a
 * random walk over sentences whose steps follow TF-IDF cosine similarity. A sentence that many
 * others resemble is central to the article's story.
 *
 * <p>The graph joins every pair of sentences, n² edges; {@link ExtractiveSummarizer} gives it at
 * most {@link ExtractiveSummarizer#MAX_RANKED_SENTENCES} sentences, so it stays bounded.
 */
final class LexRank {

    /** PageRank's damping factor; the walk jumps to a random sentence with probability 1 - DAMPING. */
    private static final double DAMPING = 0.85;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private LexRank() {
    }

    /**
     * Returns each sentence's centrality scaled so that the most central sentence has 1 (all 0 when
     * no two sentences share a content word).
     *
     * @param sentences content words of each sentence (lowercased, stop words removed)
     */
    static double[] centrality(List<List<String>> sentences) {
        int n = sentences.size();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double[][] sim = similarities(sentences);
        double[] rowSum = new double[n];
        boolean anyLink = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowSum[i] += sim[i][j];
            }
            anyLink |= rowSum[i] > 0;
        }
        if (!anyLink) {
            return out;
        }
        double[] p = new double[n];
        Arrays.fill(p, 1.0 / n);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] next = new double[n];
            Arrays.fill(next, (1 - DAMPING) / n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // A sentence that shares nothing with the rest spreads its weight evenly.
                    double step = rowSum[i] > 0 ? sim[i][j] / rowSum[i] : 1.0 / n;
                    next[j] += DAMPING * p[i] * step;
                }
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                change += Math.abs(next[i] - p[i]);
            }
            p = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        double max = 0;
        for (double v : p) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < n; i++) {
            out[i] = p[i] / max;
        }
        return out;
    }

    /**
     * Cosine similarity of TF-IDF vectors, self-similarity 0. The IDF is taken over the article's own
     * sentences, log((n + 1) / (df + 0.5)), so no corpus statistics are needed and words the whole
     * article repeats weigh less than the words that tie a few sentences together.
     */
    private static double[][] similarities(List<List<String>> sentences) {
        int n = sentences.size();
        List<Map<String, Double>> vectors = TfIdf.unitVectors(sentences, (all, df) -> Math.log((all + 1.0) / (df + 0.5)));
        double[][] sim = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dot = TfIdf.dot(vectors.get(i), vectors.get(j));
                sim[i][j] = dot;
                sim[j][i] = dot;
            }
        }
        return sim;
    }
}
