package dev.kabar.tokenize;

import dev.kabar.tokenize.TokenizerConfigFiles.AddedTokenSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts text around literal special-token strings, as transformers' slow tokenizers do before the
 * model tokenizer sees the text ({@code PreTrainedTokenizer.tokenize} with its {@code Trie}).
 *
 * <p>At each position the longest token that starts there wins, scanning left to right. A token
 * with {@code lstrip} / {@code rstrip} removes the whitespace of the text on that side, like the
 * reference's {@code AddedToken} flags.
 */
final class SpecialTokenSplitter {

    /** One piece of the input: either plain text or one special token. */
    record Part(String text, boolean special) {
    }

    private final List<AddedTokenSpec> tokens;

    /** Creates a splitter for the given tokens; empty contents are ignored. */
    SpecialTokenSplitter(List<AddedTokenSpec> tokens) {
        this.tokens = new ArrayList<>();
        for (AddedTokenSpec t : tokens) {
            if (!t.content().isEmpty()) {
                this.tokens.add(t);
            }
        }
        // Longest first so that the first match found at a position is the longest one.
        this.tokens.sort(Comparator.comparingInt((AddedTokenSpec t) -> t.content().length()).reversed());
    }

    /** Splits {@code text}; plain parts that end up empty are dropped, as the reference skips them. */
    List<Part> split(String text) {
        List<Part> parts = new ArrayList<>();
        List<AddedTokenSpec> matched = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            AddedTokenSpec hit = null;
            for (AddedTokenSpec t : tokens) {
                if (text.startsWith(t.content(), i)) {
                    hit = t;
                    break;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            parts.add(new Part(text.substring(start, i), false));
            matched.add(null);
            parts.add(new Part(hit.content(), true));
            matched.add(hit);
            i += hit.content().length();
            start = i;
        }
        parts.add(new Part(text.substring(start), false));
        matched.add(null);

        // The reference applies the strip flags to the neighbouring text parts after splitting.
        for (int k = 0; k < parts.size(); k++) {
            AddedTokenSpec t = matched.get(k);
            if (t == null) {
                continue;
            }
            if (t.rstrip() && k + 1 < parts.size()) {
                parts.set(k + 1, new Part(lstripPython(parts.get(k + 1).text()), false));
            }
            if (t.lstrip() && k > 0) {
                parts.set(k - 1, new Part(rstripPython(parts.get(k - 1).text()), false));
            }
        }
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (p.special() || !p.text().isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static String lstripPython(String s) {
        int i = 0;
        while (i < s.length() && TokenizationSpaces.isPythonSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstripPython(String s) {
        int i = s.length();
        while (i > 0 && TokenizationSpaces.isPythonSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
