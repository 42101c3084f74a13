package dev.kabar.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The learned ranker's sentence features, on an article small enough to count by hand. */
class RankingFeaturesTest {

    private static double f(double[] row, String name) {
        return row[RankingFeatures.NAMES.indexOf(name)];
    }

    @Test
    void featuresOfASmallArticleAreWhatHandCountingGives() {
        List<List<List<String>>> article = List.of(
                List.of(List.of("Gempa", "guncang", "Cianjur", "."),
                        List.of("\"", "Kami", "takut", ",", "\"", "kata", "warga", "."),
                        List.of("Baca", "juga", ":", "Gempa", "lagi")),
                List.of(List.of("Gempa", "guncang", "Cianjur", "pagi", "ini", "?")));
        double[][] rows = RankingFeatures.of(article, List.of("Gempa", "Cianjur", "Hari", "Ini"));
        assertEquals(4, rows.length);
        for (double[] row : rows) {
            assertEquals(RankingFeatures.NAMES.size(), row.length);
        }
        double[] first = rows[0];
        double[] quote = rows[1];
        double[] link = rows[2];
        double[] last = rows[3];
        // Position: index, paragraph, index in paragraph, share of the way through, article size.
        assertEquals(List.of(3.0, 1.0, 0.0, 0.75, 4.0), List.of(f(last, "index"), f(last, "paragraph"),
                f(last, "index_in_paragraph"), f(last, "relative_position"), f(last, "sentences")));
        assertEquals(List.of(3.0, 8.0, 0.0), List.of(f(first, "words"), f(quote, "tokens"), f(first, "words_before")));
        assertEquals(List.of(3.0, 7.0, 11.0, 16.0), List.of(f(quote, "words_before"), f(quote, "words_through"),
                f(last, "words_before"), f(last, "article_words")));
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0), List.of(f(quote, "direct_speech"), f(first, "direct_speech"),
                f(quote, "speech_verb"), f(first, "speech_verb")));
        assertEquals(List.of(1.0, 1.0, 0.0), List.of(f(last, "question"), f(link, "related_link"), f(first, "related_link")));
        assertEquals(List.of(1.0, 0.0, 1.0), List.of(f(first, "ends_with_stop"), f(link, "ends_with_stop"), f(link, "last_in_paragraph")));
        assertEquals(List.of(3.0, 1.0, 2.0, 1.0, 0.0), List.of(f(first, "paragraph_sentences"), f(last, "paragraph_sentences"),
                f(first, "paragraphs"), f(first, "in_first_paragraph"), f(last, "in_first_paragraph")));
        // Title words found: the first sentence has gempa and cianjur of 4; the last also "ini".
        assertEquals(0.5, f(first, "title_overlap"), 1e-12);
        assertEquals(0.75, f(last, "title_overlap"), 1e-12);
        // Capitalised tokens: Gempa, Cianjur of 4 tokens.
        assertEquals(0.5, f(first, "capitalised_share"), 1e-12);
        // Bigrams: the last sentence repeats "gempa guncang", "guncang cianjur" of its 5 distinct bigrams from the first.
        assertEquals(0.4, f(last, "repeats_earlier"), 1e-12);
        assertEquals(0.0, f(first, "repeats_earlier"), 1e-12);
        assertEquals(2.0 / 3, f(first, "repeats_any"), 1e-12);
        // The first sentence is itself the first; its neighbours: none before (-1), the quote after.
        assertEquals(1.0, f(first, "similarity_to_first"), 1e-12);
        assertEquals(List.of(-1.0, -1.0, 1.0, 4.0), List.of(f(first, "previous_direct_speech"), f(first, "previous_words"),
                f(first, "next_direct_speech"), f(first, "next_words"))); // the quote has 4 words
        assertEquals(List.of(-1.0, 5.0), List.of(f(last, "next_words"), f(last, "paragraph_words")));
        assertEquals(3.0 / 4.0, f(first, "relative_length"), 1e-12);
        assertEquals(11.0 / 16, f(last, "relative_words_before"), 1e-12);
        // The article as a whole, the same on every row: 1 of 4 sentences quotes and has a speech verb,
        // 16 words in 4 sentences, 11 words in the first paragraph, paragraphs of 3, 3, 3 and 1 sentences.
        for (double[] row : rows) {
            assertEquals(List.of(0.25, 0.25, 4.0, 11.0, 2.5), List.of(f(row, "article_direct_speech_share"),
                    f(row, "article_speech_verb_share"), f(row, "article_mean_words"), f(row, "first_paragraph_words"),
                    f(row, "article_mean_paragraph_sentences")));
        }
    }

    /**
     * Centrality and the repeated-bigram features are computed without comparing every pair of
     * sentences; they must still equal the plain pairwise definitions, here on an article of 300
     * sentences over a small vocabulary, so that most sentences share words and bigrams.
     */
    @Test
    void pairwiseFeaturesEqualComparingEveryPair() {
        Random random = new Random(18);
        String[] vocabulary = {"Gempa", "guncang", "Cianjur", "warga", "mengungsi", "di", "yang", "dan", "kata", "\"", ",", ".",
            "rumah", "rusak", "BNPB", "2022", "korban", "bantuan"};
        List<List<List<String>>> article = new ArrayList<>();
        for (int p = 0; p < 60; p++) {
            List<List<String>> paragraph = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                List<String> sentence = new ArrayList<>();
                // Now and then a sentence of punctuation only, which has no words and so no TF-IDF vector.
                int length = random.nextInt(12) == 0 ? 1 : 3 + random.nextInt(15);
                for (int k = 0; k < length; k++) {
                    sentence.add(length == 1 ? "." : vocabulary[random.nextInt(vocabulary.length)]);
                }
                paragraph.add(sentence);
            }
            article.add(paragraph);
        }
        double[][] rows = RankingFeatures.of(article, null);
        List<List<String>> lower = new ArrayList<>();
        for (List<List<String>> paragraph : article) {
            for (List<String> sentence : paragraph) {
                lower.add(sentence.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
            }
        }
        int n = lower.size();
        List<Map<String, Double>> vectors = TfIdf.unitVectors(
                lower.stream().map(s -> s.stream().filter(SentenceTokens::isWord).toList()).toList(),
                (all, df) -> Math.log(1 + (double) all / df));
        for (int i = 0; i < n; i++) {
            double centrality = 0;
            double earlier = 0;
            double any = 0;
            Set<List<String>> own = bigrams(lower.get(i));
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                centrality += TfIdf.dot(vectors.get(i), vectors.get(j));
                Set<List<String>> shared = new HashSet<>(own);
                shared.retainAll(bigrams(lower.get(j)));
                double share = own.isEmpty() ? 0 : (double) shared.size() / own.size();
                any = Math.max(any, share);
                earlier = j < i ? Math.max(earlier, share) : earlier;
            }
            assertEquals(centrality / (n - 1), f(rows[i], "centrality"), 1e-12, "sentence " + i);
            assertEquals(earlier, f(rows[i], "repeats_earlier"), 0, "sentence " + i);
            assertEquals(any, f(rows[i], "repeats_any"), 0, "sentence " + i);
        }
    }

    private static Set<List<String>> bigrams(List<String> tokens) {
        Set<List<String>> out = new HashSet<>();
        for (int k = 0; k + 1 < tokens.size(); k++) {
            out.add(List.of(tokens.get(k), tokens.get(k + 1)));
        }
        return out;
    }

    @Test
    void centralityAndSimilarityAreTfIdfCosines() {
        // Two identical sentences and one with nothing in common.
        List<List<List<String>>> article = List.of(List.of(List.of("a", "b"), List.of("a", "b"), List.of("c", "d")));
        double[][] rows = RankingFeatures.of(article, null);
        assertEquals(1.0, f(rows[1], "similarity_to_first"), 1e-12);
        assertEquals(0.0, f(rows[2], "similarity_to_first"), 1e-12);
        // Mean cosine to the two others: (1 + 0) / 2 for the twins, 0 for the odd one out.
        assertEquals(0.5, f(rows[0], "centrality"), 1e-12);
        assertEquals(0.0, f(rows[2], "centrality"), 1e-12);
        assertEquals(0.0, f(rows[0], "title_overlap"));
        assertEquals(0, RankingFeatures.of(List.of(), List.of()).length);
    }
}
