package dev.kabar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.kabar.Bfloat16Cpu;
import dev.kabar.TestData;
import dev.kabar.checkpoint.ModelConfig;
import dev.kabar.checkpoint.TensorSource;
import dev.kabar.checkpoint.WeightFiles;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.runtime.DjlOffline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The screened head's bound holds (every float32 logit lies within it), its candidates hold the
 * float32 arg-max, and its exact logits are float32 logits.
 */
class ScreenedHeadTest {

    @BeforeAll
    static void loadPyTorch() {
        DjlOffline.ensure();
        Engine.getInstance();
    }

    /** A head: weight [vocab, d] and bias [vocab]. */
    private record Head(NDArray weight, NDArray bias) { }

    /** The LM head of a conformance checkpoint (tied to the shared embeddings) and its final_logits_bias. */
    private static Head checkpointHead(String model, NDManager manager) {
        Path dir = TestData.conformance(model);
        ModelConfig config = ModelConfig.read(dir);
        try (TensorSource weights = WeightFiles.open(dir, WeightFormat.AUTO)) {
            WeightStore store = new WeightStore(weights, manager, dir.toString());
            NDArray w = store.pp("model").get("shared.weight", config.vocabSize(), config.dModel()).duplicate();
            NDArray b = store.get("final_logits_bias", 1, config.vocabSize()).reshape(config.vocabSize()).duplicate();
            return new Head(w, b);
        }
    }

    /** A random head of opus-mt's hidden size, with a bias that is not zero, so every term of the bound counts. */
    private static Head randomHead(NDManager manager, int vocab) {
        manager.getEngine().setRandomSeed(7);
        return new Head(manager.randomNormal(new Shape(vocab, 512)).mul(0.05f), manager.randomNormal(new Shape(vocab)).mul(0.5f));
    }

