package dev.kabar.summarize;

import java.util.ArrayList;
import java.util.List;

/** Word tokens of a plain-text sentence, and the token tests the summariser needs. */
final class SentenceTokens {

    /**
     * Quotation marks that open or close direct speech in Indonesian news: double marks only
     * (straight, curly, low, guillemets). Single marks ({@code ‘4:44’}, {@code 'Curhat'}) set off
     * titles, nicknames and scare quotes: in IndoSum folds 1-3 a sentence at positions 2-5 with only
     * single marks is in the gold extract as often as a plain one (56% against 54%), one with double
     * marks 15% of the time.
     */
    private static final String QUOTES = "\"\u201C\u201D\u201E\u201F\u00AB\u00BB";

    private SentenceTokens() {
    }

    /**
     * Splits on white space and peels punctuation off both ends of each piece, so that
     * {@code "Kami siap," kata dia.} gives {@code " Kami siap , " kata dia .}; punctuation inside a
     * word ({@code Jum'at}, {@code 25/2}, {@code Rp1.000}) stays, roughly as IndoSum's spaCy tokens.
     */
    static List<String> tokenize(String sentence) {
        List<String> out = new ArrayList<>();
        if (sentence == null) {
            return out;
        }
        for (String piece : sentence.trim().split("\\s+")) {
            if (piece.isEmpty()) {
                continue;
            }
            int start = 0;
            int end = piece.length();
            while (start < end && !Character.isLetterOrDigit(piece.charAt(start))) {
                out.add(String.valueOf(piece.charAt(start)));
                start++;
            }
            List<String> tail = new ArrayList<>();
            while (end > start && !Character.isLetterOrDigit(piece.charAt(end - 1))) {
                tail.add(0, String.valueOf(piece.charAt(end - 1)));
                end--;
            }
            if (start < end) {
                out.add(piece.substring(start, end));
            }
            out.addAll(tail);
        }
        return out;
    }

    /** Whether the token is a word: it holds a letter or a digit (punctuation is not counted in budgets). */
    static boolean isWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetterOrDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the token opens or closes direct speech: it begins or ends with a double quotation
     * mark, or is {@code ``} or {@code ''}. Single marks and apostrophes ({@code Jum'at}) are not.
     */
    static boolean isQuote(String token) {
        if (token.isEmpty()) {
            return false;
        }
        // spaCy and PTB-style tokenisers write straight double quotes as `` and ''.
        if (token.equals("``") || token.equals("''")) {
            return true;
        }
        return QUOTES.indexOf(token.charAt(0)) >= 0 || QUOTES.indexOf(token.charAt(token.length() - 1)) >= 0;
    }

    /** Words that, followed by "juga" ("also"), open a link to another article: "Baca juga:", "Simak juga:", "Lihat juga:". */
    private static final java.util.Set<String> LINK_VERBS = java.util.Set.of("baca", "simak", "lihat");

    /**
     * Whether the sentence is a link to another article rather than part of this one: it opens
     * with "Baca juga", "Simak juga" or "Lihat juga" (any case), or with IndoSum's "Baca_Juga" token.
     * Such lines are never summary material (none of 183 in IndoSum folds 1-3 is in the gold extract).
     */
    static boolean isRelatedLink(List<String> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        String first = tokens.get(0).toLowerCase(java.util.Locale.ROOT);
        if (first.equals("baca_juga")) {
            return true;
        }
        return tokens.size() > 1 && LINK_VERBS.contains(first) && tokens.get(1).toLowerCase(java.util.Locale.ROOT).equals("juga");
    }
}
