package dev.kabar.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The LightGBM text-model evaluator behind the learned sentence ranker. */
class TreeEnsembleTest {

    /** Two trees over features a and b: a split tree (a <= 0.5 ? 0.1 : (b <= 2 ? 0.2 : 0.3)) and a constant -0.05. */
    private static String model(String firstDecision, String secondDecision) {
        return String.join("\n",
                "tree", "version=v4", "num_class=1", "num_tree_per_iteration=1", "label_index=0", "max_feature_idx=1",
                "objective=binary sigmoid:1", "feature_names=a b", "feature_infos=[0:1] [0:5]", "tree_sizes=1 1", "",
                "Tree=0", "num_leaves=3", "num_cat=0", "split_feature=0 1", "split_gain=1 1", "threshold=0.5 2",
                "decision_type=" + firstDecision + " " + secondDecision, "left_child=-1 -2", "right_child=1 -3",
                "leaf_value=0.1 0.2 0.3", "leaf_weight=1 1 1", "leaf_count=1 1 1", "internal_value=0 0", "internal_weight=0 0",
                "internal_count=3 2", "is_linear=0", "shrinkage=1", "", "",
                "Tree=1", "num_leaves=1", "num_cat=0", "split_feature=", "split_gain=", "threshold=", "decision_type=",
                "left_child=", "right_child=", "leaf_value=-0.05", "leaf_weight=", "leaf_count=", "internal_value=",
                "internal_weight=", "internal_count=", "is_linear=0", "shrinkage=1", "", "", "end of trees", "",
                "feature_importances:", "a=1", "", "parameters:", "[boosting: gbdt]", "end of parameters", "");
    }

    private static TreeEnsemble read(String text) throws IOException {
        return TreeEnsemble.read(new StringReader(text), "test model");
    }

    @Test
    void sumsTheLeavesEachRowReachesWithValuesAtTheThresholdGoingLeft() throws IOException {
        TreeEnsemble m = read(model("2", "2"));
        assertEquals(List.of("a", "b"), m.featureNames());
        assertEquals("binary sigmoid:1", m.objective());
        assertEquals(2, m.size());
        assertEquals(0.1 - 0.05, m.rawScore(new double[] {0.5, 9}), 1e-15);
        assertEquals(0.1 - 0.05, m.rawScore(new double[] {-3, 9}), 1e-15);
        assertEquals(0.2 - 0.05, m.rawScore(new double[] {0.6, 2}), 1e-15);
        assertEquals(0.3 - 0.05, m.rawScore(new double[] {0.6, 2.0001}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> m.rawScore(new double[] {1}));
    }

    @Test
    void followsLightGbmsMissingValueRules() throws IOException {
        // Missing type none (decision 2): NaN counts as 0, which goes left at a <= 0.5.
        assertEquals(0.1 - 0.05, read(model("2", "2")).rawScore(new double[] {Double.NaN, 9}), 1e-15);
        // Missing type NaN (bits 2-3 = 2): NaN takes the default side, right (8) or left (10), whatever the threshold.
        assertEquals(0.3 - 0.05, read(model("2", "8")).rawScore(new double[] {1, Double.NaN}), 1e-15);
        assertEquals(0.2 - 0.05, read(model("2", "10")).rawScore(new double[] {1, Double.NaN}), 1e-15);
        // Missing type zero (bits 2-3 = 1): 0 takes the default side, right here though 0 <= 0.5.
        assertEquals(0.2 - 0.05, read(model("4", "2")).rawScore(new double[] {0, 1}), 1e-15);
        assertEquals(0.1 - 0.05, read(model("6", "2")).rawScore(new double[] {0, 1}), 1e-15);
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        IllegalArgumentException categorical = assertThrows(IllegalArgumentException.class, () -> read(model("1", "2")));
        assertTrue(categorical.getMessage().contains("categorical"), categorical.getMessage());
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> read(model("2", "2").replace("version=v4", "version=v3")));
        assertTrue(version.getMessage().contains("test model"), version.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(model("2", "2").replace("split_feature=0 1", "split_feature=0 7")));
        assertThrows(IllegalArgumentException.class, () -> read(model("2", "2").replace("leaf_value=0.1 0.2 0.3", "leaf_value=0.1 0.2")));
        assertThrows(IllegalArgumentException.class, () -> read(model("2", "2").replace("right_child=1 -3", "right_child=1 -9")));
        assertThrows(IllegalArgumentException.class, () -> read("just some text\n"));
    }

    /**
     * The built-in model, evaluated in Java, gives LightGBM's own raw scores for held-out rows
     * (written by src/tools/train_sentence_ranker.py when it trained the model).
     */
    @Test
    void theBuiltInModelScoresAsLightGbmDoes() throws IOException {
        TreeEnsemble m = SentenceRanker.builtIn().model();
        assertEquals(RankingFeatures.NAMES, m.featureNames());
        try (InputStream in = TreeEnsembleTest.class.getResourceAsStream("/dev/kabar/summarize/sentence-ranker-check.csv");
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                     .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals(RankingFeatures.NAMES, csv.getHeaderNames().subList(1, csv.getHeaderNames().size()));
            int rows = 0;
            for (CSVRecord r : csv) {
                double[] x = new double[RankingFeatures.NAMES.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Double.parseDouble(r.get(i + 1));
                }
                assertEquals(Double.parseDouble(r.get(0)), m.rawScore(x), 1e-9, "row " + r.getRecordNumber());
                rows++;
            }
            assertTrue(rows >= 100, "the check file has " + rows + " rows");
        }
    }
}
