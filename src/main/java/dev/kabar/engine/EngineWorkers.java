package dev.kabar.engine;

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
 * <p>PyTorch keeps the intra-op thread count per native thread (a fresh thread takes the process
 * default), so each task sets its own before it runs: a call with fewer parts than workers gives
 * each part more threads, and a single part gets them all. Thread-safe.
 */
final class EngineWorkers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int workers;
    private final int threads;
    private final ExecutorService pool;

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
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "kabar-engine-" + id + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Returns the number of workers. */
    int workers() {
        return workers;
    }

    /** Returns the intra-op threads shared by the workers. */
    int threads() {
        return threads;
    }

    /**
     * Runs the tasks, one per worker thread, and returns their results in order. A task that
     * throws a runtime exception or error has it rethrown here, after every task has ended.
     */
    <T> List<T> runAll(List<Callable<T>> tasks) {
        return runAll(tasks, Math.max(1, threads / Math.max(1, tasks.size())));
    }

    /** Like {@link #runAll(List)} with {@code each} intra-op threads for every task. */
    <T> List<T> runAll(List<Callable<T>> tasks, int each) {
        if (each < 1) {
            throw new IllegalArgumentException("A task needs at least one intra-op thread, not " + each + ".");
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                JniUtils.setNumThreads(each);
                return task.call();
            }));
        }
        List<T> out = new ArrayList<>(tasks.size());
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
        pool.shutdownNow();
    }
}
