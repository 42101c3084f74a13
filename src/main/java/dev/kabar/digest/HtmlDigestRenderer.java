package dev.kabar.digest;

import java.util.Locale;

/**
 * Renders a {@link Digest} as one self-contained HTML page: no scripts, no external assets, inline
 * CSS only. The layout is plain block flow (no flex or grid), because e-mail clients drop much of
 * modern CSS; a {@code max-width} container and {@code overflow-wrap:anywhere} keep it inside a
 * phone's width even with long words and URLs. Every piece of article text is escaped.
 * Stateless and thread-safe.
 */
public final class HtmlDigestRenderer implements DigestRenderer {

    // Kept in a <style> element (not attributes) so it stays readable; Gmail and Apple Mail honour it.
    private static final String CSS = """
            body{margin:0;padding:0;background:#f4f4f1;color:#1d1d1b;font:16px/1.5 Georgia,'Times New Roman',serif;\
            -webkit-text-size-adjust:100%;text-size-adjust:100%}
            .page{max-width:42em;margin:0 auto;padding:1em;background:#fff;overflow-wrap:anywhere;word-wrap:break-word}
            h1{font-size:1.6em;line-height:1.2;margin:.3em 0}
            h2{font-size:1.3em;margin:1.6em 0 .4em;padding-bottom:.2em;border-bottom:2px solid #1d1d1b}
            h3{font-size:1.05em;margin:1.2em 0 .4em;text-transform:uppercase;letter-spacing:.05em;color:#5b5b57;\
            font-family:Helvetica,Arial,sans-serif}
            article{margin:0 0 1.2em;padding:0 0 1em;border-bottom:1px solid #ddd}
            h4{font-size:1.15em;line-height:1.3;margin:.2em 0}
            p{margin:.4em 0}
            .orig{font-style:italic;color:#5b5b57}
            .meta{font:.85em/1.4 Helvetica,Arial,sans-serif;color:#5b5b57}
            .note{font:.8em/1.4 Helvetica,Arial,sans-serif;color:#8a5a00}
            .count{font:.9em/1.4 Helvetica,Arial,sans-serif;color:#5b5b57}
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
                .append("<p class=\"count\">").append(escape(digest.countLine())).append("</p>\n</header>\n<main>\n");
        for (Digest.Day day : digest.days()) {
            out.append("<section>\n<h2>").append(escape(day.heading())).append("</h2>\n");
            for (Digest.Group group : day.groups()) {
                out.append("<section>\n<h3>").append(escape(group.name())).append("</h3>\n");
                for (DigestEntry entry : group.entries()) {
                    article(out, entry);
                }
                out.append("</section>\n");
            }
            out.append("</section>\n");
        }
        out.append("</main>\n<footer><p class=\"meta\">Machine-translated from Indonesian by kabar.</p></footer>\n")
                .append("</div>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void article(StringBuilder out, DigestEntry entry) {
        out.append("<article>\n<h4>").append(escape(entry.titleEn())).append("</h4>\n");
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
        out.append(" &middot; ").append(escape(entry.source()))
                .append(" &middot; ").append(escape(readingTime(entry))).append("</p>\n");
        if (!entry.summary().isEmpty()) {
            out.append("<p class=\"summary\">").append(escape(entry.summary())).append("</p>\n");
        }
        if (entry.summaryFromBody()) {
            out.append("<p class=\"note\">").append(escape(DigestRenderer.NO_SUMMARY_NOTE)).append("</p>\n");
        }
        if (entry.url() != null) {
            if (DigestRenderer.isWebLink(entry.url())) {
                out.append("<p class=\"meta\"><a href=\"").append(escape(entry.url().strip())).append("\">")
                        .append(escape(entry.url().strip())).append("</a></p>\n");
            } else {
                // Not http(s): shown, never linked, so a javascript: or file: value cannot run or leak.
                out.append("<p class=\"meta\">").append(escape(entry.url())).append("</p>\n");
            }
        }
        out.append("</article>\n");
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
