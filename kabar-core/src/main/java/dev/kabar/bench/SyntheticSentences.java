package dev.kabar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes workloads of random token ids, for fixed-shape runs and long memory runs. */
public final class SyntheticSentences {

    private SyntheticSentences() {
    }

    /**
     * Returns {@code count} sentences of exactly {@code srcLen} source tokens (the last one EOS) and
     * {@code tgtLen} tokens to generate.
     */
    public static Workload fixed(int count, int srcLen, int tgtLen, int vocab, int eos, long seed) {
        return mixed(count, srcLen, srcLen, tgtLen, tgtLen, vocab, eos, seed);
    }

    /** Returns sentences with source and target lengths drawn uniformly from the given ranges. */
    public static Workload mixed(int count, int srcMin, int srcMax, int tgtMin, int tgtMax, int vocab, int eos, long seed) {
        if (count < 1 || srcMin < 1 || srcMax < srcMin || tgtMin < 0 || tgtMax < tgtMin) {
            throw new IllegalArgumentException("Synthetic sentences need count ≥ 1 and ranges with 1 ≤ min ≤ max; got count "
                    + count + ", source " + srcMin + ".." + srcMax + ", target " + tgtMin + ".." + tgtMax + ".");
        }
        Random random = new Random(seed);
        List<Workload.Sentence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int src = srcMin + random.nextInt(srcMax - srcMin + 1);
            int[] ids = new int[src];
            for (int j = 0; j < src - 1; j++) {
                // Avoid the special ids at the start of the vocabulary and the padding id at its end.
                ids[j] = 2 + random.nextInt(Math.max(1, vocab - 3));
            }
            ids[src - 1] = eos;
            out.add(new Workload.Sentence(i, ids, tgtMin + random.nextInt(tgtMax - tgtMin + 1)));
        }
        return new Workload(List.copyOf(out));
    }
}