    /** Hidden states of several sizes: the bound scales with their norms and the logits' magnitudes. */
    private static List<NDArray> hiddenStates(NDManager manager, int d) {
        manager.getEngine().setRandomSeed(11);
        List<NDArray> out = new ArrayList<>();
        for (float scale : new float[] {0.01f, 1f, 40f}) {
            out.add(manager.randomNormal(new Shape(9, d)).mul(scale));
        }
        // One row: the product pads it to four rows.
        out.add(manager.randomNormal(new Shape(1, d)).mul(3f));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"marian-tiny", "marian-tiny-b", "bart-tiny", "random"})
    void everyFloat32LogitLiesWithinTheBound(String model) throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Head head = model.equals("random") ? randomHead(manager, 3000) : checkpointHead(model, manager);
                try (ScreenedHead screened = ScreenedHead.create(manager, head.weight(), head.bias())) {
                    for (NDArray h : hiddenStates(manager, (int) head.weight().getShape().get(1))) {
                        NDArray exact = Linear.linear(h, head.weight(), head.bias()).singletonOrThrow();
                        ScreenedHead.Screen screen = screened.screen(h);
                        assertEquals(exact.getShape(), screen.approx().getShape());
                        NDArray error = screen.error().reshape(-1, 1);
                        NDArray gap = exact.sub(screen.approx()).abs();
                        float worst = gap.div(error).max().getFloat();
                        assertTrue(worst <= 1f, model + ": a logit lies " + worst + " bounds from its approximation");
                        // Not vacuous: the approximation is off by more than float32 rounding alone
                        // (bfloat16 keeps 8 bits), and the bound is not wildly loose.
                        assertTrue(gap.max().getFloat() > 0f, model + ": the approximation should not be exact");
                        assertTrue(worst > 1e-3f, model + ": the bound is " + (1 / worst) + " times the worst error");
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"marian-tiny", "bart-tiny", "random"})
    void theCandidatesHoldTheFloat32ArgMaxWithTheirFloat32Logits(String model) throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Head head = model.equals("random") ? randomHead(manager, 3000) : checkpointHead(model, manager);
                int vocab = (int) head.weight().getShape().get(0);
                try (ScreenedHead screened = ScreenedHead.create(manager, head.weight(), head.bias())) {
                    for (NDArray h : hiddenStates(manager, (int) head.weight().getShape().get(1))) {
                        int rows = (int) h.getShape().get(0);
                        NDArray exact = Linear.linear(h, head.weight(), head.bias()).singletonOrThrow();
                        long[] best = exact.argMax(1).toLongArray();
                        float[] all = exact.toFloatArray();
                        ScreenedHead.Candidates c = screened.pick(screened.screen(h), h, rows * vocab, new long[0], new long[0], new double[0]);
                        long[] found = c.found().toLongArray();
                        float[] values = c.exact().toFloatArray();
                        boolean[] hasBest = new boolean[rows];
                        for (int i = 0; i < values.length; i++) {
                            int row = (int) found[2 * i];
                            int token = (int) found[2 * i + 1];
                            float reference = all[row * vocab + token];
                            assertEquals(reference, values[i], 1e-5f * Math.max(1f, Math.abs(reference)), model + " row " + row + " token " + token);
                            hasBest[row] |= token == best[row];
                        }
                        for (int r = 0; r < rows; r++) {
                            assertTrue(hasBest[r], model + ": row " + r + " lacks its arg-max " + best[r] + " among the candidates");
                        }
                        // Screening pays only if few tokens stay candidates.
                        assertTrue(values.length <= rows * 8, model + ": " + values.length + " candidates for " + rows + " rows");
                    }
                }
            }
        });
    }

    @Test
    void editsReachTheCandidatesAndTooManyCandidatesGiveNoLogits() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Head head = randomHead(manager, 3000);
                try (ScreenedHead screened = ScreenedHead.create(manager, head.weight(), head.bias())) {
                    NDArray h = manager.randomNormal(new Shape(2, 512));
                    long[] best = Linear.linear(h, head.weight(), head.bias()).singletonOrThrow().argMax(1).toLongArray();
                    // Row 0: its arg-max banned and token 5 set far above everything. Row 1 wiped, token 9 set to 0.
                    long[] entries = {best[0], 5, 3000 + 9};
                    double[] values = {Double.NEGATIVE_INFINITY, 1e6, 0};
                    ScreenedHead.Candidates c = screened.pick(screened.screen(h), h, 1000, new long[] {1}, entries, values);
                    long[] found = c.found().toLongArray();
                    assertEquals(4, found.length, "one candidate per row");
                    assertEquals(0, found[0]);
                    assertEquals(5, found[1]);
                    assertEquals(1, found[2]);
                    assertEquals(9, found[3]);
                    // A row of −∞ leaves every token a candidate: over the limit, no logits are computed.
                    ScreenedHead.Candidates all = screened.pick(screened.screen(h), h, 1000, new long[] {0, 1}, new long[0], new double[0]);
                    assertNull(all.exact());
                }
            }
        });
    }

    @Test
    void exactLogitsAreFloat32Logits() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Head head = randomHead(manager, 1000);
                try (ScreenedHead screened = ScreenedHead.create(manager, head.weight(), head.bias())) {
                    NDArray h = manager.randomNormal(new Shape(3, 512));
                    float[] all = Linear.linear(h, head.weight(), head.bias()).singletonOrThrow().toFloatArray();
                    long[] rows = {0, 2, 2, 1};
                    long[] tokens = {999, 0, 17, 500};
                    float[] got = screened.exact(h, rows, tokens);
                    for (int i = 0; i < rows.length; i++) {
                        float reference = all[(int) (rows[i] * 1000 + tokens[i])];
                        assertEquals(reference, got[i], 1e-5f * Math.max(1f, Math.abs(reference)));
                    }
                }
            }
        });
    }

    @Test
    void onlyAPackedFloat32HeadIsScreened() throws Throwable {
        Bfloat16Cpu.test(() -> {
            Path dir = TestData.conformance("marian-tiny");
            NDManager first = NDManager.newBaseManager();
            try (EncoderDecoderModel packed = TestModels.load(dir, first, PackedProducts.create(first, PackedProducts.Format.FLOAT32))) {
                assertNotNull(packed.screenedHead());
                assertTrue(packed.screenedHead() == packed.screenedHead(), "made once");
            }
            try (EncoderDecoderModel plain = TestModels.load(dir, NDManager.newBaseManager())) {
                assertNull(plain.screenedHead(), "plain products");
            }
            NDManager third = NDManager.newBaseManager();
            try (EncoderDecoderModel bf16 = TestModels.load(dir, third, PackedProducts.create(third, PackedProducts.Format.BFLOAT16))) {
                assertNull(bf16.screenedHead(), "bfloat16 products");
            }
        });
    }
}
