package dev.kabar.checkpoint;

import dev.kabar.checkpoint.RestrictedUnpickler.StorageRef;
import dev.kabar.checkpoint.RestrictedUnpickler.TensorRef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code pytorch_model.bin} state dict as {@code torch.save} writes it (PyTorch 1.6 and later), read
 * without running any code from it.
 *
 * <p>The file is a zip archive of stored entries under one folder ({@code archive/},
 * {@code pytorch_model/}, ...): {@code data.pkl} (the pickled dict of name to tensor),
 * {@code data/<key>} (the raw bytes of each storage), {@code version} and, in recent versions,
 * {@code byteorder}. The pickle is decoded by a restricted decoder that refuses every global but the
 * few a state dict needs. Tensors that share a storage (tied weights) are views of the same mapped
 * bytes. Reads are thread-safe; see {@link TensorSource} for closing.
 */
public final class TorchPickleFile implements TensorSource {

    /**
     * Where a tensor's elements are: {@code start} is the file offset of its first element, {@code span}
     * the bytes up to the end of its last one, {@code stride} in elements.
     */
    private record Tensor(TensorInfo info, long start, long span, long[] stride, boolean contiguous) {}

    private final MappedFile file;
    private final Map<String, Tensor> tensors;

    private TorchPickleFile(MappedFile file, Map<String, Tensor> tensors) {
        this.file = file;
        this.tensors = tensors;
    }

    /**
     * Opens a {@code torch.save} archive and decodes its state dict.
     *
     * @throws CheckpointException naming the file (and tensor or global) when it is missing, truncated,
     *     corrupt, of an unsupported kind, or references code it would have to run
     */
    public static TorchPickleFile open(Path path) {
        return open(path, MappedFile.DEFAULT_REGION_SIZE);
    }

    /** Opens a file mapped in regions of the given size, so tests can make entries straddle regions. */
    static TorchPickleFile open(Path path, long regionSize) {
        return MappedFile.read(path, regionSize, TorchPickleFile::read);
    }

