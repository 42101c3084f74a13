package dev.kabar.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an engine decodes on: a call's inputs are split into parts, one per worker, and each
 * part is decoded on its own thread with its share of the intra-op threads.
 *
 * <p>Why: on CPU, two single-threaded decoders side by side beat one decoder whose every operation
 * is split over two threads. Most operations of a decode step are small (a layer norm over a few
 * hundred rows, an attention over a short cache, an index update); splitting each costs a fork and
 * join, and the matrix products at a few hundred rows gain little from it. Measured on 2 cores with
 * the full-size opus-mt architecture (kabar bench workload, news-256, three interleaved runs each):
 * greedy 637-660 tokens/s with two workers against 517-590 with one; beam 4 215-217 against
 * 145-163.
 *
 * <p>PyTorch keeps the intra-op thread count per native thread (a fresh thread takes, on first
 * use, the count any thread set last; see {@link #setIntraOpThreads}), so each task sets its own
 * before it runs: a call with fewer parts than workers gives each part more threads, and a single
 * part gets them all.
 *
 * <p>A part with more than one thread may also {@link #fanOut} pieces of one operation to helper
 * threads, one intra-op thread each: the LM head does, since the matrix library splits a product
 * with few rows badly or not at all (see {@code LmHeadPlan}). Thread-safe.
 */
final class EngineWorkers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int workers;
    private final int threads;
    /**
     * One thread per worker; task i of a call runs on worker i, so a call of one part always runs
     * on the first. Why not one shared pool: a thread that has run a split operation keeps its
     * OpenMP helper threads for good (see {@link #onOneThread}), so lone inputs decoded on whichever
     * worker was free would in time leave every worker with helpers, and the process with more
     * OpenMP threads than cores.
     */
    private final List<ExecutorService> lanes;
    /** Threads for {@link #fanOut}: one fewer than the intra-op threads, as the caller runs a piece too. */
    private final ExecutorService helpers;

    /**
     * Starts {@code workers} daemon threads sharing {@code threads} intra-op threads.
     *
     * @throws IllegalArgumentException when either is below 1
     */
    EngineWorkers(int workers, int threads) {
        if (workers < 1 || threads < 1) {
            throw new IllegalArgumentException("An engine needs at least one worker and one intra-op thread, not "
                    + workers + " and " + threads + ".");
        }
        this.workers = workers;
        this.threads = threads;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        List<ExecutorService> lanes = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            lanes.add(Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "kabar-engine-" + id + "-worker-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }));
        }
        this.lanes = List.copyOf(lanes);
        AtomicInteger helperCount = new AtomicInteger();
        this.helpers = threads < 2 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread t = new Thread(task, "kabar-engine-" + id + "-helper-" + helperCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Returns the number of workers. */
    int workers() {
        return workers;
    }

    /** Returns each part's share of the intra-op threads when {@code parts} run side by side: at least one. */
    int share(int parts) {
        return Math.max(1, threads / Math.max(1, parts));
    }

    /**
     * Runs the tasks, one per worker thread, and returns their results in order. A task that
     * throws a runtime exception or error has it rethrown here, after every task has ended.
     */
    <T> List<T> runAll(List<Callable<T>> tasks) {
        return runAll(tasks, share(tasks.size()));
    }

    /** Like {@link #runAll(List)} with {@code each} intra-op threads for every task. */
    <T> List<T> runAll(List<Callable<T>> tasks, int each) {
        if (each < 1) {
            throw new IllegalArgumentException("A task needs at least one intra-op thread, not " + each + ".");
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Callable<T> task = tasks.get(i);
            futures.add(lanes.get(i % workers).submit(() -> {
                setIntraOpThreads(each);
                return task.call();
            }));
        }
        return collect(futures, new ArrayList<>(tasks.size()));
    }

    /**
     * Runs the pieces of one operation side by side, each with one intra-op thread: the first on
     * the calling thread, the others on helper threads (at most one fewer than the intra-op
     * threads). Returns their results in order; a failure is rethrown here after every piece has
     * ended. The calling thread's intra-op count is restored afterwards.
     *
     * @throws IllegalArgumentException when there are more pieces than intra-op threads
     */
    <T> List<T> fanOut(List<Callable<T>> pieces) {
        if (pieces.size() > threads) {
            throw new IllegalArgumentException(pieces.size() + " pieces for " + threads + " intra-op threads.");
        }
        List<Future<T>> futures = new ArrayList<>(pieces.size());
        for (Callable<T> piece : pieces.subList(1, pieces.size())) {
            futures.add(helpers.submit(() -> {
                setIntraOpThreads(1);
                return piece.call();
            }));
        }
        List<T> out = new ArrayList<>(pieces.size());
        int own = JniUtils.getNumThreads();
        setIntraOpThreads(1);
        try {
            out.add(pieces.get(0).call());
        } catch (RuntimeException | Error e) {
            awaitQuietly(futures);
            throw e;
        } catch (Exception e) {
            awaitQuietly(futures);
            throw new IllegalStateException("A piece of a decoding step failed: " + e.getMessage(), e);
        } finally {
            setIntraOpThreads(own);
        }
        return collect(futures, out);
    }

    /**
     * Runs {@code body} on the calling thread with one intra-op thread, then restores its count.
     * For work done once outside the workers, such as loading a model.
     *
     * <p>Why: a thread that has run an operation on several intra-op threads keeps its own OpenMP
     * helper threads for good, and once a process holds more OpenMP threads than cores, PyTorch's
     * OpenMP runtime (libgomp) stops spinning between parallel regions, so that every split
     * operation of every worker then waits for its helpers to be woken. Loading on one thread
     * costs nothing measurable (opus-mt, packing included: 0.73-0.78 s either way) and leaves the
     * helpers to the workers. With one worker on 2 cores, fixed batch 128 greedy ran at
     * 889.7-893.2 tok/s loaded on one thread against 807.9-824.6 loaded on two.
     */
    static <T> T onOneThread(java.util.function.Supplier<T> body) {
        Engine.getInstance();
        int own = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return body.get();
        } finally {
            JniUtils.setNumThreads(own);
        }
    }

    /**
     * Sets the calling thread's intra-op thread count. PyTorch initialises a thread's count lazily,
     * on the thread's first query or parallel operation, to the value the last {@code set} of any
     * thread left in a process-wide variable; a count set before that first use can be overwritten
     * by whatever another worker set meanwhile. Querying first completes that initialisation, so the
     * count set next stays.
     */
    private static void setIntraOpThreads(int count) {
        JniUtils.getNumThreads();
        JniUtils.setNumThreads(count);
    }

    /** Waits for every future to end, ignoring how: the caller is already reporting a failure. */
    private static <T> void awaitQuietly(List<Future<T>> futures) {
        for (Future<T> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                // The caller's own failure is the one reported.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for every future and appends their results in order to {@code out}, which it returns. */
    private static <T> List<T> collect(List<Future<T>> futures, List<T> out) {
        Throwable failure = null;
        for (Future<T> future : futures) {
            try {
                out.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
                out.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("Interrupted while decoding.", e);
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("A decoding worker failed: " + failure.getMessage(), failure);
        }
        return out;
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
