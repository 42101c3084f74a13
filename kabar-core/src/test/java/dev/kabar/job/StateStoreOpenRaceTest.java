package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections opening one new database at the same moment (a run starting while {@code kabar status}
 * reads it, or a test polling a child's run) all get a usable database: the schema is brought up to
 * date under the write lock, so no two add the same column.
 */
class StateStoreOpenRaceTest {

    @TempDir
    Path dir;

    @Test
    void manyConnectionsOpeningANewDatabaseAtOnceAllSucceed() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 25; round++) {
                Path file = dir.resolve("state-" + round + ".db");
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Long>> opened = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        try (StateStore store = StateStore.open(file)) {
                            return store.memorySize();
                        }
                    }));
                }
                for (Future<Long> f : opened) {
                    assertEquals(0L, f.get(), "round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
