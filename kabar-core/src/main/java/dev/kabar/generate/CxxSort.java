package dev.kabar.generate;

/**
 * The descending orders PyTorch's CPU kernels produce, ties included, by the algorithms of GNU
 * libstdc++ that they call: {@code std::sort} (introsort: median-of-three quicksort down to runs of
 * 16, heapsort past its depth limit, then insertion sort) for {@code Tensor.sort(descending=True)},
 * and {@code std::partial_sort} (a heap) for {@code torch.topk} of few entries from many.
 *
 * <p>Neither is stable, and constrained beam search meets ties that decide its output: equal
 * float32 sums of a bank and a score, and candidates that all score negative infinity. Sorting
 * them as the reference does is the only way to return what it returns. The comparator is the
 * kernels' descending one: NaN first, then greater values.
 */
final class CxxSort {

    private static final int THRESHOLD = 16;

    private CxxSort() {
    }

    /** Entries under sort: keys with the positions they came from, moved together. */
    private static final class Pairs {
        final float[] keys;
        final int[] ids;

        Pairs(float[] keys, int[] ids) {
            this.keys = keys;
            this.ids = ids;
        }

        /** The descending comparator: does entry i go before entry j? */
        boolean before(int i, int j) {
            return before(keys[i], keys[j]);
        }

        static boolean before(float a, float b) {
            return Float.isNaN(a) && !Float.isNaN(b) || a > b;
        }

        void swap(int i, int j) {
            float k = keys[i];
            keys[i] = keys[j];
            keys[j] = k;
            int d = ids[i];
            ids[i] = ids[j];
            ids[j] = d;
        }
    }

    /**
     * Returns the positions of {@code keys} in the order {@code std::sort} with the descending
     * comparator leaves them, as {@code torch.sort(descending=True).indices} on CPU.
     */
    static int[] sortDescending(float[] keys) {
        int n = keys.length;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        Pairs p = new Pairs(keys.clone(), ids);
        if (n > 0) {
            introsortLoop(p, 0, n, 2 * floorLog2(n));
            finalInsertionSort(p, 0, n);
        }
        return ids;
    }

    private static int floorLog2(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }

    private static void introsortLoop(Pairs p, int first, int last, int depthLimit) {
        while (last - first > THRESHOLD) {
            if (depthLimit == 0) {
                heapSelect(p, first, last, last);
                sortHeap(p, first, last);
                return;
            }
            depthLimit--;
            int cut = partitionPivot(p, first, last);
            introsortLoop(p, cut, last, depthLimit);
            last = cut;
        }
    }

    private static int partitionPivot(Pairs p, int first, int last) {
        int mid = first + (last - first) / 2;
        moveMedianToFirst(p, first, first + 1, mid, last - 1);
        return unguardedPartition(p, first + 1, last, first);
    }

    private static void moveMedianToFirst(Pairs p, int result, int a, int b, int c) {
        if (p.before(a, b)) {
            if (p.before(b, c)) {
                p.swap(result, b);
            } else if (p.before(a, c)) {
                p.swap(result, c);
            } else {
                p.swap(result, a);
            }
        } else if (p.before(a, c)) {
            p.swap(result, a);
        } else if (p.before(b, c)) {
            p.swap(result, c);
        } else {
            p.swap(result, b);
        }
    }

    private static int unguardedPartition(Pairs p, int first, int last, int pivot) {
        while (true) {
            while (p.before(first, pivot)) {
                first++;
            }
            last--;
            while (p.before(pivot, last)) {
                last--;
            }
            if (!(first < last)) {
                return first;
            }
            p.swap(first, last);
            first++;
        }
    }

    private static void finalInsertionSort(Pairs p, int first, int last) {
        if (last - first > THRESHOLD) {
            insertionSort(p, first, first + THRESHOLD);
            for (int i = first + THRESHOLD; i < last; i++) {
                unguardedLinearInsert(p, i);
            }
        } else {
            insertionSort(p, first, last);
        }
    }

    private static void insertionSort(Pairs p, int first, int last) {
        if (first == last) {
            return;
        }
        for (int i = first + 1; i < last; i++) {
            if (p.before(i, first)) {
                float k = p.keys[i];
                int d = p.ids[i];
                System.arraycopy(p.keys, first, p.keys, first + 1, i - first);
                System.arraycopy(p.ids, first, p.ids, first + 1, i - first);
                p.keys[first] = k;
                p.ids[first] = d;
            } else {
                unguardedLinearInsert(p, i);
            }
        }
    }

