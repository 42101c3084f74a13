package dev.kabar.summarize;

import java.util.Locale;

/**
 * How long an extractive summary should be: a number of sentences, a budget of words, or a share
 * of the article's words. Parse one from text with {@link #parse}, e.g. {@code sentences:3},
 * {@code words:60} or {@code ratio:0.2}.
 */
public sealed interface SummaryLength {

    /**
     * Exactly {@code count} sentences (fewer when the article has fewer): the top-ranked ones.
     *
     * @param count how many sentences, at least 1
     */
    record Sentences(int count) implements SummaryLength {
        /** Rejects a count below 1. */
        public Sentences {
            if (count < 1) {
                throw new IllegalArgumentException("A summary needs at least 1 sentence, but the count is " + count + ".");
            }
        }

        @Override
        public String toString() {
            return "sentences:" + count;
        }
    }

    /**
     * As close to {@code budget} words as whole sentences allow: top-ranked sentences are added
     * while the summary is short of the budget, and the one that crosses it is kept only if that
     * ends nearer the budget than stopping before it. The top sentence is always kept.
     *
     * @param budget words wanted, at least 1
     */
    record Words(int budget) implements SummaryLength {
        /** Rejects a budget below 1. */
        public Words {
            if (budget < 1) {
                throw new IllegalArgumentException("A word budget must be at least 1, but is " + budget + ".");
            }
        }

        @Override
        public String toString() {
            return "words:" + budget;
        }
    }

    /**
     * A word budget of {@code fraction} of the article's words (rounded, at least 1), applied as
     * {@link Words}.
     *
     * @param fraction share of the article, above 0 and at most 1
     */
    record Ratio(double fraction) implements SummaryLength {
        /** Rejects a fraction outside (0, 1]. */
        public Ratio {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("A summary ratio must be above 0 and at most 1, but is " + fraction + ".");
            }
        }

        @Override
        public String toString() {
            return "ratio:" + fraction;
        }
    }

    /** Returns a length of {@code count} sentences. */
    static SummaryLength sentences(int count) {
        return new Sentences(count);
    }

    /** Returns a length of about {@code budget} words. */
    static SummaryLength words(int budget) {
        return new Words(budget);
    }

    /** Returns a length of about {@code fraction} of the article's words. */
    static SummaryLength ratio(double fraction) {
        return new Ratio(fraction);
    }

    /**
     * Reads {@code sentences:N}, {@code words:N} or {@code ratio:X}.
     *
     * @throws IllegalArgumentException with a sentence naming the bad text and what is allowed
     */
    static SummaryLength parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String kind = colon < 0 ? "" : t.substring(0, colon);
        String value = colon < 0 ? "" : t.substring(colon + 1).trim();
        try {
            switch (kind) {
                case "sentences":
                    return sentences(Integer.parseInt(value));
                case "words":
                    return words(Integer.parseInt(value));
                case "ratio":
                    return ratio(Double.parseDouble(value));
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed forms.
        }
        throw new IllegalArgumentException("A summary length must be sentences:N, words:N or ratio:X (e.g. words:60), but is '"
                + text + "'.");
    }
}
