package dev.kabar.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Constrained beam search (force_words_ids) on a fake model with scripted logits, and its state machines. */
class ConstrainedBeamSearchTest {

    private static final int VOCAB = 40;
    private static final int EOS = 0;
    private static final int PAD = 39;

    private static GenerationConfig config(Map<String, Object> overrides) {
        return GeneratorTest.config(overrides);
    }

    private static Map<String, Object> beams(int k, Object... more) {
        Map<String, Object> o = new HashMap<>();
        o.put("num_beams", k);
        for (int i = 0; i < more.length; i += 2) {
            o.put((String) more[i], more[i + 1]);
        }
        return o;
    }

    private static GenerationResult run(Generator g, int... sources) {
        return g.generate(sources.length, (n, b) -> new ScriptedSession(sources, b, VOCAB, EOS));
    }

    private static int[] strip(int[] seq) {
        int n = seq.length;
        while (n > 1 && seq[n - 1] == PAD) {
            n--;
        }
        return Arrays.copyOf(seq, n);
    }

    private static boolean contains(int[] seq, int... phrase) {
        outer:
        for (int i = 0; i + phrase.length <= seq.length; i++) {
            for (int j = 0; j < phrase.length; j++) {
                if (seq[i + j] != phrase[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static ConstraintStates.ListState state(ForcedWords... items) {
        return new ConstraintStates.ListState(ConstraintStates.of(List.of(items)));
    }

    @Test
    void aPhraseStepsRaisesTheBankAndBreaksBackToItsStart() {
        ConstraintStates.ListState s = state(ForcedWords.phrase(5, 6, 7));
        assertEquals(List.of(5), s.advance());
        assertEquals(0, s.bank());
        s.add(5);
        assertEquals(1, s.bank(), "one of three steps done");
        assertEquals(List.of(6), s.advance());
        s.add(6);
        assertEquals(2, s.bank());
        s.add(9);
        assertEquals(0, s.bank(), "a wrong token breaks the phrase");
        assertEquals(List.of(5), s.advance());
        s.reset(new int[] {39, 5, 6, 7}, 4);
        assertTrue(s.completed());
        assertEquals(3, s.bank());
    }

    @Test
    void aBrokenConstraintGoesToTheEndOfThePendingListAndItsTokenIsNotTriedOnTheOthers() {
        ConstraintStates.ListState s = state(ForcedWords.phrase(1, 2), ForcedWords.phrase(3));
        assertEquals(List.of(1, 3), s.advance());
        s.add(1);
        assertEquals(List.of(2), s.advance(), "only the constraint in progress advances");
        s.add(3);
        // 3 broke [1, 2] and, as in the reference, did not count for [3].
        assertEquals(0, s.bank());
        assertEquals(List.of(3, 1), s.advance(), "the broken phrase starts over at the end of the list");
    }

    @Test
    void aFulfilledConstraintCountsItsFullLengthInTheBank() {
        ConstraintStates.ListState s = state(ForcedWords.phrase(1, 2), ForcedWords.phrase(3));
        s.add(3);
        assertEquals(2, s.bank(), "one complete constraint counts the longest constraint's length");
        assertFalse(s.completed());
        s.add(1);
        assertEquals(3, s.bank());
        s.add(2);
        assertTrue(s.completed());
        assertEquals(4, s.bank());
        assertTrue(ConstraintStates.completes(ConstraintStates.of(List.of(ForcedWords.phrase(1, 2), ForcedWords.phrase(3))),
                new int[] {39, 3, 8, 1, 2}, 5));
        assertFalse(ConstraintStates.completes(ConstraintStates.of(List.of(ForcedWords.phrase(1, 2), ForcedWords.phrase(3))),
                new int[] {39, 3, 1, 8, 2}, 5));
    }

    @Test
    void aDisjunctiveConstraintWithASharedPrefixSharesItsProgressWithItsCopies() {
        ForcedWords either = ForcedWords.anyOf(List.of(new int[] {4, 5, 6}, new int[] {4, 5, 7}, new int[] {9}));
        ConstraintStates.ListState s = state(either);
        assertEquals(List.of(4, 9), s.advance());
        s.add(4);
        s.add(5);
        assertEquals(2, s.bank());
        assertEquals(List.of(6, 7), s.advance());
        ConstraintStates.ListState first = s.copy();
        first.add(6);
        assertTrue(first.completed());
        assertEquals(3, first.bank());
        // The reference's stateful copy shares the matched tokens, so the first copy's 6 is in the
        // second copy's list too and 7 no longer follows: the second alternative breaks.
        ConstraintStates.ListState second = s.copy();
        second.add(7);
        assertFalse(second.completed());
        assertEquals(0, second.bank());
        // A fresh state reaches the second alternative normally.
        ConstraintStates.ListState fresh = state(either);
        fresh.reset(new int[] {39, 4, 5, 7}, 4);
        assertTrue(fresh.completed());
    }

    @Test
    void forceWordsIdsIsReadAsGenerateTakesIt() {
        GenerationConfig c = config(beams(3, "force_words_ids", List.of(List.of(1, 2), List.of(List.of(3), List.of(4, 5)))));
        assertEquals(List.of(ForcedWords.phrase(1, 2), ForcedWords.anyOf(List.of(new int[] {3}, new int[] {4, 5}))), c.forceWordsIds());
        assertEquals("[[1, 2], [[3], [4, 5]]]", c.forceWordsIds().toString());
        assertEquals(1, c.numReturnSequences());
        assertTrue(config(beams(3)).forceWordsIds().isEmpty());
    }

    @Test
    void badConstraintsAndSettingsAreRefusedUpFront() {
        Map<String, Object[]> bad = new java.util.LinkedHashMap<>();
        bad.put("greedy", new Object[] {"num_beams", 1, "force_words_ids", List.of(List.of(1))});
        bad.put("empty list", new Object[] {"force_words_ids", List.of()});
        bad.put("empty phrase", new Object[] {"force_words_ids", List.of(List.of())});
        bad.put("negative id", new Object[] {"force_words_ids", List.of(List.of(-1))});
        bad.put("id past the vocabulary", new Object[] {"force_words_ids", List.of(List.of(VOCAB))});
        bad.put("not a list", new Object[] {"force_words_ids", 5});
        bad.put("alternative starts another", new Object[] {"force_words_ids", List.of(List.of(List.of(1, 2), List.of(1)))});
        bad.put("same alternative twice", new Object[] {"force_words_ids", List.of(List.of(List.of(1, 2), List.of(1, 2)))});
        bad.put("more sequences than beams", new Object[] {"num_return_sequences", 4});
        bad.put("several sequences from greedy", new Object[] {"num_beams", 1, "num_return_sequences", 2});
        for (Map.Entry<String, Object[]> e : bad.entrySet()) {
            Map<String, Object> o = beams(3, e.getValue());
            InvalidGenerationOptionException x = assertThrows(InvalidGenerationOptionException.class, () -> config(o), e.getKey());
            assertTrue(x.getMessage().endsWith("."), e.getKey() + ": a full sentence: " + x.getMessage());
        }
        Generator greedy = new Generator(config(beams(1)));
        assertThrows(InvalidGenerationOptionException.class, () -> greedy.withConstraints(List.of(List.of(ForcedWords.phrase(1)))));
        assertThrows(InvalidGenerationOptionException.class,
                () -> config(beams(3)).withForceWordsIds(List.of(ForcedWords.phrase(VOCAB + 3)), VOCAB));
    }

    @Test
    void constrainedOutputsHoldTheirPhrases() {
        for (int source = 0; source < 8; source++) {
            GenerationConfig cfg = config(beams(3, "max_new_tokens", 20, "force_words_ids",
                    List.of(List.of(7, 8), List.of(List.of(11, 12), List.of(13)))));
            GenerationResult r = run(new Generator(cfg), source);
            int[] seq = strip(r.sequences()[0]);
            assertTrue(contains(seq, 7, 8), "source " + source + ": " + Arrays.toString(seq));
            assertTrue(contains(seq, 11, 12) || contains(seq, 13), "source " + source + ": " + Arrays.toString(seq));
            assertTrue(seq[seq.length - 1] == EOS || seq.length == 21, "source " + source + " ends with EOS or at the limit");
            assertTrue(Float.isFinite(r.scores()[0]));
            GenerationResult plain = run(new Generator(config(beams(3, "max_new_tokens", 20))), source);
            assertTrue(plain.scores()[0] >= r.scores()[0] || !contains(strip(plain.sequences()[0]), 7, 8),
                    "constraints cost probability or were met anyway");
        }
    }

    @Test
    void whenThePhraseCannotFitTheBeamsAreReturnedWithoutItAtMinusInfinity() {
        // Two new tokens, the second forced to EOS: a three-token phrase cannot fit.
        GenerationConfig cfg = config(beams(3, "max_new_tokens", 2, "forced_eos_token_id", EOS,
                "force_words_ids", List.of(List.of(7, 8, 9))));
        GenerationResult r = run(new Generator(cfg), 5);
        int[] seq = r.sequences()[0];
        assertEquals(3, seq.length);
        assertFalse(contains(seq, 7, 8, 9));
        assertTrue(seq[2] != EOS, "the phrase's next token stood in for the forced EOS: " + Arrays.toString(seq));
        assertEquals(Float.NEGATIVE_INFINITY, r.scores()[0]);
    }

    @Test
    void inputsWithoutConstraintsInAMixedBatchDecodeAsPlainBeamSearch() {
        int[] sources = {3, 11, 5, 42, 8, 17, 23};
        List<List<ForcedWords>> perInput = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            perInput.add(i % 2 == 0 ? List.of(ForcedWords.phrase(7, 8), ForcedWords.anyOf(List.of(new int[] {11, 12}, new int[] {13})))
                    : List.of());
        }
        for (int k : new int[] {2, 3}) {
            GenerationConfig cfg = config(beams(k, "no_repeat_ngram_size", 3, "max_new_tokens", 18));
            GenerationResult plain = run(new Generator(cfg), sources);
            for (int maxRows : new int[] {Integer.MAX_VALUE, 2 * k}) {
                Generator g = new Generator(cfg).withConstraints(perInput);
                if (maxRows < Integer.MAX_VALUE) {
                    g = g.withMaxRows(maxRows);
                }
                GenerationResult mixed = run(g, sources);
                for (int i = 0; i < sources.length; i++) {
                    String at = "beams " + k + " rows " + maxRows + " input " + i;
                    if (i % 2 == 1) {
                        assertArrayEquals(strip(plain.sequences()[i]), strip(mixed.sequences()[i]), at);
                        assertEquals(plain.scores()[i], mixed.scores()[i], 0f, at);
                    } else {
                        assertTrue(contains(mixed.sequences()[i], 7, 8), at + ": " + Arrays.toString(mixed.sequences()[i]));
                        // Each input's constraints travel with it: alone, with the config's force_words_ids, it decodes the same.
                        GenerationConfig alone = cfg.withForceWordsIds(perInput.get(i), VOCAB);
                        GenerationResult single = run(new Generator(alone), sources[i]);
                        assertArrayEquals(strip(single.sequences()[0]), strip(mixed.sequences()[i]), at);
                        assertEquals(single.scores()[0], mixed.scores()[i], 0f, at);
                    }
                }
            }
        }
    }

    @Test
    void severalReturnedSequencesComeBestFirstGroupedByInput() {
        int[] sources = {3, 11};
        for (Object words : new Object[] {null, List.of(List.of(7))}) {
            Map<String, Object> o = beams(4, "max_new_tokens", 12);
            if (words != null) {
                o.put("force_words_ids", words);
            }
            GenerationResult one = run(new Generator(config(o)), sources);
            o.put("num_return_sequences", 3);
            GenerationResult three = run(new Generator(config(o)), sources);
            assertEquals(6, three.sequences().length);
            for (int i = 0; i < sources.length; i++) {
                if (words == null) {
                    assertArrayEquals(strip(one.sequences()[i]), strip(three.sequences()[i * 3]), "input " + i + " best first");
                    assertEquals(one.scores()[i], three.scores()[i * 3], 0f);
                }
                // With constraints the best row may change: at the length limit, asking for more rows than
                // beams that meet the constraints makes every beam a hypothesis, as in the reference.
                assertTrue(three.scores()[i * 3] >= three.scores()[i * 3 + 1] && three.scores()[i * 3 + 1] >= three.scores()[i * 3 + 2]);
            }
        }
    }

    @Test
    void sortingFollowsLibstdcxxTiesIncluded() {
        // Up to 16 entries std::sort is an insertion sort: equal keys keep their order.
        float[] few = {1f, 3f, 1f, Float.NEGATIVE_INFINITY, 3f, 1f};
        assertArrayEquals(new int[] {1, 4, 0, 2, 5, 3}, CxxSort.sortDescending(few));
        Random random = new Random(7);
        for (int n : new int[] {17, 40, 200}) {
            float[] keys = new float[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(4) == 0 ? Float.NEGATIVE_INFINITY : random.nextInt(6);
            }
            int[] order = CxxSort.sortDescending(keys);
            int[] seen = order.clone();
            Arrays.sort(seen);
            for (int i = 0; i < n; i++) {
                assertEquals(i, seen[i], "a permutation");
                if (i > 0) {
                    assertTrue(keys[order[i - 1]] >= keys[order[i]], "descending at " + i);
                }
            }
        }
    }

    @Test
    void theTopKShortcutMatchesTheFullPartialSort() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 64 * 8 + random.nextInt(3000);
            int k = 2 + random.nextInt(7);
            float[] keys = new float[n];
            Arrays.fill(keys, Float.NEGATIVE_INFINITY);
            int finite = random.nextInt(k);
            List<Integer> ids = new ArrayList<>();
            for (int f = 0; f < finite; f++) {
                int at = random.nextInt(8) == 0 ? random.nextInt(k) : random.nextInt(n);
                if (!ids.contains(at)) {
                    ids.add(at);
                    keys[at] = -random.nextInt(5);
                }
            }
            ids.sort(null);
            int[] finiteIds = ids.stream().mapToInt(Integer::intValue).toArray();
            float[] finiteKeys = new float[finiteIds.length];
            for (int i = 0; i < finiteIds.length; i++) {
                finiteKeys[i] = keys[finiteIds[i]];
            }
            float[] out = new float[k];
            assertArrayEquals(CxxSort.partialSort(keys, k), CxxSort.partialSortTop(n, k, finiteIds, finiteKeys, out), "trial " + trial);
        }
        // Beam search at a forced EOS: four beams of 726 tokens, only each beam's EOS finite. The
        // negative infinities that fill the top 8 are tokens of beam 0 up to 7, the token that
        // the golden case cb-beam4-nrs2-kyiv appends to its second sequence.
        float[] out = new float[8];
        int[] top = CxxSort.partialSortTop(4 * 726, 8, new int[] {0, 726, 1452, 2178}, new float[] {-5f, -6f, -7f, -8f}, out);
        assertArrayEquals(new int[] {0, 726, 1452, 2178}, Arrays.copyOf(top, 4));
        assertTrue(Arrays.stream(top).anyMatch(id -> id == 7), Arrays.toString(top));
    }
}