    private static void unguardedLinearInsert(Pairs p, int last) {
        float k = p.keys[last];
        int d = p.ids[last];
        int next = last - 1;
        while (Pairs.before(k, p.keys[next])) {
            p.keys[last] = p.keys[next];
            p.ids[last] = p.ids[next];
            last = next;
            next--;
        }
        p.keys[last] = k;
        p.ids[last] = d;
    }

    /** {@code std::__heap_select}: a heap of the first {@code middle - first} entries keeps the best of all. */
    private static void heapSelect(Pairs p, int first, int middle, int last) {
        makeHeap(p, first, middle);
        for (int i = middle; i < last; i++) {
            if (p.before(i, first)) {
                popHeap(p, first, middle, i);
            }
        }
    }

    private static void sortHeap(Pairs p, int first, int last) {
        while (last - first > 1) {
            last--;
            popHeap(p, first, last, last);
        }
    }

    private static void makeHeap(Pairs p, int first, int last) {
        int len = last - first;
        if (len < 2) {
            return;
        }
        int parent = (len - 2) / 2;
        while (true) {
            adjustHeap(p, first, parent, len, p.keys[first + parent], p.ids[first + parent]);
            if (parent == 0) {
                return;
            }
            parent--;
        }
    }

    private static void popHeap(Pairs p, int first, int last, int result) {
        float k = p.keys[result];
        int d = p.ids[result];
        p.keys[result] = p.keys[first];
        p.ids[result] = p.ids[first];
        adjustHeap(p, first, 0, last - first, k, d);
    }

    private static void adjustHeap(Pairs p, int first, int hole, int len, float key, int id) {
        int top = hole;
        int second = hole;
        while (second < (len - 1) / 2) {
            second = 2 * (second + 1);
            if (p.before(first + second, first + second - 1)) {
                second--;
            }
            p.keys[first + hole] = p.keys[first + second];
            p.ids[first + hole] = p.ids[first + second];
            hole = second;
        }
        if ((len & 1) == 0 && second == (len - 2) / 2) {
            second = 2 * (second + 1);
            p.keys[first + hole] = p.keys[first + second - 1];
            p.ids[first + hole] = p.ids[first + second - 1];
            hole = second - 1;
        }
        int parent = (hole - 1) / 2;
        while (hole > top && Pairs.before(p.keys[first + parent], key)) {
            p.keys[first + hole] = p.keys[first + parent];
            p.ids[first + hole] = p.ids[first + parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        p.keys[first + hole] = key;
        p.ids[first + hole] = id;
    }

    /**
     * Returns the positions of the {@code k} best of {@code keys} in the order
     * {@code std::partial_sort} with the descending comparator leaves them, walking every entry:
     * the plain form of {@link #partialSortTop}, for tests.
     */
    static int[] partialSort(float[] keys, int k) {
        int[] ids = new int[keys.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Pairs p = new Pairs(keys.clone(), ids);
        heapSelect(p, 0, k, keys.length);
        sortHeap(p, 0, k);
        return java.util.Arrays.copyOf(ids, k);
    }

    /**
     * The {@code k} best of {@code n} entries in the order {@code std::partial_sort} leaves them
     * (as {@code torch.topk(largest=True, sorted=True)} on CPU when {@code k * 64 <= n}), where only
     * the entries at {@code finiteIds} (ascending positions) have values ({@code finiteKeys}) and
     * every other entry is negative infinity. Entries equal to the heap's top never enter it, so the
     * unlisted ones only matter among the first {@code k} positions, and the walk is over the listed
     * entries alone.
     *
     * @return the positions chosen, best first; their keys go to {@code outKeys}
     */
    static int[] partialSortTop(int n, int k, int[] finiteIds, float[] finiteKeys, float[] outKeys) {
        float[] keys = new float[k];
        int[] ids = new int[k];
        java.util.Arrays.fill(keys, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < k; i++) {
            ids[i] = i;
        }
        int j = 0;
        while (j < finiteIds.length && finiteIds[j] < k) {
            keys[finiteIds[j]] = finiteKeys[j];
            j++;
        }
        Pairs p = new Pairs(keys, ids);
        makeHeap(p, 0, k);
        for (; j < finiteIds.length; j++) {
            if (Pairs.before(finiteKeys[j], p.keys[0])) {
                // popHeap with the candidate as the value moved in.
                adjustHeap(p, 0, 0, k, finiteKeys[j], finiteIds[j]);
            }
        }
        sortHeap(p, 0, k);
        System.arraycopy(p.keys, 0, outKeys, 0, k);
        return p.ids;
    }
}
