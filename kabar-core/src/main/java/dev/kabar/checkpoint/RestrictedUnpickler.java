package dev.kabar.checkpoint;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the pickle that {@code torch.save} writes for a state dict, without running anything.
 *
 * <p>A pickle is a program for a stack machine whose {@code GLOBAL} and {@code REDUCE} opcodes import
 * and call arbitrary Python functions; that is how a malicious {@code .bin} file runs code. This
 * decoder knows only the handful of globals a state dict needs, models each by what it would build,
 * and refuses any other global the moment it is named. Python values become {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@code null} (None), {@link Tuple}, {@link ArrayList},
 * {@link LinkedHashMap}, {@code byte[]}, {@link StorageRef} and {@link TensorRef}. Not thread-safe.
 */
final class RestrictedUnpickler {

    /** An immutable Python tuple. */
    record Tuple(List<Object> items) {
        Tuple {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    /** A storage class named in a persistent id, e.g. {@code torch.FloatStorage}. */
    record StorageType(String qualifiedName, TensorDType dtype) {}

    /** A typed storage: zip entry {@code data/<key>} holding {@code numel} elements. */
    record StorageRef(String key, TensorDType dtype, long numel) {}

    /** A tensor as {@code _rebuild_tensor_v2} would build it: a strided view of a storage. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    /** The callables a state dict needs; each is modelled, never imported. */
    private enum Function {
        ORDERED_DICT, REBUILD_TENSOR, REBUILD_TENSOR_V2, REBUILD_PARAMETER
    }

    private static final Map<String, Object> ALLOWED_GLOBALS = allowedGlobals();

    private static Map<String, Object> allowedGlobals() {
        Map<String, Object> m = new HashMap<>();
        m.put("collections.OrderedDict", Function.ORDERED_DICT);
        m.put("torch._utils._rebuild_tensor", Function.REBUILD_TENSOR);
        m.put("torch._utils._rebuild_tensor_v2", Function.REBUILD_TENSOR_V2);
        m.put("torch._utils._rebuild_parameter", Function.REBUILD_PARAMETER);
        Object[][] storages = {
            {"FloatStorage", TensorDType.F32}, {"HalfStorage", TensorDType.F16}, {"BFloat16Storage", TensorDType.BF16},
            {"DoubleStorage", TensorDType.F64}, {"LongStorage", TensorDType.I64}, {"IntStorage", TensorDType.I32},
            {"ShortStorage", TensorDType.I16}, {"CharStorage", TensorDType.I8}, {"ByteStorage", TensorDType.U8},
            {"BoolStorage", TensorDType.BOOL},
        };
        for (Object[] s : storages) {
            String name = "torch." + s[0];
            m.put(name, new StorageType(name, (TensorDType) s[1]));
        }
        return Map.copyOf(m);
    }

    private final String source;
    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<String, StorageRef> storages = new LinkedHashMap<>();

    private RestrictedUnpickler(String source, ByteBuffer pickle) {
        this.source = source;
        this.in = pickle.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Decodes a pickle and returns its top-level object.
     *
     * @param source names the pickle in error messages (file and entry)
     * @throws CheckpointException on a forbidden global, an unsupported opcode or a malformed pickle
     */
    static Object load(String source, ByteBuffer pickle) {
        RestrictedUnpickler u = new RestrictedUnpickler(source, pickle);
        try {
            return u.run();
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw u.fail("the pickle ends early or refers to missing values; the file is truncated or corrupt, re-download it.");
        } catch (ClassCastException e) {
            throw u.fail("an opcode at byte " + u.in.position() + " got an argument of the wrong type; the file is corrupt, re-download it.");
        }
    }

    private Object run() {
        while (true) {
            int at = in.position();
            int op = in.get() & 0xFF;
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = in.get() & 0xFF;
                    if (protocol < 2 || protocol > 5) {
                        throw fail("pickle protocol " + protocol + " is not supported (torch.save writes 2).");
                    }
                }
                case 0x95 -> in.getLong(); // FRAME: a length hint for buffered readers; we read from memory
                case 'c' -> push(global(readLine(), readLine())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) pop();
                    push(global((String) pop(), name));
                }
                case 'q' -> memo.put((long) (in.get() & 0xFF), peek()); // BINPUT
                case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(in.get() & 0xFF)); // BINGET
                case 'j' -> push(memoGet(Integer.toUnsignedLong(in.getInt()))); // LONG_BINGET
                case '}' -> push(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
                case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
                case ']' -> push(new ArrayList<Object>()); // EMPTY_LIST
                case '(' -> marks.push(stack.size()); // MARK
                case 't' -> push(new Tuple(popMark())); // TUPLE
                case 0x85 -> push(new Tuple(popN(1))); // TUPLE1
                case 0x86 -> push(new Tuple(popN(2))); // TUPLE2
                case 0x87 -> push(new Tuple(popN(3))); // TUPLE3
                case 'J' -> push((long) in.getInt()); // BININT
                case 'K' -> push((long) (in.get() & 0xFF)); // BININT1
                case 'M' -> push((long) Short.toUnsignedInt(in.getShort())); // BININT2
                case 0x8a -> push(readLong(in.get() & 0xFF)); // LONG1
                case 0x8b -> push(readLong(in.getInt())); // LONG4
                case 'X' -> push(readUtf8(Integer.toUnsignedLong(in.getInt()))); // BINUNICODE
                case 0x8c -> push(readUtf8(in.get() & 0xFF)); // SHORT_BINUNICODE
                case 0x8d -> push(readUtf8(in.getLong())); // BINUNICODE8
                case 'B' -> push(readBytes(Integer.toUnsignedLong(in.getInt()))); // BINBYTES
                case 'C' -> push(readBytes(in.get() & 0xFF)); // SHORT_BINBYTES
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT, big-endian
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'N' -> push(null); // NONE
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    dict(peek()).put(key, value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    Map<Object, Object> dict = dict(peek());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object value = pop();
                    list(peek()).add(value);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 'R' -> { // REDUCE
                    Tuple args = (Tuple) pop();
                    push(call(pop(), args.items()));
                }
                case 'Q' -> push(persistentLoad(pop())); // BINPERSID
                case 'b' -> { // BUILD
                    pop();
                    // HF state dicts carry a `_metadata` attribute (module versions) set this way; no need for it.
                    Object target = peek();
                    if (!(target instanceof Map || target instanceof TensorRef)) {
                        throw fail("BUILD at byte " + at + " sets state on a " + typeName(target) + ", which a state dict never does.");
                    }
                }
                case '.' -> { // STOP
                    return pop();
                }
                default -> throw fail(String.format(
                        "opcode 0x%02x at byte %d is not one torch.save writes for a state dict; refusing to decode further.", op, at));
            }
        }
    }

