package dev.kabar.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The cross-attention keys and values of consecutive inputs that were encoded together, padded
 * only to the longest source among them.
 *
 * <p>Why groups: a decoder step reads every cross-attention key and value of every row. Padding
 * all the inputs of a running batch to its longest source made each step read up to three times
 * what the sources hold (news sentences run from 5 to 70 tokens), and joining newcomers meant
 * copying every array of the batch. Kept in groups, inputs joining a batch add groups and copy
 * nothing, and a step reads each group at its own width.
 *
 * @param keys per layer, projected keys {@code [inputs, heads, width, headDim]}
 * @param values per layer, projected values, same shape
 * @param mask additive padding mask {@code [inputs, 1, 1, width]}
 */
record SourceGroup(NDArray[] keys, NDArray[] values, NDArray mask) {

    /** Returns the number of inputs in the group. */
    int inputs() {
        return (int) mask.getShape().get(0);
    }

    /** Returns the number of inputs in all the groups. */
    static int inputs(List<SourceGroup> groups) {
        int n = 0;
        for (SourceGroup g : groups) {
            n += g.inputs();
        }
        return n;
    }

    /** Returns the source positions the group's arrays hold: its longest source. */
    long width() {
        return mask.getShape().get(3);
    }

    /** Returns the group holding the given inputs of this one (int64 indices into it, in that order). */
    SourceGroup select(NDArray inputs) {
        NDArray[] k = new NDArray[keys.length];
        NDArray[] v = new NDArray[values.length];
        for (int l = 0; l < k.length; l++) {
            k[l] = DecoderState.gatherRows(keys[l], inputs);
            v[l] = DecoderState.gatherRows(values[l], inputs);
        }
        return new SourceGroup(k, v, DecoderState.gatherRows(mask, inputs));
    }

    /** Joins consecutive groups into one, padding each to the widest; a single group is returned as it is. */
    static SourceGroup merge(List<SourceGroup> groups) {
        if (groups.size() == 1) {
            return groups.get(0);
        }
        long width = 0;
        for (SourceGroup g : groups) {
            width = Math.max(width, g.width());
        }
        int layers = groups.get(0).keys.length;
        NDArray[] k = new NDArray[layers];
        NDArray[] v = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            NDList ks = new NDList();
            NDList vs = new NDList();
            for (SourceGroup g : groups) {
                ks.add(pad(g.keys[l], width, 2, 0f));
                vs.add(pad(g.values[l], width, 2, 0f));
            }
            k[l] = NDArrays.concat(ks, 0);
            v[l] = NDArrays.concat(vs, 0);
        }
        NDList masks = new NDList();
        for (SourceGroup g : groups) {
            masks.add(pad(g.mask, width, 3, EncoderDecoderModel.MASK_VALUE));
        }
        return new SourceGroup(k, v, NDArrays.concat(masks, 0));
    }

    /**
     * Returns the padded source positions that merging two groups adds: the narrower group's
     * inputs times the difference in width.
     */
    static long mergeCost(SourceGroup a, SourceGroup b) {
        return a.width() < b.width() ? a.inputs() * (b.width() - a.width()) : b.inputs() * (a.width() - b.width());
    }

    /** Adds every array of the group to {@code out}. */
    void addArraysTo(NDList out) {
        for (int l = 0; l < keys.length; l++) {
            out.add(keys[l]);
            out.add(values[l]);
        }
        out.add(mask);
    }

    private static NDArray pad(NDArray a, long width, int axis, float value) {
        // A copy: getShape() hands out the array's own shape, which must not change.
        long[] shape = a.getShape().getShape().clone();
        if (shape[axis] == width) {
            return a;
        }
        shape[axis] = width - shape[axis];
        NDArray pad = a.getManager().full(new Shape(shape), value, a.getDataType());
        return a.concat(pad, axis);
    }
}
