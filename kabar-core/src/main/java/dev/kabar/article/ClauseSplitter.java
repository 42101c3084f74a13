package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Splits a sentence that is too long for the model into pieces that fit, cutting at clause
 * boundaries. Immutable and thread-safe when the length function is.
 *
 * <p>Cuts are tried from the strongest boundary to the weakest, and a weaker one is used only
 * where the stronger ones cannot make a piece fit:
 * <ol>
 *   <li>after {@code ;}</li>
 *   <li>after {@code :}</li>
 *   <li>after {@code ,} when a conjunction follows ({@code dan}, {@code tetapi}, {@code yang}, ...)</li>
 *   <li>after any {@code ,}</li>
 *   <li>at any space, the last resort.</li>
 * </ol>
 * Punctuation counts only when a space follows it, so {@code 3,5} and {@code https://a.b} are
 * never cut. After cutting, neighbouring pieces are joined again, left to right, while the joined
 * text still fits, so a sentence is cut as few times as the rules allow. Nothing is ever dropped:
 * the pieces joined with single spaces give back the sentence (up to the whitespace at the cuts).
 * A single word longer than the limit cannot be cut and is returned whole, too long.
 */
public final class ClauseSplitter {

    /**
     * Conjunctions and relative words that open a clause after a comma. Indonesian coordinating
     * and subordinating conjunctions (Tata Bahasa Baku Bahasa Indonesia), plus "yang", which opens
     * the relative clauses that make news sentences long.
     */
    private static final Set<String> CONJUNCTIONS = Set.of(
            "dan", "serta", "atau", "tetapi", "tapi", "namun", "melainkan", "sedangkan", "padahal",
            "sehingga", "hingga", "karena", "sebab", "maka", "lalu", "kemudian", "sementara",
            "sedang", "meskipun", "walaupun", "walau", "meski", "agar", "supaya", "bahwa", "jika",
            "kalau", "apabila", "bila", "ketika", "saat", "setelah", "sebelum", "sejak", "yang",
            "termasuk", "yakni", "yaitu");

    /**
     * Boundary kinds, strongest first. A text is cut at a level only when it has no cut of a
     * stronger one, so each level needs to recognise its own punctuation only.
     */
    private enum Level { SEMICOLON, COLON, COMMA_CONJUNCTION, COMMA, SPACE }

    private final ToIntFunction<String> length;
    private final int maxLength;

    /**
     * Creates a splitter for pieces of at most {@code maxLength} as measured by {@code length}.
     *
     * @param length the length of a piece, usually its number of model tokens
     * @param maxLength the largest length a piece may have, at least 1
     */
    public ClauseSplitter(ToIntFunction<String> length, int maxLength) {
        this.length = Objects.requireNonNull(length, "length");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength + ".");
        }
        this.maxLength = maxLength;
    }

    /**
     * The pieces of one sentence, and how many cuts were made.
     *
     * @param pieces the pieces in order, trimmed; one piece (the sentence) when it already fits
     * @param splits the number of cuts, {@code pieces.size() - 1}
     */
    public record ClauseSplit(List<String> pieces, int splits) {

        /** Copies the pieces and checks that {@code splits} matches them. */
        public ClauseSplit {
            pieces = List.copyOf(pieces);
            if (splits != Math.max(0, pieces.size() - 1)) {
                throw new IllegalArgumentException("splits must be pieces - 1, got " + splits + " for "
                        + pieces.size() + " pieces.");
            }
        }

        /** Whether the sentence was cut at all. */
        public boolean split() {
            return splits > 0;
        }
    }

    /**
     * Cuts {@code sentence} into pieces that each fit the limit, at the strongest clause
     * boundaries available.
     *
     * @param sentence one sentence; surrounding whitespace is dropped
     * @return the pieces and the number of cuts; no pieces for a blank sentence
     */
    public ClauseSplit split(String sentence) {
        Objects.requireNonNull(sentence, "sentence");
        String text = sentence.strip();
        if (text.isEmpty()) {
            return new ClauseSplit(List.of(), 0);
        }
        List<String> pieces = pieces(text, 0);
        return new ClauseSplit(pieces, pieces.size() - 1);
    }

    /** Pieces of {@code text} using cuts of level {@code from} or weaker only when needed. */
    private List<String> pieces(String text, int from) {
        if (fits(text)) {
            return List.of(text);
        }
        Level[] levels = Level.values();
        for (int level = from; level < levels.length; level++) {
            List<String> parts = cutAll(text, levels[level]);
            if (parts.size() > 1) {
                List<String> refined = new ArrayList<>();
                for (String part : parts) {
                    // A part that is still too long may need weaker cuts; stronger ones are used up.
                    refined.addAll(pieces(part, level + 1));
                }
                return joinWhileFitting(refined);
            }
        }
        return List.of(text);
    }

    /** Cuts at every boundary of exactly {@code level}. */
    private static List<String> cutAll(String text, Level level) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isCut(text, i, level)) {
                parts.add(text.substring(start, i).strip());
                start = i;
            }
        }
        parts.add(text.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** Whether a cut of {@code level} falls at {@code i}, a space that starts the next piece. */
    private static boolean isCut(String text, int i, Level level) {
        if (i == 0 || !Character.isWhitespace(text.charAt(i)) || Character.isWhitespace(text.charAt(i - 1))) {
            return false;
        }
        char before = text.charAt(i - 1);
        return switch (level) {
            case SEMICOLON -> before == ';';
            case COLON -> before == ':';
            case COMMA_CONJUNCTION -> before == ',' && CONJUNCTIONS.contains(nextWord(text, i));
            case COMMA -> before == ',';
            case SPACE -> true;
        };
    }

    private static String nextWord(String text, int space) {
        int a = space;
        while (a < text.length() && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        int b = a;
        while (b < text.length() && Character.isLetter(text.charAt(b))) {
            b++;
        }
        return text.substring(a, b).toLowerCase(Locale.ROOT);
    }

    /** Joins neighbouring pieces, left to right, as long as the joined piece fits. */
    private List<String> joinWhileFitting(List<String> pieces) {
        List<String> joined = new ArrayList<>();
        String current = pieces.get(0);
        for (int k = 1; k < pieces.size(); k++) {
            String candidate = current + " " + pieces.get(k);
            if (fits(candidate)) {
                current = candidate;
            } else {
                joined.add(current);
                current = pieces.get(k);
            }
        }
        joined.add(current);
        return joined;
    }

    private boolean fits(String piece) {
        return length.applyAsInt(piece) <= maxLength;
    }
}
