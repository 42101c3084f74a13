package dev.kabar.bench;

import dev.kabar.article.InputException;
import dev.kabar.glossary.Glossary;
import dev.kabar.glossary.GlossaryMatcher;
import dev.kabar.glossary.GlossaryTerm;
import dev.kabar.glossary.TermMatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Prints how fast {@link GlossaryMatcher} finds terms in real news sentences (detik-2025) with
 * synthetic glossaries of several sizes, beside a naive scan that looks for every term in every
 * sentence with {@code indexOf} (no word boundaries, no affixes: a lower bound on the cost of
 * matching term by term). The figures are in {@code docs/glossaries.md}; nothing here is a test.
 *
 * <p>A synthetic glossary of {@code n} terms holds, drawn with a fixed seed: a quarter single words
 * of the corpus (past its 100 most frequent, half allowing affixes, one in ten case-sensitive), a
 * quarter two-word phrases of the corpus, and half made-up words (a third of them two words) that
 * fill the index without matching, as most of a newsroom's list does on any one night.
 *
 * <p>Usage: {@code GlossaryBenchmark [--corpus DIR] [--sentences N] [--rounds N] [--terms N,N,...]},
 * defaults {@code ../shared/corpus}, 5000, 5 and {@code 200,2000,20000}.
 */
public final class GlossaryBenchmark {

    /** Rounds run before the timed ones, so that the JIT has compiled the matcher. */
    static final int WARM_UP_ROUNDS = 3;

    private GlossaryBenchmark() {
    }

    /**
     * A synthetic glossary of {@code size} terms drawn from the words of {@code sentences}, as the
     * class comment describes.
     */
    public static Glossary syntheticGlossary(List<String> sentences, int size, long seed) {
        Map<String, Integer> counts = new HashMap<>();
        List<String[]> bigrams = new ArrayList<>();
        for (String sentence : sentences) {
            String[] words = sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+");
            for (int i = 0; i < words.length; i++) {
                if (words[i].isEmpty()) {
                    continue;
                }
                counts.merge(words[i], 1, Integer::sum);
                if (i + 1 < words.length && !words[i + 1].isEmpty()) {
                    bigrams.add(new String[] {words[i], words[i + 1]});
                }
            }
        }
        List<String> vocabulary = new ArrayList<>(counts.keySet());
        vocabulary.sort((a, b) -> counts.get(b) - counts.get(a) != 0 ? counts.get(b) - counts.get(a) : a.compareTo(b));
        List<String> rare = vocabulary.subList(Math.min(100, vocabulary.size()), vocabulary.size());
        Random random = new Random(seed);
        Set<String> seen = new HashSet<>();
        List<GlossaryTerm> terms = new ArrayList<>(size);
        int i = 0;
        while (terms.size() < size) {
            int kind = i++ % 4;
            String id;
            boolean affixes = false;
            boolean caseSensitive = false;
            if (kind == 0 && !rare.isEmpty()) {
                id = rare.get(random.nextInt(rare.size()));
                affixes = random.nextBoolean();
                caseSensitive = random.nextInt(10) == 0;
            } else if (kind == 1 && !bigrams.isEmpty()) {
                String[] pair = bigrams.get(random.nextInt(bigrams.size()));
                id = pair[0] + " " + pair[1];
            } else {
                id = madeUpWord(random) + (random.nextInt(3) == 0 ? " " + madeUpWord(random) : "");
                affixes = random.nextInt(4) == 0;
            }
            if (!seen.add(id)) {
                continue;
            }
            try {
                terms.add(new GlossaryTerm(id, "english " + terms.size(), List.of(), caseSensitive, true, affixes,
                        false, 0));
            } catch (IllegalArgumentException notATerm) {
                // A corpus word that a term list would refuse (a stray mark of broken encoding): draw again.
            }
        }
        return Glossary.of(terms);
    }