    private static TorchPickleFile read(MappedFile file) {
        // Before PyTorch 1.6 torch.save wrote a bare pickle stream, which starts with the PROTO opcode.
        if (file.size() > 0 && file.slice(0, 1).get(0) == (byte) 0x80) {
            throw fail(file, "it is in the legacy torch.save format (before PyTorch 1.6), which is not supported; "
                    + "load and save it again with a recent PyTorch, or convert it to safetensors.");
        }
        StoredZip zip = StoredZip.read(file);
        String prefix = archivePrefix(file, zip);
        StoredZip.Entry byteorder = zip.entries().get(prefix + "byteorder");
        if (byteorder != null) {
            String order = StandardCharsets.US_ASCII.decode(zip.stored(byteorder)).toString().trim();
            if (!order.equals("little")) {
                throw fail(file, "it was written with byteorder \"" + order + "\", but only \"little\" is supported; "
                        + "save it again on a little-endian machine or convert it to safetensors.");
            }
        }
        String source = file.path() + " (" + prefix + "data.pkl)";
        Object root = RestrictedUnpickler.load(source, zip.stored(zip.entries().get(prefix + "data.pkl")));
        if (!(root instanceof Map<?, ?> dict)) {
            throw fail(file, "its top-level object is a Python " + RestrictedUnpickler.typeName(root)
                    + ", expected a dict of name -> tensor (a state dict); save model.state_dict() rather than the model.");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TensorRef ref)) {
                throw fail(file, "its state dict maps " + e.getKey() + " to a Python " + RestrictedUnpickler.typeName(e.getValue())
                        + ", expected tensor names mapped to tensors; save model.state_dict() rather than other objects.");
            }
            tensors.put(name, tensor(file, zip, prefix, name, ref));
        }
        return new TorchPickleFile(file, Collections.unmodifiableMap(tensors));
    }

    /** Finds the folder all entries live under: the one holding {@code data.pkl}, named after the saved file. */
    private static String archivePrefix(MappedFile file, StoredZip zip) {
        for (String name : zip.entries().keySet()) {
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                return name.substring(0, slash + 1);
            }
        }
        throw fail(file, "it is a zip archive without <folder>/data.pkl, so not a torch.save file; re-download it.");
    }

    private static Tensor tensor(MappedFile file, StoredZip zip, String prefix, String name, TensorRef ref) {
        StorageRef storage = ref.storage();
        TensorDType dtype = storage.dtype();
        long[] size = ref.size();
        long[] stride = ref.stride();
        String where = "tensor '" + name + "'";
        if (size.length != stride.length || ref.offset() < 0 || Arrays.stream(size).anyMatch(d -> d < 0)
                || Arrays.stream(stride).anyMatch(s -> s < 0)) {
            throw fail(file, where + " has size " + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + " and offset "
                    + ref.offset() + ", which do not describe a view; the file is corrupt, re-download it.");
        }
        StoredZip.Entry entry = zip.entries().get(prefix + "data/" + storage.key());
        if (entry == null) {
            throw fail(file, where + " uses storage " + storage.key() + " but the archive has no entry " + prefix + "data/"
                    + storage.key() + "; the file is truncated or corrupt, re-download it.");
        }
        if (storage.numel() < 0 || storage.numel() > entry.size() / dtype.byteSize()) {
            throw fail(file, where + ": storage " + storage.key() + " should hold " + storage.numel() + " " + dtype + " elements ("
                    + storage.numel() * dtype.byteSize() + " bytes) but its entry has " + entry.size()
                    + " bytes; the file is corrupt, re-download it.");
        }
        try {
            Math.multiplyExact(Arrays.stream(size).reduce(1, Math::multiplyExact), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw fail(file, where + " has shape " + Arrays.toString(size) + ", too large to address; the file is corrupt, re-download it.");
        }
        TensorInfo info = new TensorInfo(name, dtype, size);
        long last = ref.offset();
        if (Arrays.stream(size).allMatch(d -> d > 0)) {
            try {
                for (int i = 0; i < size.length; i++) {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            } catch (ArithmeticException e) {
                last = Long.MAX_VALUE;
            }
            if (last >= storage.numel()) {
                throw fail(file, where + " with shape " + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + " and offset "
                        + ref.offset() + " reads element " + last + " of storage " + storage.key() + ", which holds only "
                        + storage.numel() + " elements; the file is corrupt, re-download it.");
            }
        }
        if (info.numel() == 0) {
            // An empty view reads nothing, whatever its offset says.
            return new Tensor(info, zip.dataStart(entry), 0, stride, true);
        }
        long start = zip.dataStart(entry) + ref.offset() * dtype.byteSize();
        long span = (last - ref.offset() + 1) * dtype.byteSize();
        return new Tensor(info, start, span, stride, isContiguous(size, stride));
    }

    /** Row-major strides, ignoring dimensions of size 1 whose stride is never used (as torch does). */
    private static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    private static CheckpointException fail(MappedFile file, String what) {
        return new CheckpointException("PyTorch weight file " + file.path() + ": " + what);
    }

    /** Returns the file's path. */
    public Path path() {
        return file.path();
    }

    /** Returns the tensor names in the order the state dict lists them. */
    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return entry(name).info();
    }

    @Override
    public ByteBuffer data(String name) {
        Tensor t = entry(name);
        // Tied weights point into the same storage, so each is just another view of the same pages.
        return t.contiguous() ? file.slice(t.start(), t.info().byteSize()) : gather(t);
    }

    /** Copies a strided view into a fresh buffer in row-major order, one innermost run at a time. */
    private ByteBuffer gather(Tensor t) {
        int elementSize = t.info().dtype().byteSize();
        ByteBuffer source = file.slice(t.start(), t.span());
        long[] size = t.info().shape();
        long[] stride = t.stride();
        long byteSize = t.info().byteSize();
        if (byteSize > Integer.MAX_VALUE) {
            throw fail(file, "tensor '" + t.info().name() + "' has " + byteSize + " bytes, more than one Java buffer holds (2 GiB).");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) byteSize).order(ByteOrder.LITTLE_ENDIAN);
        int dims = size.length;
        // A unit inner stride lets the whole innermost row be copied at once.
        boolean rowRuns = stride[dims - 1] == 1;
        int runElements = rowRuns ? (int) size[dims - 1] : 1;
        int outerDims = rowRuns ? dims - 1 : dims;
        long[] index = new long[outerDims];
        int runBytes = runElements * elementSize;
        for (int written = 0; written < byteSize; written += runBytes) {
            long element = 0;
            for (int i = 0; i < outerDims; i++) {
                element += index[i] * stride[i];
            }
            out.put(written, source, (int) (element * elementSize), runBytes);
            for (int i = outerDims - 1; i >= 0 && ++index[i] == size[i]; i--) {
                index[i] = 0;
            }
        }
        return out.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Returns the file offset of a tensor's first element; tensors sharing a storage point into the same bytes. */
    long fileOffset(String name) {
        return entry(name).start();
    }

    private Tensor entry(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException("No tensor '" + name + "' in " + file.path() + " (it holds " + tensors.size()
                    + " tensors); check the name or the checkpoint's architecture.");
        }
        return t;
    }

    @Override
    public void close() {
        file.close();
    }
}
