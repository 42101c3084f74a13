package dev.kabar.article;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The abbreviation list that the sentence splitter consults, read from
 * {@code abbreviations-id.txt} next to this class. Immutable and thread-safe.
 */
final class SentenceAbbreviations {

    /** What an abbreviation allows after it; the resource file's header explains both kinds. */
    enum Kind {
        /** Always followed by what it qualifies: never ends a sentence. */
        BEFORE,
        /** May end a sentence when the next word starts like a sentence. */
        ANY
    }

    static final String RESOURCE = "abbreviations-id.txt";

    private static final SentenceAbbreviations BUNDLED = load();

    private final Map<String, Kind> kinds;

    private SentenceAbbreviations(Map<String, Kind> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    /** The list bundled with kabar, read once. */
    static SentenceAbbreviations bundled() {
        return BUNDLED;
    }

    /** The kind of {@code word} (written with its final period), or null when it is not listed. */
    Kind kindOf(String word) {
        return kinds.get(word.toLowerCase(Locale.ROOT));
    }

    int size() {
        return kinds.size();
    }

    private static SentenceAbbreviations load() {
        InputStream in = SentenceAbbreviations.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The abbreviation list " + RESOURCE + " is missing from the class path.");
        }
        Map<String, Kind> kinds = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] fields = text.split("\\s+");
                if (fields.length != 2 || !fields[0].endsWith(".")
                        || !(fields[1].equals("before") || fields[1].equals("any"))) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected an abbreviation"
                            + " ending in a period and the kind 'before' or 'any', found '" + text + "'.");
                }
                kinds.put(fields[0].toLowerCase(Locale.ROOT), fields[1].equals("before") ? Kind.BEFORE : Kind.ANY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + ".", e);
        }
        return new SentenceAbbreviations(kinds);
    }
}
