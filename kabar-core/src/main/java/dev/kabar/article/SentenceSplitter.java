package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits one paragraph of Indonesian news text into sentences. Immutable and thread-safe.
 *
 * <p>The splitter scans for a run of sentence-ending marks ({@code .}, {@code ?}, {@code !},
 * {@code ...}, {@code …}), takes in the closing quotes and brackets written right after it, looks
 * at how the next word begins, and decides:
 * <ol>
 *   <li>A run must be followed by whitespace or the end of the paragraph, so {@code 17.38},
 *       {@code Rp1.500.000}, {@code www.kabar.id}, {@code nama@kantor.go.id} and {@code S.H.,}
 *       never end a sentence.</li>
 *   <li>{@code ?} and {@code !} end a sentence before a capital, a digit or a bracket; a lowercase
 *       word after them is the attribution of a quoted question ({@code "Siapa?" tanya dia.}).</li>
 *   <li>An ellipsis ends a sentence only before a capital or a digit: it also marks a pause.</li>
 *   <li>A single period never ends a sentence after an abbreviation of kind {@code before}
 *       ({@code Jl.}, {@code No.}, {@code Prof.}), after initials ({@code John F. Kennedy}),
 *       after a list marker ({@code 1. Siapkan}, {@code kecuali: a. pihak}), or inside parentheses
 *       opened in the same sentence and closed later ({@code (Jakarta, 21/10. Red)}).</li>
 *   <li>After an abbreviation that may end a sentence ({@code dll.}, {@code Tbk.}, a dotted one such
 *       as {@code S.Kom.}, or a word without a vowel such as {@code yg.}), the next word must start
 *       with a capital or a digit and must not be another degree ({@code S.H. M.H.}).</li>
 *   <li>After any other word, a period ends the sentence before a capital, a digit, a bracket
 *       (reporters' tags such as {@code (ant)}), and even a lowercase word, which in news text is a
 *       writer's slip, except right after a closing quote, where the lowercase word is the
 *       attribution ({@code "Kami siap." kata Ryder.}).</li>
 * </ol>
 * The abbreviations are data: {@code abbreviations-id.txt} beside this class, with a header that
 * explains the two kinds.
 *
 * <p>A closing straight quote is told from an opening one by position: written right after the
 * marks it closes the sentence ({@code "Selesai." Lalu}); one standing alone between spaces after
 * the marks is taken as a closing quote with a stray space before it.
 */
public final class SentenceSplitter {

    private final SentenceAbbreviations abbreviations;

    /** Creates a splitter that uses the bundled Indonesian abbreviation list. */
    public SentenceSplitter() {
        this.abbreviations = SentenceAbbreviations.bundled();
    }

    /**
     * Returns the sentences of one paragraph, trimmed and in order.
     *
     * <p>Newlines count as ordinary spaces: paragraphs are the caller's business. Every character
     * other than whitespace at the sentence edges is kept, so the sentences joined with spaces give
     * back the paragraph up to whitespace. A blank paragraph has no sentences.
     *
     * @param paragraph the paragraph text
     * @return the sentences, never null and never containing a blank string
     */
    public List<String> split(String paragraph) {
        Objects.requireNonNull(paragraph, "paragraph");
        List<String> sentences = new ArrayList<>();
        String text = paragraph;
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            if (!isEndMark(text.charAt(i))) {
                i++;
                continue;
            }
            // A run of marks ("?!", "...") is one candidate; closers written right after it are its own.
            int marksEnd = i;
            while (marksEnd < n && isEndMark(text.charAt(marksEnd))) {
                marksEnd++;
            }
            int end = marksEnd;
            while (end < n && isCloser(text.charAt(end))) {
                end++;
            }
            // No space after the run: a number, an address, "S.H.," or a glued typo; never a boundary.
            if (end < n && !isSpace(text.charAt(end))) {
                i = end;
                continue;
            }
            int next = skipSpaces(text, end);
            if (next < n && text.charAt(next) == '"' && (next + 1 == n || isSpace(text.charAt(next + 1)))) {
                // A straight quote between spaces closes the sentence that just ended.
                end = next + 1;
                next = skipSpaces(text, end);
            }
            if (next >= n) {
                break;
            }
            if (endsSentence(text, start, i, marksEnd, end, next)) {
                addTrimmed(sentences, text, start, end);
                start = end;
            }
            i = end;
        }
        addTrimmed(sentences, text, start, n);
        return sentences;
    }

    /** How the word after a candidate boundary begins. */
    private enum Next {
        /** A capital letter or a digit, possibly after opening quotes: "Lalu", "2017", "\"Kami". */
        CAPITAL,
        /** A round or square bracket: an aside or a reporter's tag such as "(ant)" or "[red]". */
        BRACKET,
        /** A lowercase letter, possibly after opening quotes. */
        LOWER,
        /** Anything else: a comma, a dash, a stray symbol. */
        OTHER
    }

    /**
     * Decides whether the marks {@code text[marksStart, marksEnd)}, followed by closing quotes or
     * brackets up to {@code end}, end the sentence begun at {@code start}, given that the next word
     * begins at {@code next}.
     */
    private boolean endsSentence(String text, int start, int marksStart, int marksEnd, int end, int next) {
        Next following = classify(text, next);
        String marks = text.substring(marksStart, marksEnd);
        if (marks.indexOf('?') >= 0 || marks.indexOf('!') >= 0) {
            // A lowercase word after "?" or "!" is the attribution of a quoted question: "Siapa?" tanya dia.
            return following == Next.CAPITAL || following == Next.BRACKET;
        }
        if (marks.length() > 1 || marks.equals("…")) {
            // An ellipsis also marks a pause or an omission inside a sentence; only a capital tells.
            return following == Next.CAPITAL;
        }
        if (insideOpenParenthesis(text, start, end)) {
            return false;
        }
        String word = wordBefore(text, start, marksStart);
        SentenceAbbreviations.Kind kind = word.isEmpty() ? null : abbreviations.kindOf(word + ".");
        if (kind == SentenceAbbreviations.Kind.BEFORE || kind == null && isInitials(word)
                || isListMarker(text, start, word, marksStart, following)) {
            return false;
        }
        if (kind == SentenceAbbreviations.Kind.ANY || isDottedAbbreviation(word) || isVowelless(word)) {
            // "Budi Santoso, S.H. M.H." lists several degrees: only the last one may end a sentence.
            return following == Next.CAPITAL && !isDottedAbbreviation(stripOpeners(wordAt(text, next)));
        }
        if (following == Next.LOWER) {
            // A plain word and a period: a lowercase start is a writer's slip ("selesai. kemudian"),
            // unless a quote closed first and the lowercase word is its attribution ("Siap." kata dia).
            return !containsQuote(text, marksEnd, end);
        }
        return following != Next.OTHER;
    }

    /** How the word at {@code pos} begins. */
    private static Next classify(String text, int pos) {
        char first = text.charAt(pos);
        if (first == '(' || first == '[') {
            return Next.BRACKET;
        }
        int p = pos;
        while (p < text.length() && isOpener(text.charAt(p))) {
            p++;
        }
        if (p >= text.length()) {
            return Next.OTHER;
        }
        char c = text.charAt(p);
        if (Character.isUpperCase(c) || Character.isDigit(c)) {
            return Next.CAPITAL;
        }
        if (Character.isLowerCase(c)) {
            // Brand names such as iPhone and eKTP start with a lowercase letter but are capitalised inside.
            boolean camel = p + 1 < text.length() && Character.isUpperCase(text.charAt(p + 1));
            return camel ? Next.CAPITAL : Next.LOWER;
        }
        return Next.OTHER;
    }

    /** Whether a quote is among the closing marks {@code text[from, to)}. */
    private static boolean containsQuote(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c != ')' && c != ']') {
                return true;
            }
        }
        return false;
    }

    /**
     * A word of letters without a vowel, not written in capitals: Indonesian words always have a
     * vowel, so "yg", "utk", "dgn", "Jl" or "Bpk" are abbreviations even when not listed. Acronyms in
     * capitals ("DPR", "KPK") are names and end sentences like words.
     */
    static boolean isVowelless(String word) {
        if (word.isEmpty() || !word.chars().allMatch(Character::isLetter) || word.equals(word.toUpperCase(Locale.ROOT))) {
            return false;
        }
        return word.toLowerCase(Locale.ROOT).chars().noneMatch(c -> "aeiou".indexOf(c) >= 0);
    }

    /**
     * Whether a round bracket opened since {@code start} is still open at {@code end} (after the
     * marks and the closers taken in with them) and is closed later in the paragraph: then the
     * period belongs to the parenthetical, as in {@code (dimulai pukul 19.00. Penonton ramai)}.
     */
    private static boolean insideOpenParenthesis(String text, int start, int end) {
        int depth = 0;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
        }
        return depth > 0 && text.indexOf(')', end) >= 0;
    }

    /** The word right before the period at {@code period}, without opening quotes or brackets. */
    private static String wordBefore(String text, int start, int period) {
        int k = period;
        while (k > start && !isSpace(text.charAt(k - 1))) {
            k--;
        }
        return stripOpeners(text.substring(k, period));
    }

    /** The word starting at {@code pos}, up to the next space. */
    private static String wordAt(String text, int pos) {
        int k = pos;
        while (k < text.length() && !isSpace(text.charAt(k))) {
            k++;
        }
        return text.substring(pos, k);
    }

    private static String stripOpeners(String word) {
        int k = 0;
        while (k < word.length() && isOpener(word.charAt(k))) {
            k++;
        }
        return word.substring(k);
    }

    /**
     * Capital letters standing alone or joined by periods: initials in a name ("John F. Kennedy",
     * "H. M. Prasetyo", "J.J. Abrams"). Degrees written the same way ("S.H.") are listed as
     * abbreviations, which are looked up first.
     */
    private static boolean isInitials(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            boolean letterPlace = k % 2 == 0;
            if (letterPlace ? !Character.isUpperCase(c) : c != '.') {
                return false;
            }
        }
        return word.length() % 2 == 1;
    }

    /**
     * A list marker: a lowercase letter ("kecuali: a. pihak yang ..."; no Indonesian word is one
     * letter long), or a number of one or two digits that opens the sentence ("1. Siapkan bahan")
     * or is followed by a lowercase word ("syaratnya: 2. memiliki KTP").
     */
    private static boolean isListMarker(String text, int start, String word, int period, Next following) {
        if (word.length() == 1 && Character.isLowerCase(word.charAt(0))) {
            return true;
        }
        if (word.isEmpty() || word.length() > 2 || !word.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return following == Next.LOWER || text.substring(start, period).strip().equals(word);
    }

    /**
     * Groups of at most four letters joined by inner periods, with or without the final one:
     * "S.Kom", "A.S.", "Ph.D.", "M.Si." are abbreviations; "kabar.id" or "3.5" are not.
     */
    static boolean isDottedAbbreviation(String word) {
        String body = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
        if (body.indexOf('.') < 0) {
            return false;
        }
        String[] groups = body.split("\\.", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(Character::isLetter)) {
                return false;
            }
        }
        // "Antara.com"-style hosts have a long first group; real abbreviations start with a short capital one.
        return groups[0].length() <= 2 || Character.isUpperCase(groups[0].charAt(0)) && groups[0].length() <= 3;
    }

    private static void addTrimmed(List<String> sentences, String text, int from, int to) {
        int a = from;
        int b = to;
        while (a < b && isSpace(text.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(text.charAt(b - 1))) {
            b--;
        }
        if (a < b) {
            sentences.add(text.substring(a, b));
        }
    }

    private static int skipSpaces(String text, int pos) {
        int k = pos;
        while (k < text.length() && isSpace(text.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean isEndMark(char c) {
        return c == '.' || c == '?' || c == '!' || c == '…';
    }

    /** Closing quotes and brackets that belong to the sentence they follow. */
    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»';
    }

    private static boolean isOpener(char c) {
        return c == '"' || c == '\'' || c == '(' || c == '[' || c == '“' || c == '‘' || c == '«';
    }

    /** Whitespace including the no-break space that news pages are full of. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
