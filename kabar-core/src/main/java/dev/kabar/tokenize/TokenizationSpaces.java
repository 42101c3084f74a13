package dev.kabar.tokenize;

/**
 * The {@code clean_up_tokenization_spaces} step of transformers 4.40.2
 * ({@code PreTrainedTokenizerBase.clean_up_tokenization}).
 *
 * <p>DJL's {@code HuggingFaceTokenizer} has its own version, but it replaces {@code " '"} where the
 * reference replaces {@code " ' "}, so the reference list is kept here and DJL's is never enabled.
 */
final class TokenizationSpaces {

    /** Replacements in the reference's order; the order matters (" ' " before " 's"). */
    private static final String[][] REPLACEMENTS = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"},
        {" n't", "n't"}, {" 'm", "'m"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
    };

    private TokenizationSpaces() {
    }

    /** Removes the spaces the reference removes before punctuation and English contractions. */
    static String cleanUp(String text) {
        String out = text;
        for (String[] r : REPLACEMENTS) {
            out = out.replace(r[0], r[1]);
        }
        return out;
    }

    /**
     * Removes leading and trailing whitespace as Python's {@code str.strip()} does, which the
     * reference uses; Java's {@code String.strip()} disagrees on e.g. U+00A0 and U+0085.
     */
    static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Python's {@code str.isspace()} for one char (all such code points are in the BMP). */
    static boolean isPythonSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }
}
