package dev.kabar.glossary;

/**
 * The character rules shared by reading, matching and the met check: what a word character is, what
 * white space is, and case folding that keeps every character at its place, so that an index into a
 * folded text is an index into the text.
 */
final class TermText {

    private TermText() {
    }

    /**
     * Whether {@code cp} belongs to a word: a letter, a digit, or a combining mark (which belongs to
     * the letter before it). Everything else, hyphens and apostrophes included, separates words.
     */
    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** Whether {@code c} is white space, the no-break spaces of pasted news text included. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * The case fold of one character: upper case, then lower case, by the Unicode data alone (no
     * locale, as {@link java.util.Locale#ROOT}). Folding per character, unlike
     * {@code String.toLowerCase}, never changes a text's length ({@code İ} stays one character), so
     * offsets found in a folded text hold in the original.
     */
    static int fold(int cp) {
        int folded = Character.toLowerCase(Character.toUpperCase(cp));
        return Character.charCount(folded) == Character.charCount(cp) ? folded : cp;
    }

    /** {@code text} with every character case-folded by {@link #fold(int)}; the same length. */
    static String fold(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            b.appendCodePoint(fold(cp));
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** {@code text} trimmed, with every run of white space inside it written as one space. */
    static String collapseSpace(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether {@code text} starts and ends with a word character. */
    static boolean wordAtBothEnds(String text) {
        return !text.isEmpty() && isWordChar(text.codePointAt(0))
                && isWordChar(text.codePointBefore(text.length()));
    }

    /** Whether {@code text} holds at least one word character. */
    static boolean hasWordChar(String text) {
        return text.codePoints().anyMatch(TermText::isWordChar);
    }

    /**
     * Where {@code phrase} (already space-collapsed) occurs in {@code text} as whole words, from
     * {@code from} on: each space of the phrase stands for any run of white space, letters compare by
     * the case rule, and a word character at either end of the phrase must not touch a word character
     * of the text. Returns {@code {start, end}} or {@code null}. Quadratic at worst in the lengths of
     * the two, which are a sentence and a phrase.
     */
    static int[] findPhrase(String text, String phrase, boolean caseSensitive, int from) {
        if (phrase.isEmpty()) {
            return null;
        }
        boolean wordFirst = isWordChar(phrase.codePointAt(0));
        boolean wordLast = isWordChar(phrase.codePointBefore(phrase.length()));
        for (int start = from; start < text.length(); start++) {
            if (wordFirst && start > 0 && isWordChar(text.codePointBefore(start))) {
                continue;
            }
            int end = matchAt(text, start, phrase, caseSensitive);
            if (end < 0) {
                continue;
            }
            if (wordLast && end < text.length() && isWordChar(text.codePointAt(end))) {
                continue;
            }
            return new int[] {start, end};
        }
        return null;
    }

    /**
     * Where {@code phrase} (space-collapsed) ends when read in {@code text} from {@code start}, or -1:
     * a space of the phrase takes one or more white-space characters of the text.
     */
    static int matchAt(String text, int start, String phrase, boolean caseSensitive) {
        int t = start;
        int p = 0;
        while (p < phrase.length()) {
            if (t >= text.length()) {
                return -1;
            }
            char pc = phrase.charAt(p);
            if (pc == ' ') {
                if (!isSpace(text.charAt(t))) {
                    return -1;
                }
                while (t < text.length() && isSpace(text.charAt(t))) {
                    t++;
                }
                p++;
                continue;
            }
            int tcp = text.codePointAt(t);
            int pcp = phrase.codePointAt(p);
            if (caseSensitive ? tcp != pcp : fold(tcp) != fold(pcp)) {
                return -1;
            }
            t += Character.charCount(tcp);
            p += Character.charCount(pcp);
        }
        return t;
    }
}
