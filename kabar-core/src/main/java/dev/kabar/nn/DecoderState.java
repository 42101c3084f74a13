package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the decoder needs to take its next step, as an explicit value (CTranslate2's
 * {@code DecoderState}): per layer the self-attention keys and values of the positions decoded so
 * far, and the cross-attention keys and values projected once from the encoder output.
 *
 * <p>Rows are decoding hypotheses, {@link #beams()} consecutive rows per input. Each row has its
 * own decoded length, so inputs can join a running batch while others are half-way through
 * (continuous batching). Cross-attention keys and values are held once per input, not per row:
 * the beams of an input share them, and attention folds the beams into the query axis. They are
 * kept in {@link SourceGroup}s of inputs encoded together, each at its own source width, so that
 * joining inputs copies nothing and a step reads no more padding than each group has.
 *
 * <p>The self-attention caches are buffers {@code [rows, heads, capacity, headDim]} with room to
 * grow; a step writes its positions into them in place, so a state must be advanced only once
 * (search always moves on to the new state). {@link #select} reorders or drops rows, which is how
 * beam search follows its beams: in place when few rows move, else with one gather per cache array
 * ({@link Reorder}); so a state must be selected from only once, too. The cross-attention arrays
 * are only gathered when inputs leave. A state owns its arrays; whoever replaces a state closes
 * the arrays it no longer shares with the new one ({@link #closeExcept}).
 */
public final class DecoderState {

    /**
     * Groups a state may hold before the cheapest neighbours are merged. Each group costs a few
     * native calls per layer and step; merging costs a copy and padding.
     */
    static final int MAX_GROUPS = 8;

    private final NDArray[] selfKeys;
    private final NDArray[] selfValues;
    private final List<SourceGroup> groups;
    private final int beams;
    private final int[] lengths;

    private DecoderState(NDArray[] selfKeys, NDArray[] selfValues, List<SourceGroup> groups, int beams, int[] lengths) {
        this.selfKeys = selfKeys;
        this.selfValues = selfValues;
        this.groups = List.copyOf(groups);
        this.beams = beams;
        this.lengths = lengths;
    }

    /** Returns the state before the first step for inputs encoded in the given consecutive groups. */
    static DecoderState fresh(List<SourceGroup> groups, int beams) {
        int layers = groups.get(0).keys().length;
        return new DecoderState(new NDArray[layers], new NDArray[layers], compact(new ArrayList<>(groups)), beams,
                new int[SourceGroup.inputs(groups) * beams]);
    }

    /**
     * Returns the number of positions decoded so far when every row has decoded the same number;
     * throws otherwise.
     */
    public int length() {
        int n = lengths.length == 0 ? 0 : lengths[0];
        for (int l : lengths) {
            if (l != n) {
                throw new IllegalStateException("Rows have decoded different numbers of positions; use lengths().");
            }
        }
        return n;
    }

    /** Returns the number of positions each row has decoded (a copy). */
    public int[] lengths() {
        return lengths.clone();
    }

    int[] lengthsView() {
        return lengths;
    }

    boolean uniformLength() {
        for (int l : lengths) {
            if (l != lengths[0]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the number of rows per input. */
    public int beams() {
        return beams;
    }

    /** Returns the number of inputs. */
    public long inputs() {
        return lengths.length / beams;
    }

    /** Returns the number of rows (inputs × beams). */
    public long rows() {
        return lengths.length;
    }

    NDArray selfKeys(int layer) {
        return selfKeys[layer];
    }

    NDArray selfValues(int layer) {
        return selfValues[layer];
    }

    /** Returns the cross-attention groups, in input order. */
    List<SourceGroup> groups() {
        return groups;
    }

    DecoderState advanced(NDArray[] keys, NDArray[] values, int steps) {
        int[] next = lengths.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += steps;
        }
        return new DecoderState(keys, values, groups, beams, next);
    }

    /**
     * Returns a state holding the given rows of this one, in the given order. Each group of
     * {@link #beams()} consecutive new rows must come from one input.
     *
     * @param rows indices into this state's rows
     * @param manager where the index arrays are created
     * @throws IllegalArgumentException when a group mixes inputs
     */
    public DecoderState select(int[] rows, NDManager manager) {
        if (rows.length % beams != 0) {
            throw new IllegalArgumentException(rows.length + " rows do not make whole groups of " + beams + " beams.");
        }
        int[] inputIdx = new int[rows.length / beams];
        int[] newLengths = new int[rows.length];
        boolean inputsUnchanged = inputIdx.length == inputs();
        boolean rowsUnchanged = rows.length == rows();
        boolean ascending = true;
        for (int i = 0; i < rows.length; i++) {
            newLengths[i] = lengths[rows[i]];
            rowsUnchanged &= rows[i] == i;
            int input = rows[i] / beams;
            if (i % beams == 0) {
                inputIdx[i / beams] = input;
                inputsUnchanged &= input == i / beams;
                ascending &= i == 0 || input > inputIdx[i / beams - 1];
            } else if (input != inputIdx[i / beams]) {
                throw new IllegalArgumentException("Row group " + (i / beams) + " mixes inputs " + inputIdx[i / beams] + " and " + input + ".");
            }
        }
        if (rowsUnchanged) {
            return this;
        }
        Reorder reorder = Reorder.of(rows, manager);
        NDArray[] sk = new NDArray[selfKeys.length];
        NDArray[] sv = new NDArray[selfValues.length];
        for (int i = 0; i < sk.length; i++) {
            sk[i] = selfKeys[i] == null ? null : reorder.apply(selfKeys[i]);
            sv[i] = selfValues[i] == null ? null : reorder.apply(selfValues[i]);
        }
        if (inputsUnchanged) {
            return new DecoderState(sk, sv, groups, beams, newLengths);
        }
        List<SourceGroup> kept = new ArrayList<>();
        if (ascending) {
            // Inputs keep their order (search only drops them): each group keeps its own survivors.
            int next = 0;
            int offset = 0;
            for (SourceGroup g : groups) {
                int from = next;
                while (next < inputIdx.length && inputIdx[next] < offset + g.inputs()) {
                    next++;
                }
                if (next - from == g.inputs()) {
                    kept.add(g);
                } else if (next > from) {
                    long[] local = new long[next - from];
                    for (int j = from; j < next; j++) {
                        local[j - from] = inputIdx[j] - offset;
                    }
                    kept.add(g.select(manager.create(local)));
                }
                offset += g.inputs();
            }
        } else {
            // Any other order: one group of all inputs, gathered. (The merged copy is left to the caller's scope.)
            long[] all = Arrays.stream(inputIdx).asLongStream().toArray();
            kept.add(SourceGroup.merge(groups).select(manager.create(all)));
        }
        return new DecoderState(sk, sv, compact(kept), beams, newLengths);
    }

    /**
     * How {@link #select} moves the self-attention caches' rows: in place when at most half of the
     * rows kept are not already where they belong, else by one gather into new buffers.
     *
     * <p>In place, the rows that move are first gathered (so a row may be both read and
     * overwritten) and then written at their new places; rows past the last kept one stay in the
     * buffer, which the new state sees through a view of its first rows. Beam search moves about a
     * quarter of its rows a step (news-256, beam 4), and a gather writes every row to a fresh buffer:
     * hundreds of MB a step at 384 rows, each page of it faulted in anew.
     *
     * @param kept the rows the new state has
     * @param gather the source of each kept row, when gathering; else null
     * @param to the kept rows whose source is another row, when moving in place and there are any
     * @param from their sources
     */
    private record Reorder(int kept, NDArray gather, NDArray to, NDArray from) {

        static Reorder of(int[] rows, NDManager manager) {
            int count = 0;
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != i) {
                    count++;
                }
            }
            if (count * 2 > rows.length) {
                return new Reorder(rows.length, manager.create(Arrays.stream(rows).asLongStream().toArray()), null, null);
            }
            if (count == 0) {
                return new Reorder(rows.length, null, null, null);
            }
            long[] to = new long[count];
            long[] from = new long[count];
            for (int i = 0, k = 0; i < rows.length; i++) {
                if (rows[i] != i) {
                    to[k] = i;
                    from[k++] = rows[i];
                }
            }
            return new Reorder(rows.length, null, manager.create(to), manager.create(from));
        }

        /** Returns the cache with its rows moved: the same buffer (or a view of its first rows), or a new one. */
        NDArray apply(NDArray cache) {
            if (gather != null) {
                return gatherRows(cache, gather);
            }
            if (to != null) {
                try (NDArray sources = gatherRows(cache, from)) {
                    cache.set(new NDIndex("{}", to), sources);
                }
            }
            return kept == cache.getShape().get(0) ? cache : cache.get(new NDIndex("0:{}", kept));
        }
    }

    /**
     * Returns the rows {@code index} (int64) of {@code x}, in that order: x viewed as a table of
     * rows and looked up as an embedding, which copies each row whole. Indexing with an index array
     * ({@code x.get(index)}) computes every element's address instead: on one thread, reordering
     * 384 rows of an 8-head, 32-position cache took 4.5 ms that way against 2.3 ms as a lookup.
     */
    static NDArray gatherRows(NDArray x, NDArray index) {
        // A copy: getShape() hands out the array's own shape, which must not change.
        long[] shape = x.getShape().getShape().clone();
        NDArray table = x.reshape(shape[0], -1);
        NDArray picked = Embedding.embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
        shape[0] = index.getShape().get(0);
        return picked.reshape(shape);
    }

    /**
     * Returns a state with the rows of {@code joining} (a fresh state: nothing decoded yet) after
     * this one's rows. Its cross-attention groups are added as they are, and the self-attention
     * caches get empty rows for the newcomers.
     */
    public DecoderState admit(DecoderState joining) {
        if (joining.beams != beams) {
            throw new IllegalArgumentException("Joining rows have " + joining.beams + " beams, the running batch " + beams + ".");
        }
        int layers = selfKeys.length;
        NDArray[] sk = new NDArray[layers];
        NDArray[] sv = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            sk[l] = withEmptyRows(selfKeys[l], joining.rows());
            sv[l] = withEmptyRows(selfValues[l], joining.rows());
        }
        List<SourceGroup> joined = new ArrayList<>(groups);
        joined.addAll(joining.groups);
        int[] joinedLengths = Arrays.copyOf(lengths, lengths.length + joining.lengths.length);
        System.arraycopy(joining.lengths, 0, joinedLengths, lengths.length, joining.lengths.length);
        return new DecoderState(sk, sv, compact(joined), beams, joinedLengths);
    }

    private static NDArray withEmptyRows(NDArray cache, long extra) {
        if (cache == null) {
            return null;
        }
        long[] s = cache.getShape().getShape();
        NDArray empty = cache.getManager().zeros(new Shape(extra, s[1], s[2], s[3]), cache.getDataType());
        return cache.concat(empty, 0);
    }

    /**
     * Merges neighbouring groups, cheapest padding first, until at most {@link #MAX_GROUPS} are
     * left. Arrays made on the way are left to the caller's scope, as are those of the groups
     * replaced, which the state they belong to still holds.
     */
    private static List<SourceGroup> compact(List<SourceGroup> groups) {
        List<SourceGroup> out = new ArrayList<>(groups);
        while (out.size() > MAX_GROUPS) {
            int best = 0;
            for (int i = 1; i + 1 < out.size(); i++) {
                if (SourceGroup.mergeCost(out.get(i), out.get(i + 1)) < SourceGroup.mergeCost(out.get(best), out.get(best + 1))) {
                    best = i;
                }
            }
            SourceGroup merged = SourceGroup.merge(List.of(out.get(best), out.get(best + 1)));
            out.set(best, merged);
            out.remove(best + 1);
        }
        return out;
    }

    /** Returns every array this state holds. */
    public NDList arrays() {
        NDList list = new NDList();
        for (int i = 0; i < selfKeys.length; i++) {
            if (selfKeys[i] != null) {
                list.add(selfKeys[i]);
                list.add(selfValues[i]);
            }
        }
        groups.forEach(g -> g.addArraysTo(list));
        return list;
    }

    /** Closes the arrays of this state that {@code successor} does not hold. */
    public void closeExcept(DecoderState successor) {
        NDList keep = successor == null ? new NDList() : successor.arrays();
        for (NDArray a : arrays()) {
            boolean shared = false;
            for (NDArray k : keep) {
                if (k == a) {
                    shared = true;
                    break;
                }
            }
            if (!shared) {
                a.close();
            }
        }
    }
}
