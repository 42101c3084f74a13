package dev.kabar.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the visible text of a saved Indonesian news page into an {@link Article}: headline,
 * dateline (as ISO-8601 with offset), place/agency lead, body paragraphs, photo captions, source
 * credit, reporter, editor, keywords and category; every other line is kept in
 * {@link Article#dropped()} in page order so that nothing is lost silently.
 *
 * <p>How a page is read, in order: the headline is the line that repeats the page's first line
 * (the HTML title, minus its site suffix) and sits next to a dateline and a real paragraph, which
 * tells it apart from the same title in a "related" list; the dateline is the one nearest the
 * headline; the body starts at the lead ({@code JAKARTA, Jurnas.com -}) or at the first real
 * paragraph after the dateline, and ends at a reporter signature such as {@code (fyk/ash)}, a
 * credit block ({@code Editor:}, {@code Sumber:}) that no paragraph follows, a copyright line or a
 * heading from the boilerplate rules ({@code Berita Terkait}, {@code PILIHAN REDAKSI}). Markers
 * come from {@link BoilerplateRules}; no rule names a particular file. Thread-safe.
 */
public final class NewsPageCleaner {

    /** A line with at least this many words reads as a paragraph rather than a link or a menu item. */
    static final int PARAGRAPH_WORDS = 15;
    /** Lines this long between the headline and the body are captions or teasers, not menu items. */
    private static final int CAPTION_WORDS = 8;
    /** How far after the headline and dateline the body may start. */
    private static final int BODY_SEARCH_LINES = 40;
    /** How far after the body credits (editor, tags) are looked for. */
    private static final int TAIL_LINES = 40;

    // "JAKARTA, Jurnas.com - ", "Jakarta, CNN Indonesia -- ", "VIVA – ", or "Jakarta -" on its own line.
    private static final Pattern LEAD_DASH = Pattern.compile("^(\\S.{0,79}?)\\s+(?:--|-|–|—)(?:\\s+|$)");
    // Liputan6 sometimes drops the dash: "Liputan6.com, Jakarta London Love Story, ..."
    private static final Pattern LEAD_NO_DASH = Pattern.compile(
            "^([A-Za-z0-9]+\\.(?:com|co\\.id|co|id)),\\s+(\\p{Lu}\\p{L}+)\\s+(?=\\p{Lu}|[\"“])");
    private static final Pattern SITE_TOKEN = Pattern.compile("(?i)[a-z0-9]\\.(com|co\\.id|co|id|net)\\b");
    private static final Pattern PARENTHESIS = Pattern.compile("\\([^)]{2,}\\)");
    // "(fyk/ash)", "(kpl/pur/tch)", "(ren)": initials of reporter and editor close detik-style articles.
    private static final Pattern SIGNATURE = Pattern.compile("^\\((?:[A-Za-z]{2,6})(?:/[A-Za-z]{2,6}){0,4}\\)$");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+(?:\\||-|–|—|::|»)\\s+");
    private static final Pattern BREADCRUMB_HOME = Pattern.compile("(?i)^(home|beranda|awal|index)\\s*[>»/]?$");
    private static final Pattern TERMINAL = Pattern.compile("[.!?:;\"”’')»]$");

    private static final Pattern REPORTER = Pattern.compile(
            "(?i)^(?:penulis|reporter|pewarta|oleh|author|jurnalis|wartawan)\\s*:\\s*(\\S.*)$");
    private static final Pattern BY = Pattern.compile("^(?:By|Oleh)\\s+(\\p{Lu}[\\p{L}.' ]{2,60})$");
    private static final Pattern BYLINE = Pattern.compile("^(\\p{Lu}[\\p{L}.' ]{2,50}?)\\s+-\\s+detik\\w*$");
    private static final Pattern EDITOR = Pattern.compile("(?i)^(?:editor|redaktur|red|penyunting)\\s*:\\s*(\\S.*)$");
    private static final Pattern SOURCE = Pattern.compile("(?i)^sumber\\s*:\\s*(\\S.*)$");
    private static final Pattern KEYWORDS = Pattern.compile(
            "(?i)^(?:keywords?|tags?|topik|kata kunci)\\s*:\\s*(\\S.*)$");
    private static final Pattern LABEL = Pattern.compile(
            "(?i)^(penulis|reporter|pewarta|oleh|author|editor|redaktur|keywords?|tags?|topik|kata kunci)\\s*:?$");

    private final BoilerplateRules rules;

    /** Creates a cleaner with the bundled {@link BoilerplateRules#standard() rules}. */
    public NewsPageCleaner() {
        this(BoilerplateRules.standard());
    }

    /** Creates a cleaner with the given rules. */
    public NewsPageCleaner(BoilerplateRules rules) {
        this.rules = rules;
    }

    /** What became of a line of the page. */
    enum Role { UNASSIGNED, TITLE, DATELINE, LEAD, BODY, CAPTION, METADATA, DROPPED }

    /** One non-blank line of input with what the cleaner decided about it. */
    static final class Line {
        final String text;
        final boolean blankBefore;
        String bodyText;
        Role role = Role.UNASSIGNED;

        Line(String text, boolean blankBefore) {
            this.text = text;
            this.blankBefore = blankBefore;
            this.bodyText = text;
        }
    }

    /**
     * Cleans a whole saved page.
     *
     * @param pageText the visible text of the page, one block per line
     * @param origin where the page came from, copied to the article and used as no id
     */
    public Article clean(String pageText, String origin) {
        return cleanPage(pageText, origin).build();
    }

    /** Cleans a whole saved page into a builder, so that a reader can add warnings or an id. */
    public Article.Builder cleanPage(String pageText, String origin) {
        List<Line> lines = split(pageText);
        Article.Builder article = Article.builder().origin(origin);
        if (lines.isEmpty()) {
            return article.warning("page is empty");
        }
        Dateline[] datelines = new Dateline[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            datelines[i] = DatelineParser.parseDatelineLine(lines.get(i).text).orElse(null);
        }
        SiteNames site = siteNames(lines);
        Headline found = findHeadline(lines, datelines, site);
        int headline = found.index();
        int dateline = findDateline(lines, datelines, headline);
        if (headline >= 0) {
            lines.get(headline).role = Role.TITLE;
            article.title(found.title());
        } else {
            article.warning("no headline found");
        }
        if (dateline < 0) {
            dateline = firstFullDateline(datelines);
            if (dateline >= 0) {
                article.warning("no dateline next to the headline; took the first one on the page");
            }
        }
        if (dateline >= 0) {
            Dateline printed = datelines[dateline];
            lines.get(dateline).role = Role.DATELINE;
            article.dateline(printed.raw()).date(printed.iso());
            if (printed.warning() != null) {
                article.warning(printed.warning());
            }
        } else {
            article.warning("no dateline found near the headline");
        }
        int top = Math.max(headline, dateline);
        int bodyStart = findBodyStart(lines, datelines, top + 1);
        if (bodyStart < 0) {
            article.warning("no article body found");
            bodyStart = lines.size();
        }
        readBeforeBody(lines, datelines, Math.min(Math.max(headline, 0), dateline < 0 ? Integer.MAX_VALUE : dateline),
                bodyStart, article);
        int bodyEnd = readBody(lines, bodyStart, lines.size(), article, true);
        readCredits(lines, bodyEnd, Math.min(lines.size(), bodyEnd + TAIL_LINES), article);
        if (dateline >= 0) {
            creditsOnDateline(lines, datelines[dateline], dateline, site, article);
        }
        category(lines, Math.min(Math.max(headline, 0), dateline < 0 ? Integer.MAX_VALUE : dateline), article);
        dropDuplicateTitles(lines, article.title());
        return assemble(lines, article);
    }

    /**
     * Cleans an article body that came from a data field (CSV, JSON): lead, captions, inline
     * boilerplate and trailing credits are handled as on a page; title and date are the caller's.
     */
    public Article.Builder cleanBody(String bodyText, String origin) {
        List<Line> lines = split(bodyText);
        Article.Builder article = Article.builder().origin(origin);
        int end = readBody(lines, 0, lines.size(), article, false);
        readCredits(lines, end, lines.size(), article);
        return assemble(lines, article);
    }

    private static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        boolean blank = false;
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String line = raw.replace('\u00a0', ' ').replace("\ufeff", "").replaceAll("[ \\t\\u2000-\\u200b]+", " ").strip();
            if (line.isEmpty()) {
                blank = true;
                continue;
            }
            lines.add(new Line(line, blank));
            blank = false;
        }
        return lines;
    }

    // ---- headline and dateline ----

    /** The headline's line and its text. */
    private record Headline(int index, String title) {
    }

    /** The names the page uses for itself: the domain in its place/agency leads and its copyright line. */
    private SiteNames siteNames(List<Line> lines) {
        List<String> leads = new ArrayList<>();
        List<String> copyright = new ArrayList<>();
        for (Line line : lines) {
            if (rules.isCopyright(line.text)) {
                copyright.add(line.text);
            } else {
                lead(line.text).ifPresent(lead -> leads.add(lead.lead()));
            }
        }
        return SiteNames.of(leads, copyright);
    }

    /**
     * Finds the headline from the page's first line (its HTML title): that line without the site's
     * name ({@code … : Okezone Celebrity}), or a part of it between separators, repeated next to a
     * dateline; failing that, the first line itself without the site's name.
     */
    private Headline findHeadline(List<Line> lines, Dateline[] datelines, SiteNames site) {
        int first = -1;
        for (int i = 0; i < Math.min(lines.size(), 10); i++) {
            if (datelines[i] == null && !rules.isDropped(lines.get(i).text) && words(lines.get(i).text) >= 2) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return new Headline(-1, null);
        }
        String pageTitle = lines.get(first).text;
        String bare = site.strip(pageTitle);
        // Parts between the usual separators; then also those between " : ", which may split a site's
        // name off ("… : Okezone Celebrity") or may be the headline's own colon ("Jokowi : Kita Harus …").
        // Either way only a line found on the page is taken, so the colon of a real headline survives.
        List<String> parts = longParts(TITLE_SEPARATOR, bare);
        if (parts.isEmpty()) {
            return new Headline(first, bare);
        }
        List<String> segments = new ArrayList<>(parts);
        for (String segment : longParts(SiteNames.SEPARATOR, bare)) {
            if (!segments.contains(segment)) {
                segments.add(segment);
            }
        }
        segments.sort((a, b) -> b.length() - a.length());
        boolean plainTitle = parts.size() == 1 && parts.get(0).equals(pageTitle);
        for (String segment : segments) {
            String wanted = normalise(segment);
            boolean whole = plainTitle && segment.equals(pageTitle);
            // In a title with no other separator a part cut at " : " counts only as an exact copy: the page
            // repeating its headline without the site's name ("… : Okezone Celebrity"), not a line that
            // merely contains the words after a headline's own colon ("Jokowi : Kita Harus …").
            boolean exactOnly = plainTitle && !whole;
            int best = whole ? first : -1;
            int bestScore = whole ? 2 * headlineScore(lines, datelines, first) + 1 : -1;
            for (int i = first + 1; i < lines.size(); i++) {
                String candidate = normalise(lines.get(i).text);
                // The page may decorate the headline ("In Picture: ..."); an exact copy wins a tie.
                boolean exact = candidate.equals(wanted);
                boolean decorated = !exact && !exactOnly && candidate.contains(wanted)
                        && candidate.length() <= 2 * wanted.length();
                if (exact || decorated) {
                    int score = 2 * headlineScore(lines, datelines, i) + (exact ? 1 : 0);
                    if (score > bestScore) {
                        best = i;
                        bestScore = score;
                    }
                }
            }
            // A title segment seen only far from any dateline is a menu entry, not the headline.
            if (best >= 0 && best != first && bestScore >= 4) {
                return new Headline(best, lines.get(best).text);
            }
        }
        // The first line itself (plainTitle: parts.get(0) is the whole line), or its longest part.
        return new Headline(first, parts.get(0));
    }

    /** The parts of a title between separators that are long enough to be a headline, longest first. */
    private static List<String> longParts(Pattern separator, String title) {
        List<String> parts = new ArrayList<>();
        for (String part : separator.split(title)) {
            if (words(part) >= 3) {
                parts.add(part);
            }
        }
        parts.sort((a, b) -> b.length() - a.length());
        return parts;
    }

    /** A headline has a dateline close by and a real paragraph soon after; a related-list entry has neither. */
    private static int headlineScore(List<Line> lines, Dateline[] datelines, int at) {
        int score = 0;
        for (int i = Math.max(0, at - 3); i <= Math.min(lines.size() - 1, at + 6); i++) {
            if (datelines[i] != null && datelines[i].iso().contains("T")) {
                score += 2;
                break;
            }
        }
        for (int i = at + 1; i <= Math.min(lines.size() - 1, at + 15); i++) {
            if (words(lines.get(i).text) >= PARAGRAPH_WORDS) {
                score += 1;
                break;
            }
        }
        return score;
    }

    private static int findDateline(List<Line> lines, Dateline[] datelines, int headline) {
        int around = Math.max(headline, 0);
        int best = -1;
        for (boolean needTime : new boolean[] {true, false}) {
            for (int distance = 0; distance <= 6 && best < 0; distance++) {
                for (int i : new int[] {around + distance, around - distance}) {
                    if (i >= 0 && i < lines.size() && i != headline && datelines[i] != null
                            && (!needTime || datelines[i].iso().contains("T")) && distance <= (i < around ? 4 : 6)) {
                        best = i;
                        break;
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    private static int firstFullDateline(Dateline[] datelines) {
        for (int i = 0; i < datelines.length; i++) {
            if (datelines[i] != null && datelines[i].iso().contains("T")) {
                return i;
            }
        }
        return -1;
    }

    // ---- body ----

    private int findBodyStart(List<Line> lines, Dateline[] datelines, int from) {
        int limit = Math.min(lines.size(), from + BODY_SEARCH_LINES);
        for (int i = from; i < limit; i++) {
            if (rules.isEndHeading(lines.get(i).text)) {
                continue;
            }
            if (lead(lines.get(i).text).isPresent()) {
                return i;
            }
        }
        for (int i = from; i < lines.size(); i++) {
            String text = lines.get(i).text;
            if (words(text) >= PARAGRAPH_WORDS && datelines[i] == null && !rules.isCaption(text)
                    && !rules.isDropped(text) && credit(text) == null) {
                return i;
            }
        }
        // A short plain article (a pasted snippet) has no 15-word line: take its first sentence.
        for (int i = from; i < lines.size(); i++) {
            String text = lines.get(i).text;
            if (words(text) >= 4 && TERMINAL.matcher(text).find() && datelines[i] == null && !rules.isCaption(text)
                    && !rules.isDropped(text) && credit(text) == null && !rules.isEndHeading(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The place/agency lead at the start of a line and where the text after it begins. */
    private record Lead(String lead, int textStart) {
    }

    /**
     * Returns where the text after a place or agency lead begins ({@code "Jakarta, CNN Indonesia -- "},
     * {@code "Suara.com - "}, {@code "Jakarta (ANTARA News) - "}), or empty when the text does not open
     * with one. This is the lead the cleaner moves out of an article's first sentence.
     */
    public static OptionalInt leadEnd(String text) {
        return lead(text).map(l -> OptionalInt.of(l.textStart())).orElse(OptionalInt.empty());
    }

    private static Optional<Lead> lead(String text) {
        Matcher dash = LEAD_DASH.matcher(text);
        if (dash.find() && looksLikeLead(dash.group(1))) {
            return Optional.of(new Lead(dash.group(1).strip(), dash.end()));
        }
        Matcher noDash = LEAD_NO_DASH.matcher(text);
        if (noDash.find()) {
            return Optional.of(new Lead(noDash.group(1) + ", " + noDash.group(2), noDash.end()));
        }
        return Optional.empty();
    }

    /**
     * A lead names a news site or agency ({@code KOMPAS.com}, {@code (ANTARA News)}), or is a place
     * ({@code Jakarta}, {@code JAKARTA}, {@code Jakarta, CNN Indonesia}); a sentence that merely has a
     * dash in it is neither.
     */
    private static boolean looksLikeLead(String candidate) {
        String lead = candidate.strip();
        int words = words(lead);
        if (words > 10 || lead.contains(". ") || lead.contains("\"") || lead.contains("“") || lead.endsWith(",")) {
            return false;
        }
        if (SITE_TOKEN.matcher(lead).find() || PARENTHESIS.matcher(lead).find()) {
            return true;
        }
        String[] tokens = lead.split("[\\s,]+");
        for (String token : tokens) {
            if (token.isEmpty() || !Character.isUpperCase(token.codePointAt(0))) {
                return false;
            }
        }
        boolean allCaps = lead.equals(lead.toUpperCase(Locale.ROOT));
        return words == 1 || lead.contains(",") || allCaps;
    }

    /**
     * Reads body lines from {@code from}, marking paragraphs, captions and boilerplate, and returns
     * where the body ended (the first line after it). On a page ({@code page}), short lines closing
     * the body are page furniture; in a data field they may be the end of a list and are kept.
     */
    private int readBody(List<Line> lines, int from, int to, Article.Builder article, boolean page) {
        boolean leadDone = false;
        int i = from;
        for (; i < to; i++) {
            Line line = lines.get(i);
            if (line.role != Role.UNASSIGNED) {
                continue;
            }
            String text = line.text;
            if (!leadDone) {
                leadDone = true;
                Optional<Lead> lead = lead(text);
                if (lead.isPresent()) {
                    article.lead(lead.get().lead());
                    String rest = text.substring(lead.get().textStart()).strip();
                    if (rest.codePoints().noneMatch(Character::isLetterOrDigit)) {
                        line.role = Role.LEAD;
                        continue;
                    }
                    line.bodyText = rest;
                    line.role = Role.BODY;
                    continue;
                }
            }
            if (SIGNATURE.matcher(text).matches() || rules.isCopyright(text) || rules.isEndHeading(text)) {
                break;
            }
            if (credit(text) != null || LABEL.matcher(text).matches()) {
                if (!paragraphFollows(lines, i + 1, to)) {
                    break;
                }
                readCredit(lines, i, to, article);
                continue;
            }
            if (rules.isRelatedHeading(text)) {
                line.role = Role.DROPPED;
                // The links under the heading are short title-like lines; the body resumes at a real paragraph.
                for (int j = i + 1; j < Math.min(to, i + 9); j++) {
                    String link = lines.get(j).text;
                    if (words(link) >= PARAGRAPH_WORDS || TERMINAL.matcher(link).find() && words(link) > 3
                            || lines.get(j).role != Role.UNASSIGNED) {
                        break;
                    }
                    lines.get(j).role = Role.DROPPED;
                    i = j;
                }
                continue;
            }
            if (rules.isDropped(text)) {
                line.role = Role.DROPPED;
            } else if (rules.isCaption(text) && words(text) <= 60) {
                line.role = Role.CAPTION;
            } else {
                line.role = Role.BODY;
            }
        }
        if (page) {
            trimTail(lines, from, i, article);
        }
        return i;
    }

    /** Whether a real paragraph comes before the next heading that ends the article. */
    private boolean paragraphFollows(List<Line> lines, int from, int to) {
        for (int i = from; i < to; i++) {
            String text = lines.get(i).text;
            if (SIGNATURE.matcher(text).matches() || rules.isCopyright(text) || rules.isEndHeading(text)) {
                return false;
            }
            if (words(text) >= PARAGRAPH_WORDS && !rules.isDropped(text) && !rules.isCaption(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tempo signs with the reporter's name in capitals after the last paragraph, Liputan6 lists
     * tags there: short lines closing the body are a reporter or furniture, not paragraphs.
     */
    private static void trimTail(List<Line> lines, int from, int end, Article.Builder article) {
        for (int i = end - 1; i >= from; i--) {
            Line line = lines.get(i);
            if (line.role == Role.DROPPED || line.role == Role.CAPTION || line.role == Role.METADATA) {
                continue;
            }
            if (line.role != Role.BODY || line.bodyText != line.text || words(line.text) > 5
                    || TERMINAL.matcher(line.text).find()) {
                return;
            }
            String text = line.text;
            if (article.reporter() == null && words(text) >= 2 && text.equals(text.toUpperCase(Locale.ROOT))
                    && text.chars().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '.')) {
                article.reporter(text);
                line.role = Role.METADATA;
            } else {
                line.role = Role.DROPPED;
            }
        }
    }

    // ---- before and after the body ----

    private void readBeforeBody(List<Line> lines, Dateline[] datelines, int from, int to, Article.Builder article) {
        boolean inLinkList = false;
        for (int i = Math.max(from, 0); i < to; i++) {
            Line line = lines.get(i);
            if (line.role != Role.UNASSIGNED) {
                continue;
            }
            String text = line.text;
            if (credit(text) != null || LABEL.matcher(text).matches() || BY.matcher(text).matches()
                    || BYLINE.matcher(text).matches()) {
                i = readCredit(lines, i, to, article);
            } else if (rules.isCaption(text)) {
                line.role = Role.CAPTION;
            } else if (rules.isRelatedHeading(text)) {
                inLinkList = true;
                line.role = Role.DROPPED;
            } else if (datelines[i] != null || rules.isDropped(text) || rules.isEndHeading(text) || inLinkList) {
                line.role = Role.DROPPED;
            } else if (isKeywordList(text) && article.keywords().isEmpty()) {
                for (String keyword : text.split(",")) {
                    article.keyword(keyword.strip());
                }
                line.role = Role.METADATA;
            } else {
                line.role = words(text) >= CAPTION_WORDS ? Role.CAPTION : Role.DROPPED;
            }
        }
    }

    /** Antara prints its tags as a lower-case comma list under the headline. */
    private static boolean isKeywordList(String text) {
        String[] items = text.split(",");
        if (items.length < 3 || !text.equals(text.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (String item : items) {
            if (words(item) > 4 || item.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private void readCredits(List<Line> lines, int from, int to, Article.Builder article) {
        for (int i = from; i < to; i++) {
            String text = lines.get(i).text;
            if (lines.get(i).role == Role.UNASSIGNED && (credit(text) != null || LABEL.matcher(text).matches())) {
                i = readCredit(lines, i, to, article);
            }
        }
    }

    /** A credit line with its value on the same line, as {label, value}; null if not one. */
    private static String[] credit(String text) {
        Matcher m;
        if ((m = REPORTER.matcher(text)).matches()) {
            return new String[] {"reporter", m.group(1)};
        }
        if ((m = EDITOR.matcher(text)).matches()) {
            return new String[] {"editor", m.group(1)};
        }
        if ((m = SOURCE.matcher(text)).matches()) {
            return new String[] {"source", m.group(1)};
        }
        if ((m = KEYWORDS.matcher(text)).matches()) {
            return new String[] {"keywords", m.group(1)};
        }
        return null;
    }

    /**
     * Reads the credit at line {@code at}: a label with its value on the line ({@code Editor: X}),
     * or a bare label whose value follows ({@code Editor} / {@code : X}, {@code KEYWORD :} / tags).
     * Returns the last line consumed.
     */
    private static int readCredit(List<Line> lines, int at, int to, Article.Builder article) {
        Line line = lines.get(at);
        line.role = Role.METADATA;
        String[] credit = credit(line.text);
        Matcher by = BY.matcher(line.text);
        Matcher byline = BYLINE.matcher(line.text);
        if (credit == null && by.matches()) {
            credit = new String[] {"reporter", by.group(1)};
        } else if (credit == null && byline.matches()) {
            credit = new String[] {"reporter", byline.group(1)};
        }
        int last = at;
        if (credit == null) {
            Matcher label = LABEL.matcher(line.text);
            label.matches();
            String name = label.group(1).toLowerCase(Locale.ROOT);
            int next = at + 1;
            if (next < to && lines.get(next).text.equals(":")) {
                lines.get(next).role = Role.METADATA;
                next++;
            }
            if (next >= to || lines.get(next).role != Role.UNASSIGNED) {
                return at;
            }
            String kind = switch (name) {
                case "editor", "redaktur" -> "editor";
                case "penulis", "reporter", "pewarta", "oleh", "author" -> "reporter";
                default -> "keywords";
            };
            if (kind.equals("keywords") && lines.get(next).text.startsWith("#")) {
                while (next < to && lines.get(next).text.startsWith("#") && lines.get(next).role == Role.UNASSIGNED) {
                    String tag = lines.get(next).text.replaceFirst("^#\\s*", "");
                    if (!tag.isEmpty()) {
                        article.keyword(tag);
                    }
                    lines.get(next).role = Role.METADATA;
                    last = next++;
                }
                return last;
            }
            credit = new String[] {kind, lines.get(next).text.replaceFirst("^:\\s*", "")};
            lines.get(next).role = Role.METADATA;
            last = next;
        }
        String value = credit[1].strip();
        switch (credit[0]) {
            case "reporter" -> article.reporter(article.reporter() == null ? value : article.reporter());
            case "editor" -> article.editor(article.editor() == null ? value : article.editor());
            case "source" -> article.sourceCredit(article.sourceCredit() == null ? value : article.sourceCredit());
            default -> {
                for (String keyword : value.split("[,;#]")) {
                    if (!keyword.isBlank()) {
                        article.keyword(keyword.strip());
                    }
                }
            }
        }
        return last;
    }

    /**
     * Takes the author and editor from the dateline's credits ({@code Sari Dewi | Jum'at, 17 Februari
     * 2017}, {@code Reporter: X | Editor: Y | Senin, ...}) where the page named them nowhere else.
     * A name without a label is taken as the reporter only if it is not the site's own name,
     * boilerplate, or a line found elsewhere on the page (a section in the menu such as {@code Nasional}).
     */
    private void creditsOnDateline(List<Line> lines, Dateline printed, int at, SiteNames site,
            Article.Builder article) {
        for (String piece : printed.credits()) {
            boolean labelled = DatelineParser.isLabelledCredit(piece);
            // "Penulis Sari Dewi" reads as "Penulis: Sari Dewi".
            String[] credit = credit(labelled ? piece.replaceFirst("^(\\p{L}+)\\s+(?=\\p{L})", "$1: ") : piece);
            Matcher by = BY.matcher(piece);
            if (credit == null && by.matches()) {
                credit = new String[] {"reporter", by.group(1)};
            }
            if (credit == null && !labelled && !site.isSiteName(piece) && !rules.isDropped(piece)
                    && !rules.isEndHeading(piece) && !rules.isRelatedHeading(piece) && !onAnotherLine(lines, piece, at)) {
                credit = new String[] {"reporter", piece};
            }
            if (credit == null) {
                continue;
            }
            String value = credit[1].strip();
            if (credit[0].equals("reporter") && article.reporter() == null) {
                article.reporter(value);
            } else if (credit[0].equals("editor") && article.editor() == null) {
                article.editor(value);
            }
        }
    }

    private static boolean onAnotherLine(List<Line> lines, String text, int except) {
        String wanted = normalise(text);
        for (int i = 0; i < lines.size(); i++) {
            if (i != except && normalise(lines.get(i).text).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** A breadcrumb ({@code Home / News / Nasional}) just above the headline names the section. */
    private static void category(List<Line> lines, int top, Article.Builder article) {
        if (top <= 0 || top == Integer.MAX_VALUE) {
            return;
        }
        for (int i = top - 1; i >= Math.max(0, top - 6); i--) {
            if (BREADCRUMB_HOME.matcher(lines.get(i).text).matches()) {
                for (int j = top - 1; j > i; j--) {
                    String crumb = lines.get(j).text.replaceAll("^[>»/\\s]+|[>»/\\s]+$", "");
                    if (!crumb.isEmpty() && words(crumb) <= 4 && DatelineParser.parseDatelineLine(crumb).isEmpty()) {
                        article.category(crumb);
                        return;
                    }
                }
                return;
            }
        }
    }

    /** Pages repeat the headline (HTML title, image alt text); the copies are not body or captions. */
    private static void dropDuplicateTitles(List<Line> lines, String title) {
        if (title == null) {
            return;
        }
        String wanted = normalise(title);
        for (Line line : lines) {
            if (line.role != Role.TITLE && normalise(line.text).equals(wanted)) {
                line.role = Role.DROPPED;
            }
        }
    }

    // ---- assembly ----

    /**
     * Builds paragraphs from body lines, joining a line to the previous one only when it continues
     * a hard-wrapped sentence (previous line without closing punctuation, this one starting in lower case).
     */
    private static Article.Builder assemble(List<Line> lines, Article.Builder article) {
        StringBuilder paragraph = null;
        // The paragraph ends as its last line does: test that line, not the whole paragraph, which
        // would rescan a long hard-wrapped paragraph at every line it gains.
        String lastLine = null;
        Role previous = null;
        for (Line line : lines) {
            switch (line.role) {
                case BODY -> {
                    boolean continues = paragraph != null && previous == Role.BODY && !line.blankBefore
                            && !TERMINAL.matcher(lastLine).find()
                            && Character.isLowerCase(line.bodyText.codePointAt(0));
                    if (continues) {
                        paragraph.append(' ').append(line.bodyText);
                    } else {
                        if (paragraph != null) {
                            article.paragraph(paragraph.toString());
                        }
                        paragraph = new StringBuilder(line.bodyText);
                    }
                    lastLine = line.bodyText;
                }
                case CAPTION -> article.caption(line.text);
                case UNASSIGNED, DROPPED -> article.dropped(line.text);
                default -> {
                    // title, dateline, lead and credits live in their own fields
                }
            }
            previous = line.role;
        }
        if (paragraph != null) {
            article.paragraph(paragraph.toString());
        }
        return article;
    }

    /** Lower case, plain quotes, single spaces, no closing punctuation: how repeated titles are compared. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[“”„\"]", "\"")
                .replaceAll("[‘’`]", "'")
                .replaceAll("\\s+", " ")
                .replaceAll("[\\s.!?:]+$", "")
                .strip();
    }

    /** Counts tokens that hold a letter or a digit, so that "&" or "-" do not make a line look longer. */
    static int words(String text) {
        int count = 0;
        for (String token : text.strip().split("\\s+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                count++;
            }
        }
        return count;
    }
}
