package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the summariser knows about each sentence of one article, in article order; none of it
 * depends on the weights, so tuning computes it once per article.
 */
final class ArticleFeatures {

    final SentenceId[] ids;
    /** Word tokens (tokens holding a letter or digit) per sentence: the unit of a word budget. */
    final int[] words;
    /** Content words per sentence, for {@link #centrality()}. */
    private final List<List<String>> content;
    /** LexRank centrality, computed on first use: only a rule that weighs it needs it. */
    private double[] centrality;
    /** Share of the title's content words that the sentence contains, in [0, 1]; all 0 without a title. */
    final double[] title;
    /** Whether the sentence quotes someone directly (holds a quotation mark). */
    final boolean[] directSpeech;
    /** Whether the sentence is a link to another article ("Baca juga: ..."): never chosen. */
    final boolean[] relatedLink;
    final int totalWords;

    private ArticleFeatures(SentenceId[] ids, int[] words, List<List<String>> content, double[] title, boolean[] directSpeech,
                            boolean[] relatedLink) {
        this.ids = ids;
        this.words = words;
        this.content = content;
        this.title = title;
        this.directSpeech = directSpeech;
        this.relatedLink = relatedLink;
        int sum = 0;
        for (int w : words) {
            sum += w;
        }
        this.totalWords = sum;
    }

    int size() {
        return ids.length;
    }

    /** Returns LexRank centrality per sentence, most central sentence = 1. */
    synchronized double[] centrality() {
        if (centrality == null) {
            centrality = LexRank.centrality(content);
        }
        return centrality;
    }

    /** Computes the features of an article given as paragraphs of tokenised sentences and an optional title. */
    static ArticleFeatures of(List<? extends List<? extends List<String>>> paragraphs, List<String> titleTokens) {
        List<SentenceId> ids = new ArrayList<>();
        List<List<String>> content = new ArrayList<>();
        List<Integer> words = new ArrayList<>();
        List<Boolean> speech = new ArrayList<>();
        List<Boolean> links = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            List<? extends List<String>> para = paragraphs.get(p);
            for (int s = 0; s < para.size(); s++) {
                List<String> tokens = para.get(s);
                ids.add(new SentenceId(p, s));
                content.add(contentWords(tokens));
                int w = 0;
                boolean quote = false;
                for (String t : tokens) {
                    w += SentenceTokens.isWord(t) ? 1 : 0;
                    quote |= SentenceTokens.isQuote(t);
                }
                words.add(w);
                speech.add(quote);
                links.add(SentenceTokens.isRelatedLink(tokens));
            }
        }
        int n = ids.size();
        Set<String> titleWords = new HashSet<>(contentWords(titleTokens == null ? List.of() : titleTokens));
        double[] title = new double[n];
        boolean[] directSpeech = new boolean[n];
        boolean[] relatedLink = new boolean[n];
        int[] wordCounts = new int[n];
        for (int i = 0; i < n; i++) {
            if (!titleWords.isEmpty()) {
                Set<String> shared = new HashSet<>(content.get(i));
                shared.retainAll(titleWords);
                title[i] = (double) shared.size() / titleWords.size();
            }
            directSpeech[i] = speech.get(i);
            relatedLink[i] = links.get(i);
            wordCounts[i] = words.get(i);
        }
        return new ArticleFeatures(ids.toArray(new SentenceId[0]), wordCounts, content, title, directSpeech, relatedLink);
    }

    /** Lowercased word tokens that are not stop words. */
    static List<String> contentWords(List<String> tokens) {
        List<String> out = new ArrayList<>();
        for (String t : tokens) {
            String w = t.toLowerCase(Locale.ROOT);
            if (SentenceTokens.isWord(w) && !IndonesianStopWords.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
