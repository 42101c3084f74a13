package dev.kabar.trust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags an output that repeats itself in a loop the source does not have: the degenerate,
 * self-repeating output that is the commonest kind of hallucination of neural translation
 * (Raunak et al. 2021, "The Curious Case of Hallucinations in Neural Machine Translation", judge
 * outputs by their most repeated n-gram; Guerreiro et al. 2023 call these "oscillatory"
 * hallucinations). Three signs, checked in this order, the first found reported:
 * <ol>
 *   <li><b>a word loop</b>: a unit of 1 to {@value #WORD_MAX_PERIOD} words written at least
 *   {@value #WORD_MIN_REPEATS} times back to back ({@code re re re}, {@code of the city of the city
 *   of the city});</li>
 *   <li><b>a stutter inside a word</b>: a unit of 1 to {@value #CHAR_MAX_PERIOD} characters written
 *   at least {@value #CHAR_MIN_REPEATS} times back to back and covering at least
 *   {@value #CHAR_MIN_SPAN} characters of one word ({@code iririririr}, {@code VVVVVVVVV},
 *   {@code tentangtentangtentangtentang}, {@code 6666666666}); a run of zeros is left out, so
 *   {@code 1000000000} is no stutter;</li>
 *   <li><b>a frequent word or word pair</b>: 1 to {@value #NGRAM_MAX} words occurring at least
 *   {@value #NGRAM_MIN_COUNT} times, not necessarily together, and covering at least half of the
 *   output's words ({@code the x the y the z the}): the loop a model makes when
 *   {@code no_repeat_ngram_size} forbids the back-to-back one. Longer n-grams are left to the word
 *   loop: a list such as {@code in front of the market, in front of the school, in front of the
 *   mosque and in front of the office} repeats a 4-gram four times over most of its words.</li>
 * </ol>
 * A repeat is not counted when it renders one of the source's: the source repeats the same unit
 * (a name written three times in both, a laugh {@code wkwkwkwk} copied over), or a unit as long at
 * least as many times ({@code edan, edan, edan} translated {@code insane, insane, insane}), or has
 * the frequent n-gram as often. Words are compared in lower case; see {@code Words} for what a word
 * is. On the human references of guntara-news, TALPCo and Tatoeba none of the three fires (figures
 * in {@code docs/trust.md}): natural text repeats phrases (lists of {@code in front of ...}) but
 * never back to back three times, and never so densely.
 *
 * <p>Immutable and thread-safe; time linear in the length of the texts.
 */
public final class RepetitionCheck implements PairCheck {

    /** The longest unit of a word loop, in words. */
    public static final int WORD_MAX_PERIOD = 8;
    /** How many times a unit must be written back to back to make a word loop. */
    public static final int WORD_MIN_REPEATS = 3;
    /** The longest unit of a stutter inside a word, in characters. */
    public static final int CHAR_MAX_PERIOD = 10;
    /** How many times a unit must be written back to back inside a word to make a stutter. */
    public static final int CHAR_MIN_REPEATS = 4;
    /** The fewest characters a stutter covers, so that {@code aaaa} or {@code haha} is none. */
    public static final int CHAR_MIN_SPAN = 8;
    /** The longest n-gram counted by the frequency sign. */
    public static final int NGRAM_MAX = 2;
    /** How often an n-gram must occur to be frequent. */
    public static final int NGRAM_MIN_COUNT = 4;
    /** The share of the output's words that a frequent n-gram's occurrences must cover. */
    public static final double NGRAM_MIN_COVERAGE = 0.5;

    private static final int DETAIL_CHARS = 40;

    @Override
    public Optional<Reason> check(String source, String output) {
        List<Words.Word> out = Words.of(output);
        List<Words.Word> src = Words.of(source);
        Optional<Reason> found = wordLoop(src, out);
        if (found.isEmpty()) {
            found = stutter(src, out);
        }
        if (found.isEmpty()) {
            found = frequentNgram(src, out);
        }
        return found;
    }

    private static Optional<Reason> wordLoop(List<Words.Word> src, List<Words.Word> out) {
        Map<String, Integer> ids = new HashMap<>();
        int[] outIds = ids(out, ids);
        List<TandemRepeats.Run> runs = TandemRepeats.find(outIds, WORD_MAX_PERIOD, WORD_MIN_REPEATS, 0);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        SourceRepeats inSource = new SourceRepeats(TandemRepeats.find(ids(src, ids), WORD_MAX_PERIOD, WORD_MIN_REPEATS, 0),
                WORD_MAX_PERIOD);
        TandemRepeats.Run worst = null;
        for (TandemRepeats.Run run : runs) {
            if (!inSource.echoes(run) && (worst == null || run.span() > worst.span())) {
                worst = run;
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        StringBuilder unit = new StringBuilder();
        for (int i = worst.start(); i < worst.start() + worst.period(); i++) {
            unit.append(i > worst.start() ? " " : "").append(out.get(i).text());
        }
        return Optional.of(new Reason(ReasonCode.REPETITION,
                "\"" + shorten(unit.toString()) + "\" repeated " + worst.repeats() + " times in a row"));
    }

    private static Optional<Reason> stutter(List<Words.Word> src, List<Words.Word> out) {
        List<TandemRepeats.Run> sourceRuns = new ArrayList<>();
        for (Words.Word w : src) {
            sourceRuns.addAll(TandemRepeats.find(w.lower().codePoints().toArray(), CHAR_MAX_PERIOD, CHAR_MIN_REPEATS, 0));
        }
        SourceRepeats inSource = new SourceRepeats(sourceRuns, CHAR_MAX_PERIOD);
        for (Words.Word w : out) {
            if (w.text().length() < CHAR_MIN_SPAN) {
                continue;
            }
            int[] cps = w.lower().codePoints().toArray();
            for (TandemRepeats.Run run : TandemRepeats.find(cps, CHAR_MAX_PERIOD, CHAR_MIN_REPEATS, CHAR_MIN_SPAN)) {
                if (!zeros(cps, run) && !inSource.echoes(run)) {
                    String unit = new String(cps, run.start(), run.period());
                    return Optional.of(new Reason(ReasonCode.REPETITION, "\"" + unit + "\" repeated " + run.repeats()
                            + " times inside the word \"" + shorten(w.text()) + "\""));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the unit of a stutter is all zeros, as in the digits of a million. */
    private static boolean zeros(int[] cps, TandemRepeats.Run run) {
        for (int i = run.start(); i < run.start() + run.period(); i++) {
            if (cps[i] != '0') {
                return false;
            }
        }
        return true;
    }

    /** The repeats of the source, held so that each repeat of the output is compared in constant time. */
    private static final class SourceRepeats {

        private final Set<String> units = new HashSet<>();
        private final int[] mostRepeats;

        SourceRepeats(List<TandemRepeats.Run> runs, int maxPeriod) {
            mostRepeats = new int[maxPeriod + 1];
            for (TandemRepeats.Run run : runs) {
                units.add(run.key());
                mostRepeats[run.period()] = Math.max(mostRepeats[run.period()], run.repeats());
            }
        }

        /**
         * Whether a repeat of the output renders one of the source's: the same unit, or a unit as
         * long repeated at least as often ({@code edan, edan, edan} translated
         * {@code insane, insane, insane}).
         */
        boolean echoes(TandemRepeats.Run run) {
            return units.contains(run.key()) || mostRepeats[run.period()] >= run.repeats();
        }
    }

    private static Optional<Reason> frequentNgram(List<Words.Word> src, List<Words.Word> out) {
        int words = out.size();
        if (words < NGRAM_MIN_COUNT) {
            return Optional.empty();
        }
        for (int n = 1; n <= NGRAM_MAX; n++) {
            Map<String, Integer> counts = ngrams(out, n);
            Map<String, Integer> sourceCounts = null;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                int count = e.getValue();
                if (count < NGRAM_MIN_COUNT || (double) count * n < NGRAM_MIN_COVERAGE * words) {
                    continue;
                }
                if (sourceCounts == null) {
                    sourceCounts = ngrams(src, n);
                }
                if (count > sourceCounts.getOrDefault(e.getKey(), 0)) {
                    long percent = Math.round(100.0 * count * n / words);
                    return Optional.of(new Reason(ReasonCode.REPETITION, "\"" + shorten(e.getKey()) + "\" occurs "
                            + count + " times, " + percent + "% of the output's words"));
                }
            }
        }
        return Optional.empty();
    }

    private static int[] ids(List<Words.Word> words, Map<String, Integer> ids) {
        int[] seq = new int[words.size()];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = ids.computeIfAbsent(words.get(i).lower(), k -> ids.size());
        }
        return seq;
    }

    private static Map<String, Integer> ngrams(List<Words.Word> words, int n) {
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i + n <= words.size(); i++) {
            key.setLength(0);
            for (int j = i; j < i + n; j++) {
                key.append(j > i ? " " : "").append(words.get(j).lower());
            }
            counts.merge(key.toString(), 1, Integer::sum);
        }
        return counts;
    }

    private static String shorten(String text) {
        return text.length() <= DETAIL_CHARS ? text : text.substring(0, DETAIL_CHARS) + "…";
    }
}
