package dev.kabar.digest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a {@link Digest} as CommonMark with the same content and order as the HTML: {@code #} the
 * digest title, {@code ##} the contents and each day, {@code ###} each source, {@code ####} each
 * category of a source that has them, and each article's headline one level below its parent
 * ({@code ####} or {@code #####}). CommonMark has no heading ids, so each day and source heading
 * starts with an empty {@code <a id>} that the contents links point to. Article text is
 * backslash-escaped so that a headline with {@code *}, {@code <} or {@code [} shows as written and
 * never becomes markup or raw HTML. A suspect translation is followed by a numbered marker
 * ({@code [?1]}) whose note, under the article, gives the reasons; articles whose sentences are
 * mostly suspect follow the days under their own {@code ##} heading, {@link Digest#TO_CHECK_HEADING}.
 * Stateless and thread-safe.
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
        contents(out, digest);
        for (Digest.Day day : digest.days()) {
            out.append("\n## ").append(anchor(day.anchor())).append(escape(day.heading())).append("\n");
            for (Digest.Group group : day.groups()) {
                out.append("\n### ").append(anchor(group.anchor())).append(escape(group.name())).append("\n");
                for (Digest.Category category : group.categories()) {
                    if (group.categorised()) {
                        out.append("\n#### ").append(escape(category.name())).append("\n");
                    }
                    for (DigestEntry entry : category.entries()) {
                        article(out, entry, group.categorised() ? "#####" : "####");
                    }
                }
            }
        }
        if (!digest.toCheck().isEmpty()) {
            out.append("\n## ").append(anchor(Digest.TO_CHECK_ANCHOR)).append(escape(Digest.TO_CHECK_HEADING)).append("\n\n")
                    .append(escape(Digest.TO_CHECK_NOTE)).append('\n');
            for (DigestEntry entry : digest.toCheck()) {
                article(out, entry, "###");
            }
        }
        out.append("\n---\n\n_Machine-translated from Indonesian by kabar._\n");
        return out.toString();
    }

    /** One list item per day: the day, its count, then its sources with theirs, each linking to its heading. */
    private static void contents(StringBuilder out, Digest digest) {
        out.append("\n## Contents\n\n");
        for (Digest.Day day : digest.days()) {
            out.append("- [").append(escape(day.heading())).append("](#").append(day.anchor()).append(") (")
                    .append(Digest.articles(day.count())).append("): ");
            for (int k = 0; k < day.groups().size(); k++) {
                Digest.Group group = day.groups().get(k);
                out.append(k == 0 ? "" : " · ").append('[').append(escape(group.name())).append("](#")
                        .append(group.anchor()).append(") (").append(group.count()).append(')');
            }
            out.append('\n');
        }
        if (!digest.toCheck().isEmpty()) {
            out.append("- [").append(escape(Digest.TO_CHECK_HEADING)).append("](#").append(Digest.TO_CHECK_ANCHOR).append(") (")
                    .append(Digest.articles(digest.toCheck().size())).append(")\n");
        }
    }

    // Anchors are made of [a-z0-9-] only (Digest.slug), so they need no escaping.
    private static String anchor(String id) {
        return "<a id=\"" + id + "\"></a>";
    }

    private static void article(StringBuilder out, DigestEntry entry, String heading) {
        out.append('\n').append(heading).append(' ').append(marked(entry.markedTitle())).append("\n\n");
        if (entry.titleId() != null) {
            out.append("_Indonesian:_ ").append(escape(entry.titleId())).append("\n\n");
        }
        out.append(escape(entry.published().display())).append(" · ").append(escape(entry.source()));
        if (entry.creditShown() != null) {
            out.append(" · via ").append(escape(entry.creditShown()));
        }
        out.append(" · ").append(HtmlDigestRenderer.readingTime(entry)).append("\n\n");
        if (!entry.summary().isEmpty()) {
            out.append(marked(entry.markedSummary())).append("\n\n");
        }
        List<String> notes = entry.markNotes();
        for (int n = 1; n <= notes.size(); n++) {
            out.append("_\\[?").append(n).append("\\] ").append(escape(DigestRenderer.SUSPECT_NOTE + notes.get(n - 1)))
                    .append("_\n\n");
        }
        if (entry.summaryFromBody()) {
            out.append("_").append(escape(DigestRenderer.NO_SUMMARY_NOTE)).append("_\n\n");
        }
        if (entry.url() != null) {
            String url = entry.url().strip();
            // A link destination in <> cannot hold < or >; such a url (never a real one) is shown as text instead.
            // The link text is the site's name: a long url as text takes three lines on a phone.
            if (DigestRenderer.isWebLink(url) && url.indexOf('<') < 0 && url.indexOf('>') < 0) {
                out.append("Original in Indonesian: [").append(escape(entry.linkText())).append("](<").append(url)
                        .append(">)\n\n");
            } else {
                out.append(escape(url)).append("\n\n");
            }
        }
        out.setLength(out.length() - 1);
    }

    /** Escaped text with each marker placeholder made a bracketed number, {@code [?1]}. */
    private static String marked(String text) {
        return DigestRenderer.replaceMarks(escape(text), n -> " \\[?" + n + "\\]");
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
