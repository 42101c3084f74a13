package dev.kabar.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds tandem repeats in a sequence of symbols (word ids or characters): a unit of a few symbols
 * written several times back to back, {@code re re re} or {@code iririr}. For each period {@code p}
 * up to a bound, one pass counts the positions where a symbol equals the one {@code p} later; a run
 * of such positions is a stretch of period {@code p}. Time O(maxPeriod² · n), linear in the length.
 */
final class TandemRepeats {

    /**
     * One maximal stretch of one period.
     *
     * @param start where the stretch starts in the sequence
     * @param period the length of the unit, the smallest that repeats
     * @param repeats how many whole times the unit is written
     * @param key the unit up to rotation ({@code ab ab ab} and {@code ba ba ba} have the same key),
     *     to compare a stretch of the output with the source's
     */
    record Run(int start, int period, int repeats, String key) {

        /** The number of symbols the whole repeats cover. */
        int span() {
            return period * repeats;
        }
    }

    private TandemRepeats() {
    }

    /**
     * The maximal stretches with a unit of at most {@code maxPeriod} symbols repeated at least
     * {@code minRepeats} times and covering at least {@code minSpan} symbols. Units that are
     * themselves repeats ({@code re re} as a unit) are left to their shorter period.
     */
    static List<Run> find(int[] seq, int maxPeriod, int minRepeats, int minSpan) {
        List<Run> runs = new ArrayList<>();
        int n = seq.length;
        for (int p = 1; p <= maxPeriod && 2 * p <= n; p++) {
            int runStart = 0;
            int matches = 0;
            for (int i = 0; i + p <= n; i++) {
                boolean match = i + p < n && seq[i] == seq[i + p];
                if (match) {
                    if (matches == 0) {
                        runStart = i;
                    }
                    matches++;
                } else if (matches > 0) {
                    int span = matches + p;
                    int repeats = span / p;
                    if (repeats >= minRepeats && repeats * p >= minSpan && primitive(seq, runStart, p)) {
                        runs.add(new Run(runStart, p, repeats, key(seq, runStart, p)));
                    }
                    matches = 0;
                }
            }
        }
        return runs;
    }

    /** Whether the unit at {@code start} of length {@code p} has no shorter period dividing it. */
    private static boolean primitive(int[] seq, int start, int p) {
        for (int d = 1; d < p; d++) {
            if (p % d != 0) {
                continue;
            }
            boolean periodic = true;
            for (int i = start + d; i < start + p && periodic; i++) {
                periodic = seq[i] == seq[i - d];
            }
            if (periodic) {
                return false;
            }
        }
        return true;
    }

    /** The least rotation of the unit, written out: the same for every rotation of one unit. */
    private static String key(int[] seq, int start, int p) {
        int[] best = null;
        for (int r = 0; r < p; r++) {
            int[] rotation = new int[p];
            for (int i = 0; i < p; i++) {
                rotation[i] = seq[start + (r + i) % p];
            }
            if (best == null || Arrays.compare(rotation, best) < 0) {
                best = rotation;
            }
        }
        return Arrays.toString(best);
    }
}
