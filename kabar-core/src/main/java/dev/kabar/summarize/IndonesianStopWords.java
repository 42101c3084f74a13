package dev.kabar.summarize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Indonesian function words (resource {@code stopwords-id.txt}): they are left out of sentence
 * similarity and title overlap so that those measure shared content, not shared grammar.
 */
final class IndonesianStopWords {

    private static final Set<String> WORDS = load();

    private IndonesianStopWords() {
    }

    /** Whether the lowercased token is a stop word. */
    static boolean contains(String lowercased) {
        return WORDS.contains(lowercased);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = IndonesianStopWords.class.getResourceAsStream("stopwords-id.txt")) {
            if (in == null) {
                throw new IllegalStateException("The resource dev/kabar/summarize/stopwords-id.txt is missing from the class path.");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String w = line.strip().toLowerCase(Locale.ROOT);
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dev/kabar/summarize/stopwords-id.txt", e);
        }
        return Set.copyOf(words);
    }
}
