package dev.kabar.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.kabar.Bfloat16Cpu;
import dev.kabar.TestData;
import dev.kabar.runtime.DjlOffline;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Packed products through kabar's TorchScript module, checked against float32 computed the plain way. */
class PackedProductsTest {

    @BeforeAll
    static void loadPyTorch() {
        DjlOffline.ensure();
        Engine.getInstance();
    }

    /** Rounds a float to the nearest bfloat16 (ties to even), as PyTorch does, on the host. */
    private static float roundToBFloat16(float x) {
        int bits = Float.floatToRawIntBits(x);
        int rounded = bits + 0x7FFF + ((bits >> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xFFFF0000);
    }

    @Test
    void valuesRoundToTheNearestBFloat16AndWidenExactly() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.BFLOAT16)) {
                float[] x = {1.5f, 2.25f, 3.1f, -0.1f, 1000.7f, 1e-3f, 65535f};
                // Multiplying by a bfloat16 identity widens the values back unchanged.
                NDArray eye = p.pack(m.eye(x.length));
                float[] back = p.linear(m.create(x, new Shape(1, x.length)), eye, x.length).toFloatArray();
                float[] expected = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    expected[i] = roundToBFloat16(x[i]);
                }
                assertArrayEquals(expected, back);
                assertEquals(3.09375f, back[2]);
            }
        });
    }

    @Test
    void aProductIsTheFloat32ProductWithinBFloat16Rounding() throws Throwable {
        Bfloat16Cpu.test(() -> {
            try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.BFLOAT16)) {
                NDArray x = m.randomNormal(new Shape(5, 64));
                NDArray w = m.randomNormal(new Shape(48, 64));
                NDArray b = m.randomNormal(new Shape(48));
                NDArray exact = Linear.linear(x, w, b).singletonOrThrow();
                NDArray product = p.linear(x, p.pack(w), b);
                assertEquals(new Shape(5, 48), product.getShape());
                assertEquals(DataType.FLOAT32, product.getDataType());
                // Inputs rounded to 8 significant bits, 64 terms, result rounded again: a few parts in a hundred.
                float scale = exact.abs().max().getFloat();
                float diff = TestModels.maxAbsDiff(exact, product);
                assertTrue(diff < 0.05f * scale, "bfloat16 product off by " + diff + " at scale " + scale);
                assertTrue(diff > 0, "the product was not rounded at all");
                // The result is an ordinary tensor: the model updates fresh intermediates in place.
                product.addi(1);
                NDArray noBias = p.linear(x, p.pack(w), 48);
                assertTrue(TestModels.maxAbsDiff(exact.sub(b), noBias) < 0.05f * scale);
            }
        });
    }

    @Test
    void aModelInBFloat16StaysCloseToFloat32() throws Throwable {
        Bfloat16Cpu.test(() -> {
            float relative = headDifference("marian-tiny", PackedProducts.Format.BFLOAT16);
            assertTrue(relative < 0.05f && relative > 0, "LM head off by " + relative + " of its scale");
        });
    }

    /**
     * Loads a conformance model with plain products and with packed ones, and returns the largest
     * difference between their LM-head logits for random hidden states, relative to the logits'
     * scale; checks on the way that a slice of the packed head gives the whole packed head's logits.
     */
    private static float headDifference(String model, PackedProducts.Format format) {
        Path dir = TestData.conformance(model);
        try (NDManager plainManager = NDManager.newBaseManager(); NDManager packedManager = NDManager.newBaseManager();
             PackedProducts p = PackedProducts.create(packedManager, format)) {
            EncoderDecoderModel plain = TestModels.load(dir, plainManager);
            EncoderDecoderModel packed = TestModels.load(dir, packedManager, p);
            assertTrue(packed.packedHead() && !plain.packedHead());
            NDArray hidden = plainManager.randomNormal(new Shape(3, plain.config().dModel()));
            NDArray exact = plain.logits(hidden);
            NDArray copy = packedManager.create(hidden.toFloatArray(), hidden.getShape());
            NDArray logits = packed.logits(copy);
            float scale = exact.abs().max().getFloat();
            float diff = TestModels.maxAbsDiff(exact, plainManager.create(logits.toFloatArray(), logits.getShape()));
            int vocab = plain.config().vocabSize();
            float[] part = packed.logitSlice(copy, 100, 1).toFloatArray();
            float[] whole = logits.toFloatArray();
            int width = Math.min(100, vocab - 100);
            for (int row = 0; row < 3; row++) {
                for (int j = 0; j < width; j++) {
                    assertEquals(whole[row * vocab + 100 + j], part[row * width + j], 1e-6f * scale, model + " " + format);
                }
            }
            return diff / scale;
        }
    }

    /**
     * Attention projects q, k and v (or k and v) of one input as one product of the stacked
     * weights ({@link LinearLayer#loadFused}): each layer's columns of the packed float32 product
     * must be that layer's own packed product, bit for bit, at every row count the decoder and
     * encoder use (padded, exact and bucketed).
     */
    @Test
    void aFusedPackedProductHoldsEachLayersOwnProductBitForBit() {
        try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.FLOAT32)) {
            int d = 96;
            NDArray[] w = new NDArray[3];
            NDArray[] b = new NDArray[3];
            for (int i = 0; i < 3; i++) {
                w[i] = m.randomNormal(new Shape(d, d));
                b[i] = m.randomNormal(new Shape(d));
            }
            NDArray fused = p.pack(NDArrays.concat(new NDList(w), 0));
            NDArray fusedBias = NDArrays.concat(new NDList(b), 0);
            for (int rows : new int[] {1, 3, 4, 17, 64, 70, 333}) {
                NDArray x = m.randomNormal(new Shape(rows, 1, d));
                NDArray all = p.linear(x, fused, fusedBias);
                for (int i = 0; i < 3; i++) {
                    NDArray own = p.linear(x, p.pack(w[i]), b[i]);
                    NDArray columns = all.get(new NDIndex("..., {}:{}", i * d, (i + 1) * d));
                    assertArrayEquals(own.toFloatArray(), columns.toFloatArray(), 0f, rows + " rows, layer " + i);
                }
            }
        }
    }

    /** Packed float32 products against PyTorch's plain ones: the same sums in another order. */
    @Test
    void aPackedFloat32ProductIsThePlainProductUpToRounding() {
        try (NDManager m = NDManager.newBaseManager(); PackedProducts p = PackedProducts.create(m, PackedProducts.Format.FLOAT32)) {
            NDArray w = m.randomNormal(new Shape(48, 64));
            NDArray b = m.randomNormal(new Shape(48));
            NDArray packed = p.pack(w);
            // 1 row is padded to 4 and 70 to 80, and cut back; 5 rows keep their shape; 2 × 1 and
            // 2 × 40 are batches of sequences.
            for (Shape shape : new Shape[] {new Shape(1, 64), new Shape(5, 64), new Shape(70, 64), new Shape(2, 1, 64),
                new Shape(2, 40, 64)}) {
                NDArray x = m.randomNormal(shape);
                NDArray exact = Linear.linear(x, w, b).singletonOrThrow();
                NDArray product = p.linear(x, packed, b);
                assertEquals(exact.getShape(), product.getShape(), shape.toString());
                assertEquals(DataType.FLOAT32, product.getDataType());
                float scale = exact.abs().max().getFloat();
                assertTrue(TestModels.maxAbsDiff(exact, product) < 1e-5f * scale, shape + ": off by "
                        + TestModels.maxAbsDiff(exact, product) + " at scale " + scale);
                NDArray noBias = p.linear(x, packed, 48);
                assertTrue(TestModels.maxAbsDiff(exact.sub(b), noBias) < 1e-5f * scale, shape + " without bias");
                // An ordinary tensor: the model updates fresh intermediates in place.
                product.addi(1);
            }
            // A transposed view is multiplied as the values it shows.
            NDArray t = m.randomNormal(new Shape(64, 3)).transpose();
            assertTrue(TestModels.maxAbsDiff(Linear.linear(t, w, b).singletonOrThrow(), p.linear(t, packed, b)) < 1e-4f);
        }
    }

    @Test
    void aModelOnPackedFloat32ProductsMatchesThePlainOne() {
        float relative = headDifference("bart-tiny", PackedProducts.Format.FLOAT32);
        assertTrue(relative < 1e-5f, "LM head off by " + relative + " of its scale");
    }
}
