package dev.kabar.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
