package dev.kabar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kabar.job.RunReport;
import dev.kabar.job.StateStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kabar status} lists each run with its sentence verdicts (#20). */
class StatusCommandTest {

    @Test
    void aRunLineEndsWithTheSentenceVerdicts() {
        RunReport.Trust trust = new RunReport.Trust(20, 3, Map.of("numbers", 3L), 2, 4, 3);
        StateStore.RunRow row = new StateStore.RunRow(7, "nightly", "completed", "2026-12-07T02:00:00Z",
                "2026-12-07T02:01:00Z", 5, 0, 0, 1, 20, 10, null, 1, "elsewhere", trust);
        assertEquals("  run 7  completed  2026-12-07T02:00:00Z  done 5, failed 0, quarantined 0, unchanged 1, memory hits 50%; "
                + "20 sentences checked, 3 suspect (numbers 3), 2 passed through as English, 4 second tries (3 kept the second)"
                + "  [nightly]", StatusCommand.runLine(row, true));
    }
}
