package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kabar.checkpoint.CheckpointException;
import dev.kabar.checkpoint.TensorInfo;
import dev.kabar.checkpoint.TensorSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Tensors of a checkpoint looked up by name under a prefix, turned into float32 NDArrays on demand.
 *
 * <p>Layer constructors take a store scoped to their own prefix ({@code pp("self_attn")}), so the
 * code mirrors the checkpoint's key tree and a missing tensor is reported by its full name. Each
 * tensor is materialised once; asking twice returns the same array (tied weights share memory).
 */
public final class WeightStore {

    private final TensorSource source;
    private final NDManager manager;
    private final String prefix;
    private final Map<String, NDArray> loaded;
    private final String origin;
    private final PackedProducts products;

    /**
     * Creates a root store.
     *
     * @param source the tensors
     * @param manager owner of the arrays created
     * @param origin what to call the source in error messages (the checkpoint folder)
     */
    public WeightStore(TensorSource source, NDManager manager, String origin) {
        this(source, manager, "", new HashMap<>(), origin, null);
    }

    private WeightStore(TensorSource source, NDManager manager, String prefix, Map<String, NDArray> loaded, String origin,
                        PackedProducts products) {
        this.source = source;
        this.manager = manager;
        this.prefix = prefix;
        this.loaded = loaded;
        this.origin = origin;
        this.products = products;
    }

    /**
     * Returns this store with dense layers' weights packed by {@code products} and multiplied
     * through it (see {@link PackedProducts}); everything else stays float32.
     */
    public WeightStore withPackedProducts(PackedProducts products) {
        return new WeightStore(source, manager, prefix, loaded, origin, products);
    }

    /** Returns the packed products dense layers use, or null when they use PyTorch's plain float32 products. */
    public PackedProducts packedProducts() {
        return products;
    }

    /** Returns a store whose names are relative to {@code prefix + "." + name}. */
    public WeightStore pp(String name) {
        return new WeightStore(source, manager, prefix.isEmpty() ? name : prefix + "." + name, loaded, origin, products);
    }

    /**
     * Closes a tensor this store made and forgets it, once a layer keeps only a converted copy; a
     * later {@link #get} reads it again.
     */
    void release(String name) {
        NDArray array = loaded.remove(fullName(name));
        if (array != null) {
            array.close();
        }
    }

    /** Returns a store for element {@code index} of a list module (e.g. {@code layers.3}). */
    public WeightStore pp(int index) {
        return pp(Integer.toString(index));
    }

    /** Returns the full name of a tensor in this store. */
    public String fullName(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Returns true when the checkpoint holds this tensor. */
    public boolean contains(String name) {
        return source.contains(fullName(name));
    }

    /**
     * Returns a tensor as float32, checking its shape.
     *
     * @throws CheckpointException naming the tensor when it is missing or has another shape
     */
    public NDArray get(String name, long... expectedShape) {
        String full = fullName(name);
        NDArray cached = loaded.get(full);
        if (cached != null) {
            checkShape(full, cached.getShape().getShape(), expectedShape);
            return cached;
        }
        if (!source.contains(full)) {
            throw new CheckpointException("Checkpoint " + origin + " has no tensor \"" + full
                    + "\" (expected shape " + Arrays.toString(expectedShape)
                    + "); the weight file does not match config.json or is incomplete.");
        }
        TensorInfo info = source.info(full);
        checkShape(full, info.shape(), expectedShape);
        NDArray array = materialise(info, source.data(full));
        loaded.put(full, array);
        return array;
    }

    private void checkShape(String full, long[] actual, long[] expected) {
        if (!Arrays.equals(actual, expected)) {
            throw new CheckpointException("Tensor \"" + full + "\" in " + origin + " has shape " + Arrays.toString(actual)
                    + " but config.json implies " + Arrays.toString(expected) + ".");
        }
    }

    private NDArray materialise(TensorInfo info, ByteBuffer data) {
        ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Shape shape = new Shape(info.shape());
        return switch (info.dtype()) {
            case F32 -> manager.create(le, shape, DataType.FLOAT32);
            case F16 -> convert(manager.create(le, shape, DataType.FLOAT16));
            case BF16 -> manager.create(bfloat16ToFloat32(le, info.numel()), shape, DataType.FLOAT32);
            case F64 -> convert(manager.create(le, shape, DataType.FLOAT64));
            default -> throw new CheckpointException("Tensor \"" + info.name() + "\" in " + origin + " has dtype "
                    + info.dtype() + "; model weights must be floating point (F32, F16, BF16 or F64).");
        };
    }

    /**
     * Widens bfloat16 to float32 on the host: a bfloat16 is the upper half of a float32, so this
     * is exact. (DJL 0.36's PyTorch binding aborts the process on any bfloat16 tensor.)
     */
    static ByteBuffer bfloat16ToFloat32(ByteBuffer le, long numel) {
        if (numel > Integer.MAX_VALUE / 4) {
            throw new CheckpointException("A bfloat16 tensor of " + numel + " elements is too large to widen in one piece.");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) numel * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < numel; i++) {
            out.putInt((le.getShort(i * 2) & 0xFFFF) << 16);
        }
        out.flip();
        return out;
    }

    private static NDArray convert(NDArray narrow) {
        NDArray wide = narrow.toType(DataType.FLOAT32, false);
        narrow.close();
        return wide;
    }
}
