package dev.kabar.article;

import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The news site that published an article, named as a reader knows it ({@code detikcom},
 * {@code Kompas.com}) and keyed by its registrable domain ({@code detik.com} for
 * {@code news.detik.com} and {@code inet.detik.com} alike), so that one site is one group in a digest.
 *
 * <p>Where the publisher comes from, most trusted first ({@link #find}): the article's url; the
 * site name in the page title's suffix ({@code ... - KapanLagi.com}, {@code ... | Republika Online});
 * the site or agency in the lead ({@code JAKARTA, Jurnas.com}, {@code Jakarta (ANTARA)}); the desk
 * in a byline ({@code Fino Yurio Kristo - detikinet}); the copyright line
 * ({@code Copyright © detikcom}). Every text candidate must name a site ({@code KOMPAS.com},
 * {@code REPUBLIKA.CO.ID}) or an outlet of the table below; any other word of a lead
 * ({@code Jakarta}, {@code PERSIB}) or of a page ({@code Baca juga}) is never taken for a publisher.
 *
 * <p>The registrable domain is the name directly under a public suffix of the ICANN section of the
 * Public Suffix List ({@code co.id}, {@code go.id}, {@code ac.id}, {@code com}, {@code co}),
 * as bundled in Guava: {@code news.detik.com} → {@code detik.com}, {@code jakarta.bps.go.id} →
 * {@code bps.go.id}. A host with no such suffix (an IP address, {@code localhost}) is its own key.
 * Stateless and thread-safe.
 *
 * @param name the readable name: the outlet's own name from the table, else the registrable domain,
 *     else (an agency in a lead's brackets that is not a site) the agency as printed
 * @param domain the registrable domain, or null for an agency known only by name
 */
public record Publisher(String name, String domain) {

    /** Checks that there is a name. */
    public Publisher {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a publisher needs a name");
        }
    }

    /** One outlet of the table: its registrable domain, its own name, and how pages name it. */
    private record Outlet(String domain, String name, Pattern alias) {
    }

    /** An outlet whose alias (a regular expression, or null for none) must end at a word's end:
     *  "Detik-detik" (moments) and "Tempoe" are not outlets. */
    private static Outlet outlet(String domain, String name, String alias) {
        return new Outlet(domain, name, alias == null ? null
                : Pattern.compile("(?iu)(?:" + alias + ")(?![\\p{L}\\p{N}\\-]|\\.[\\p{L}\\p{N}])"));
    }

    /**
     * Major Indonesian outlets with the names they use for themselves. An alias is matched at the
     * start of a title segment, a lead part or a copyright holder, never inside running text; common
     * words that are also outlet names ({@code suara} "voice", {@code merdeka} "free") have no alias,
     * those outlets are found by their site name ({@code Suara.com}) only.
     */
    private static final List<Outlet> OUTLETS = List.of(
            outlet("detik.com", "detikcom", "detik\\p{L}*"),
            outlet("kompas.com", "Kompas.com",
                    "kompas(?:com|tekno|otomotif|bola|travel|money|properti|health|food|edukasi|regional|nasional|global|megapolitan)?"),
            outlet("kompas.id", "Kompas.id", null),
            outlet("antaranews.com", "ANTARA", "antara(?:\\s+news)?"),
            outlet("liputan6.com", "Liputan6.com", "liputan6"),
            outlet("tempo.co", "Tempo.co", "tempo"),
            outlet("republika.co.id", "Republika", "republika(?:\\s+online)?"),
            outlet("okezone.com", "Okezone", "okezone"),
            outlet("viva.co.id", "VIVA", "viva(?:news)?"),
            outlet("kapanlagi.com", "KapanLagi.com", "kapanlagi"),
            outlet("cnnindonesia.com", "CNN Indonesia", "cnn\\s*indonesia"),
            outlet("cnbcindonesia.com", "CNBC Indonesia", "cnbc\\s*indonesia"),
            outlet("jurnas.com", "Jurnas.com", "jurnas"),
            outlet("tribunnews.com", "Tribunnews", "tribun\\p{L}*"),
            outlet("suara.com", "Suara.com", null),
            outlet("merdeka.com", "Merdeka.com", null),
            outlet("kumparan.com", "kumparan", "kumparan"),
            outlet("sindonews.com", "SINDOnews", "sindonews|koran\\s+sindo"),
            outlet("tirto.id", "Tirto", "tirto"),
            outlet("idntimes.com", "IDN Times", "idn\\s*times"),
            outlet("inews.id", "iNews", "inews"),
            outlet("beritasatu.com", "BeritaSatu", "beritasatu"),
            outlet("jpnn.com", "JPNN", "jpnn"),
            outlet("mediaindonesia.com", "Media Indonesia", "media\\s+indonesia"),
            outlet("kontan.co.id", "Kontan", "kontan"),
            outlet("bisnis.com", "Bisnis.com", "bisnis\\s+indonesia"),
            outlet("katadata.co.id", "Katadata", "katadata"),
            outlet("jawapos.com", "Jawa Pos", "jawa\\s*pos"),
            outlet("thejakartapost.com", "The Jakarta Post", "(?:the\\s+)?jakarta\\s+post"));

    // A site name as printed: "KOMPAS.com", "REPUBLIKA.CO.ID", "TEMPO.CO", "Liputan6.com". Only the
    // top-level domains Indonesian outlets use: with every TLD, "PT.Viva" or "Jl.Sudirman" would be sites.
    private static final Pattern SITE = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}@.\\-])((?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)+(?:com|net|org|id|co|tv|info|news))"
                    + "(?![\\p{L}\\p{N}\\-]|\\.[\\p{L}\\p{N}])");
    private static final Pattern LENIENT_HOST = Pattern.compile("(?i)https?://(?:[^@/?#\\s]*@)?([a-z0-9.\\-]+)(?=[/?#:]|$)");
    // How sites separate the headline from their name in the page title.
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+(?:\\||-|–|—|::|»|·)\\s+");
    // "Fino Yurio Kristo - detikinet": a reporter's name, a dash, the desk.
    private static final Pattern BYLINE_DESK = Pattern.compile("^\\p{Lu}[\\p{L}.' ]{2,50}?\\s+[-–]\\s+(\\S+)$");
    private static final Pattern COPYRIGHT = Pattern.compile("(?i)^(?:©|\\(c\\)|copyright\\b)");
    private static final Pattern COPYRIGHT_PREFIX = Pattern.compile(
            "(?i)^(?:copyright\\b|©|\\(c\\)|@|\\d{4}|[\\s\\-–,.])+(?:pt\\.?\\s*)?");
    private static final Pattern BRACKETS = Pattern.compile("\\(([^()]+)\\)");
    // An agency in a lead's brackets that is no site: "(AFP)", "(Xinhua)": a short proper name.
    private static final Pattern AGENCY = Pattern.compile("\\p{Lu}[\\p{L}\\-]*(?:\\s+\\p{Lu}[\\p{L}\\-]*){0,2}");
    /** A title segment longer than this is part of the headline, not a site's name. */
    private static final int SITE_NAME_WORDS = 4;

    /**
     * The publisher of an article from everything known about it, most trusted first: the url, the
     * page title's suffix, the lead, a byline's desk, the copyright line.
     *
     * @param url the article's address, or null
     * @param lead the place/agency lead ({@code JAKARTA, Jurnas.com}), or null
     * @param pageText the visible text of the whole page, or null for an article from a data field
     * @param headline the headline found on the page, so that it is not read as a site name; or null
     * @return the publisher, or empty when nothing names one
     */
    public static Optional<Publisher> find(String url, String lead, String pageText, String headline) {
        Optional<Publisher> found = fromUrl(url);
        if (found.isEmpty() && pageText != null) {
            found = fromTitleSuffix(firstLine(pageText), headline);
        }
        if (found.isEmpty()) {
            found = fromLead(lead);
        }
        if (found.isEmpty() && pageText != null) {
            found = fromPageCredits(pageText);
        }
        return found;
    }

    /** The publisher of a url: its registrable domain, with the outlet's name when the table has it. */
    public static Optional<Publisher> fromUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String host;
        try {
            host = new URI(url.strip()).getHost();
        } catch (URISyntaxException e) {
            // Scraped urls are not always valid (a space in the path): the host before the path still names the site.
            Matcher lenient = LENIENT_HOST.matcher(url.strip());
            host = lenient.lookingAt() ? lenient.group(1) : null;
        }
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(forDomain(registrableDomain(host)));
    }

    /**
     * The site or agency a lead names: {@code Jurnas.com} in {@code JAKARTA, Jurnas.com},
     * {@code ANTARA} in {@code Mataram, NTB (ANTARA News)}, {@code Liputan6.com} in
     * {@code Liputan6.com, Jakarta}; an unknown agency in brackets as printed ({@code (Xinhua)}).
     * A part that is neither a site nor an outlet of the table, such as a place or a club name, is
     * never taken: {@code JAKARTA} gives nothing, {@code KOMPAS.com, PERSIB} gives Kompas.com.
     */
    public static Optional<Publisher> fromLead(String lead) {
        if (lead == null || lead.isBlank()) {
            return Optional.empty();
        }
        Matcher brackets = BRACKETS.matcher(lead);
        String bracketed = brackets.find() ? brackets.group(1).strip() : null;
        if (bracketed != null) {
            for (String part : bracketed.split("/")) {
                Optional<Publisher> named = named(part);
                if (named.isPresent()) {
                    return named;
                }
            }
        }
        for (String part : BRACKETS.matcher(lead).replaceAll(" ").split(",")) {
            Optional<Publisher> named = named(part);
            if (named.isPresent()) {
                return named;
            }
        }
        if (bracketed != null && AGENCY.matcher(bracketed).matches()) {
            return Optional.of(new Publisher(bracketed, null));
        }
        return Optional.empty();
    }

    /**
     * The site in a page title's suffix: {@code KapanLagi.com} from {@code Brandon ... - KapanLagi.com},
     * {@code Okezone} from {@code ... - Health :: Okezone Lifestyle}. Segments are tried from the last;
     * the headline itself and segments longer than a site name are skipped.
     */
    public static Optional<Publisher> fromTitleSuffix(String pageTitle, String headline) {
        if (pageTitle == null) {
            return Optional.empty();
        }
        String[] segments = TITLE_SEPARATOR.split(pageTitle.strip());
        if (segments.length < 2) {
            return Optional.empty();
        }
        String wanted = headline == null ? null : NewsPageCleaner.normalise(headline);
        for (int k = segments.length - 1; k >= 0; k--) {
            String segment = segments[k].strip();
            if (NewsPageCleaner.words(segment) > SITE_NAME_WORDS || NewsPageCleaner.normalise(segment).equals(wanted)) {
                continue;
            }
            Optional<Publisher> named = named(segment);
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.empty();
    }

    /**
     * The site a page credits itself with outside the title and lead: a byline's desk
     * ({@code Fino Yurio Kristo - detikinet}), else the holder of the first copyright line that
     * names one ({@code Copyright © detikcom, All Rights Reserved}, {@code © 2015 - Tempo Inti Media}).
     */
    static Optional<Publisher> fromPageCredits(String pageText) {
        List<String> lines = pageText.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines) {
            Matcher desk = BYLINE_DESK.matcher(line);
            if (desk.matches()) {
                Optional<Publisher> named = named(desk.group(1));
                if (named.isPresent()) {
                    return named;
                }
            }
        }
        for (String line : lines) {
            if (COPYRIGHT.matcher(line).lookingAt()) {
                String holder = COPYRIGHT_PREFIX.matcher(line).replaceFirst("");
                Matcher site = SITE.matcher(holder);
                Optional<Publisher> named = site.find() ? Optional.of(forDomain(registrableDomain(site.group(1))))
                        : named(holder.split("[,·|(]")[0]);
                if (named.isPresent()) {
                    return named;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The publisher a short text names: a site name in it ({@code KOMPAS.com Regional},
     * {@code REPUBLIKA.CO.ID}), or an outlet of the table at its start ({@code Republika Online},
     * {@code detikinet}, {@code CNN Indonesia}); empty for anything else.
     */
    public static Optional<Publisher> named(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip().replaceAll("\\s+", " ");
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        Matcher site = SITE.matcher(candidate);
        if (site.find()) {
            return Optional.of(forDomain(registrableDomain(site.group(1))));
        }
        for (Outlet outlet : OUTLETS) {
            if (outlet.alias() != null && outlet.alias().matcher(candidate).lookingAt()) {
                return Optional.of(new Publisher(outlet.name(), outlet.domain()));
            }
        }
        return Optional.empty();
    }

    /** The publisher of a registrable domain: the outlet's name from the table, else the domain itself. */
    public static Publisher forDomain(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        for (Outlet outlet : OUTLETS) {
            if (outlet.domain().equals(key)) {
                return new Publisher(outlet.name(), outlet.domain());
            }
        }
        return new Publisher(key, key);
    }

    /**
     * The registrable domain of a host ({@code news.detik.com} → {@code detik.com},
     * {@code www.bps.go.id} → {@code bps.go.id}); a host with no public suffix (an IP address,
     * {@code localhost}) is returned in lower case without {@code www.}.
     */
    public static String registrableDomain(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (InternetDomainName.isValid(h)) {
            InternetDomainName name = InternetDomainName.from(h);
            if (name.isUnderRegistrySuffix()) {
                return name.topDomainUnderRegistrySuffix().toString();
            }
        }
        return h.startsWith("www.") ? h.substring(4) : h;
    }

    private static String firstLine(String pageText) {
        return pageText.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
    }
}
