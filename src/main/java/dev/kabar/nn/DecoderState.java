package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Everything the decoder needs to take its next step, as an explicit value (CTranslate2's
 * {@code DecoderState}): per layer the self-attention keys and values of the positions decoded so
 * far, and the cross-attention keys and values projected once from the encoder output.
 *
 * <p>Rows are decoding hypotheses (inputs × beams). {@link #select} reorders or drops rows with
 * one gather per array, which is how beam search follows its beams and how finished rows leave
 * the batch. A state owns its arrays; whoever replaces a state closes the arrays it no longer
 * shares with the new one ({@link #closeExcept}).
 */
public final class DecoderState {

    private final NDArray[] selfKeys;
    private final NDArray[] selfValues;
    private final NDArray[] crossKeys;
    private final NDArray[] crossValues;
    private final NDArray crossMask;
    private final int length;

    DecoderState(NDArray[] selfKeys, NDArray[] selfValues, NDArray[] crossKeys, NDArray[] crossValues,
                 NDArray crossMask, int length) {
        this.selfKeys = selfKeys;
        this.selfValues = selfValues;
        this.crossKeys = crossKeys;
        this.crossValues = crossValues;
        this.crossMask = crossMask;
        this.length = length;
    }

    /** Returns the number of positions decoded so far (the next position's index). */
    public int length() {
        return length;
    }

    /** Returns the number of rows. */
    public long rows() {
        return crossMask.getShape().get(0);
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
        return new DecoderState(keys, values, crossKeys, crossValues, crossMask, newLength);
    }

    /**
     * Returns a state holding the given rows of this one, in the given order.
     *
     * @param rows int64 indices into this state's rows
     */
    public DecoderState select(NDArray rows) {
        NDArray[] sk = new NDArray[selfKeys.length];
        NDArray[] sv = new NDArray[selfValues.length];
        NDArray[] ck = new NDArray[crossKeys.length];
        NDArray[] cv = new NDArray[crossValues.length];
        for (int i = 0; i < sk.length; i++) {
            sk[i] = selfKeys[i] == null ? null : selfKeys[i].get(rows);
            sv[i] = selfValues[i] == null ? null : selfValues[i].get(rows);
            ck[i] = crossKeys[i].get(rows);
            cv[i] = crossValues[i].get(rows);
        }
        return new DecoderState(sk, sv, ck, cv, crossMask.get(rows), length);
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
