package dev.kabar.engine;

import dev.kabar.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.generate.GenerationConfig;
import dev.kabar.generate.GenerationResult;
import dev.kabar.generate.InvalidGenerationOptionException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine end to end on the tiny conformance checkpoints. */
class Seq2SeqEngineTest {

    private static final List<String> TEXTS = List.of(
            "Menteri Pertahanan berbicara lewat telepon.",
            "Harga beras naik.",
            "Presiden meresmikan jalan tol baru di Sumatera Utara pada hari Jumat bersama para menteri dan gubernur.",
            "Banjir.");

    private static Seq2SeqEngine marian;
    private static Seq2SeqEngine bart;

    static Path conformance(String model) {
        return TestData.conformance(model);
    }

    @BeforeAll
    static void load() {
        marian = Seq2SeqEngine.load(conformance("marian-tiny"));
        bart = Seq2SeqEngine.load(conformance("bart-tiny"));
    }

    @AfterAll
    static void close() {
        marian.close();
        bart.close();
    }

    private static int[] strip(int[] seq, int pad) {
        int n = seq.length;
        while (n > 1 && seq[n - 1] == pad) {
            n--;
        }
        return Arrays.copyOf(seq, n);
    }

    @Test
    void aBatchOfNGivesTheSameTokensAsNSingleRuns() {
        for (Seq2SeqEngine engine : List.of(marian, bart)) {
            for (int beams : new int[] {1, 4}) {
                GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", 24));
                int[][] ids = TEXTS.stream().map(engine.tokenizer()::encode).toArray(int[][]::new);
                GenerationResult batch = engine.generateIds(ids, gen);
                for (int i = 0; i < ids.length; i++) {
                    GenerationResult single = engine.generateIds(new int[][] {ids[i]}, gen);
                    assertArrayEquals(strip(single.sequences()[0], gen.padTokenId()), strip(batch.sequences()[i], gen.padTokenId()),
                            engine.folder().getFileName() + " beams " + beams + " text " + i);
                    if (beams > 1) {
                        assertEquals(single.scores()[0], batch.scores()[i], 1e-4f);
                    }
                }
            }
        }
    }

    @Test
    void continuousBatchingOnTheRealModelGivesTheSameTokens() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.addAll(TEXTS);
        }
        many.add("Kementerian pertahanan Rusia mengkonfirmasi panggilan tersebut.");
        for (Seq2SeqEngine engine : List.of(marian, bart)) {
            for (int beams : new int[] {1, 3}) {
                GenerationConfig gen = engine.generationConfig(Map.of("num_beams", beams, "max_new_tokens", 20, "min_new_tokens", 2));
                int[][] ids = many.stream().map(engine.tokenizer()::encode).toArray(int[][]::new);
                GenerationResult all = engine.generateIds(ids, gen);
                // Two inputs at a time: rows join and leave at different positions.
                GenerationResult continuous = engine.generateIds(ids, gen, 2 * beams);
                for (int i = 0; i < ids.length; i++) {
                    assertArrayEquals(strip(all.sequences()[i], gen.padTokenId()), strip(continuous.sequences()[i], gen.padTokenId()),
                            engine.folder().getFileName() + " beams " + beams + " input " + i);
                }
            }
        }
    }

    @Test
    void textInTextOut() {
        List<String> out = marian.generate(TEXTS, Map.of("num_beams", 2, "max_new_tokens", 8));
        assertEquals(TEXTS.size(), out.size());
        assertTrue(marian.generate(List.of(), Map.of()).isEmpty());
    }

    @Test
    void badOptionsAreRejectedBeforeAnyWork() {
        InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                () -> marian.generate(TEXTS, Map.of("num_beams", -3)));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }
}
