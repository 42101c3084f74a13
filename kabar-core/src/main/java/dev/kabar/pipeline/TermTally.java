package dev.kabar.pipeline;

import java.util.List;

/**
 * Counts of glossary term uses, for one sentence, one article or a whole run: how many times a
 * term was forced into a sentence's English ({@linkplain SentencePair#terms() one use per term per
 * sentence}), and of those how many the English kept has (docs/glossaries.md, "What met means").
 *
 * @param applied term uses: a term found in a sentence counts once for that sentence
 * @param met of those, the uses whose English has one of the term's phrases
 */
public record TermTally(long applied, long met) {

    /** No term at all. */
    public static final TermTally NONE = new TermTally(0, 0);

    /** Checks that no more terms are met than applied. */
    public TermTally {
        if (applied < 0 || met < 0 || met > applied) {
            throw new IllegalArgumentException("term counts must satisfy 0 <= met <= applied, but are applied=" + applied
                    + ", met=" + met);
        }
    }

    /** The tally of one sentence pair's terms. */
    public static TermTally of(SentencePair pair) {
        return of(pair.terms());
    }

    /** The tally of a list of term uses. */
    public static TermTally of(List<TermUse> terms) {
        long met = terms.stream().filter(TermUse::met).count();
        return new TermTally(terms.size(), met);
    }

    /** The sum of two tallies. */
    public TermTally plus(TermTally other) {
        return new TermTally(applied + other.applied, met + other.met);
    }

    /** Term uses whose English does not have the term. */
    public long missed() {
        return applied - met;
    }

    /**
     * The tally in words, as the summary lines of {@code kabar translate} and {@code kabar run} end
     * when a glossary is in use: {@code 12 glossary terms applied, 11 met}.
     */
    public String describe() {
        return describe(applied, met);
    }

    /** Figures in the words of {@link #describe()}, for figures read back (a run report). */
    public static String describe(long applied, long met) {
        return Counted.of(applied, "glossary term") + " applied, " + met + " met";
    }
}
