package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.kabar.runtime.DjlOffline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's decoding threads: side by side, each with its share of the intra-op threads. */
class EngineWorkersTest {

    @BeforeAll
    static void loadPyTorch() {
        DjlOffline.ensure();
        // Loads the native library the tasks' thread settings go through, as loading a model does.
        Engine.getInstance();
    }

    @Test
    void tasksRunSideBySideOnTheirOwnThreadsAndReturnInOrder() {
        try (EngineWorkers workers = new EngineWorkers(3, 6)) {
            // Each task waits for all three: this only ends if they really run at the same time.
            CountDownLatch started = new CountDownLatch(3);
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                tasks.add(() -> {
                    started.countDown();
                    assertTrue(started.await(10, TimeUnit.SECONDS), "the tasks did not run side by side");
                    return n + ":" + Thread.currentThread().getName();
                });
            }
            List<String> out = workers.runAll(tasks);
            assertEquals(3, out.size());
            for (int i = 0; i < 3; i++) {
                assertTrue(out.get(i).startsWith(i + ":kabar-engine-"), out.get(i));
                assertNotEquals(Thread.currentThread().getName(), out.get(i).substring(2));
            }
        }
    }

    @Test
    void aCallOfOnePartAlwaysRunsOnTheFirstWorker() {
        try (EngineWorkers workers = new EngineWorkers(3, 3)) {
            Callable<String> name = () -> Thread.currentThread().getName();
            List<String> three = workers.runAll(List.of(name, name, name));
            assertEquals(3, three.stream().distinct().count(), "three parts on three threads: " + three);
            for (int i = 0; i < 5; i++) {
                assertEquals(three.get(0), workers.runAll(List.of(name)).get(0), "a lone part left the first worker");
                assertEquals(three.subList(0, 2), workers.runAll(List.of(name, name)), "two parts on the first two workers");
            }
        }
    }

    @Test
    void eachTaskGetsItsShareOfTheIntraOpThreads() {
        try (EngineWorkers workers = new EngineWorkers(2, 4)) {
            assertEquals(List.of(2, 2), workers.runAll(List.of(JniUtils::getNumThreads, JniUtils::getNumThreads)));
            // A lone part gets every thread.
            assertEquals(List.of(4), workers.runAll(List.of(JniUtils::getNumThreads)));
            assertEquals(List.of(4), workers.runAll(List.of(JniUtils::getNumThreads)));
        }
        try (EngineWorkers workers = new EngineWorkers(2, 4)) {
            assertEquals(List.of(1), workers.runAll(List.of(JniUtils::getNumThreads), 1));
            assertThrows(IllegalArgumentException.class, () -> workers.runAll(List.of(JniUtils::getNumThreads), 0));
        }
        try (EngineWorkers workers = new EngineWorkers(3, 2)) {
            assertEquals(List.of(1, 1, 1), workers.runAll(List.of(JniUtils::getNumThreads, JniUtils::getNumThreads,
                    JniUtils::getNumThreads)));
        }
    }

    /** Two tasks: the first throws {@code bad} at once, the second sets {@code finished} after 200 ms. */
    private static List<Callable<Integer>> failingThenSlow(RuntimeException bad, AtomicBoolean finished) {
        return List.of(
                () -> {
                    throw bad;
                },
                () -> {
                    Thread.sleep(200);
                    finished.set(true);
                    return 1;
                });
    }

    @Test
    void aFailingTaskIsRethrownOnceEveryTaskHasEnded() {
        try (EngineWorkers workers = new EngineWorkers(2, 2)) {
            IllegalArgumentException bad = new IllegalArgumentException("bad input 7");
            AtomicBoolean otherFinished = new AtomicBoolean();
            List<Callable<Integer>> tasks = failingThenSlow(bad, otherFinished);
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> workers.runAll(tasks));
            assertSame(bad, thrown);
            assertTrue(otherFinished.get(), "runAll returned before the other task ended");
            // The workers survive a failure.
            assertEquals(List.of(5), workers.runAll(List.of(() -> 5)));
        }
    }

    @Test
    void fanOutRunsPiecesSideBySideWithOneIntraOpThreadEachAndRestoresTheCaller() {
        // Fresh threads each round: PyTorch initialises a thread's count on first use from whatever
        // any thread set last, which overwrote counts set before it in most rounds until the
        // workers queried first.
        for (int round = 0; round < 20; round++) {
            fanOutRound();
        }
    }

    private static void fanOutRound() {
        try (EngineWorkers workers = new EngineWorkers(1, 3)) {
            // The caller holds its part's three threads, as a lone decoding part does.
            assertEquals(List.of(List.of(3, 1, 1, 1, 3)), workers.runAll(List.of(() -> {
                CountDownLatch started = new CountDownLatch(3);
                List<Callable<String>> pieces = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    pieces.add(() -> {
                        started.countDown();
                        assertTrue(started.await(10, TimeUnit.SECONDS), "the pieces did not run side by side");
                        return n + ":" + JniUtils.getNumThreads() + ":" + Thread.currentThread().getName();
                    });
                }
                String caller = Thread.currentThread().getName();
                int before = JniUtils.getNumThreads();
                List<String> out = workers.fanOut(pieces);
                assertEquals(3, out.size());
                // The first piece runs on the caller; the others on helpers, never on the caller.
                assertEquals("0:1:" + caller, out.get(0));
                List<Integer> counts = new ArrayList<>(List.of(before));
                for (int i = 0; i < 3; i++) {
                    assertTrue(out.get(i).startsWith(i + ":"), out.get(i));
                    counts.add(Integer.parseInt(out.get(i).split(":")[1]));
                    if (i > 0) {
                        assertTrue(out.get(i).contains("kabar-engine-") && out.get(i).contains("-helper-"), out.get(i));
                    }
                }
                counts.add(JniUtils.getNumThreads());
                return counts;
            })));
            assertThrows(IllegalArgumentException.class, () -> workers.fanOut(List.of(() -> 1, () -> 2, () -> 3, () -> 4)));
        }
    }

    @Test
    void aFailingPieceIsRethrownOnceEveryPieceHasEnded() {
        try (EngineWorkers workers = new EngineWorkers(1, 2)) {
            IllegalStateException bad = new IllegalStateException("bad slice 3");
            AtomicBoolean otherFinished = new AtomicBoolean();
            List<Callable<Integer>> callerFails = failingThenSlow(bad, otherFinished);
            assertSame(bad, assertThrows(IllegalStateException.class, () -> workers.fanOut(callerFails)));
            assertTrue(otherFinished.get(), "fanOut returned before the helper's piece ended");
            List<Callable<Integer>> helperFails = List.of(() -> 1, () -> {
                throw bad;
            });
            assertSame(bad, assertThrows(IllegalStateException.class, () -> workers.fanOut(helperFails)));
            assertEquals(List.of(1, 2), workers.fanOut(List.of(() -> 1, () -> 2)));
        }
    }

    @Test
    void nonsenseSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EngineWorkers(0, 2));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EngineWorkers(2, 0));
    }
}
