package dev.kabar.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text into word tokens for the checks: maximal runs of letters and digits (with the
 * combining marks that belong to them), where an apostrophe between two letters ({@code Jum'at},
 * {@code don't}) and a {@code .} or {@code ,} between two digits ({@code 1.000,5}) stay inside the
 * word. Everything else (spaces, punctuation, hyphens, slashes) separates words, so
 * {@code anak-anak} is two words and {@code 22/11/2024} three. One pass over the text.
 */
final class Words {

    /**
     * One word of a text.
     *
     * @param text the word as written
     * @param lower the word in lower case (root locale), what the checks compare
     * @param start where it starts in the text (a char index)
     * @param hasDigit whether it holds a digit
     * @param capitalized whether its first character is an upper-case or title-case letter
     */
    record Word(String text, String lower, int start, boolean hasDigit, boolean capitalized) {
    }

    private Words() {
    }

    /** The words of {@code text}, in order. */
    static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean hasDigit = false;
            while (i < n) {
                cp = text.codePointAt(i);
                if (isWordChar(cp)) {
                    hasDigit |= Character.isDigit(cp);
                    i += Character.charCount(cp);
                } else if (i + 1 < n && i > start && joins(text, cp, i)) {
                    i++;
                } else {
                    break;
                }
            }
            String word = text.substring(start, i);
            int first = word.codePointAt(0);
            boolean capitalized = Character.isUpperCase(first) || Character.isTitleCase(first);
            words.add(new Word(word, word.toLowerCase(Locale.ROOT), start, hasDigit, capitalized));
        }
        return words;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** Whether the character at {@code i} (not a word character) joins the characters on its sides. */
    private static boolean joins(String text, int cp, int i) {
        char before = text.charAt(i - 1);
        char after = text.charAt(i + 1);
        if (cp == '\'' || cp == '\u2019') {
            return Character.isLetter(before) && Character.isLetter(after);
        }
        if (cp == '.' || cp == ',') {
            return isAsciiDigit(before) && isAsciiDigit(after);
        }
        return false;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
