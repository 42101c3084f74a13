package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
 * the beams of an input share them, and attention folds the beams into the query axis.
 *
 * <p>The self-attention caches are buffers {@code [rows, heads, capacity, headDim]} with room to
 * grow; a step writes its positions into them in place, so a state must be advanced only once
 * (search always moves on to the new state). {@link #select} reorders or drops rows with one
 * gather per cache array, which is how beam search follows its beams; the cross-attention arrays
 * are only gathered when inputs leave. A state owns its arrays; whoever replaces a state closes
 * the arrays it no longer shares with the new one ({@link #closeExcept}).
 */
public final class DecoderState {

    private final NDArray[] selfKeys;
    private final NDArray[] selfValues;
    private final NDArray[] crossKeys;
    private final NDArray[] crossValues;
    private final NDArray crossMask;
    private final int beams;
    private final int[] lengths;

    DecoderState(NDArray[] selfKeys, NDArray[] selfValues, NDArray[] crossKeys, NDArray[] crossValues,
                 NDArray crossMask, int beams, int[] lengths) {
        this.selfKeys = selfKeys;
        this.selfValues = selfValues;
        this.crossKeys = crossKeys;
        this.crossValues = crossValues;
        this.crossMask = crossMask;
        this.beams = beams;
        this.lengths = lengths;
    }

    static DecoderState fresh(NDArray[] crossKeys, NDArray[] crossValues, NDArray crossMask, int beams) {
        int layers = crossKeys.length;
        int rows = (int) crossMask.getShape().get(0) * beams;
        return new DecoderState(new NDArray[layers], new NDArray[layers], crossKeys, crossValues, crossMask, beams, new int[rows]);
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
        return crossMask.getShape().get(0);
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

    NDArray crossKeys(int layer) {
        return crossKeys[layer];
    }

    NDArray crossValues(int layer) {
        return crossValues[layer];
    }

    NDArray crossMask() {
        return crossMask;
    }

    DecoderState advanced(NDArray[] keys, NDArray[] values, int steps) {
        int[] next = lengths.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += steps;
        }
        return new DecoderState(keys, values, crossKeys, crossValues, crossMask, beams, next);
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
        long[] rowIdx = new long[rows.length];
        long[] inputIdx = new long[rows.length / beams];
        int[] newLengths = new int[rows.length];
        boolean inputsUnchanged = inputIdx.length == inputs();
        boolean rowsUnchanged = rows.length == rows();
        for (int i = 0; i < rows.length; i++) {
            rowIdx[i] = rows[i];
            newLengths[i] = lengths[rows[i]];
            rowsUnchanged &= rows[i] == i;
            int input = rows[i] / beams;
            if (i % beams == 0) {
                inputIdx[i / beams] = input;
                inputsUnchanged &= input == i / beams;
            } else if (input != inputIdx[i / beams]) {
                throw new IllegalArgumentException("Row group " + (i / beams) + " mixes inputs " + inputIdx[i / beams] + " and " + input + ".");
            }
        }
        if (rowsUnchanged) {
            return this;
        }
        NDArray rowArray = manager.create(rowIdx);
        NDArray[] sk = new NDArray[selfKeys.length];
        NDArray[] sv = new NDArray[selfValues.length];
        for (int i = 0; i < sk.length; i++) {
            sk[i] = selfKeys[i] == null ? null : selfKeys[i].get(rowArray);
            sv[i] = selfValues[i] == null ? null : selfValues[i].get(rowArray);
        }
        if (inputsUnchanged) {
            return new DecoderState(sk, sv, crossKeys, crossValues, crossMask, beams, newLengths);
        }
        NDArray inputArray = manager.create(inputIdx);
        NDArray[] ck = new NDArray[crossKeys.length];
        NDArray[] cv = new NDArray[crossValues.length];
        for (int i = 0; i < ck.length; i++) {
            ck[i] = crossKeys[i].get(inputArray);
            cv[i] = crossValues[i].get(inputArray);
        }
        return new DecoderState(sk, sv, ck, cv, crossMask.get(inputArray), beams, newLengths);
    }

    /**
     * Returns a state with the rows of {@code joining} (a fresh state: nothing decoded yet) after
     * this one's rows. Cross-attention arrays are padded to the longer source and the self-attention
     * caches get empty rows for the newcomers.
     */
    public DecoderState admit(DecoderState joining) {
        if (joining.beams != beams) {
            throw new IllegalArgumentException("Joining rows have " + joining.beams + " beams, the running batch " + beams + ".");
        }
        long width = Math.max(crossMask.getShape().get(3), joining.crossMask.getShape().get(3));
        int layers = crossKeys.length;
        NDArray[] ck = new NDArray[layers];
        NDArray[] cv = new NDArray[layers];
        NDArray[] sk = new NDArray[layers];
        NDArray[] sv = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            ck[l] = padSource(crossKeys[l], width, 2, 0f).concat(padSource(joining.crossKeys[l], width, 2, 0f), 0);
            cv[l] = padSource(crossValues[l], width, 2, 0f).concat(padSource(joining.crossValues[l], width, 2, 0f), 0);
            sk[l] = withEmptyRows(selfKeys[l], joining.rows());
            sv[l] = withEmptyRows(selfValues[l], joining.rows());
        }
        NDArray mask = padSource(crossMask, width, 3, EncoderDecoderModel.MASK_VALUE)
                .concat(padSource(joining.crossMask, width, 3, EncoderDecoderModel.MASK_VALUE), 0);
        int[] joined = Arrays.copyOf(lengths, lengths.length + joining.lengths.length);
        System.arraycopy(joining.lengths, 0, joined, lengths.length, joining.lengths.length);
        return new DecoderState(sk, sv, ck, cv, mask, beams, joined);
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
     * Joins fresh states (nothing decoded yet) of consecutive input chunks into one, padding each
     * chunk's cross-attention arrays and mask to {@code width} source positions.
     */
    static DecoderState concatInputs(List<DecoderState> parts, long width) {
        DecoderState first = parts.get(0);
        int layers = first.crossKeys.length;
        NDArray[] ck = new NDArray[layers];
        NDArray[] cv = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            NDList keys = new NDList();
            NDList values = new NDList();
            for (DecoderState p : parts) {
                keys.add(padSource(p.crossKeys[l], width, 2, 0f));
                values.add(padSource(p.crossValues[l], width, 2, 0f));
            }
            ck[l] = NDArrays.concat(keys, 0);
            cv[l] = NDArrays.concat(values, 0);
        }
        NDList masks = new NDList();
        for (DecoderState p : parts) {
            masks.add(padSource(p.crossMask, width, 3, EncoderDecoderModel.MASK_VALUE));
        }
        return fresh(ck, cv, NDArrays.concat(masks, 0), first.beams);
    }

    private static NDArray padSource(NDArray a, long width, int axis, float value) {
        long[] shape = a.getShape().getShape();
        if (shape[axis] == width) {
            return a;
        }
        shape[axis] = width - shape[axis];
        NDArray pad = a.getManager().full(new Shape(shape), value, a.getDataType());
        return a.concat(pad, axis);
    }

    /** Returns every array this state holds. */
    public NDList arrays() {
        NDList list = new NDList();
        for (int i = 0; i < selfKeys.length; i++) {
            if (selfKeys[i] != null) {
                list.add(selfKeys[i]);
                list.add(selfValues[i]);
            }
            list.add(crossKeys[i]);
            list.add(crossValues[i]);
        }
        list.add(crossMask);
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
