package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sentence features the learned ranker ({@link SentenceRanker}) scores: where the sentence
 * stands in the article, how long it is, what it looks like, and how it relates to the title and
 * to the other sentences. They are computed only here, both for training ({@code kabar
 * eval-summaries --features-out}) and for summarising, so the model always sees what it was
 * trained on.
 *
 * <p>Nothing here depends on the news site or category: the ranker must carry over to sources
 * IndoSum does not have.
 */
public final class RankingFeatures {

    /** The feature names, in column order; a model file must name the same. */
    public static final List<String> NAMES = List.of(
            "index", "paragraph", "index_in_paragraph", "relative_position", "sentences",
            "words", "direct_speech", "question", "speech_verb", "title_overlap",
            "centrality", "similarity_to_first", "capitalised_share", "digit_tokens", "related_link",
            "ends_with_stop", "tokens", "last_in_paragraph", "paragraph_sentences", "connective_start",
            "words_before", "words_through", "repeats_earlier", "repeats_any", "paragraphs",
            "in_first_paragraph", "article_words", "ends_with_colon",
            "previous_direct_speech", "previous_words", "previous_speech_verb", "previous_connective_start",
            "next_direct_speech", "next_words", "next_speech_verb", "next_connective_start",
            "paragraph_words", "relative_length", "relative_words_before",
            "article_direct_speech_share", "article_speech_verb_share", "article_mean_words", "first_paragraph_words",
            "article_mean_paragraph_sentences");

    /** Verbs that report speech ({@code kata}, {@code ujarnya}): a sentence with one usually quotes or paraphrases someone. */
    private static final Set<String> SPEECH_VERBS = Set.of("kata", "ujar", "ucap", "tutur", "jelas", "ungkap", "katanya", "ujarnya",
            "ucapnya", "tuturnya", "jelasnya", "ungkapnya", "imbuh", "imbuhnya", "tambah", "tambahnya", "terang", "terangnya", "papar",
            "paparnya", "lanjut", "lanjutnya");

    /** Words that tie a sentence to the one before it (connectives, pronouns): such a sentence rarely stands alone in a summary. */
    private static final Set<String> CONNECTIVES = Set.of("sementara", "selain", "namun", "menurut", "sebelumnya", "adapun", "dalam",
            "kemudian", "bahkan", "tak", "tidak", "saat", "meski", "karena", "oleh", "untuk", "di", "pada", "hal", "ini", "itu", "ia",
            "dia", "mereka");

    /** Columns of a sentence's own features that its neighbours' columns repeat, in order. */
    private static final int[] NEIGHBOUR_COLUMNS = Stream.of("direct_speech", "words", "speech_verb", "connective_start")
            .mapToInt(NAMES::indexOf).toArray();
    private static final int WORDS_BEFORE = NAMES.indexOf("words_before");
    private static final int DIRECT_SPEECH = NAMES.indexOf("direct_speech");
    private static final int SPEECH_VERB = NAMES.indexOf("speech_verb");
    private static final int PARAGRAPH_SENTENCES = NAMES.indexOf("paragraph_sentences");

    private RankingFeatures() {
    }

