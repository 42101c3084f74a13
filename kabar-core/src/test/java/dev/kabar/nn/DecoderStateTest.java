package dev.kabar.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.kabar.TestData;
import dev.kabar.runtime.DjlOffline;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-attention groups ({@link SourceGroup}) against the plain layout: a state whose inputs sit
 * in many groups must decode exactly like one holding them all in one padded array, through
 * merging, dropping inputs across groups and reordering them.
 */
class DecoderStateTest {

    private static final int INPUTS = 10;

    @BeforeAll
    static void offline() {
        DjlOffline.ensure();
    }

    @Test
    void manyGroupsDecodeLikeOnePaddedArrayThroughDropsAndReorders() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoderModel model = TestModels.load(TestData.conformance("marian-tiny"), manager);
            int pad = model.config().padTokenId();
            int width = INPUTS + 1;
            long[][] ids = new long[INPUTS][width];
            long[][] mask = new long[INPUTS][width];
            int[] lengths = new int[INPUTS];
            for (int i = 0; i < INPUTS; i++) {
                // Lengths 2..11, shuffled, so groups differ in width and neighbours are not sorted.
                lengths[i] = 2 + (i * 7) % INPUTS;
                for (int j = 0; j < width; j++) {
                    ids[i][j] = j < lengths[i] - 1 ? 40 + 13 * i + j : j == lengths[i] - 1 ? 0 : pad;
                    mask[i][j] = j < lengths[i] ? 1 : 0;
                }
            }
            NDArray idArray = manager.create(ids);
            NDArray maskArray = manager.create(mask);
            DecoderState plain = model.startDecoding(model.encode(idArray, maskArray), maskArray, 1);
            // A budget of one token puts every input in a chunk of its own: ten groups, merged down to the maximum.
            DecoderState grouped = model.encodeForDecoding(idArray, lengths, 1, 1);
            assertEquals(1, plain.groups().size());
            assertEquals(DecoderState.MAX_GROUPS, grouped.groups().size());
            assertEquals(INPUTS, grouped.inputs());

            long[][] tokens = new long[INPUTS][1];
            for (int i = 0; i < INPUTS; i++) {
                tokens[i][0] = 5 + i;
            }
            EncoderDecoderModel.Step a = model.decode(plain, manager.create(tokens));
            EncoderDecoderModel.Step b = model.decode(grouped, manager.create(tokens));
            assertClose(a.logits(), b.logits(), "first step");

            // Drop inputs across group boundaries, keeping order: each group keeps its survivors.
            int[] keep = {0, 2, 3, 7, 9};
            plain = a.state().select(keep, manager);
            grouped = b.state().select(keep, manager);
            assertEquals(keep.length, grouped.inputs());
            long[][] next = {{7}, {8}, {9}, {10}, {11}};
            a = model.decode(plain, manager.create(next));
            b = model.decode(grouped, manager.create(next));
            assertClose(a.logits(), b.logits(), "after dropping inputs");

