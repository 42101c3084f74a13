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
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module kabar writes at run time: the source of one class, in the Python subset
 * that libtorch compiles itself (no Python involved), packed as a TorchScript archive and loaded
 * through DJL. It reaches PyTorch operators DJL's binding has no call for (oneDNN's packed
 * products, {@code amax}, {@code logsumexp}); its methods are called with tensor handles.
 *
 * <p>Thread-safe: methods may run on several threads at once.
 */
public final class ScriptModule implements AutoCloseable {

    /**
     * DJL's {@code PyTorchLibrary.moduleRunMethod(module, name, ivalues, isTrain, cudaStream)} and
     * {@code new IValue(handle)}, both package-private. {@code IValueUtils.runMethod} would run the
     * method under PyTorch's inference mode, whose outputs refuse the in-place updates kabar makes to
     * fresh intermediates; called with {@code isTrain} they are ordinary tensors (no input requires
     * a gradient, so nothing is recorded either way).
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
            throw new ExceptionInInitializerError("This DJL PyTorch binding lacks the module calls kabar's TorchScript modules need: " + e);
        }
    }

    private final PtSymbolBlock module;
    private final String name;

    private ScriptModule(PtSymbolBlock module, String name) {
        this.module = module;
        this.name = name;
    }

    /**
     * Compiles and loads the module; its arrays belong to {@code manager}.
     *
     * @param className the class the source defines, a plain identifier
     * @param body the class body: its methods, each indented two spaces, with their
     *     {@code self: __torch__.<className>} first parameter
     * @throws UncheckedIOException when the module cannot be written to the temporary folder
     * @throws IllegalStateException when PyTorch refuses the module
     */
    public static ScriptModule load(NDManager manager, String className, String body) {
        Path file = null;
        try {
            file = Files.createTempFile("kabar-" + className + "-", ".pt");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(archive(className, body));
            }
            return new ScriptModule(JniUtils.loadModule((PtNDManager) manager, file, false, new String[0], new String[0], false), className);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write kabar's " + className + " module to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("PyTorch refused kabar's " + className + " module: " + e.getMessage(), e);
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

    /** Runs a method of the module outside inference mode and returns its result; the caller closes it. */
    public IValue run(String method, IValue... args) {
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
            throw new IllegalStateException("kabar's " + name + " module failed in " + method + ": " + e.getMessage(), e);
        }
    }

    /** Runs a method on tensors that returns one tensor, created in {@code target}. */
    public NDArray call(String method, NDManager target, NDArray... args) {
        IValue[] in = new IValue[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                in[i] = IValue.from((PtNDArray) args[i]);
            }
            try (IValue out = run(method, in)) {
                return out.toTensor((PtNDManager) target);
            }
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    /** Returns the arrays as one TorchScript {@code List[Tensor]} argument; the caller closes it. */
    public static IValue list(List<? extends NDArray> arrays) {
        PtNDArray[] pt = new PtNDArray[arrays.size()];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = (PtNDArray) arrays.get(i);
        }
        return IValue.listFrom(pt);
    }

    /** The TorchScript archive: a zip of the version, the pickled module object, its constants and its source. */
    static byte[] archive(String className, String body) throws IOException {
        String source = String.join("\n",
                "class " + className + "(Module):",
                "  __parameters__ = []",
                "  __buffers__ = []",
                "  training : bool",
                body);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            entry(zip, "data.pkl", moduleObject(className));
            // An empty tuple: the module has no tensor constants.
            entry(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            entry(zip, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The module object as pickle protocol 2: {@code __torch__.<className>()} with {@code training = True}. */
    private static byte[] moduleObject(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
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

    /** Releases the module. */
    @Override
    public void close() {
        module.close();
    }
}