    /**
     * Computes one row of {@link #NAMES} per sentence, in article order. The work grows with the
     * sentences and with the pairs of sentences that share a bigram; the summariser never passes
     * more than {@link ExtractiveSummarizer#MAX_RANKED_SENTENCES} sentences.
     *
     * @param paragraphs the article as kabar summarises it (place/agency lead removed): paragraphs of sentences of tokens
     * @param title the title's tokens; empty or null when there is none
     */
    public static double[][] of(List<? extends List<? extends List<String>>> paragraphs, List<String> title) {
        List<List<String>> lower = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            for (int s = 0; s < paragraphs.get(p).size(); s++) {
                List<String> l = new ArrayList<>();
                for (String t : paragraphs.get(p).get(s)) {
                    l.add(t.toLowerCase(Locale.ROOT));
                }
                lower.add(l);
                where.add(new int[] {p, s});
            }
        }
        int n = lower.size();
        int[] words = new int[n];
        int articleWords = 0;
        for (int i = 0; i < n; i++) {
            for (String t : lower.get(i)) {
                words[i] += SentenceTokens.isWord(t) ? 1 : 0;
            }
            articleWords += words[i];
        }
        // Term count × log(1 + n / sentences with the word), over all lowercased words.
        List<List<String>> terms = new ArrayList<>(n);
        for (List<String> s : lower) {
            terms.add(s.stream().filter(SentenceTokens::isWord).toList());
        }
        List<Map<String, Double>> vectors = TfIdf.unitVectors(terms, (all, df) -> Math.log(1 + (double) all / df));
        // Centrality is the mean cosine to the other sentences: v_i · (sum of all vectors - v_i), so
        // one pass over the sum replaces comparing every pair of sentences.
        Map<String, Double> sum = TfIdf.sum(vectors);
        List<Set<List<String>>> bigrams = new ArrayList<>(n);
        for (List<String> s : lower) {
            Set<List<String>> b = new HashSet<>();
            for (int i = 0; i + 1 < s.size(); i++) {
                b.add(List.of(s.get(i), s.get(i + 1)));
            }
            bigrams.add(b);
        }
        double[][] repeats = repeatedBigrams(bigrams);
        Set<String> titleWords = new HashSet<>();
        for (String t : title == null ? List.<String>of() : title) {
            if (SentenceTokens.isWord(t)) {
                titleWords.add(t.toLowerCase(Locale.ROOT));
            }
        }
        double[][] out = new double[n][];
        int before = 0;
        for (int i = 0; i < n; i++) {
            List<String> s = lower.get(i);
            List<? extends List<String>> paragraph = paragraphs.get(where.get(i)[0]);
            List<String> original = paragraph.get(where.get(i)[1]);
            int indexInParagraph = where.get(i)[1];
            boolean quote = false;
            boolean speech = false;
            int capitals = 0;
            int digits = 0;
            Set<String> sentenceWords = new HashSet<>();
            for (int k = 0; k < s.size(); k++) {
                String t = s.get(k);
                quote |= SentenceTokens.isQuote(t);
                speech |= SPEECH_VERBS.contains(t);
                capitals += !original.get(k).isEmpty() && Character.isUpperCase(original.get(k).charAt(0)) ? 1 : 0;
                digits += t.chars().anyMatch(Character::isDigit) ? 1 : 0;
                if (SentenceTokens.isWord(t)) {
                    sentenceWords.add(t);
                }
            }
            double centrality = TfIdf.dot(vectors.get(i), sum) - TfIdf.dot(vectors.get(i), vectors.get(i));
            int shared = 0;
            for (String w : titleWords) {
                shared += sentenceWords.contains(w) ? 1 : 0;
            }
            String last = s.isEmpty() ? "" : s.get(s.size() - 1);
            out[i] = new double[] {
                i,
                where.get(i)[0],
                indexInParagraph,
                n == 0 ? 0 : (double) i / n,
                n,
                words[i],
                quote ? 1 : 0,
                s.contains("?") ? 1 : 0,
                speech ? 1 : 0,
                titleWords.isEmpty() ? 0 : (double) shared / titleWords.size(),
                n < 2 ? 0 : centrality / (n - 1),
                i == 0 ? 1 : TfIdf.dot(vectors.get(i), vectors.get(0)),
                s.isEmpty() ? 0 : (double) capitals / s.size(),
                digits,
                SentenceTokens.isRelatedLink(s) ? 1 : 0,
                last.equals(".") || last.equals("!") || last.equals("?") ? 1 : 0,
                s.size(),
                indexInParagraph == paragraph.size() - 1 ? 1 : 0,
                paragraph.size(),
                !s.isEmpty() && CONNECTIVES.contains(s.get(0)) ? 1 : 0,
                before,
                before + words[i],
                repeats[i][0],
                repeats[i][1],
                paragraphs.size(),
                where.get(i)[0] == 0 ? 1 : 0,
                articleWords,
                last.equals(":") ? 1 : 0,
            };
            before += words[i];
        }
        return withContext(out, where, words, articleWords);
    }

    /**
     * Adds the columns that describe a sentence's neighbours (-1 where there is none), its
     * paragraph, and the article as a whole.
     */
    private static double[][] withContext(double[][] base, List<int[]> where, int[] words, int articleWords) {
        int n = base.length;
        Map<Integer, Integer> paragraphWords = new HashMap<>();
        for (int i = 0; i < n; i++) {
            paragraphWords.merge(where.get(i)[0], words[i], Integer::sum);
        }
        double meanWords = n == 0 ? 1 : Math.max(1.0, (double) articleWords / n);
        // What kind of article it is: how much it quotes, how long its sentences and paragraphs run.
        double speechShare = 0;
        double verbShare = 0;
        double paragraphSentences = 0;
        for (double[] row : base) {
            speechShare += row[DIRECT_SPEECH] / n;
            verbShare += row[SPEECH_VERB] / n;
            paragraphSentences += row[PARAGRAPH_SENTENCES] / n;
        }
        double[] article = {speechShare, verbShare, (double) articleWords / Math.max(1, n),
            n == 0 ? 0 : paragraphWords.get(where.get(0)[0]), paragraphSentences};
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = Arrays.copyOf(base[i], NAMES.size());
            int k = base[i].length;
            for (int side : new int[] {i - 1, i + 1}) {
                for (int c : NEIGHBOUR_COLUMNS) {
                    row[k++] = side >= 0 && side < n ? base[side][c] : -1;
                }
            }
            row[k++] = paragraphWords.get(where.get(i)[0]);
            row[k++] = words[i] / meanWords;
            row[k++] = base[i][WORDS_BEFORE] / Math.max(1, articleWords);
            for (double a : article) {
                row[k++] = a;
            }
            out[i] = row;
        }
        return out;
    }

    /**
     * For each sentence, the largest share of its distinct bigrams that one earlier sentence has
     * ({@code [0]}) and that any other sentence has ({@code [1]}); 0 for a sentence without bigrams.
     * Only sentences that share a bigram are compared, through an index from bigram to the
     * sentences holding it, so the work grows with the shared bigrams, not with every pair of
     * sentences.
     */
    private static double[][] repeatedBigrams(List<Set<List<String>>> bigrams) {
        int n = bigrams.size();
        Map<List<String>, List<Integer>> holders = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (List<String> b : bigrams.get(i)) {
                holders.computeIfAbsent(b, k -> new ArrayList<>()).add(i);
            }
        }
        double[][] out = new double[n][2];
        int[] shared = new int[n];
        List<Integer> met = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<List<String>> own = bigrams.get(i);
            for (List<String> b : own) {
                for (int j : holders.get(b)) {
                    if (j != i && shared[j]++ == 0) {
                        met.add(j);
                    }
                }
            }
            for (int j : met) {
                double share = (double) shared[j] / own.size();
                out[i][1] = Math.max(out[i][1], share);
                if (j < i) {
                    out[i][0] = Math.max(out[i][0], share);
                }
                shared[j] = 0;
            }
            met.clear();
        }
        return out;
    }
}
