package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kabar.generate.HostScores;
import dev.kabar.generate.StepScores;
import dev.kabar.runtime.DjlOffline;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native scores do exactly what the plain Java reference does, operation by operation. */
class NativeScoresTest {

    private static final int ROWS = 6;
    private static final int VOCAB = 37;

    @BeforeAll
    static void offline() {
        DjlOffline.ensure();
    }

    private static float[] randomScores(long seed) {
        Random r = new Random(seed);
        float[] s = new float[ROWS * VOCAB];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (r.nextGaussian() * 3);
        }
        return s;
    }

    /** Applies the same sequence of edits to both implementations. */
    private static void edit(StepScores s) {
        s.logSoftmax();
        float[] got = s.get(new int[] {0, 1, 5}, new int[] {3, 3, 36});
        for (int i = 0; i < got.length; i++) {
            got[i] = got[i] < 0 ? got[i] * 1.2f : got[i] / 1.2f;
        }
        s.set(new int[] {0, 1, 5}, new int[] {3, 3, 36}, got);
        s.ban(new int[] {2, 2, 4}, new int[] {0, 7, 11});
        s.forceOnly(new int[] {3}, 9);
    }

    @Test
    void editsArgmaxAndTopKMatchTheJavaReference() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] data = randomScores(42);
            HostScores host = new HostScores(data.clone(), ROWS, VOCAB);
            NativeScores nat = new NativeScores(manager, manager.create(data.clone(), new Shape(ROWS, VOCAB)));
            edit(host);
            edit(nat);
            int[] allRows = {0, 1, 2, 3, 4, 5};
            int[] allTokens = new int[ROWS];
            for (int t = 0; t < VOCAB; t++) {
                java.util.Arrays.fill(allTokens, t);
                assertArrayEquals(host.get(allRows, allTokens), nat.get(allRows, allTokens), 1e-6f, "token " + t);
            }
            assertArrayEquals(host.argmax(), nat.argmax());
            float[] offsets = {0f, -1f, -2.5f, 0.5f, -1e9f, -3f};
            StepScores.TopK a = host.topK(offsets, 3, 4);
            StepScores.TopK b = nat.topK(offsets, 3, 4);
            for (int g = 0; g < 2; g++) {
                assertArrayEquals(a.ids()[g], b.ids()[g], "group " + g);
                assertArrayEquals(a.scores()[g], b.scores()[g], 1e-5f, "group " + g);
            }
            assertEquals(0f, nat.get(new int[] {3}, new int[] {9})[0]);
            nat.close();
        }
    }
}
