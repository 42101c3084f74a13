package dev.kabar.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A fake model for search tests: the logits of a row are a fixed pseudo-random function of its
 * source and of the tokens it was fed, so any two runs that feed the same prefix see the same
 * scores, whatever the batch or row order.
 */
final class ScriptedSession implements DecoderSession {

    private final int vocab;
    private final int eos;
    private final List<int[]> sources = new ArrayList<>();
    private final List<List<Integer>> prefixes = new ArrayList<>();
    private final int[] sourceIds;
    private final int beams;
    int steps;
    int maxRowsSeen;
    /** Every input admitted, in the order search asked for them. */
    final List<Integer> requested = new ArrayList<>();
    boolean closed;

    ScriptedSession(int[] sourceIds, int beams, int vocab, int eos) {
        this.vocab = vocab;
        this.eos = eos;
        this.sourceIds = sourceIds;
        this.beams = beams;
    }

    @Override
    public int[] admit(int[] inputs) {
        for (int i : inputs) {
            requested.add(i);
        }
        // Rows join in reverse, so that search is shown to follow the order a session chooses.
        int[] order = new int[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            order[j] = inputs[inputs.length - 1 - j];
        }
        for (int i : order) {
            for (int b = 0; b < beams; b++) {
                sources.add(new int[] {sourceIds[i]});
                prefixes.add(new ArrayList<>());
            }
        }
        maxRowsSeen = Math.max(maxRowsSeen, prefixes.size());
        return order;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public StepScores step(int[] tokens, boolean logSoftmax) {
        if (tokens.length != prefixes.size()) {
            throw new AssertionError("fed " + tokens.length + " tokens to " + prefixes.size() + " rows");
        }
        steps++;
        float[] out = new float[tokens.length * vocab];
        for (int r = 0; r < tokens.length; r++) {
            prefixes.get(r).add(tokens[r]);
            long h = 1469598103934665603L ^ sources.get(r)[0];
            for (int t : prefixes.get(r)) {
                h = (h ^ t) * 1099511628211L;
            }
            for (int v = 0; v < vocab; v++) {
                long x = (h ^ (v * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
                x ^= x >>> 31;
                out[r * vocab + v] = (float) ((x & 0xFFFFFF) / (double) 0xFFFFFF * 8.0 - 4.0);
            }
            // EOS grows likelier with length so that sequences end at different steps.
            out[r * vocab + eos] += prefixes.get(r).size() * 0.6f - 3f;
            if (logSoftmax) {
                HostScores.logSoftmax(out, r * vocab, vocab);
            }
        }
        return new HostScores(out, tokens.length, vocab);
    }

    @Override
    public void selectRows(int[] rows) {
        List<int[]> s = new ArrayList<>();
        List<List<Integer>> p = new ArrayList<>();
        for (int r : rows) {
            s.add(sources.get(r));
            p.add(new ArrayList<>(prefixes.get(r)));
        }
        sources.clear();
        sources.addAll(s);
        prefixes.clear();
        prefixes.addAll(p);
    }

    int[] sourceIds() {
        return sourceIds;
    }

    @Override
    public void close() {
        closed = true;
    }
}
