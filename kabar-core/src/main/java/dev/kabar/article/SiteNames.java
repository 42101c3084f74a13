package dev.kabar.article;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a news page gives its own site, and the cutting of such a name off a page title:
 * {@code … : Okezone Celebrity}, {@code … - Kompas.com}, {@code … | Republika Online},
 * {@code Kompas.com - …}. Immutable and thread-safe.
 *
 * <p>A title's tail (the text after its last separator) is the site's name when it is short, has
 * no sentence punctuation and every word is capitalised, and either holds a domain
 * ({@code KapanLagi.com}, {@code Tekno Liputan6.com}), is a camel-case brand ({@code detikNews}),
 * ends in a brand word ({@code Online}, {@code News}, {@code TV}, ...), or starts or ends with a name
 * the page uses for itself elsewhere: the domain in its place/agency lead ({@code JAKARTA,
 * okezone.com -}) or the name in its copyright line ({@code © 2017 okezone.com}), so that
 * {@code Okezone Celebrity} or {@code Tempo Gaya} is recognised as brand plus section. A tail
 * that reads as part of the headline ({@code Jokowi : Kita Harus Bekerja}, {@code Ahok - Djarot
 * Unggul}) is kept: a real title is worth more than a clean one.
 */
final class SiteNames {

    /** Separators between a title and a site name: {@code " - ", " | ", " : ", " :: ", " – ", " — ", " » "}. */
    static final Pattern SEPARATOR = Pattern.compile("\\s+(?:\\||-|–|—|::?|»)\\s+");
    /** Names the page uses for itself shorter than this are too likely to be ordinary words. */
    private static final int MIN_NAME_LENGTH = 4;
    /** A site name, with its section, is at most this many words ({@code ANTARA News Otomotif}). */
    private static final int MAX_WORDS = 4;
    /** A name matched only through the page's own names is at most this many words. */
    private static final int MAX_BRAND_WORDS = 3;

