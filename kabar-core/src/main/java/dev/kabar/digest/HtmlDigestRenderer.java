package dev.kabar.digest;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Digest} as one self-contained HTML page: no scripts, no external assets, inline
 * CSS only. The layout is plain block flow (no flex or grid), because e-mail clients drop much of
 * modern CSS; a {@code max-width} container and {@code overflow-wrap:anywhere} keep it inside a
 * phone's width even with long words and URLs. Every piece of article text is escaped.
 *
 * <p>Headings: {@code h1} the title, {@code h2} the contents and each day, {@code h3} each source,
 * {@code h4 class="category"} each category of a source that has them, and each article's headline
 * one level below its parent ({@code h4} under a source, {@code h5} under a category). The contents
 * list gives one line per day with its sources, each a link to its section with its article count.
 * A suspect translation is followed by a numbered marker ({@code <sup class="suspect">?1</sup>},
 * the reasons in its {@code title}) and a note under the article giving the reasons; articles whose
 * sentences are mostly suspect follow the days in their own {@code h2} section, {@link
 * Digest#TO_CHECK_HEADING}. Stateless and thread-safe.
 */
public final class HtmlDigestRenderer implements DigestRenderer {

    // Kept in a <style> element (not attributes) so it stays readable; Gmail and Apple Mail honour it.
    private static final String CSS = """
            body{margin:0;padding:0;background:#f4f4f1;color:#1d1d1b;font:16px/1.5 Georgia,'Times New Roman',serif;\
            -webkit-text-size-adjust:100%;text-size-adjust:100%}
            .page{max-width:42em;margin:0 auto;padding:1em;background:#fff;overflow-wrap:anywhere;word-wrap:break-word}
            h1{font-size:1.6em;line-height:1.2;margin:.3em 0}
            h2{font-size:1.3em;margin:1.6em 0 .4em;padding-bottom:.2em;border-bottom:2px solid #1d1d1b}
            h3{font-size:1.1em;margin:1.2em 0 .4em;color:#5b5b57;\
            font-family:Helvetica,Arial,sans-serif}
            h4.category{font:italic .95em/1.3 Helvetica,Arial,sans-serif;margin:.8em 0 .4em;color:#5b5b57}
            article{margin:0 0 1.2em;padding:0 0 1em;border-bottom:1px solid #ddd}
            article h4,article h5{font-size:1.15em;line-height:1.3;margin:.2em 0}
            .toc ul{margin:.4em 0;padding-left:1.2em}
            .toc li{margin:.3em 0;font:.9em/1.5 Helvetica,Arial,sans-serif}
            p{margin:.4em 0}
            .orig{font-style:italic;color:#5b5b57}
            .meta{font:.85em/1.4 Helvetica,Arial,sans-serif;color:#5b5b57}
            .note{font:.8em/1.4 Helvetica,Arial,sans-serif;color:#8a5a00}
            .count{font:.9em/1.4 Helvetica,Arial,sans-serif;color:#5b5b57}
            sup.suspect{font:bold .7em Helvetica,Arial,sans-serif;color:#a40000}
            .suspect-note{font:.8em/1.4 Helvetica,Arial,sans-serif;color:#a40000}
            a{color:#0b57a4}
            """;

    @Override
    public String render(Digest digest) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(digest.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<div class=\"page\">\n")
                .append("<header>\n<h1>").append(escape(digest.title())).append("</h1>\n")
                .append("<p class=\"count\">").append(escape(digest.countLine())).append("</p>\n</header>\n");
        contents(out, digest);
        out.append("<main>\n");
        for (Digest.Day day : digest.days()) {
            out.append("<section id=\"").append(escape(day.anchor())).append("\">\n<h2>").append(escape(day.heading()))
                    .append("</h2>\n");
            for (Digest.Group group : day.groups()) {
                out.append("<section id=\"").append(escape(group.anchor())).append("\">\n<h3>").append(escape(group.name()))
                        .append("</h3>\n");
                for (Digest.Category category : group.categories()) {
                    if (group.categorised()) {
                        out.append("<section>\n<h4 class=\"category\">").append(escape(category.name())).append("</h4>\n");
                    }
                    for (DigestEntry entry : category.entries()) {
                        article(out, entry, group.categorised() ? "h5" : "h4");
                    }
                    if (group.categorised()) {
                        out.append("</section>\n");
                    }
                }
                out.append("</section>\n");
            }
            out.append("</section>\n");
        }
        if (!digest.toCheck().isEmpty()) {
            out.append("<section id=\"").append(Digest.TO_CHECK_ANCHOR).append("\">\n<h2>")
                    .append(escape(Digest.TO_CHECK_HEADING)).append("</h2>\n<p class=\"note\">")
                    .append(escape(Digest.TO_CHECK_NOTE)).append("</p>\n");
            for (DigestEntry entry : digest.toCheck()) {
                article(out, entry, "h3");
            }
            out.append("</section>\n");
        }
        out.append("</main>\n<footer><p class=\"meta\">Machine-translated from Indonesian by kabar.</p></footer>\n")
                .append("</div>\n</body>\n</html>\n");
        return out.toString();
    }

    /** One line per day: the day, its count, then its sources with theirs, each linking to its section. */
    private static void contents(StringBuilder out, Digest digest) {
        out.append("<nav class=\"toc\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n");
        for (Digest.Day day : digest.days()) {
            out.append("<li>").append(link(day.anchor(), day.heading())).append(" (")
                    .append(Digest.articles(day.count())).append("): ");
            List<Digest.Group> groups = day.groups();
            for (int k = 0; k < groups.size(); k++) {
                Digest.Group group = groups.get(k);
                out.append(k == 0 ? "" : " &middot; ").append(link(group.anchor(), group.name()))
                        .append(" (").append(group.count()).append(')');
            }
            out.append("</li>\n");
        }
        if (!digest.toCheck().isEmpty()) {
            out.append("<li>").append(link(Digest.TO_CHECK_ANCHOR, Digest.TO_CHECK_HEADING)).append(" (")
                    .append(Digest.articles(digest.toCheck().size())).append(")</li>\n");
        }
        out.append("</ul>\n</nav>\n");
    }

    private static String link(String anchor, String text) {
        return "<a href=\"#" + escape(anchor) + "\">" + escape(text) + "</a>";
    }

    private static void article(StringBuilder out, DigestEntry entry, String heading) {
        List<String> notes = entry.markNotes();
        out.append("<article>\n<").append(heading).append('>').append(marked(entry.markedTitle(), notes))
                .append("</").append(heading).append(">\n");
        if (entry.titleId() != null) {
            out.append("<p class=\"orig\" lang=\"id\">").append(escape(entry.titleId())).append("</p>\n");
        }
        out.append("<p class=\"meta\">");
        String iso = entry.published().iso();
        if (iso != null) {
            out.append("<time datetime=\"").append(escape(iso)).append("\">")
                    .append(escape(entry.published().display())).append("</time>");
        } else {
            out.append(escape(entry.published().display()));
        }
        out.append(" &middot; ").append(escape(entry.source()));
        if (entry.creditShown() != null) {
            out.append(" &middot; via ").append(escape(entry.creditShown()));
        }
        out.append(" &middot; ").append(escape(readingTime(entry))).append("</p>\n");
        if (!entry.summary().isEmpty()) {
            out.append("<p class=\"summary\">").append(marked(entry.markedSummary(), notes)).append("</p>\n");
        }
        for (int n = 1; n <= notes.size(); n++) {
            out.append("<p class=\"suspect-note\">?").append(n).append(' ').append(escape(DigestRenderer.SUSPECT_NOTE))
                    .append(escape(notes.get(n - 1))).append("</p>\n");
        }
        if (entry.summaryFromBody()) {
            out.append("<p class=\"note\">").append(escape(DigestRenderer.NO_SUMMARY_NOTE)).append("</p>\n");
        }
        if (entry.url() != null) {
            if (DigestRenderer.isWebLink(entry.url())) {
                // The site's name, not the address: a long url as link text takes three lines on a phone.
                out.append("<p class=\"meta\">Original in Indonesian: <a href=\"").append(escape(entry.url().strip()))
                        .append("\">").append(escape(entry.linkText())).append("</a></p>\n");
            } else {
                // Not http(s): shown, never linked, so a javascript: or file: value cannot run or leak.
                out.append("<p class=\"meta\">").append(escape(entry.url())).append("</p>\n");
            }
        }
        out.append("</article>\n");
    }

    /** Escaped text with each marker placeholder made a superscript that names its reasons. */
    private static String marked(String text, List<String> notes) {
        return DigestRenderer.replaceMarks(escape(text), n -> "<sup class=\"suspect\" title=\""
                + escape(DigestRenderer.SUSPECT_NOTE + notes.get(n - 1)) + "\">?" + n + "</sup>");
    }

    static String readingTime(DigestEntry entry) {
        return String.format(Locale.ROOT, "%d min read", entry.readingMinutes());
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in HTML text.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
