package dev.kabar.digest;

import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@link Digest} into a document; implementations show the same content in their own markup. */
public interface DigestRenderer {

    /** The note shown under an article that had no {@code summary_en}. */
    String NO_SUMMARY_NOTE = "No summary: the first two translated sentences are shown.";

    /** What the note of a marker says before the reasons. */
    String SUSPECT_NOTE = "Translation to check: ";

    /** A marker placeholder of {@link DigestEntry#markedTitle()} and {@link DigestEntry#markedSummary()}. */
    Pattern MARK = Pattern.compile(DigestEntry.MARK_START + "(\\d+)" + DigestEntry.MARK_END);

    /** Replaces each marker placeholder of already escaped text by the markup of its number. */
    static String replaceMarks(String escaped, IntFunction<String> markup) {
        Matcher m = MARK.matcher(escaped);
        StringBuilder out = new StringBuilder(escaped.length() + 32);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(markup.apply(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    /** Renders the whole digest. */
    String render(Digest digest);

    /**
     * Picks the renderer for an output file's extension: {@code .html}/{@code .htm} or
     * {@code .md}/{@code .markdown}.
     *
     * @throws IllegalArgumentException naming the file and the allowed extensions
     */
    static DigestRenderer forFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return new HtmlDigestRenderer();
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return new MarkdownDigestRenderer();
        }
        throw new IllegalArgumentException("cannot tell the digest format from '" + fileName
                + "'; name the output .html or .md");
    }

    /** Whether a url may be linked: only http and https, so that nothing else runs from a click. */
    static boolean isWebLink(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return (u.startsWith("http://") || u.startsWith("https://")) && u.chars().noneMatch(c -> c <= ' ');
    }
}
