package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Sentence centrality by continuous LexRank (Erkan and Radev 2004): the stationary distribution of a
 * random walk over sentences whose steps follow TF-IDF cosine similarity. A sentence that many
 * others resemble is central to the article's story.
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
        Map<String, Integer> df = new HashMap<>();
        for (List<String> s : sentences) {
            for (String w : new HashSet<>(s)) {
                df.merge(w, 1, Integer::sum);
            }
        }
        List<Map<String, Double>> vectors = new ArrayList<>(n);
        for (List<String> s : sentences) {
            Map<String, Double> v = new HashMap<>();
            for (String w : s) {
                v.merge(w, 1.0, Double::sum);
            }
            double norm = 0;
            for (Map.Entry<String, Double> e : v.entrySet()) {
                double x = e.getValue() * Math.log((n + 1.0) / (df.get(e.getKey()) + 0.5));
                e.setValue(x);
                norm += x * x;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            v.replaceAll((w, x) -> x * scale);
            vectors.add(v);
        }
        double[][] sim = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Map<String, Double> a = vectors.get(i);
                Map<String, Double> b = vectors.get(j);
                if (a.size() > b.size()) {
                    Map<String, Double> t = a;
                    a = b;
                    b = t;
                }
                double dot = 0;
                for (Map.Entry<String, Double> e : a.entrySet()) {
                    dot += e.getValue() * b.getOrDefault(e.getKey(), 0.0);
                }
                sim[i][j] = dot;
                sim[j][i] = dot;
            }
        }
        return sim;
    }
}
