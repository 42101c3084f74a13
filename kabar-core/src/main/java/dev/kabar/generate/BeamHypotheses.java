package dev.kabar.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finished hypotheses of one input, kept as transformers' {@code BeamHypotheses}. */
final class BeamHypotheses {
    final List<Double> scores = new ArrayList<>();
    final List<int[]> tokens = new ArrayList<>();
    final int numBeams;
    final double lengthPenalty;
    final EarlyStopping earlyStopping;
    final int maxLength;
    double worstScore = 1e9;

    BeamHypotheses(int numBeams, double lengthPenalty, EarlyStopping earlyStopping, int maxLength) {
        this.numBeams = numBeams;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.maxLength = maxLength;
    }

    int size() {
        return scores.size();
    }

    void add(int[] hyp, double sumLogProbs, int generatedLen) {
        double score = sumLogProbs / Math.pow(generatedLen, lengthPenalty);
        if (size() < numBeams || score > worstScore) {
            scores.add(score);
            tokens.add(hyp);
            if (size() > numBeams) {
                // sorted((score, idx)) in the reference: drop the first, the second becomes the worst.
                int worst = lowest(-1);
                int second = lowest(worst);
                worstScore = scores.get(second);
                scores.remove(worst);
                tokens.remove(worst);
            } else {
                worstScore = Math.min(score, worstScore);
            }
        }
    }

    /** Returns the index of the lowest score (the first among equals), skipping {@code except}. */
    private int lowest(int except) {
        int low = -1;
        for (int i = 0; i < size(); i++) {
            if (i != except && (low < 0 || scores.get(i) < scores.get(low))) {
                low = i;
            }
        }
        return low;
    }

    boolean isDone(double bestSumLogProbs, int curLen) {
        if (size() < numBeams) {
            return false;
        }
        switch (earlyStopping) {
            case TRUE:
                return true;
            case FALSE:
                return worstScore >= bestSumLogProbs / Math.pow(curLen - 1, lengthPenalty);
            default:
                int n = lengthPenalty > 0 ? maxLength - 1 : curLen - 1;
                return worstScore >= bestSumLogProbs / Math.pow(n, lengthPenalty);
        }
    }

    /**
     * Returns the hypotheses' indices in the order the reference's {@code finalize} takes them:
     * sorted by score with Python's stable sort and popped from the end, so best first and, among
     * equal scores (several negative infinities, say), the later added first.
     */
    int[] ranked() {
        Integer[] idx = new Integer[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        // Arrays.sort on objects is stable, as Python's sorted; compared as Python compares floats.
        Arrays.sort(idx, (a, b) -> {
            double x = scores.get(a);
            double y = scores.get(b);
            return x < y ? -1 : x > y ? 1 : 0;
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[idx.length - 1 - i];
        }
        return out;
    }

    /**
     * Builds what {@code generate()} returns from each input's finished hypotheses: the
     * {@code perInput} best of each, rows grouped by input, each row the hypothesis then EOS where
     * it fits, then padding, all as wide as the longest hypothesis plus one but at most
     * {@code maxLength}.
     */
    static GenerationResult finish(BeamHypotheses[] hyps, int perInput, int maxLength, int eos, int pad) {
        int rows = hyps.length * perInput;
        int[][] best = new int[rows][];
        float[] bestScores = new float[rows];
        int width = 0;
        for (int item = 0; item < hyps.length; item++) {
            int[] order = hyps[item].ranked();
            if (order.length < perInput) {
                throw new IllegalStateException("Beam search kept " + order.length + " hypotheses for input " + item
                        + ", fewer than the " + perInput + " to return.");
            }
            for (int j = 0; j < perInput; j++) {
                int row = item * perInput + j;
                best[row] = hyps[item].tokens.get(order[j]);
                bestScores[row] = (float) (double) hyps[item].scores.get(order[j]);
                width = Math.max(width, best[row].length);
            }
        }
        width = Math.min(width + 1, maxLength);
        int[][] out = new int[rows][width];
        for (int row = 0; row < rows; row++) {
            Arrays.fill(out[row], pad);
            System.arraycopy(best[row], 0, out[row], 0, best[row].length);
            if (best[row].length < width) {
                out[row][best[row].length] = eos;
            }
        }
        return new GenerationResult(out, bestScores);
    }
}
