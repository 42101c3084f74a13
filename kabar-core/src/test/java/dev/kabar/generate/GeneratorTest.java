package dev.kabar.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search on a fake model with scripted logits. */
class GeneratorTest {

    private static final int VOCAB = 40;
    private static final int EOS = 0;
    private static final int PAD = 39;
    private static final int START = 39;

    static GenerationConfig config(Map<String, Object> overrides) {
        ObjectNode defaults = new ObjectMapper().createObjectNode();
        defaults.put("eos_token_id", EOS);
        defaults.put("pad_token_id", PAD);
        defaults.put("decoder_start_token_id", START);
        defaults.put("max_length", 30);
        return GenerationConfig.resolve(defaults, overrides, VOCAB);
    }

    private static GenerationResult run(GenerationConfig cfg, int... sources) {
        ScriptedSession[] holder = new ScriptedSession[1];
        GenerationResult r = new Generator(cfg).generate(sources.length, (n, beams) -> {
            holder[0] = new ScriptedSession(sources, beams, VOCAB, EOS);
            return holder[0];
        });
        assertTrue(holder[0].closed, "the generator closes its session");
        return r;
    }

    private static int[] strip(int[] seq) {
        int n = seq.length;
        while (n > 1 && seq[n - 1] == PAD) {
            n--;
        }
        return java.util.Arrays.copyOf(seq, n);
    }

    @Test
    void greedyTakesTheArgmaxAndStopsAtEos() {
        GenerationResult r = run(config(Map.of()), 7);
        int[] seq = r.sequences()[0];
        assertEquals(START, seq[0]);
        // Replay: at each step the chosen token is the arg-max of the scripted logits.
        ScriptedSession replay = new ScriptedSession(new int[] {7}, 1, VOCAB, EOS);
        replay.admit(new int[] {0});
        for (int i = 1; i < seq.length; i++) {
            float[] logits = ((HostScores) replay.step(new int[] {seq[i - 1]}, false)).array();
            int best = 0;
            for (int v = 1; v < VOCAB; v++) {
                if (logits[v] > logits[best]) {
                    best = v;
                }
            }
            assertEquals(best, seq[i], "token " + i);
        }
        assertEquals(EOS, seq[seq.length - 1]);
    }

    @Test
    void aBatchGivesTheSameTokensAsSingleRuns() {
        for (int beams : new int[] {1, 3}) {
            GenerationConfig cfg = config(Map.of("num_beams", beams, "no_repeat_ngram_size", 2));
            int[] sources = {3, 11, 5, 42};
            GenerationResult batch = run(cfg, sources);
            for (int i = 0; i < sources.length; i++) {
                GenerationResult single = run(cfg, sources[i]);
                assertArrayEquals(strip(single.sequences()[0]), strip(batch.sequences()[i]), "beams " + beams + " source " + i);
                if (beams > 1) {
                    assertEquals(single.scores()[0], batch.scores()[i], 0f);
                }
            }
        }
    }

    @Test
    void beamSearchWithOneBeamEqualsGreedy() {
        for (int source : new int[] {1, 2, 3, 4, 5}) {
            GenerationConfig cfg = config(Map.of("early_stopping", true));
            GenerationResult greedy = run(cfg, source);
            ScriptedSession session = new ScriptedSession(new int[] {source}, 1, VOCAB, EOS);
            GenerationResult beam = new Generator(cfg).beamSearch(1, 1, session);
            assertArrayEquals(greedy.sequences()[0], beam.sequences()[0], "source " + source);
            // One beam's score is its log-probability per generated token: greedy's confidence.
            assertEquals(beam.scores()[0], greedy.confidences()[0], 1e-5f, "source " + source);
        }
    }

    @Test
    void greedyConfidenceIsTheMeanLogProbabilityOfTheChosenTokens() {
        for (int source : new int[] {1, 2, 3, 4, 5, 6, 7}) {
            GenerationResult r = run(config(Map.of()), source);
            int[] seq = strip(r.sequences()[0]);
            ScriptedSession replay = new ScriptedSession(new int[] {source}, 1, VOCAB, EOS);
            replay.admit(new int[] {0});
            double sum = 0;
            for (int i = 1; i < seq.length; i++) {
                float[] logits = ((HostScores) replay.step(new int[] {seq[i - 1]}, false)).array();
                double max = Double.NEGATIVE_INFINITY;
                for (float v : logits) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (float v : logits) {
                    z += Math.exp(v - max);
                }
                sum += logits[seq[i]] - max - Math.log(z);
            }
            assertEquals(sum / (seq.length - 1), r.confidences()[0], 1e-5, "source " + source);
            assertTrue(r.confidences()[0] < 0, "source " + source);
        }
    }

    @Test
    void aForcedTokenIsCertainAndCountsInTheMean() {
        // max_new_tokens 1 forces EOS at the only step: log-probability 0.
        GenerationResult forced = run(config(Map.of("max_new_tokens", 1, "forced_eos_token_id", EOS)), 3);
        assertEquals(2, strip(forced.sequences()[0]).length);
        assertEquals(0f, forced.confidences()[0], 0f);
    }

