package dev.kabar.digest;

import java.util.regex.Pattern;

/**
 * Renders a {@link Digest} as CommonMark with the same content and order as the HTML: {@code #} the
 * digest title, {@code ##} per day, {@code ###} per group, {@code ####} per article. Article text is
 * backslash-escaped so that a headline with {@code *}, {@code <} or {@code [} shows as written and
 * never becomes markup or raw HTML. Stateless and thread-safe.
 */
public final class MarkdownDigestRenderer implements DigestRenderer {

    // Every ASCII punctuation character CommonMark can read as markup; all may be backslash-escaped.
    private static final String SPECIAL = "\\`*_{}[]<>#!|~&";
    // At the start of a block these make a list, a heading underline or a numbered item.
    private static final Pattern BLOCK_START = Pattern.compile("^(?:[-+=]|\\d+[.)])");

    @Override
    public String render(Digest digest) {
        StringBuilder out = new StringBuilder(8_192);
        out.append("# ").append(escape(digest.title())).append("\n\n")
                .append(escape(digest.countLine())).append("\n");
        for (Digest.Day day : digest.days()) {
            out.append("\n## ").append(escape(day.heading())).append("\n");
            for (Digest.Group group : day.groups()) {
                out.append("\n### ").append(escape(group.name())).append("\n");
                for (DigestEntry entry : group.entries()) {
                    article(out, entry);
                }
            }
        }
        out.append("\n---\n\n_Machine-translated from Indonesian by kabar._\n");
        return out.toString();
    }

    private static void article(StringBuilder out, DigestEntry entry) {
        out.append("\n#### ").append(escape(entry.titleEn())).append("\n\n");
        if (entry.titleId() != null) {
            out.append("_Indonesian:_ ").append(escape(entry.titleId())).append("\n\n");
        }
        out.append(escape(entry.published().display())).append(" · ").append(escape(entry.source())).append(" · ")
                .append(HtmlDigestRenderer.readingTime(entry)).append("\n\n");
        if (!entry.summary().isEmpty()) {
            out.append(escape(entry.summary())).append("\n\n");
        }
        if (entry.summaryFromBody()) {
            out.append("_").append(escape(DigestRenderer.NO_SUMMARY_NOTE)).append("_\n\n");
        }
        if (entry.url() != null) {
            String url = entry.url().strip();
            // An autolink cannot hold < or >; such a url (never a real one) is shown as text instead.
            if (DigestRenderer.isWebLink(url) && url.indexOf('<') < 0 && url.indexOf('>') < 0) {
                out.append('<').append(url).append(">\n\n");
            } else {
                out.append(escape(url)).append("\n\n");
            }
        }
        out.setLength(out.length() - 1);
    }

    /** Escapes text so that CommonMark shows it literally, on one line. */
    public static String escape(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        StringBuilder out = new StringBuilder(flat.length() + 8);
        if (BLOCK_START.matcher(flat).find()) {
            int end = 0;
            while (end < flat.length() && Character.isDigit(flat.charAt(end))) {
                end++;
            }
            // Escape the marker itself: "\-", "1\." so the line stays a paragraph.
            out.append(flat, 0, end).append('\\');
            flat = flat.substring(end);
        }
        for (int k = 0; k < flat.length(); k++) {
            char c = flat.charAt(k);
            if (SPECIAL.indexOf(c) >= 0 && !(k == 0 && out.length() > 0 && out.charAt(out.length() - 1) == '\\')) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
