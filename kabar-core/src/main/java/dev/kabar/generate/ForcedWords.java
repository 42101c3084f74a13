package dev.kabar.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One item of {@code force_words_ids}: token ids that must appear in the output, contiguously and in
 * order, as transformers' {@code PhrasalConstraint}; or, when {@link #disjunctive()}, one of several
 * such alternatives, as its {@code DisjunctiveConstraint}.
 *
 * <p>In {@code generate(force_words_ids=...)} an item that is a list of ids is a phrase and an item
 * that is a list of lists is a disjunctive constraint; {@link #parse} reads that form. A disjunctive
 * constraint with one alternative behaves as the phrase, but keeps its kind so that it reads back as
 * it was given.
 *
 * @param alternatives the phrase (one entry) or the alternatives, each a non-empty array of token ids
 * @param disjunctive whether the item was given as a list of alternatives
 */
public record ForcedWords(List<int[]> alternatives, boolean disjunctive) {

    /** Checks the item's shape (ids are checked against a vocabulary by {@link #check}). */
    public ForcedWords {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new InvalidGenerationOptionException("A force_words_ids item must hold at least one token id.");
        }
        if (!disjunctive && alternatives.size() != 1) {
            throw new InvalidGenerationOptionException("A phrase of force_words_ids is one list of token ids, but "
                    + alternatives.size() + " were given; give several lists as a disjunctive item.");
        }
        List<int[]> copies = new ArrayList<>();
        for (int[] a : alternatives) {
            copies.add(a.clone());
        }
        alternatives = List.copyOf(copies);
    }

    /** A phrase: the ids must appear contiguously, in this order. */
    public static ForcedWords phrase(int... ids) {
        return new ForcedWords(List.of(ids), false);
    }

    /** A disjunctive item: one of the alternatives must appear. */
    public static ForcedWords anyOf(List<int[]> alternatives) {
        return new ForcedWords(alternatives, true);
    }

    /** Returns the phrase's ids (the first alternative). */
    public int[] phraseIds() {
        return alternatives.get(0).clone();
    }

    /**
     * Reads {@code force_words_ids} as transformers' {@code generate()} takes it: a non-empty list
     * whose items are lists of token ids (phrases) or lists of such lists (disjunctive items), and
     * checks every id against the vocabulary.
     *
     * @throws InvalidGenerationOptionException naming what is wrong, in transformers' terms
     */
    public static List<ForcedWords> parse(JsonNode value, int vocabSize) {
        String shape = "force_words_ids must be a non-empty list whose items are lists of token ids (a phrase) or lists of "
                + "such lists (alternatives), as generate() takes it, but is " + value + ".";
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new InvalidGenerationOptionException(shape);
        }
        List<ForcedWords> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isArray() || item.isEmpty()) {
                throw new InvalidGenerationOptionException(shape);
            }
            // transformers tells the two kinds apart by the item's first element, as done here.
            if (item.get(0).isArray()) {
                List<int[]> alternatives = new ArrayList<>();
                for (JsonNode alt : item) {
                    if (!alt.isArray() || alt.isEmpty()) {
                        throw new InvalidGenerationOptionException(shape);
                    }
                    alternatives.add(ids(alt, shape));
                }
                out.add(new ForcedWords(alternatives, true));
            } else {
                out.add(new ForcedWords(List.of(ids(item, shape)), false));
            }
        }
        List<ForcedWords> result = List.copyOf(out);
        check(result, vocabSize);
        return result;
    }

    private static int[] ids(JsonNode list, String shape) {
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = list.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw new InvalidGenerationOptionException(shape);
            }
            ids[i] = id.asInt();
        }
        return ids;
    }

    /**
     * Checks items made in code the way {@link #parse} checks the JSON form: every id in the
     * vocabulary, and no alternative of a disjunctive item equal to or a prefix of another, which
     * transformers' {@code DisjunctiveTrie} refuses.
     *
     * @throws InvalidGenerationOptionException naming the item
     */
    public static void check(List<ForcedWords> items, int vocabSize) {
        for (ForcedWords item : items) {
            for (int[] alt : item.alternatives()) {
                if (alt.length == 0) {
                    throw new InvalidGenerationOptionException("force_words_ids holds an empty list of token ids in " + item
                            + "; every phrase and alternative needs at least one id.");
                }
                for (int id : alt) {
                    if (id < 0 || id >= vocabSize) {
                        throw new InvalidGenerationOptionException("force_words_ids holds " + id + " in " + item
                                + ", which is not a token id between 0 and " + (vocabSize - 1) + ".");
                    }
                }
            }
            if (item.disjunctive()) {
                List<int[]> alts = item.alternatives();
                for (int i = 0; i < alts.size(); i++) {
                    for (int j = 0; j < alts.size(); j++) {
                        if (i != j && isPrefix(alts.get(i), alts.get(j)) && (alts.get(i).length < alts.get(j).length || i < j)) {
                            throw new InvalidGenerationOptionException("In the disjunctive force_words_ids item " + item + ", "
                                    + Arrays.toString(alts.get(i)) + " is the same as or the start of "
                                    + Arrays.toString(alts.get(j)) + "; transformers refuses an alternative that is a complete "
                                    + "subset of another, as the longer one could never be reached. Drop one of them.");
                        }
                    }
                }
            }
        }
    }

    private static boolean isPrefix(int[] a, int[] b) {
        if (a.length > b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the item in {@code force_words_ids} notation. */
    @Override
    public String toString() {
        if (!disjunctive) {
            return Arrays.toString(alternatives.get(0));
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < alternatives.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(alternatives.get(i)));
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ForcedWords other) || other.disjunctive != disjunctive || other.alternatives.size() != alternatives.size()) {
            return false;
        }
        for (int i = 0; i < alternatives.size(); i++) {
            if (!Arrays.equals(alternatives.get(i), other.alternatives.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(disjunctive);
        for (int[] a : alternatives) {
            h = 31 * h + Arrays.hashCode(a);
        }
        return h;
    }
}
