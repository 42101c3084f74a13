package dev.kabar.engine;

import ai.djl.ndarray.NDArray;
import dev.kabar.nn.EncoderDecoderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * How one decoding part computes its LM head: in vocabulary slices of {@code chunk} rows, and
 * spread over {@code width} threads when the part has that many.
 *
 * <p>Why spread it: PyTorch's plain float32 products (the bundled MKL) run a product with few rows at a fraction of the
 * machine's memory bandwidth and does not split it over its threads. On 2 cores with the opus-mt
 * head (54796 × 512, kabar's own microbenchmark, best of four), one row took 10.4 ms with two
 * intra-op threads and 5.2-5.7 ms as two halves on two threads; four rows 14.3 ms against 7.8;
 * 64 rows 28.1 against 25.0; 384 rows 126.7 against 120.8. So a part with several threads deals
 * its slices out to as many threads, one intra-op thread each, rather than let the library split
 * each slice. oneDNN's packed products (the float32 default) do split over threads, and as well as
 * spreading does: one row 4.2 ms whole on two intra-op threads against about 4.3 ms spread. So only
 * plain products are spread; a packed head is computed whole on the part's own thread, whatever the
 * width: spread, it would also run beside the OpenMP helper that the part's own split operations
 * keep spinning, which cost a lone input on two threads 3.9-4.0 s of LM head over 512 tokens
 * against 2.9-3.5 unspread.
 *
 * @param chunk vocabulary rows per slice when there are several rows
 * @param width threads the slices are spread over; 1 computes them in turn on the calling thread
 * @param workers the engine's threads, used when {@code width > 1}
 * @param screenGreedy whether greedy steps screen the head through bfloat16 ({@link ScreenedScores})
 *     where the model can
 */
record LmHeadPlan(int chunk, int width, EngineWorkers workers, boolean screenGreedy) {

    /** Rejects a chunk or width below 1, and a width without workers to run it. */
    LmHeadPlan {
        if (chunk < 1 || width < 1 || (width > 1 && workers == null)) {
            throw new IllegalArgumentException("An LM-head plan needs a chunk and width of at least 1, and workers for a "
                    + "width above 1; got chunk " + chunk + ", width " + width + ".");
        }
    }

    /**
     * Returns the logits of {@code hidden [rows, d]} as consecutive vocabulary slices, in order.
     * With plain products a single row is a matrix-vector product bound by reading the head: on one
     * thread its slices only add calls (batch 1: 26.6-28.4 ms a token whole, 27.8-32.2 sliced), so
     * it is cut only into one piece per thread. A packed head keeps to its {@code chunk} slices for
     * one row too: another slicing would be another packed copy of the head.
     */
    List<NDArray> logits(EncoderDecoderModel model, NDArray hidden) {
        // A packed head is packed once per slicing, so a single row takes the same slices as many;
        // and it is never spread (see the class comment).
        if (model.packedHead()) {
            return model.logitChunks(hidden, chunk);
        }
        int vocab = model.config().vocabSize();
        boolean oneRow = hidden.getShape().get(0) == 1;
        if (width == 1) {
            return model.logitChunks(hidden, oneRow ? vocab : chunk);
        }
        int rows = oneRow ? (vocab + width - 1) / width : chunk;
        int slices = model.lmHeadSlices(rows);
        int pieces = Math.min(width, slices);
        if (pieces == 1) {
            return model.logitChunks(hidden, rows);
        }
        List<Callable<List<NDArray>>> tasks = new ArrayList<>(pieces);
        for (int p = 0; p < pieces; p++) {
            int from = p * slices / pieces;
            int to = (p + 1) * slices / pieces;
            tasks.add(() -> {
                List<NDArray> out = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    out.add(model.logitSlice(hidden, rows, i));
                }
                return out;
            });
        }
        List<NDArray> out = new ArrayList<>(slices);
        workers.fanOut(tasks).forEach(out::addAll);
        return out;
    }
}
