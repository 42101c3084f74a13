package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Everything the decoder needs to take its next step, as an explicit value (CTranslate2's
 * {@code DecoderState}): per layer the self-attention keys and values of the positions decoded so
 * far, and the cross-attention keys and values projected once from the encoder output.
 *
 * <p>The self-attention caches are buffers with room to grow; a step writes its positions into
 * them in place, so a state must be advanced only once (search always moves on to the new state).
 *
 * <p>Rows are decoding hypotheses, {@link #beams()} consecutive rows per input. Cross-attention
 * keys and values are held once per input, not per row: the beams of an input share them, and
 * attention folds the beams into the query axis. {@link #select} reorders or drops rows with one
 * gather per self-attention array, which is how beam search follows its beams; the cross-attention
 * arrays are only gathered when inputs leave. A state owns its arrays; whoever replaces a state
 * closes the arrays it no longer shares with the new one ({@link #closeExcept}).
 */
public final class DecoderState {

    private final NDArray[] selfKeys;
    private final NDArray[] selfValues;
    private final NDArray[] crossKeys;
    private final NDArray[] crossValues;
    private final NDArray crossMask;
    private final int beams;
    private final int length;

    DecoderState(NDArray[] selfKeys, NDArray[] selfValues, NDArray[] crossKeys, NDArray[] crossValues,
                 NDArray crossMask, int beams, int length) {
        this.selfKeys = selfKeys;
        this.selfValues = selfValues;
        this.crossKeys = crossKeys;
        this.crossValues = crossValues;
        this.crossMask = crossMask;
        this.beams = beams;
        this.length = length;
    }

    /** Returns the number of positions decoded so far (the next position's index). */
    public int length() {
        return length;
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
        return inputs() * beams;
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

    DecoderState withSelfAttention(NDArray[] keys, NDArray[] values, int newLength) {
        return new DecoderState(keys, values, crossKeys, crossValues, crossMask, beams, newLength);
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
        boolean inputsUnchanged = inputIdx.length == inputs();
        for (int i = 0; i < rows.length; i++) {
            rowIdx[i] = rows[i];
            int input = rows[i] / beams;
            if (i % beams == 0) {
                inputIdx[i / beams] = input;
                inputsUnchanged &= input == i / beams;
            } else if (input != inputIdx[i / beams]) {
                throw new IllegalArgumentException("Row group " + (i / beams) + " mixes inputs " + inputIdx[i / beams] + " and " + input + ".");
            }
        }
        NDArray[] sk = new NDArray[selfKeys.length];
        NDArray[] sv = new NDArray[selfValues.length];
        boolean rowsUnchanged = rows.length == rows();
        for (int i = 0; rowsUnchanged && i < rows.length; i++) {
            rowsUnchanged = rows[i] == i;
        }
        NDArray rowArray = rowsUnchanged ? null : manager.create(rowIdx);
        for (int i = 0; i < sk.length; i++) {
            sk[i] = selfKeys[i] == null || rowArray == null ? selfKeys[i] : selfKeys[i].get(rowArray);
            sv[i] = selfValues[i] == null || rowArray == null ? selfValues[i] : selfValues[i].get(rowArray);
        }
        if (inputsUnchanged) {
            return new DecoderState(sk, sv, crossKeys, crossValues, crossMask, beams, length);
        }
        NDArray inputArray = manager.create(inputIdx);
        NDArray[] ck = new NDArray[crossKeys.length];
        NDArray[] cv = new NDArray[crossValues.length];
        for (int i = 0; i < ck.length; i++) {
            ck[i] = crossKeys[i].get(inputArray);
            cv[i] = crossValues[i].get(inputArray);
        }
        return new DecoderState(sk, sv, ck, cv, crossMask.get(inputArray), beams, length);
    }

    /**
     * Joins fresh states (nothing decoded yet) of consecutive input chunks into one, padding each
     * chunk's cross-attention arrays and mask to {@code width} source positions.
     */
    static DecoderState concatInputs(java.util.List<DecoderState> parts, long width) {
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
            ck[l] = ai.djl.ndarray.NDArrays.concat(keys, 0);
            cv[l] = ai.djl.ndarray.NDArrays.concat(values, 0);
        }
        NDList masks = new NDList();
        for (DecoderState p : parts) {
            masks.add(padSource(p.crossMask, width, 3, EncoderDecoderModel.MASK_VALUE));
        }
        return new DecoderState(new NDArray[layers], new NDArray[layers], ck, cv,
                ai.djl.ndarray.NDArrays.concat(masks, 0), first.beams, 0);
    }

    private static NDArray padSource(NDArray a, long width, int axis, float value) {
        long[] shape = a.getShape().getShape();
        if (shape[axis] == width) {
            return a;
        }
        shape[axis] = width - shape[axis];
        NDArray pad = a.getManager().full(new ai.djl.ndarray.types.Shape(shape), value, a.getDataType());
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
