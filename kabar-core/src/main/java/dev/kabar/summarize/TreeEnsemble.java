package dev.kabar.summarize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A gradient-boosted tree ensemble read from LightGBM's text model format (version 4, as written
 * by {@code Booster.save_model}), evaluated in Java: the raw score of a feature row is the sum of
 * the leaves it reaches, one per tree.
 *
 * <p>Only what a model over numeric features uses is supported: numeric splits ({@code value <=
 * threshold} goes left) with LightGBM's missing-value rules, constant trees, and no linear leaves.
 * Anything else is refused when the model is read, never evaluated wrongly. Immutable and
 * thread-safe.
 */
public final class TreeEnsemble {

    private static final int CATEGORICAL = 1;
    private static final int DEFAULT_LEFT = 2;
    private static final int MISSING_ZERO = 1;
    private static final int MISSING_NAN = 2;
    /** LightGBM's kZeroThreshold: values this close to 0 count as zero for the "zero is missing" rule. */
    private static final double ZERO = 1e-35;

    private final List<String> featureNames;
    private final String objective;
    private final Tree[] trees;

    private TreeEnsemble(List<String> featureNames, String objective, Tree[] trees) {
        this.featureNames = featureNames;
        this.objective = objective;
        this.trees = trees;
    }

    /** One tree: internal nodes {@code 0..n-2}; a child below 0 is leaf {@code ~child}. */
    private record Tree(int[] feature, double[] threshold, int[] decision, int[] left, int[] right, double[] leaf) {

        double evaluate(double[] x) {
            if (feature.length == 0) {
                return leaf[0];
            }
            int node = 0;
            while (node >= 0) {
                node = goesLeft(x[feature[node]], threshold[node], decision[node]) ? left[node] : right[node];
            }
            return leaf[~node];
        }

        private static boolean goesLeft(double value, double threshold, int decision) {
            int missing = (decision >> 2) & 3;
            double v = value;
            if (Double.isNaN(v) && missing != MISSING_NAN) {
                v = 0;
            }
            if ((missing == MISSING_ZERO && Math.abs(v) <= ZERO) || (missing == MISSING_NAN && Double.isNaN(v))) {
                return (decision & DEFAULT_LEFT) != 0;
            }
            return v <= threshold;
        }
    }

    /** Returns the feature names the model was trained on, in column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Returns the model's objective line, e.g. {@code binary sigmoid:1}. */
    public String objective() {
        return objective;
    }

    /** Returns how many trees the model has. */
    public int size() {
        return trees.length;
    }

    /**
     * Returns the raw score of one feature row: the sum of the trees' leaves (for a binary
     * objective, the log-odds before the sigmoid).
     *
     * @throws IllegalArgumentException when the row does not have one value per feature
     */
    public double rawScore(double[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException("A row of " + features.length + " features for a model of " + featureNames.size() + ".");
        }
        double sum = 0;
        for (Tree t : trees) {
            sum += t.evaluate(features);
        }
        return sum;
    }

    /**
     * Reads a LightGBM text model.
     *
     * @param source names the model in error messages (a file or resource)
     * @throws IOException when the reader fails
     * @throws IllegalArgumentException naming the source and line when the model is malformed or uses
     *     something this evaluator does not support
     */
    public static TreeEnsemble read(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        Map<String, String> header = new HashMap<>();
        List<Tree> trees = new ArrayList<>();
        Map<String, String> tree = null;
        String line;
        int lineNo = 0;
        int treeLine = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            line = line.strip();
            if (line.equals("end of trees")) {
                break;
            }
            if (line.startsWith("Tree=")) {
                if (tree != null) {
                    trees.add(tree(tree, source, treeLine));
                }
                tree = new HashMap<>();
                treeLine = lineNo;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                (tree == null ? header : tree).put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (tree != null) {
            trees.add(tree(tree, source, treeLine));
        }
        if (!"v4".equals(header.get("version"))) {
            throw new IllegalArgumentException(source + " is not a LightGBM version-4 text model (version=" + header.get("version") + ").");
        }
        String names = header.get("feature_names");
        if (names == null || trees.isEmpty()) {
            throw new IllegalArgumentException(source + " has no " + (names == null ? "feature_names line" : "trees") + "; expected a "
                    + "model saved by LightGBM's Booster.save_model.");
        }
        if (!"1".equals(header.getOrDefault("num_tree_per_iteration", "1"))) {
            throw new IllegalArgumentException(source + " has several trees per iteration (a multi-class model); expected one.");
        }
        List<String> featureNames = List.of(names.split(" "));
        for (Tree t : trees) {
            for (int f : t.feature()) {
                if (f < 0 || f >= featureNames.size()) {
                    throw new IllegalArgumentException(source + " splits on feature " + f + " of " + featureNames.size() + ".");
                }
            }
        }
        return new TreeEnsemble(featureNames, header.getOrDefault("objective", ""), trees.toArray(new Tree[0]));
    }

    private static Tree tree(Map<String, String> t, String source, int line) {
        String where = source + " tree at line " + line;
        if (!"0".equals(t.getOrDefault("num_cat", "0")) || !"0".equals(t.getOrDefault("is_linear", "0"))) {
            throw new IllegalArgumentException(where + " has categorical splits or linear leaves; only numeric splits are supported.");
        }
        int leaves = Integer.parseInt(required(t, "num_leaves", where));
        double[] leaf = doubles(required(t, "leaf_value", where));
        if (leaf.length != leaves) {
            throw new IllegalArgumentException(where + " has " + leaf.length + " leaf values for " + leaves + " leaves.");
        }
        if (leaves == 1) {
            return new Tree(new int[0], new double[0], new int[0], new int[0], new int[0], leaf);
        }
        int[] feature = ints(required(t, "split_feature", where));
        double[] threshold = doubles(required(t, "threshold", where));
        int[] decision = ints(required(t, "decision_type", where));
        int[] left = ints(required(t, "left_child", where));
        int[] right = ints(required(t, "right_child", where));
        int nodes = leaves - 1;
        if (feature.length != nodes || threshold.length != nodes || decision.length != nodes || left.length != nodes
                || right.length != nodes) {
            throw new IllegalArgumentException(where + " does not have " + nodes + " entries in every node list.");
        }
        for (int i = 0; i < nodes; i++) {
            if ((decision[i] & CATEGORICAL) != 0) {
                throw new IllegalArgumentException(where + " node " + i + " is a categorical split; only numeric splits are supported.");
            }
            for (int child : new int[] {left[i], right[i]}) {
                if (child >= nodes || child < -leaves || child == 0) {
                    throw new IllegalArgumentException(where + " node " + i + " has child " + child + ", outside the tree.");
                }
            }
        }
        return new Tree(feature, threshold, decision, left, right, leaf);
    }

    private static String required(Map<String, String> t, String key, String where) {
        String v = t.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + " has no " + key + " line.");
        }
        return v;
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
