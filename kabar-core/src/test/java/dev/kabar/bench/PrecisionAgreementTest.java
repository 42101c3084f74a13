package dev.kabar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.Bfloat16Cpu;
import dev.kabar.TestData;
import dev.kabar.checkpoint.WeightFormat;
import dev.kabar.engine.Precision;
import dev.kabar.engine.Seq2SeqEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token agreement between precisions, and the bfloat16 mode measured by it. */
class PrecisionAgreementTest {

    @Test
    void countsAgreeingTokensIdenticalSequencesAndTheAgreeingPrefix() {
        int pad = 9;
        int[][] reference = {{0, 5, 6, 7, 2}, {0, 5, 6, 2, 9}, {0, 1, 2, 9, 9}};
        int[][] candidate = {{0, 5, 6, 7, 2}, {0, 5, 8, 2, 9}, {0, 1, 9, 9, 9}};
        PrecisionAgreement a = PrecisionAgreement.compare(reference, candidate, pad);
        // Tokens: 5 + 4 + 3 after trailing padding; agreeing: 5 + 3 (6 vs 8 differs) + 2 (the candidate ends early).
        assertEquals(new PrecisionAgreement(3, 1, 12, 10, 5 + 2 + 2), a);
        assertEquals(10 / 12.0, a.tokenAgreement(), 1e-12);
        assertEquals(1 / 3.0, a.sequenceAgreement(), 1e-12);
        assertEquals(9 / 12.0, a.prefixAgreement(), 1e-12);
        assertEquals(new PrecisionAgreement(6, 2, 24, 20, 18), a.plus(a));
        assertThrows(IllegalArgumentException.class, () -> PrecisionAgreement.compare(reference, new int[1][], pad));
    }

    /**
     * The bfloat16 mode on the conformance checkpoints, against transformers' float32 outputs:
     * most tokens agree (measured 97.7%, 99.5% and 91.7% on marian-tiny, marian-tiny-b and
     * bart-tiny), but not all, which is why it is opt-in.
     */
    @Test
    void bfloat16MostlyAgreesWithTheFloat32GoldenOutputs() throws Throwable {
        Bfloat16Cpu.test(() -> {
            for (String model : List.of("marian-tiny", "marian-tiny-b", "bart-tiny")) {
                Path dir = TestData.conformance(model);
                try (Seq2SeqEngine engine = Seq2SeqEngine.load(dir, WeightFormat.AUTO, false, Precision.BFLOAT16)) {
                    assertEquals(Precision.BFLOAT16, engine.precision());
                    PrecisionAgreement a = PrecisionAgreement.onGoldenCases(engine, dir.resolve("golden.jsonl"));
                    assertEquals(23, a.sequences(), model);
                    assertTrue(a.tokenAgreement() > 0.85, model + ": " + a);
                }
                try (Seq2SeqEngine engine = Seq2SeqEngine.load(dir, WeightFormat.AUTO, false, Precision.FLOAT32)) {
                    // The comparison itself: float32 reproduces every golden token.
                    PrecisionAgreement a = PrecisionAgreement.onGoldenCases(engine, dir.resolve("golden.jsonl"));
                    assertEquals(a.tokens(), a.agreeing(), model + ": " + a);
                    assertEquals(a.sequences(), a.identical(), model);
                }
            }
        });
    }

    @Test
    void aWorkloadRunsInBothPrecisionsAndTheirTokensAreCompared() throws Throwable {
        Bfloat16Cpu.test(() -> {
            Path dir = TestData.conformance("marian-tiny");
            List<Workload.Sentence> sentences = List.of(
                    new Workload.Sentence(0, new int[] {47, 70, 481, 59, 254, 0}, 6),
                    new Workload.Sentence(1, new int[] {595, 39, 16, 48, 33, 432, 441, 0}, 9),
                    new Workload.Sentence(2, new int[] {588, 532, 0}, 3));
            try (Seq2SeqEngine f32 = Seq2SeqEngine.load(dir, WeightFormat.AUTO, false, Precision.FLOAT32);
                 Seq2SeqEngine bf16 = Seq2SeqEngine.load(dir, WeightFormat.AUTO, false, Precision.BFLOAT16)) {
                PrecisionAgreement same = PrecisionAgreement.onWorkload(f32, f32, new Workload(sentences), 2, 2);
                assertEquals(3, same.sequences());
                assertEquals(same.tokens(), same.agreeing());
                // Forced lengths: decoder start, the new tokens and EOS, whatever the precision.
                assertEquals(3 * 2 + 6 + 9 + 3, same.tokens());
                PrecisionAgreement mixed = PrecisionAgreement.onWorkload(f32, bf16, new Workload(sentences), 2, 2);
                assertEquals(same.tokens(), mixed.tokens());
                assertTrue(mixed.agreeing() > 0, mixed.toString());
            }
        });
    }
}