    private static String madeUpWord(Random random) {
        String consonants = "bcdfghjklmnprstvwyz";
        String vowels = "aeiou";
        StringBuilder b = new StringBuilder("q");
        int syllables = 2 + random.nextInt(3);
        for (int s = 0; s < syllables; s++) {
            b.append(consonants.charAt(random.nextInt(consonants.length())));
            b.append(vowels.charAt(random.nextInt(vowels.length())));
        }
        return b.toString();
    }

    /** What one timed pass over the sentences found. */
    record Pass(long nanos, long matches, int sentencesMatched) {
    }

    static Pass timeMatcher(GlossaryMatcher matcher, List<String> sentences) {
        long matches = 0;
        int matched = 0;
        long start = System.nanoTime();
        for (String sentence : sentences) {
            List<TermMatch> found = matcher.match(sentence);
            matches += found.size();
            matched += found.isEmpty() ? 0 : 1;
        }
        return new Pass(System.nanoTime() - start, matches, matched);
    }

    static Pass timeNaive(List<String> lowerTerms, List<String> sentences) {
        long matches = 0;
        int matched = 0;
        long start = System.nanoTime();
        for (String sentence : sentences) {
            String lower = sentence.toLowerCase(Locale.ROOT);
            int here = 0;
            for (String term : lowerTerms) {
                if (lower.contains(term)) {
                    here++;
                }
            }
            matches += here;
            matched += here == 0 ? 0 : 1;
        }
        return new Pass(System.nanoTime() - start, matches, matched);
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws InputException {
        Path corpus = Path.of("../shared/corpus");
        int sentenceCount = 5000;
        int rounds = 5;
        List<Integer> sizes = List.of(200, 2000, 20000);
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--corpus" -> corpus = Path.of(args[++a]);
                case "--sentences" -> sentenceCount = Integer.parseInt(args[++a]);
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--terms" -> sizes = java.util.Arrays.stream(args[++a].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("Unknown argument '" + args[a]
                        + "'; use --corpus DIR, --sentences N, --rounds N, --terms N,N,...");
            }
        }
        List<String> sentences = TrustCheckFigures.detikSentences(corpus, sentenceCount);
        long chars = sentences.stream().mapToLong(String::length).sum();
        System.out.printf(Locale.ROOT, "%d detik-2025 sentences, %.0f chars on average; best of %d rounds after %d "
                + "warm-up rounds (naive: first 1000 sentences); Java %s, %d processors%n", sentences.size(),
                (double) chars / sentences.size(), rounds, WARM_UP_ROUNDS, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%8s %12s %10s %14s %12s %14s %16s%n", "terms", "build ms", "µs/sent",
                "sentences/s", "matches/sent", "sent. matched", "naive µs/sent");
        for (int size : sizes) {
            Glossary glossary = syntheticGlossary(sentences, size, 21);
            long buildStart = System.nanoTime();
            GlossaryMatcher matcher = glossary.matcher();
            double buildMs = (System.nanoTime() - buildStart) / 1e6;
            Pass best = null;
            for (int r = 0; r < rounds + WARM_UP_ROUNDS; r++) {
                Pass pass = timeMatcher(matcher, sentences);
                if (r >= WARM_UP_ROUNDS && (best == null || pass.nanos() < best.nanos())) {
                    best = pass;
                }
            }
            List<String> lowerTerms = glossary.terms().stream().map(t -> t.id().toLowerCase(Locale.ROOT)).toList();
            List<String> naiveSample = sentences.subList(0, Math.min(sentences.size(), 1000));
            Pass naive = null;
            for (int r = 0; r < WARM_UP_ROUNDS + 1; r++) {
                naive = timeNaive(lowerTerms, naiveSample);
            }
            double micros = best.nanos() / 1e3 / sentences.size();
            System.out.printf(Locale.ROOT, "%8d %12.1f %10.2f %14.0f %12.2f %13.1f%% %16.2f%n", size, buildMs, micros,
                    1e6 / micros, (double) best.matches() / sentences.size(),
                    100.0 * best.sentencesMatched() / sentences.size(), naive.nanos() / 1e3 / naiveSample.size());
        }
    }
}