    private Object global(String module, String name) {
        String qualified = module + "." + name;
        Object global = ALLOWED_GLOBALS.get(qualified);
        if (global == null) {
            throw new CheckpointException("Refusing to load " + source + ": its pickle references the global " + qualified
                    + ", which a PyTorch state dict never needs, and this loader refuses to run code from the file. "
                    + "Use model.safetensors instead, or re-save only the state dict from a trusted source.");
        }
        return global;
    }

    private Object call(Object callable, List<Object> args) {
        if (!(callable instanceof Function f)) {
            throw fail("the pickle calls " + typeName(callable) + ", which cannot be called here.");
        }
        return switch (f) {
            case ORDERED_DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                if (!args.isEmpty()) {
                    for (Object pair : (List<?>) unwrap(args.get(0))) {
                        List<?> kv = (List<?>) unwrap(pair);
                        dict.put(kv.get(0), kv.get(1));
                    }
                }
                yield dict;
            }
            case REBUILD_TENSOR, REBUILD_TENSOR_V2 -> {
                // (storage, storage_offset, size, stride, [requires_grad, backward_hooks[, metadata]])
                if (args.size() < 4) {
                    throw fail("_rebuild_tensor got " + args.size() + " arguments, expected at least 4; the file is corrupt.");
                }
                yield new TensorRef((StorageRef) args.get(0), (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
            }
            case REBUILD_PARAMETER -> {
                // (data, requires_grad, backward_hooks): a Parameter is its tensor for reading weights.
                if (args.isEmpty() || !(args.get(0) instanceof TensorRef t)) {
                    throw fail("_rebuild_parameter did not get a tensor; the file is corrupt.");
                }
                yield t;
            }
        };
    }

    private StorageRef persistentLoad(Object pid) {
        // torch.save writes ('storage', storage_type, key, location, numel).
        List<Object> id = pid instanceof Tuple t ? t.items() : List.of();
        if (id.size() != 5 || !"storage".equals(id.get(0)) || !(id.get(1) instanceof StorageType type)
                || !(id.get(2) instanceof String key) || !(id.get(4) instanceof Long numel)) {
            throw fail("persistent id " + describe(pid) + " is not a ('storage', type, key, location, numel) tuple; "
                    + "the file is corrupt or not a torch.save state dict.");
        }
        StorageRef storage = new StorageRef(key, type.dtype(), numel);
        StorageRef seen = storages.putIfAbsent(key, storage);
        if (seen != null && !seen.equals(storage)) {
            throw fail("storage " + key + " is described twice with different types (" + seen + ", " + storage + "); the file is corrupt.");
        }
        // Tied weights reach the same storage: return one object so they share one view of the file.
        return seen != null ? seen : storage;
    }

    private static Object unwrap(Object o) {
        return o instanceof Tuple t ? t.items() : o;
    }

    private long[] longs(Object tuple) {
        List<Object> items = ((Tuple) tuple).items();
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) items.get(i);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) {
        if (!(o instanceof Map)) {
            throw fail("SETITEM on a " + typeName(o) + "; the file is corrupt.");
        }
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (!(o instanceof ArrayList)) {
            throw fail("APPEND on a " + typeName(o) + "; the file is corrupt.");
        }
        return (List<Object>) o;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw fail("memo entry " + index + " is read before it is written; the file is corrupt, re-download it.");
        }
        return memo.get(index);
    }

