package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Picks the sentences of an Indonesian news article that summarise it, and returns their
 * positions in article order, so that the English summary can be the aligned translations of the
 * same sentences.
 *
 * <p>Each sentence gets a score, by one of two rankers:
 * <ul>
 *   <li><b>the learned ranker</b> (the default, {@link SentenceRanker#builtIn()}): a gradient-boosted
 *       tree ensemble over {@link RankingFeatures} (position, length, direct speech, title overlap,
 *       centrality, repetition and more), trained on IndoSum's extractive oracle labels;</li>
 *   <li><b>the rule</b> ({@link Weights}): a weighted sum of four signals news summaries are known
 *       to follow: lead bias {@code (i + 1)^-leadDecay}, LexRank centrality over TF-IDF, the share of
 *       the title's content words, and direct speech. Summaries report what was said rather than
 *       quote it: in IndoSum folds 1-3, a second sentence that quotes is in the gold extract 35%
 *       of the time, other second sentences 74%.</li>
 * </ul>
 * The best-scored sentences are taken (ties to the earlier sentence) until the
 * {@link SummaryLength} is met, then put back in article order.
 *
 * <p>Only the first {@link #MAX_RANKED_SENTENCES} sentences of an article are ranked: a longer
 * one is summarised as if it ended there, so the work per article is bounded however long the
 * page (see that constant).
 *
 * <p>Deterministic, immutable and thread-safe.
 */
public final class ExtractiveSummarizer {

    /**
     * The weights of the sentence score; the lead signal has weight 1, so the others are relative to it.
     *
     * @param leadDecay how fast the lead signal falls with position: {@code (i + 1)^-leadDecay}; 0 or more
     * @param centrality weight of LexRank centrality (most central sentence = 1)
     * @param title weight of the share of title content words in the sentence
     * @param directSpeech weight added when the sentence quotes directly (negative to avoid quotes)
     */
    public record Weights(double leadDecay, double centrality, double title, double directSpeech) {

        /**
         * Weights for news, chosen by {@code kabar eval-summaries --tune-folds 1,2,3} on IndoSum dev
         * folds 1-3 (articles of fold 4 left out) as the best mean of ROUGE-1, -2 and -L F1, together
         * with {@link ExtractiveSummarizer#NEWS_LENGTH}, on the articles as kabar's readers see them (place/agency lead
         * removed). The title weight came out 0 there: IndoSum's titles are only the slugs in its ids, and the lead
         * already carries what the title says. Centrality came out 0 too: on news this short the lead and the
         * direct-speech signal already pick what LexRank would.
         */
        public static final Weights NEWS = new Weights(0.75, 0.0, 0.0, -0.3);

        /** Rejects a negative decay and values that are not finite. */
        public Weights {
            if (!(leadDecay >= 0) || !Double.isFinite(leadDecay) || !Double.isFinite(centrality) || !Double.isFinite(title)
                    || !Double.isFinite(directSpeech)) {
                throw new IllegalArgumentException("Summariser weights must be finite and the lead decay at least 0, but are "
                        + "leadDecay=" + leadDecay + ", centrality=" + centrality + ", title=" + title + ", directSpeech=" + directSpeech + ".");
            }
        }
    }

    /**
     * The length for news: about 60 words (punctuation not counted), chosen with {@link Weights#NEWS}.
     * A word budget rather than a ratio, because IndoSum's human summaries keep the same length
     * (58 words on average, standard deviation 4, in every source) whether the article has 150 words or 500.
     */
    public static final SummaryLength NEWS_LENGTH = SummaryLength.words(60);

    /**
     * The most sentences of one article that are ranked: the first 1,000 of the body, counted
     * paragraph by paragraph. A longer article is summarised as if it ended after its 1,000th
     * sentence: the later sentences are never read, never chosen, and count neither in the
     * ranker's article-wide features nor in a {@link SummaryLength.Ratio ratio}'s budget.
     *
     * <p>Why a cap: the ranker compares sentences with one another (centrality, repeated bigrams,
     * LexRank), so without one a page of tens of thousands of sentences took minutes; with it the
     * work after sentence splitting is bounded by a constant. Why the first sentences: news puts the
     * story first, and the number of words before a sentence is the ranker's strongest feature (the
     * last gold-extract sentence of an IndoSum article is at most its 59th). Why 1,000: the longest
     * IndoSum article has 79 sentences and the longest of 800 detik.com articles of 2025 has 129, so
     * no news article is affected; only pages that are not one article (archives, dumps, concatenations) reach it.
     */
    public static final int MAX_RANKED_SENTENCES = 1000;

    /** The rule's weights, or null when the learned ranker scores. */
    private final Weights weights;
    /** The learned ranker, or null when the rule scores. */
    private final SentenceRanker ranker;

    /** Creates a summariser with the built-in learned ranker ({@link SentenceRanker#builtIn()}). */
    public ExtractiveSummarizer() {
        this(SentenceRanker.builtIn());
    }

    /** Creates a summariser that scores with the given learned ranker. */
    public ExtractiveSummarizer(SentenceRanker ranker) {
        this.weights = null;
        this.ranker = Objects.requireNonNull(ranker, "ranker");
    }

    /** Creates a summariser that scores with the rule and the given weights. */
    public ExtractiveSummarizer(Weights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.ranker = null;
    }

    /** Returns the rule's weights, or null when this summariser uses the learned ranker. */
    public Weights weights() {
        return weights;
    }

    /** Says in a line how this summariser scores sentences, for reports. */
    public String describe() {
        if (ranker != null) {
            return "learned ranker, " + ranker.model().size() + " trees over " + RankingFeatures.NAMES.size() + " features";
        }
        return "rule: lead decay " + weights.leadDecay() + ", centrality " + weights.centrality() + ", title " + weights.title()
                + ", direct speech " + weights.directSpeech();
    }

    /**
     * Chooses the summary sentences of a tokenised article.
     *
     * @param paragraphs the article: paragraphs, each a list of sentences, each a list of tokens
     * @param title the title's tokens, or null or empty when there is none
     * @param length how long the summary should be
     * @return the chosen sentences in article order; empty only when the article has no sentence
     *     with a word that is not a link to another article
     */
    public List<SentenceId> summarizeTokens(List<? extends List<? extends List<String>>> paragraphs, List<String> title,
            SummaryLength length) {
        Objects.requireNonNull(paragraphs, "paragraphs");
        Objects.requireNonNull(length, "length");
        List<? extends List<? extends List<String>>> ranked = rankedPart(paragraphs);
        ArticleFeatures f = ArticleFeatures.of(ranked, title);
        return select(f, ranker != null ? ranker.scores(ranked, title) : ruleScores(f), length);
    }

    /**
     * Chooses the summary sentences of an article given as plain-text sentences; tokens are
     * split off at white space and at punctuation on word edges.
     *
     * @param paragraphs the article: paragraphs, each a list of sentences
     * @param title the title, or null when there is none
     * @param length how long the summary should be
     * @return the chosen sentences in article order
     */
    public List<SentenceId> summarize(List<? extends List<String>> paragraphs, String title, SummaryLength length) {
        Objects.requireNonNull(paragraphs, "paragraphs");
        // Cut before tokenising, so a huge page costs no tokens past the cap.
        List<? extends List<? extends String>> ranked = rankedPart(paragraphs);
        List<List<List<String>>> tokens = new ArrayList<>(ranked.size());
        for (List<? extends String> para : ranked) {
            List<List<String>> sentences = new ArrayList<>(para.size());
            for (String s : para) {
                sentences.add(SentenceTokens.tokenize(s));
            }
            tokens.add(sentences);
        }
        return summarizeTokens(tokens, title == null ? null : SentenceTokens.tokenize(title), length);
    }

    /**
     * Returns the part of an article that is ranked: all of it when it has at most
     * {@link #MAX_RANKED_SENTENCES} sentences, else its paragraphs up to that sentence (the last one
     * cut there), as views. Sentences past the cut are not read.
     */
    static <T> List<? extends List<? extends T>> rankedPart(List<? extends List<? extends T>> paragraphs) {
        int seen = 0;
        for (int p = 0; p < paragraphs.size(); p++) {
            List<? extends T> paragraph = paragraphs.get(p);
            if (seen + paragraph.size() > MAX_RANKED_SENTENCES) {
                List<List<? extends T>> part = new ArrayList<>(paragraphs.subList(0, p));
                if (seen < MAX_RANKED_SENTENCES) {
                    part.add(paragraph.subList(0, MAX_RANKED_SENTENCES - seen));
                }
                return part;
            }
            seen += paragraph.size();
        }
        return paragraphs;
    }

    /**
     * Chooses sentences by the rule from precomputed features; tuning calls this for many weights over the same articles.
     *
     * @throws IllegalStateException when this summariser uses the learned ranker
     */
    List<SentenceId> select(ArticleFeatures f, SummaryLength length) {
        if (weights == null) {
            throw new IllegalStateException("Only the rule selects from precomputed features; the learned ranker needs the article.");
        }
        return select(f, ruleScores(f), length);
    }

    private static List<SentenceId> select(ArticleFeatures f, double[] score, SummaryLength length) {
        Integer[] ranked = rank(f, score);
        List<Integer> chosen = new ArrayList<>();
        if (length instanceof SummaryLength.Sentences s) {
            for (int k = 0; k < ranked.length && chosen.size() < s.count(); k++) {
                chosen.add(ranked[k]);
            }
        } else {
            int budget = length instanceof SummaryLength.Words w ? w.budget()
                    : (int) Math.max(1, Math.round(((SummaryLength.Ratio) length).fraction() * f.totalWords));
            int words = 0;
            for (int k = 0; k < ranked.length && words < budget; k++) {
                int len = f.words[ranked[k]];
                // Stop rather than take a sentence that would overshoot further than we now fall short.
                if (!chosen.isEmpty() && words + len - budget > budget - words) {
                    break;
                }
                chosen.add(ranked[k]);
                words += len;
            }
        }
        List<SentenceId> out = new ArrayList<>(chosen.size());
        chosen.stream().sorted().forEach(i -> out.add(f.ids[i]));
        return out;
    }

    /** The rule's score of each sentence. */
    private double[] ruleScores(ArticleFeatures f) {
        int n = f.size();
        double[] score = new double[n];
        // LexRank is the costly signal; a weight of 0 (the news default) adds exactly nothing.
        double[] centrality = weights.centrality() != 0 ? f.centrality() : new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = Math.pow(i + 1, -weights.leadDecay())
                    + weights.centrality() * centrality[i]
                    + weights.title() * f.title[i]
                    + (f.directSpeech[i] ? weights.directSpeech() : 0);
        }
        return score;
    }

    /**
     * Sentence indices best first. Left out: sentences without a word, as a summary gains nothing
     * from them, and links to other articles ("Baca juga: ..."), which belong to no summary.
     */
    private static Integer[] rank(ArticleFeatures f, double[] score) {
        int n = f.size();
        return IntStream.range(0, n).filter(i -> f.words[i] > 0 && !f.relatedLink[i]).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }
}
