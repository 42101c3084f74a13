package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Matrix products with bfloat16 weights: the input is rounded to bfloat16, multiplied by PyTorch
 * (oneDNN, which uses the CPU's bfloat16 instructions where it has them), and the bfloat16 result
 * widened back to float32, so everything around the product stays float32.
 *
 * <p>Why a TorchScript module: DJL 0.36's PyTorch binding maps no DJL data type to PyTorch's
 * bfloat16 and aborts the process when asked for one, but PyTorch itself runs bfloat16 fine. This
 * class writes a small TorchScript module (the Python-subset source that libtorch compiles
 * itself, no Python involved), loads it through DJL, and calls its methods with tensor handles.
 * bfloat16 tensors therefore only ever pass through these methods; their DJL data type must not be
 * asked for.
 *
 * <p>Measured on 2 cores (AMD EPYC with AVX-512 BF16), the opus-mt LM head (54796 × 512): one row
 * 3.2 ms against 9.9 in float32; 64 rows 14.7 against 38.9 ms; 384 rows 87.8 against 192.6 ms.
 * Thread-safe: module methods may run on several threads at once.
 */
public final class BFloat16Products implements AutoCloseable {

    /** PyTorch's ScalarType codes, as the serialised TorchScript source writes dtypes. */
    private static final int FLOAT32 = 6;
    private static final int BFLOAT16 = 15;
    /**
     * Rows of a product beyond {@link #EXACT_ROWS} are padded to a multiple of this. oneDNN keeps a
     * compiled kernel per product shape (up to 1,024 of them); without buckets a long run with
     * varied batch and sentence lengths keeps adding kernels, and resident memory grew for tens of
     * thousands of sentences (marian-tiny: 676 to 780 MB from 5,000 to 40,000 sentences; with
     * buckets 530 to 538 MB from 2,500 to 20,000).
     */
    private static final int ROW_BUCKET = 16;
    /**
     * Products of at most this many rows keep their shape: padding a decode step of a few rows to
     * 16 costs more than its kernels take memory (batch 1: 23.2 ms a token padded against 16.2).
     */
    private static final int EXACT_ROWS = 64;

    /**
     * The module: class {@code __torch__.BFloat16Products}; {@code forward} narrows to bfloat16,
     * {@code linear} and {@code linear_bias} multiply through {@code product}.
     */
    private static final String SOURCE = String.join("\n",
            "class BFloat16Products(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__.BFloat16Products,",
            "    x: Tensor) -> Tensor:",
            "    return torch.contiguous(torch.to(x, " + BFLOAT16 + "))",
            "  def product(self: __torch__.BFloat16Products,",
            "    x: Tensor, weight: Tensor) -> Tensor:",
            "    shape = x.size()",
            "    n = x.numel() // shape[-1]",
            "    if n <= " + EXACT_ROWS + " or n % " + ROW_BUCKET + " == 0:",
            "      return torch.to(torch.linear(torch.to(x, " + BFLOAT16 + "), weight), " + FLOAT32 + ")",
            "    flat = x.reshape([n, shape[-1]])",
            "    padded = torch.constant_pad_nd(flat, [0, 0, 0, " + ROW_BUCKET + " - n % " + ROW_BUCKET + "], 0.)",
            "    y = torch.linear(torch.to(padded, " + BFLOAT16 + "), weight)",
            "    out = torch.to(y.narrow(0, 0, n), " + FLOAT32 + ")",
            "    return out.reshape(shape[:-1] + [weight.size(0)])",
            "  def linear(self: __torch__.BFloat16Products,",
            "    x: Tensor, weight: Tensor) -> Tensor:",
            "    return self.product(x, weight)",
            "  def linear_bias(self: __torch__.BFloat16Products,",
            "    x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:",
            "    return torch.add(self.product(x, weight), bias)",
            "");

    /**
     * DJL's {@code PyTorchLibrary.moduleRunMethod(module, name, ivalues, isTrain, cudaStream)} and
     * {@code new IValue(handle)}, both package-private. {@code IValueUtils.runMethod} would run the
     * method under PyTorch's inference mode, whose outputs refuse the in-place updates the model
     * makes to fresh intermediates; called with {@code isTrain} they are ordinary tensors (no input
     * requires a gradient, so nothing is recorded either way).
     */
    private static final MethodHandle RUN_METHOD;
    private static final MethodHandle NEW_IVALUE;
    private static final Object LIBRARY;

    static {
        try {
            Class<?> library = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field lib = library.getDeclaredField("LIB");
            lib.setAccessible(true);
            LIBRARY = lib.get(null);
            Method run = library.getDeclaredMethod("moduleRunMethod", long.class, String.class, long[].class, boolean.class, boolean.class);
            run.setAccessible(true);
            RUN_METHOD = MethodHandles.lookup().unreflect(run);
            Constructor<IValue> ivalue = IValue.class.getDeclaredConstructor(long.class);
            ivalue.setAccessible(true);
            NEW_IVALUE = MethodHandles.lookup().unreflectConstructor(ivalue);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("This DJL PyTorch binding lacks the module calls kabar's bfloat16 mode needs: " + e);
        }
    }

    private final PtSymbolBlock module;

    private BFloat16Products(PtSymbolBlock module) {
        this.module = module;
    }

    /** Runs a method of the module outside inference mode and returns its result. */
    private IValue run(String method, IValue... args) {
        long[] handles = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            handles[i] = args[i].getHandle();
        }
        try {
            long out = (long) RUN_METHOD.invoke(LIBRARY, module.getHandle().longValue(), method, handles, true, false);
            return (IValue) NEW_IVALUE.invoke(out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("kabar's bfloat16 module failed in " + method + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds and loads the module; its arrays belong to {@code manager}.
     *
     * @throws UncheckedIOException when the module cannot be written to the temporary folder
     * @throws IllegalStateException when PyTorch refuses the module
     */
    public static BFloat16Products create(NDManager manager) {
        PtNDManager pt = (PtNDManager) manager;
        Path file = null;
        try {
            file = Files.createTempFile("kabar-bfloat16-", ".pt");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(archive());
            }
            return new BFloat16Products(JniUtils.loadModule(pt, file, false, new String[0], new String[0], false));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bfloat16 module to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("PyTorch refused kabar's bfloat16 module: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A leftover temporary file is harmless; the module is already loaded.
                }
            }
        }
    }

    /** The TorchScript archive: a zip of the version, the pickled module object, its constants and its source. */
    static byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            entry(zip, "data.pkl", moduleObject());
            // An empty tuple: the module has no tensor constants.
            entry(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            entry(zip, "code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The module object as pickle protocol 2: {@code __torch__.BFloat16Products()} with {@code training = True}. */
    private static byte[] moduleObject() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});
        p.writeBytes("c__torch__\nBFloat16Products\n".getBytes(StandardCharsets.US_ASCII));
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
        p.writeBytes(key);
        p.write(0x88); // NEWTRUE
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry("archive/" + name));
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * Returns a contiguous bfloat16 copy of a float32 array, in the same manager. Never ask a
     * bfloat16 array for its DJL data type.
     */
    public NDArray toBFloat16(NDArray x) {
        try (IValue in = IValue.from((PtNDArray) x); IValue out = run("forward", in)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    /**
     * Returns {@code x · weightᵀ (+ bias)} in float32, with {@code x} rounded to bfloat16 and the
     * product rounded to bfloat16 before widening.
     *
     * @param x float32 input {@code [..., in]}
     * @param weight bfloat16 weight {@code [out, in]}, from {@link #toBFloat16}
     * @param bias float32 bias {@code [out]}, or null
     */
    public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        PtNDManager target = (PtNDManager) x.getManager();
        if (bias == null) {
            try (IValue a = IValue.from((PtNDArray) x); IValue w = IValue.from((PtNDArray) weight);
                 IValue out = run("linear", a, w)) {
                return out.toTensor(target);
            }
        }
        try (IValue a = IValue.from((PtNDArray) x); IValue w = IValue.from((PtNDArray) weight); IValue b = IValue.from((PtNDArray) bias);
             IValue out = run("linear_bias", a, w, b)) {
            return out.toTensor(target);
        }
    }

    /** Releases the module. */
    @Override
    public void close() {
        module.close();
    }
}