    @Test
    void finishedRowsLeaveTheBatch() {
        int[] sources = {3, 11, 5, 42, 8, 9};
        ScriptedSession session = new ScriptedSession(sources, 1, VOCAB, EOS);
        GenerationResult r = new Generator(config(Map.of())).generate(sources.length, (n, b) -> session);
        int longest = r.sequences()[0].length;
        // Rows that end early are padded, and the session only ever saw live rows (checked in step()).
        boolean someShorter = false;
        for (int[] seq : r.sequences()) {
            assertEquals(longest, seq.length);
            someShorter |= strip(seq).length < longest;
        }
        assertTrue(someShorter, "the fixture should make rows end at different steps");
    }

    @Test
    void maxNewTokensBoundsTheLengthAndForcedEosEndsIt() {
        GenerationResult r = run(config(Map.of("max_new_tokens", 3, "forced_eos_token_id", EOS, "min_length", 10)), 7);
        assertEquals(4, r.sequences()[0].length);
        assertEquals(EOS, r.sequences()[0][3], "forced EOS at max_length - 1 wins over min_length");
    }

    @Test
    void minNewTokensKeepsEosAway() {
        GenerationResult r = run(config(Map.of("min_new_tokens", 12, "max_new_tokens", 20)), 7);
        int[] seq = strip(r.sequences()[0]);
        for (int i = 1; i < Math.min(seq.length, 13); i++) {
            assertTrue(seq[i] != EOS, "EOS at position " + i);
        }
    }

    @Test
    void noRepeatNgramAndBadWordsHold() {
        Map<String, Object> o = new HashMap<>();
        o.put("no_repeat_ngram_size", 2);
        o.put("bad_words_ids", new int[][] {{5}, {7, 8}});
        o.put("num_beams", 2);
        for (int source = 0; source < 10; source++) {
            int[] seq = strip(run(config(o), source).sequences()[0]);
            java.util.Set<String> bigrams = new java.util.HashSet<>();
            for (int i = 1; i < seq.length; i++) {
                assertTrue(seq[i] != 5, "banned token 5 generated");
                assertTrue(!(seq[i - 1] == 7 && seq[i] == 8), "banned sequence 7 8 generated");
                assertTrue(bigrams.add(seq[i - 1] + "," + seq[i]), "bigram repeated: " + seq[i - 1] + "," + seq[i]);
            }
        }
    }

    @Test
    void continuousBatchingGivesTheSameResultsWithFewerRows() {
        int[] sources = new int[23];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = 100 + i * 7;
        }
        for (int beams : new int[] {1, 3}) {
            GenerationConfig cfg = config(Map.of("num_beams", beams, "no_repeat_ngram_size", 3, "min_new_tokens", 2));
            GenerationResult all = run(cfg, sources);
            ScriptedSession[] holder = new ScriptedSession[1];
            GenerationResult few = new Generator(cfg).withMaxRows(4 * beams).generate(sources.length, (n, b) -> {
                holder[0] = new ScriptedSession(sources, b, VOCAB, EOS);
                return holder[0];
            });
            assertTrue(holder[0].maxRowsSeen <= 4 * beams, "row budget kept: " + holder[0].maxRowsSeen);
            for (int i = 0; i < sources.length; i++) {
                assertArrayEquals(strip(all.sequences()[i]), strip(few.sequences()[i]), "beams " + beams + " input " + i);
                if (beams > 1) {
                    assertEquals(all.scores()[i], few.scores()[i], 0f);
                }
            }
        }
    }

    @Test
    void inputsAreAdmittedInTheGivenOrderAndResultsStayByInput() {
        int[] sources = new int[11];
        int[] order = new int[sources.length];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = 300 + i * 5;
            order[i] = (i * 4) % sources.length; // 0, 4, 8, 1, 5, 9, 2, ...: a permutation of 0..10
        }
        for (int beams : new int[] {1, 2}) {
            GenerationConfig cfg = config(Map.of("num_beams", beams));
            GenerationResult all = run(cfg, sources);
            ScriptedSession[] holder = new ScriptedSession[1];
            GenerationResult ordered = new Generator(cfg).withMaxRows(3 * beams).withAdmissionOrder(order)
                    .generate(sources.length, (n, b) -> {
                        holder[0] = new ScriptedSession(sources, b, VOCAB, EOS);
                        return holder[0];
                    });
            assertEquals(java.util.Arrays.stream(order).boxed().toList(), holder[0].requested, "admitted in the given order");
            for (int i = 0; i < sources.length; i++) {
                assertArrayEquals(strip(all.sequences()[i]), strip(ordered.sequences()[i]), "beams " + beams + " input " + i);
            }
        }
        GenerationConfig greedy = config(Map.of());
        assertThrows(IllegalArgumentException.class, () -> new Generator(greedy).withAdmissionOrder(new int[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Generator(greedy).withAdmissionOrder(new int[] {1, 2})
                .generate(3, (n, b) -> new ScriptedSession(new int[] {1, 2, 3}, b, VOCAB, EOS)));
    }

    @Test
    void topKKeepsTheLargestInOrder() {
        float[] scores = {0.5f, 3f, Float.NEGATIVE_INFINITY, 3f, -1f, 2f};
        float[] top = new float[3];
        int[] ids = new int[3];
        HostScores.topK(scores, 0, scores.length, top, ids);
        assertArrayEquals(new float[] {3f, 3f, 2f}, top);
        assertArrayEquals(new int[] {1, 3, 5}, ids);
    }
}