    private Long readLong(int length) {
        if (length < 0 || length > 8) {
            throw fail("an integer of " + length + " bytes does not fit in 64 bits; the file is corrupt.");
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            value |= (in.get() & 0xFFL) << (8 * i);
        }
        // Two's complement of `length` bytes: sign-extend from the top byte.
        if (length > 0 && length < 8 && (value & (0x80L << (8 * (length - 1)))) != 0) {
            value |= -1L << (8 * length);
        }
        return value;
    }

    private String readUtf8(long length) {
        return new String(readBytes(length), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(long length) {
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return bytes;
    }

    private String readLine() {
        StringBuilder sb = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            sb.append((char) (b & 0xFF));
        }
        return sb.toString();
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty() || (!marks.isEmpty() && stack.size() == marks.peek())) {
            throw fail("the pickle pops from an empty stack at byte " + in.position() + "; the file is corrupt, re-download it.");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw fail("the pickle reads an empty stack at byte " + in.position() + "; the file is corrupt, re-download it.");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        for (int i = 0; i < n; i++) {
            pop();
        }
        return items;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw fail("the pickle closes a MARK it never opened at byte " + in.position() + "; the file is corrupt, re-download it.");
        }
        int mark = marks.pop();
        List<Object> top = stack.subList(mark, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    /** Names a decoded value by its Python type, for error messages. */
    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof StorageType s) {
            return s.qualifiedName();
        }
        if (o instanceof Function f) {
            return f.name();
        }
        if (o instanceof TensorRef) {
            return "tensor";
        }
        if (o instanceof Tuple) {
            return "tuple";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        return switch (o.getClass().getSimpleName()) {
            case "String" -> "str";
            case "Long" -> "int";
            case "Double" -> "float";
            case "Boolean" -> "bool";
            case "byte[]" -> "bytes";
            default -> o.getClass().getSimpleName();
        };
    }

    private static String describe(Object o) {
        return o instanceof Tuple t ? t.items().toString() : typeName(o);
    }

    private CheckpointException fail(String what) {
        return new CheckpointException("Cannot load " + source + ": " + what);
    }
}
