package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF vectors of an article's sentences, with the article's own sentences as the documents, so
 * no corpus statistics are needed; shared by {@link LexRank} and {@link RankingFeatures}, which
 * weigh document frequency differently.
 */
final class TfIdf {

    /** The inverse document frequency of a term found in {@code df} of {@code n} sentences. */
    @FunctionalInterface
    interface Idf {
        double of(int n, int df);
    }

    private TfIdf() {
    }

    /**
     * Returns one unit-length vector per sentence: term count × {@code idf}, scaled to length 1 (an
     * empty sentence gives an empty vector).
     *
     * @param sentences the terms of each sentence, repeats counted
     */
    static List<Map<String, Double>> unitVectors(List<List<String>> sentences, Idf idf) {
        int n = sentences.size();
        Map<String, Integer> df = new HashMap<>();
        List<Map<String, Double>> out = new ArrayList<>(n);
        for (List<String> s : sentences) {
            Map<String, Double> counts = new HashMap<>();
            for (String t : s) {
                counts.merge(t, 1.0, Double::sum);
            }
            counts.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
            out.add(counts);
        }
        for (Map<String, Double> v : out) {
            double norm = 0;
            for (Map.Entry<String, Double> e : v.entrySet()) {
                double x = e.getValue() * idf.of(n, df.get(e.getKey()));
                e.setValue(x);
                norm += x * x;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            v.replaceAll((t, x) -> x * scale);
        }
        return out;
    }

    /** Returns the sum of the vectors, term by term. */
    static Map<String, Double> sum(List<Map<String, Double>> vectors) {
        Map<String, Double> out = new HashMap<>();
        for (Map<String, Double> v : vectors) {
            v.forEach((t, x) -> out.merge(t, x, Double::sum));
        }
        return out;
    }

    /** Returns the dot product of two vectors, the cosine when both have unit length. */
    static double dot(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double sum = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            sum += e.getValue() * large.getOrDefault(e.getKey(), 0.0);
        }
        return sum;
    }
}
