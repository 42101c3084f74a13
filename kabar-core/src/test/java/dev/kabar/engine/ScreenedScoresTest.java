package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kabar.Bfloat16Cpu;
import dev.kabar.TestData;
import dev.kabar.generate.HostScores;
import dev.kabar.generate.StepScores;
import dev.kabar.nn.EncoderDecoderModel;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Screened scores answer as the float32 scores ({@link NativeScores}) do after the same edits:
 * the same arg-max, float32 values from {@code get}, and, once log-softmax or top-k needs every
 * logit, the very same scores.
 */
class ScreenedScoresTest {

    private static final int ROWS = 5;
    private static Seq2SeqEngine engine;
    private static EncoderDecoderModel model;
    private static int vocab;

    @BeforeAll
    static void load() {
        engine = Seq2SeqEngine.load(TestData.conformance("marian-tiny"));
        model = engine.model();
        vocab = model.config().vocabSize();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static NDArray hidden(NDManager manager, long seed) {
        manager.getEngine().setRandomSeed((int) seed);
        return manager.randomNormal(new Shape(ROWS, model.config().dModel())).mul(3f);
    }

    /** The screened scores of {@code hidden} and the float32 ones, in vocabulary slices of 100. */
    private static StepScores[] both(NDManager manager, NDArray hidden) {
        StepScores screened = new ScreenedScores(manager, model.screenedHead(), hidden.duplicate(), vocab, h -> model.logitChunks(h, 100));
        StepScores full = new NativeScores(manager, model.logitChunks(hidden, 100));
        return new StepScores[] {screened, full};
    }

    /** Edits as the processors make them: read and rewrite (repetition penalty), ban, force. */
    private static final Consumer<StepScores> EDITS = s -> {
        float[] got = s.get(new int[] {0, 1, 4}, new int[] {3, 3, 700});
        for (int i = 0; i < got.length; i++) {
            got[i] = got[i] < 0 ? got[i] * 1.3f : got[i] / 1.3f;
        }
        s.set(new int[] {0, 1, 4}, new int[] {3, 3, 700}, got);
        s.ban(new int[] {2, 2, 4}, new int[] {0, 7, 11});
        s.forceOnly(new int[] {3}, 9);
        s.ban(new int[] {3}, new int[] {5});
    };

    @Test
    void theArgMaxIsTheFloat32ArgMaxBeforeAndAfterEdits() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                for (long seed = 0; seed < 5; seed++) {
                    NDArray hidden = hidden(manager, seed);
                    StepScores[] s = both(manager, hidden);
                    assertArrayEquals(s[1].argmax(), s[0].argmax(), "seed " + seed);
                    EDITS.accept(s[0]);
                    EDITS.accept(s[1]);
                    assertArrayEquals(s[1].argmax(), s[0].argmax(), "seed " + seed + ", after edits");
                    // Each row's arg-max banned: the next best wins.
                    int[] rows = {0, 1, 2, 3, 4};
                    int[] best = s[1].argmax();
                    s[0].ban(rows, best);
                    s[1].ban(rows, best);
                    assertArrayEquals(s[1].argmax(), s[0].argmax(), "seed " + seed + ", without the arg-maxes");
                    s[0].close();
                    s[1].close();
                }
            }
        });
    }

    @Test
    void logProbabilitiesOfThePicksAreTheFloat32OnesWithinTheBound() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                for (long seed = 0; seed < 5; seed++) {
                    NDArray hidden = hidden(manager, seed);
                    StepScores[] s = both(manager, hidden);
                    EDITS.accept(s[0]);
                    EDITS.accept(s[1]);
                    int[] picks = s[0].argmax();
                    float[] screened = s[0].logProbabilities(picks);
                    float[] exact = s[1].logProbabilities(picks);
                    // The reference: log-softmax of the edited float32 scores, in Java.
                    float[] all = new float[ROWS * vocab];
                    for (int r = 0; r < ROWS; r++) {
                        int[] rows = new int[vocab];
                        int[] tokens = new int[vocab];
                        java.util.Arrays.fill(rows, r);
                        for (int t = 0; t < vocab; t++) {
                            tokens[t] = t;
                        }
                        System.arraycopy(s[1].get(rows, tokens), 0, all, r * vocab, vocab);
                    }
                    float[] reference = new HostScores(all, ROWS, vocab).logProbabilities(picks);
                    assertArrayEquals(reference, exact, 1e-4f, "seed " + seed + ", float32 scores");
                    // Within the screen's bound of the float32 head, not equal.
                    float[] bounds = ((ScreenedScores) s[0]).bounds();
                    for (int r = 0; r < ROWS; r++) {
                        assertEquals(reference[r], screened[r], bounds[r] + 1e-4f, "seed " + seed + ", screened row " + r);
                    }
                    assertEquals(0f, screened[3], 0f, "a forced row is certain");
                    // Tokens other than the picks, and the scores left unchanged by the call.
                    int[] others = {5, 6, 7, 8, 700};
                    float[] otherExact = s[1].logProbabilities(others);
                    float[] otherScreened = s[0].logProbabilities(others);
                    for (int r = 0; r < ROWS; r++) {
                        assertEquals(otherExact[r], otherScreened[r], bounds[r] + 1e-4f, "seed " + seed + ", other token, row " + r);
                    }
                    assertArrayEquals(s[1].argmax(), s[0].argmax());
                    s[0].close();
                    s[1].close();
                }
            }
        });
    }

    @Test
    void getReadsFloat32LogitsAndEditedValues() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                StepScores[] s = both(manager, hidden(manager, 3));
                int[] rows = new int[vocab];
                int[] tokens = new int[vocab];
                for (int r = 0; r < ROWS; r++) {
                    java.util.Arrays.fill(rows, r);
                    for (int t = 0; t < vocab; t++) {
                        tokens[t] = t;
                    }
                    assertArrayEquals(s[1].get(rows, tokens), s[0].get(rows, tokens), 1e-5f, "row " + r);
                }
                EDITS.accept(s[0]);
                EDITS.accept(s[1]);
                int[] r = {0, 1, 2, 3, 3, 3, 4};
                int[] t = {3, 3, 7, 9, 5, 100, 700};
                float[] expected = s[1].get(r, t);
                assertArrayEquals(expected, s[0].get(r, t), 1e-5f);
                assertEquals(0f, expected[3]);
                assertEquals(Float.NEGATIVE_INFINITY, expected[4]);
                assertEquals(Float.NEGATIVE_INFINITY, expected[5]);
            }
        });
    }

    @Test
    void logSoftmaxAndTopKComputeTheFloat32ScoresWithTheEditsReplayed() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                StepScores[] s = both(manager, hidden(manager, 5));
                EDITS.accept(s[0]);
                EDITS.accept(s[1]);
                s[0].logSoftmax();
                s[1].logSoftmax();
                int[] rows = new int[vocab];
                int[] tokens = new int[vocab];
                for (int t = 0; t < vocab; t++) {
                    tokens[t] = t;
                }
                for (int r = 0; r < ROWS; r++) {
                    java.util.Arrays.fill(rows, r);
                    // The same head and products, so the same logits; an entry the edits rewrote from a
                    // value get() read may differ in its last bit, as screened scores compute those
                    // with float32 dot products of their own.
                    assertArrayEquals(s[1].get(rows, tokens), s[0].get(rows, tokens), 1e-5f, "row " + r);
                }
                float[] offsets = {0f, -1f, -2f, 0.5f, -0.25f};
                StepScores.TopK a = s[1].topK(offsets, 1, 3);
                StepScores.TopK b = s[0].topK(offsets, 1, 3);
                for (int g = 0; g < ROWS; g++) {
                    assertArrayEquals(a.ids()[g], b.ids()[g]);
                    assertArrayEquals(a.scores()[g], b.scores()[g], 1e-5f);
                }
                assertArrayEquals(s[1].argmax(), s[0].argmax());
            }
        });
    }

    @Test
    void aRowWithEveryTokenBannedFallsBackToTheFloat32Scores() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                StepScores[] s = both(manager, hidden(manager, 9));
                int[] rows = new int[vocab];
                int[] tokens = new int[vocab];
                java.util.Arrays.fill(rows, 2);
                for (int t = 0; t < vocab; t++) {
                    tokens[t] = t;
                }
                s[0].ban(rows, tokens);
                s[1].ban(rows, tokens);
                int[] expected = s[1].argmax();
                assertEquals(0, expected[2], "the first of equals");
                assertArrayEquals(expected, s[0].argmax());
            }
        });
    }
}