    // The label before the public suffix: "okezone" in "celebrity.okezone.com", "republika" in "republika.co.id".
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)(?<![\\p{L}\\d-])(?:[\\p{L}\\d-]+\\.)*?([\\p{L}\\d][\\p{L}\\d-]+)"
                    + "\\.(?:co\\.id|or\\.id|web\\.id|my\\.id|com|net|org|id|tv|co|news)(?![\\p{L}\\d])");
    // "detikNews", "kumparanBISNIS": a lower-case brand glued to its section.
    private static final Pattern CAMEL_BRAND = Pattern.compile("^\\p{Ll}{3,}\\p{Lu}[\\p{L}\\d]*$");
    // Words that end a site's name rather than a headline.
    private static final Pattern BRAND_WORD = Pattern.compile("(?i)^(online|news|tv|network|daily|times)$");
    // A tail with these reads as part of a sentence: a quote, a question, a clause ("Pedagang: Pasokan Seret").
    private static final Pattern SENTENCE_MARK = Pattern.compile("[?!,;:\"“”‘’()]|'\\s|\\.(?:\\s|$)");
    private static final Pattern COPYRIGHT_WORDS = Pattern.compile(
            "(?i)©|\\(c\\)|\\bcopyright\\b|\\bhak cipta\\b|\\ball rights? reserved\\b|\\b(?:19|20)\\d\\d\\b");

    private final Set<String> names;

    private SiteNames(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** No names of the page's own: only domains, camel-case brands and brand words mark a site. */
    static SiteNames none() {
        return new SiteNames(Set.of());
    }

    /**
     * Collects the names a page uses for itself.
     *
     * @param leads place/agency leads found on the page ({@code JAKARTA, okezone.com})
     * @param copyrightLines the page's copyright lines ({@code © 2007 - 2017 okezone.com, All Rights Reserved})
     */
    static SiteNames of(Collection<String> leads, Collection<String> copyrightLines) {
        Set<String> names = new HashSet<>();
        for (String lead : leads) {
            addDomains(lead, names);
        }
        for (String line : copyrightLines) {
            if (!addDomains(line, names)) {
                // "COPYRIGHT © ANTARA 2015", "Copyright © detikcom, ... · Redaksi": the name up to the first list mark.
                String name = COPYRIGHT_WORDS.matcher(line.split("[,|·•]")[0]).replaceAll(" ");
                if (NewsPageCleaner.words(name) <= MAX_BRAND_WORDS) {
                    String compact = compact(name);
                    if (compact.length() >= MIN_NAME_LENGTH) {
                        names.add(compact);
                    }
                }
            }
        }
        return new SiteNames(names);
    }

    private static boolean addDomains(String text, Set<String> into) {
        boolean found = false;
        Matcher domain = DOMAIN.matcher(text);
        while (domain.find()) {
            String label = domain.group(1).toLowerCase(Locale.ROOT);
            if (label.length() >= MIN_NAME_LENGTH) {
                into.add(compact(label));
                found = true;
            }
        }
        return found;
    }

    /** The names collected, in lower case without spaces or punctuation ({@code okezone}, {@code antara}). */
    Set<String> names() {
        return names;
    }

    /**
     * Cuts site names off the end of a title, as often as they are stacked ({@code … :: Okezone
     * Lifestyle}), and one off its start ({@code Kompas.com - …}). A section left between the
     * title and the site ({@code … - Health}) stays: the caller tells it apart by finding the
     * headline on the page. At least two words of title always remain.
     */
    String strip(String title) {
        String rest = title.strip();
        while (true) {
            Matcher separator = SEPARATOR.matcher(rest);
            int start = -1;
            int end = -1;
            while (separator.find()) {
                start = separator.start();
                end = separator.end();
            }
            if (start < 0 || NewsPageCleaner.words(rest.substring(0, start)) < 2 || !isSiteName(rest.substring(end))) {
                break;
            }
            rest = rest.substring(0, start).strip();
        }
        Matcher first = SEPARATOR.matcher(rest);
        if (first.find() && isSiteNameAlone(rest.substring(0, first.start()))
                && NewsPageCleaner.words(rest.substring(first.end())) >= 2) {
            rest = rest.substring(first.end()).strip();
        }
        return rest;
    }

    /** Whether the text, cut from a title at a separator, names a site rather than continuing the headline. */
    boolean isSiteName(String text) {
        String tail = text.strip();
        int words = NewsPageCleaner.words(tail);
        if (words == 0 || words > MAX_WORDS || tail.length() > 40 || SENTENCE_MARK.matcher(tail).find()) {
            return false;
        }
        String[] tokens = tail.split("\\s+");
        boolean domain = DOMAIN.matcher(tail).find();
        for (String token : tokens) {
            boolean capitalised = Character.isUpperCase(token.codePointAt(0)) || Character.isDigit(token.codePointAt(0));
            if (!capitalised && !CAMEL_BRAND.matcher(token).matches() && !DOMAIN.matcher(token).find()
                    && !token.equals("&")) {
                return false;
            }
        }
        if (domain || (tokens.length == 1 && CAMEL_BRAND.matcher(tokens[0]).matches())) {
            return true;
        }
        if (words > MAX_BRAND_WORDS) {
            return false;
        }
        if (words >= 2 && BRAND_WORD.matcher(tokens[tokens.length - 1]).matches()) {
            return true;
        }
        String compact = compact(tail);
        for (String name : names) {
            if (compact.startsWith(name) || compact.endsWith(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text is a site's name and nothing more ({@code Kompas.com}, {@code detikNews}, or
     * one of the page's own names): the stricter test for the start of a title, where a headline's
     * subject ({@code Mengenal Beritaku.com : ...}) is more often found than a site.
     */
    private boolean isSiteNameAlone(String text) {
        String head = text.strip();
        if (head.contains(" ")) {
            return names.contains(compact(head)) && isSiteName(head);
        }
        Matcher domain = DOMAIN.matcher(head);
        return domain.matches() || CAMEL_BRAND.matcher(head).matches() || names.contains(compact(head));
    }

    private static String compact(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\d]", "");
    }
}
