package dev.kabar.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a sentence as the language rules count them: whitespace-separated tokens with at
 * least one letter, stripped of the punctuation around them. Numbers are not words ("iPhone 15 Pro
 * Max" has three).
 *
 * @param words the words, as written
 * @param lowercase how many words have no capital letter (ordinary words, not names or acronyms)
 * @param letters the letters in the sentence
 * @param latinLetters those of the Latin script (accented ones included)
 */
record SentenceWords(List<String> words, int lowercase, int letters, int latinLetters) {

    static SentenceWords of(String sentence) {
        List<String> words = new ArrayList<>();
        int lowercase = 0;
        int letters = 0;
        int latin = 0;
        for (String token : sentence.strip().split("\\s+")) {
            int start = 0;
            int end = token.length();
            while (start < end && !Character.isLetterOrDigit(token.codePointAt(start))) {
                start += Character.charCount(token.codePointAt(start));
            }
            while (end > start && !Character.isLetterOrDigit(token.codePointBefore(end))) {
                end -= Character.charCount(token.codePointBefore(end));
            }
            String word = token.substring(start, end);
            boolean hasLetter = false;
            boolean hasCapital = false;
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                if (Character.isLetter(cp)) {
                    hasLetter = true;
                    letters++;
                    if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                        latin++;
                    }
                    if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                        hasCapital = true;
                    }
                }
                i += Character.charCount(cp);
            }
            if (hasLetter) {
                words.add(word);
                if (!hasCapital) {
                    lowercase++;
                }
            }
        }
        return new SentenceWords(List.copyOf(words), lowercase, letters, latin);
    }

    /** The words lowercased, for looking up in word lists. */
    List<String> lowercased() {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    /** The share of words with no capital letter; 0 for a sentence with no words. */
    double lowercaseShare() {
        return words.isEmpty() ? 0 : (double) lowercase / words.size();
    }
}