            // Any other order falls back to one merged group.
            int[] shuffle = {4, 0, 2};
            plain = a.state().select(shuffle, manager);
            grouped = b.state().select(shuffle, manager);
            assertEquals(1, grouped.groups().size());
            long[][] last = {{3}, {4}, {6}};
            a = model.decode(plain, manager.create(last));
            b = model.decode(grouped, manager.create(last));
            assertClose(a.logits(), b.logits(), "after reordering inputs");
            assertEquals(3, b.state().length());
        }
    }

    /**
     * Both ways {@code select} moves cache rows hold the rows asked for: in place when few move
     * (swaps, so a row is read after its own place was due to be written; a drop that leaves a view
     * of the first rows) and by a gather when most do; and a state decodes on from either.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reorders")
    void selectedCachesHoldTheRowsAskedForInPlaceOrGathered(String what, int[] keep, boolean inPlace) {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoderModel model = TestModels.load(TestData.conformance("marian-tiny"), manager);
            int beams = 2;
            long[][] ids = new long[4][];
            int[] lengths = new int[4];
            for (int i = 0; i < 4; i++) {
                ids[i] = new long[] {40 + i, 50 + i, 60 + i, 0};
                lengths[i] = 4;
            }
            DecoderState state = model.encodeForDecoding(manager.create(ids), lengths, beams, 4096);
            long[][] tokens = new long[8][1];
            for (int step = 0; step < 3; step++) {
                for (int r = 0; r < 8; r++) {
                    tokens[r][0] = 5 + 3 * r + step;
                }
                state = model.decode(state, manager.create(tokens)).state();
            }
            NDArray keys = state.selfKeys(1);
            NDArray before = keys.duplicate();
            NDArray expected = DecoderState.gatherRows(before, manager.create(Arrays.stream(keep).asLongStream().toArray()));
            DecoderState next = state.select(keep, manager);
            float[] want = expected.toFloatArray();
            float[] got = next.selfKeys(1).toFloatArray();
            assertArrayEquals(expected.getShape().getShape(), next.selfKeys(1).getShape().getShape(), what + ": shape");
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), what + ": element " + i);
            }
            // Storage shared with the old buffer exactly when moved in place.
            NDArray probe = next.selfKeys(1);
            probe.set(new NDIndex("0"), 1234.5f);
            assertEquals(inPlace, keys.toFloatArray()[0] == 1234.5f, what + ": in place");
            probe.set(new NDIndex("0"), manager.create(want, expected.getShape()).get(0));
            long[][] more = new long[keep.length][1];
            for (int r = 0; r < keep.length; r++) {
                more[r][0] = 7 + r;
            }
            assertEquals(4, model.decode(next, manager.create(more)).state().length(), what);
        }
    }

    static Stream<Arguments> reorders() {
        return Stream.of(
                Arguments.of("beams swapped in one input", new int[] {1, 0, 2, 3, 4, 5, 6, 7}, true),
                Arguments.of("one beam copied over its sibling", new int[] {0, 0, 2, 3, 4, 5, 7, 7}, true),
                Arguments.of("last input dropped", new int[] {0, 1, 2, 3, 4, 5}, true),
                Arguments.of("first input dropped", new int[] {2, 3, 4, 5, 6, 7}, false),
                Arguments.of("every input's beams swapped", new int[] {1, 0, 3, 2, 5, 4, 7, 6}, false));
    }

    @Test
    void admittedGroupsDecodeLikeTheSameInputsStartedAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoderModel model = TestModels.load(TestData.conformance("marian-tiny"), manager);
            int pad = model.config().padTokenId();
            long[][] first = {{47, 70, 481, 0}, {661, 12, 0, pad}};
            long[][] joining = {{5, 6, 7, 8, 9, 0}};
            DecoderState running = model.encodeForDecoding(manager.create(first), new int[] {4, 3}, 1, 4096);
            EncoderDecoderModel.Step s = model.decode(running, manager.create(new long[][] {{5}, {9}}));
            DecoderState newcomer = model.encodeForDecoding(manager.create(joining), new int[] {6}, 1, 4096);
            DecoderState joined = s.state().admit(newcomer);
            assertEquals(s.state().groups().size() + 1, joined.groups().size());
            assertEquals(3, joined.rows());
            EncoderDecoderModel.Step together = model.decode(joined, manager.create(new long[][] {{17}, {33}, {5}}));
            // The newcomer's row decodes as if it ran alone from its first token.
            DecoderState alone = model.encodeForDecoding(manager.create(joining), new int[] {6}, 1, 4096);
            EncoderDecoderModel.Step single = model.decode(alone, manager.create(new long[][] {{5}}));
            assertClose(single.logits(), together.logits().get("2:3"), "newcomer row");
            assertThrows(IllegalArgumentException.class,
                    () -> joined.admit(model.encodeForDecoding(manager.create(joining), new int[] {6}, 2, 4096)));
        }
    }

    /** Merging, selecting and gathering make new arrays and leave the arrays they read as they were. */
    @Test
    void mergingAndSelectingLeaveTheirSourcesUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SourceGroup narrow = group(manager, 2, 3);
            SourceGroup wide = group(manager, 3, 7);
            SourceGroup merged = SourceGroup.merge(java.util.List.of(narrow, wide));
            assertEquals(5, merged.inputs());
            assertEquals(7, merged.width());
            assertEquals(new ai.djl.ndarray.types.Shape(2, 2, 3, 4), narrow.keys()[0].getShape());
            assertEquals(new ai.djl.ndarray.types.Shape(2, 1, 1, 3), narrow.mask().getShape());
            assertEquals(2, narrow.inputs());
            assertEquals(3, narrow.width());

            NDArray rows = manager.create(new long[] {4, 0});
            SourceGroup picked = merged.select(rows);
            assertEquals(new ai.djl.ndarray.types.Shape(2, 2, 7, 4), picked.keys()[0].getShape());
            assertEquals(5, merged.inputs(), "the group selected from keeps its inputs");
            assertTrue(picked.keys()[0].get(0).contentEquals(merged.keys()[0].get(4)));
            assertTrue(picked.mask().get(1).contentEquals(merged.mask().get(0)));
        }
    }

    /** A group of {@code inputs} sources of width {@code width}: 2 heads, head size 4, one layer, random values. */
    private static SourceGroup group(NDManager manager, int inputs, int width) {
        ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(inputs, 2, width, 4);
        return new SourceGroup(new NDArray[] {manager.randomNormal(shape)}, new NDArray[] {manager.randomNormal(shape)},
                manager.zeros(new ai.djl.ndarray.types.Shape(inputs, 1, 1, width)));
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what);
        float diff = TestModels.maxAbsDiff(expected, actual);
        assertTrue(diff < 1e-4f, what + ": grouped and plain logits differ by " + diff);
    }
}
