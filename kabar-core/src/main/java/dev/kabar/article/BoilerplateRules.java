package dev.kabar.article;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The markers that tell page furniture from article text on Indonesian news pages: lines to drop,
 * headings of related-link lists, headings that end the article, caption and copyright patterns.
 *
 * <p>The markers live in a resource ({@code boilerplate-id.txt}) so that they can be read and
 * extended without touching the cleaning logic. Instances are immutable and thread-safe.
 */
public final class BoilerplateRules {

    /** The resource holding the standard markers, next to this class. */
    public static final String RESOURCE = "boilerplate-id.txt";

    private static final Pattern SPACES = Pattern.compile("\\s+");
    // Trimmed from both ends before comparing plain markers: "JURNAS VIDEO :" equals "Jurnas Video".
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\s:!»>|.·\\-–]+|[\\s:!»>|.·\\-–]+$");

    private static volatile BoilerplateRules standard;

    private final Set<String> dropLines;
    private final List<String> dropPrefixes;
    private final List<Pattern> dropPatterns;
    private final Set<String> relatedHeadings;
    private final Set<String> endHeadings;
    private final List<Pattern> captionPatterns;
    private final List<Pattern> copyrightPatterns;

    private BoilerplateRules(Set<String> dropLines, List<String> dropPrefixes, List<Pattern> dropPatterns,
            Set<String> relatedHeadings, Set<String> endHeadings, List<Pattern> captionPatterns,
            List<Pattern> copyrightPatterns) {
        this.dropLines = Set.copyOf(dropLines);
        this.dropPrefixes = List.copyOf(dropPrefixes);
        this.dropPatterns = List.copyOf(dropPatterns);
        this.relatedHeadings = Set.copyOf(relatedHeadings);
        this.endHeadings = Set.copyOf(endHeadings);
        this.captionPatterns = List.copyOf(captionPatterns);
        this.copyrightPatterns = List.copyOf(copyrightPatterns);
    }

    /** Returns the rules bundled with kabar, loaded once from {@value #RESOURCE}. */
    public static BoilerplateRules standard() {
        BoilerplateRules rules = standard;
        if (rules == null) {
            try (InputStream in = BoilerplateRules.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                rules = parse(reader.lines().toList(), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
            }
            standard = rules;
        }
        return rules;
    }

    /**
     * Parses rules in the resource format: {@code [section]} headers, one marker per line, {@code # } comments.
     *
     * @throws IllegalArgumentException naming the line when a section is unknown or a pattern does not compile
     */
    public static BoilerplateRules parse(List<String> lines, String name) {
        Set<String> drop = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        List<Pattern> dropPatterns = new ArrayList<>();
        Set<String> related = new HashSet<>();
        Set<String> end = new HashSet<>();
        List<Pattern> captions = new ArrayList<>();
        List<Pattern> copyright = new ArrayList<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("# ") || line.equals("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            String where = name + " line " + (i + 1);
            if (section == null) {
                throw new IllegalArgumentException(where + ": marker '" + line + "' comes before any [section]");
            }
            switch (section) {
                case "drop" -> drop.add(key(line));
                case "drop-prefix" -> prefixes.add(line.toLowerCase(Locale.ROOT));
                case "drop-pattern" -> dropPatterns.add(compile(line, where));
                case "related" -> related.add(key(line));
                case "end" -> end.add(key(line));
                case "caption-pattern" -> captions.add(compile(line, where));
                case "copyright-pattern" -> copyright.add(compile(line, where));
                default -> throw new IllegalArgumentException(where + ": unknown section [" + section
                        + "]; expected drop, drop-prefix, drop-pattern, related, end, caption-pattern or copyright-pattern");
            }
        }
        return new BoilerplateRules(drop, prefixes, dropPatterns, related, end, captions, copyright);
    }

    private static Pattern compile(String regex, String where) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": pattern '" + regex + "' does not compile: "
                    + e.getDescription(), e);
        }
    }

    /** Normalises a line for comparison with plain markers. */
    static String key(String line) {
        String collapsed = SPACES.matcher(line.strip()).replaceAll(" ");
        return EDGE_PUNCTUATION.matcher(collapsed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Returns whether the line is page furniture to drop wherever it appears. */
    public boolean isDropped(String line) {
        String key = key(line);
        if (dropLines.contains(key)) {
            return true;
        }
        String lower = line.strip().toLowerCase(Locale.ROOT);
        for (String prefix : dropPrefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return matchesAny(dropPatterns, line.strip());
    }

    /** Returns whether the line heads a list of links to other articles. */
    public boolean isRelatedHeading(String line) {
        return relatedHeadings.contains(key(line));
    }

    /** Returns whether the line heads a section that comes after the article (related, popular, comments). */
    public boolean isEndHeading(String line) {
        return endHeadings.contains(key(line));
    }

    /** Returns whether the line looks like a photo caption or photo credit. */
    public boolean isCaption(String line) {
        return matchesAny(captionPatterns, line.strip());
    }

    /** Returns whether the line is a copyright or footer line. */
    public boolean isCopyright(String line) {
        return matchesAny(copyrightPatterns, line.strip());
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
