package dev.kabar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.runtime.DjlOffline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matrix-multiply benchmark runs every kind of product; the figures themselves are for people to read. */
class GemmBenchmarkTest {

    @Test
    void measuresEveryShapeForEveryKindOfProduct() {
        DjlOffline.ensure();
        for (GemmBenchmark.Precision p : GemmBenchmark.Precision.values()) {
            if (GemmBenchmark.unavailable(p) != null) {
                // No bfloat16 instructions here: refused with the reason, never measured on emulation or a crash.
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> GemmBenchmark.run(p, 0.01));
                assertTrue(p == GemmBenchmark.Precision.BFLOAT16 && e.getMessage().startsWith("This CPU has no bfloat16 products: "),
                        e.getMessage());
                continue;
            }
            List<GemmBenchmark.Measurement> ms = GemmBenchmark.run(p, 0.01);
            assertEquals(4, ms.size(), p.label());
            for (GemmBenchmark.Measurement m : ms) {
                assertEquals(p.label(), m.dtype());
                assertEquals(p.products(), m.products());
                assertTrue(m.gflopsPerSecond() > 0 && Double.isFinite(m.gflopsPerSecond()), m.toString());
            }
            assertEquals(ms.stream().mapToDouble(GemmBenchmark.Measurement::gflopsPerSecond).max().orElseThrow(), GemmBenchmark.best(ms));
        }
    }
}
