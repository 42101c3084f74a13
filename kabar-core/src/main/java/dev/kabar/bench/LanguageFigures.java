package dev.kabar.bench;

import dev.kabar.article.Article;
import dev.kabar.article.ArticleSource;
import dev.kabar.article.InputException;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ReadResult;
import dev.kabar.article.SentenceSplitter;
import dev.kabar.lang.LanguageAction;
import dev.kabar.lang.LanguageDecision;
import dev.kabar.lang.LanguageEvidence;
import dev.kabar.lang.LanguageRules;
import dev.kabar.lang.SentenceLanguage;
import dev.kabar.lang.SentenceLanguageDetector;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Measures {@link SentenceLanguageDetector} on sentences of known language read from the corpora in
 * {@code ../shared/corpus} at run time: precision and recall of "is this sentence English?" on the
 * English and Indonesian sides of four parallel sets, by sentence length; how often Javanese and
 * Sundanese are flagged (NusaX's held-out test rows); what share of real detik.com sentences is
 * passed through as English; and sentences per second. It prints figures; nothing here is a test.
 *
 * <p>No corpus text is kept anywhere: the sets are read, decided and counted. The detik.com sample
 * printed for people to inspect goes to standard output only.
 */
public final class LanguageFigures {

    /** Sentence length buckets, in words with a letter. */
    public static final List<String> BUCKETS = List.of("1-3", "4-7", "8-15", "16+");

    /** The thresholds tried in the sweeps, one threshold at a time, the others at their defaults. */
    static final Map<String, List<LanguageRules>> SWEEPS = sweeps();

    private static Map<String, List<LanguageRules>> sweeps() {
        LanguageRules d = LanguageRules.DEFAULT;
        Map<String, List<LanguageRules>> m = new LinkedHashMap<>();
        m.put("minEnglishWords", List.of(1, 2, 3, 4, 5, 6).stream().map(d::withMinEnglishWords).toList());
        m.put("minLowercaseShare", List.of(0.0, 0.25, 0.34, 0.4, 0.5, 0.6).stream().map(d::withMinLowercaseShare).toList());
        m.put("minEnglishMargin", List.of(0.0, 0.02, 0.05, 0.1, 0.15, 0.2).stream().map(d::withMinEnglishMargin).toList());
        return m;
    }

    /** True and false positives and negatives of "is this sentence English?". */
    public record Counts(long tp, long fp, long fn, long tn) {

        /** Passed-through sentences that are English; 1 when nothing was passed through. */
        public double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        /** English sentences passed through; 1 when there were none. */
        public double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        /** The harmonic mean of precision and recall. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** English sentences in the count. */
        public long english() {
            return tp + fn;
        }

        /** Sentences in the count. */
        public long total() {
            return tp + fp + fn + tn;
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
        }

        static Counts of(boolean english, boolean passed) {
            return new Counts(english && passed ? 1 : 0, !english && passed ? 1 : 0, english && !passed ? 1 : 0,
                    !english && !passed ? 1 : 0);
        }
    }

    /**
     * One parallel set's figures.
     *
     * @param name the set's folder under {@code parallel/}
     * @param all every sentence
     * @param byLength the same by length bucket ({@link #BUCKETS})
     * @param indonesianAs what the Indonesian sentences were taken to be
     * @param englishMissedBy why English sentences were not passed through
     */
    public record SetFigures(String name, Counts all, Map<String, Counts> byLength,
                             Map<SentenceLanguage, Long> indonesianAs, Map<LanguageDecision.Reason, Long> englishMissedBy) {
    }

    /**
     * Javanese and Sundanese flags on NusaX's test rows, which the word lists were not chosen from.
     *
     * @param rows test rows
     * @param javaneseFlagged Javanese rows flagged as Javanese
     * @param javaneseAnyFlag Javanese rows flagged at all
     * @param sundaneseFlagged Sundanese rows flagged as Sundanese
     * @param sundaneseAnyFlag Sundanese rows flagged at all
     * @param indonesianFlagged Indonesian rows of the same test split flagged (false flags)
     */
    public record LocalFigures(int rows, int javaneseFlagged, int javaneseAnyFlag, int sundaneseFlagged,
                               int sundaneseAnyFlag, int indonesianFlagged) {
    }

    /**
     * Real news: detik.com bodies cut into sentences as the pipeline cuts them.
     *
     * @param articles articles read
     * @param sentences sentences decided
     * @param byLanguage sentences by language taken
     * @param byReason sentences by deciding rule
     * @param passedThrough a sample of the sentences passed through, for people to read
     * @param flagged a sample of the flagged sentences
     * @param namesKeptBack a sample of the sentences Lingua called English that the rules kept for translation
     * @param passedUnderSweeps how many sentences each rule set of {@link #SWEEPS} would pass through, by
     *     threshold name and value
     */
    public record NewsFigures(int articles, long sentences, Map<SentenceLanguage, Long> byLanguage,
                              Map<LanguageDecision.Reason, Long> byReason, List<String> passedThrough, List<String> flagged,
                              List<String> namesKeptBack, Map<String, Map<String, Long>> passedUnderSweeps) {

        /** The share of sentences passed through as English. */
        public double passedShare() {
            return sentences == 0 ? 0 : (double) byLanguage.getOrDefault(SentenceLanguage.ENGLISH, 0L) / sentences;
        }
    }

    /**
     * Everything measured.
     *
     * @param sets one entry per parallel set
     * @param overall the sets together
     * @param sweeps precision and recall over all sets with other thresholds ({@link #SWEEPS}), by threshold
     *     name and value
     * @param local Javanese and Sundanese flags
     * @param news detik.com sentences
     * @param decided sentences decided in the timed runs
     * @param seconds their time from one calling thread (Lingua spreads each sentence over the common fork-join pool), models already loaded
     * @param loadSeconds loading Lingua's models
     * @param meanChars mean length of the timed sentences in characters
     */
    public record Figures(List<SetFigures> sets, Counts overall, Map<String, Map<String, Counts>> sweeps, LocalFigures local,
                          NewsFigures news, long decided, double seconds, double loadSeconds, double meanChars) {

        /** Sentences decided per second from one calling thread. */
        public double sentencesPerSecond() {
            return decided / seconds;
        }
    }

    private record Labelled(String text, boolean english) {
    }

    private final SentenceLanguageDetector detector = new SentenceLanguageDetector();
    private long decided;
    private long nanos;
    private long chars;

    private LanguageFigures() {
    }

    /**
     * Measures everything on the corpora under {@code corpus}.
     *
     * @param corpus the folder holding {@code parallel/} and {@code detik-2025/}
     * @param perSide most sentences taken from each side of each set (spread over the file, which may
     *     be ordered by length); {@code Integer.MAX_VALUE} for all
     * @param newsArticles most detik.com articles read
     * @param sample how many sentences of each kind to keep for people to read
     */
    public static Figures measure(Path corpus, int perSide, int newsArticles, int sample) throws IOException, InputException {
        long t0 = System.nanoTime();
        SentenceLanguageDetector.warmUp();
        double load = (System.nanoTime() - t0) / 1e9;
        LanguageFigures f = new LanguageFigures();
        Path parallel = corpus.resolve("parallel");

        List<SetFigures> sets = new ArrayList<>();
        Map<String, Map<String, Counts>> sweeps = new LinkedHashMap<>();
        Map<String, List<Labelled>> sides = new LinkedHashMap<>();
        sides.put("tatoeba", tatoeba(parallel.resolve("tatoeba"), perSide));
        sides.put("talpco", talpco(parallel.resolve("talpco"), perSide));
        sides.put("nusax", nusax(parallel.resolve("nusax"), perSide));
        sides.put("guntara-news", guntara(parallel.resolve("guntara-news"), perSide));
        Counts overall = new Counts(0, 0, 0, 0);
        for (Map.Entry<String, List<Labelled>> set : sides.entrySet()) {
            SetFigures s = f.measureSet(set.getKey(), set.getValue(), sweeps);
            sets.add(s);
            overall = overall.plus(s.all());
        }
        LocalFigures local = f.local(parallel.resolve("nusax").resolve("test.csv"));
        NewsFigures news = f.news(corpus.resolve("detik-2025").resolve("data_berita.csv"), newsArticles, sample);
        return new Figures(sets, overall, sweeps, local, news, f.decided, f.nanos / 1e9, load,
                f.decided == 0 ? 0 : (double) f.chars / f.decided);
    }

    private LanguageDecision decide(String sentence) {
        return LanguageRules.DEFAULT.decide(evidence(sentence));
    }

    /** The evidence for one sentence, timed: the rules that follow cost next to nothing. */
    private LanguageEvidence evidence(String sentence) {
        long t = System.nanoTime();
        LanguageEvidence e = detector.evidence(sentence);
        nanos += System.nanoTime() - t;
        decided++;
        chars += sentence.length();
        return e;
    }

    private SetFigures measureSet(String name, List<Labelled> sentences, Map<String, Map<String, Counts>> sweeps) {
        if (sentences.isEmpty()) {
            throw new IllegalStateException("The set " + name + " gave no sentences; check its files against its MANIFEST.md.");
        }
        Counts all = new Counts(0, 0, 0, 0);
        Map<String, Counts> byLength = new LinkedHashMap<>();
        for (String b : BUCKETS) {
            byLength.put(b, new Counts(0, 0, 0, 0));
        }
        Map<SentenceLanguage, Long> indonesianAs = new EnumMap<>(SentenceLanguage.class);
        Map<LanguageDecision.Reason, Long> missedBy = new EnumMap<>(LanguageDecision.Reason.class);
        for (Labelled s : sentences) {
            LanguageEvidence e = evidence(s.text());
            LanguageDecision d = LanguageRules.DEFAULT.decide(e);
            Counts c = Counts.of(s.english(), d.passesThrough());
            all = all.plus(c);
            byLength.merge(bucket(s.text()), c, Counts::plus);
            if (!s.english()) {
                indonesianAs.merge(d.language(), 1L, Long::sum);
            } else if (!d.passesThrough()) {
                // DETECTED here means Lingua chose Indonesian or Malay for an English sentence.
                missedBy.merge(d.reason(), 1L, Long::sum);
            }
            for (Map.Entry<String, List<LanguageRules>> sweep : SWEEPS.entrySet()) {
                Map<String, Counts> byValue = sweeps.computeIfAbsent(sweep.getKey(), k -> new LinkedHashMap<>());
                for (LanguageRules rules : sweep.getValue()) {
                    byValue.merge(valueOf(sweep.getKey(), rules), Counts.of(s.english(), rules.decide(e).passesThrough()), Counts::plus);
                }
            }
        }
        return new SetFigures(name, all, byLength, indonesianAs, missedBy);
    }

    private static String valueOf(String threshold, LanguageRules r) {
        return switch (threshold) {
            case "minEnglishWords" -> Integer.toString(r.minEnglishWords());
            case "minLowercaseShare" -> String.format(Locale.ROOT, "%.2f", r.minLowercaseShare());
            case "minEnglishMargin" -> String.format(Locale.ROOT, "%.2f", r.minEnglishMargin());
            default -> throw new IllegalArgumentException("No sweep for " + threshold + ".");
        };
    }

    private LocalFigures local(Path testCsv) throws IOException {
        int rows = 0;
        int jv = 0;
        int jvAny = 0;
        int su = 0;
        int suAny = 0;
        int id = 0;
        for (CSVRecord r : csv(testCsv)) {
            rows++;
            LanguageDecision j = decide(r.get("javanese"));
            LanguageDecision s = decide(r.get("sundanese"));
            LanguageDecision i = decide(r.get("indonesian"));
            jv += j.language() == SentenceLanguage.JAVANESE ? 1 : 0;
            jvAny += j.action() == LanguageAction.FLAG ? 1 : 0;
            su += s.language() == SentenceLanguage.SUNDANESE ? 1 : 0;
            suAny += s.action() == LanguageAction.FLAG ? 1 : 0;
            id += i.action() == LanguageAction.FLAG ? 1 : 0;
        }
        if (rows == 0) {
            throw new IllegalStateException("No rows in " + testCsv + "; expected NusaX's test split (see its MANIFEST.md).");
        }
        return new LocalFigures(rows, jv, jvAny, su, suAny, id);
    }

    private NewsFigures news(Path csv, int maxArticles, int sample) throws InputException {
        ReadResult read = new ArticleSource().read(InputSpec.of(csv.toString()));
        List<Article> articles = read.articles();
        if (articles.isEmpty()) {
            throw new IllegalStateException("No articles read from " + csv + " (" + read.problems() + ").");
        }
        articles = articles.subList(0, Math.min(maxArticles, articles.size()));
        SentenceSplitter splitter = new SentenceSplitter();
        Map<SentenceLanguage, Long> byLanguage = new EnumMap<>(SentenceLanguage.class);
        Map<LanguageDecision.Reason, Long> byReason = new EnumMap<>(LanguageDecision.Reason.class);
        List<String> passed = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        List<String> keptBack = new ArrayList<>();
        Map<String, Map<String, Long>> underSweeps = new LinkedHashMap<>();
        long sentences = 0;
        for (Article a : articles) {
            for (String paragraph : a.paragraphs()) {
                for (String sentence : splitter.split(paragraph)) {
                    sentences++;
                    LanguageEvidence e = evidence(sentence);
                    LanguageDecision d = LanguageRules.DEFAULT.decide(e);
                    for (Map.Entry<String, List<LanguageRules>> sweep : SWEEPS.entrySet()) {
                        Map<String, Long> byValue = underSweeps.computeIfAbsent(sweep.getKey(), k -> new LinkedHashMap<>());
                        for (LanguageRules rules : sweep.getValue()) {
                            byValue.merge(valueOf(sweep.getKey(), rules), rules.decide(e).passesThrough() ? 1L : 0L, Long::sum);
                        }
                    }
                    byLanguage.merge(d.language(), 1L, Long::sum);
                    byReason.merge(d.reason(), 1L, Long::sum);
                    String line = d.language().code() + " " + d.reason() + String.format(Locale.ROOT, " %.2f  ", d.confidence()) + sentence;
                    if (d.passesThrough()) {
                        passed.add(line);
                    } else if (d.action() == LanguageAction.FLAG) {
                        flagged.add(line);
                    } else if (d.language() == SentenceLanguage.UNDETERMINED && d.reason() != LanguageDecision.Reason.NO_LETTERS) {
                        keptBack.add(line);
                    }
                }
            }
        }
        return new NewsFigures(articles.size(), sentences, byLanguage, byReason, sampleOf(passed, sample),
                sampleOf(flagged, sample), sampleOf(keptBack, sample), underSweeps);
    }

    private static List<String> sampleOf(List<String> all, int n) {
        List<String> copy = new ArrayList<>(all);
        java.util.Collections.shuffle(copy, new Random(20));
        return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
    }

    /** The length bucket of a sentence, in whitespace-separated tokens with a letter. */
    static String bucket(String sentence) {
        int words = 0;
        for (String t : sentence.strip().split("\\s+")) {
            if (t.codePoints().anyMatch(Character::isLetter)) {
                words++;
            }
        }
        return words <= 3 ? "1-3" : words <= 7 ? "4-7" : words <= 15 ? "8-15" : "16+";
    }

    // The sets, as their MANIFEST.md files describe them. Each side is de-duplicated, then thinned
    // evenly to at most perSide sentences.

    private static List<Labelled> tatoeba(Path dir, int perSide) throws IOException {
        Set<String> en = new LinkedHashSet<>();
        Set<String> id = new LinkedHashSet<>();
        for (String line : lines(dir.resolve("ind.txt"))) {
            String[] f = line.split("\t");
            if (f.length < 2) {
                throw new IllegalStateException(dir.resolve("ind.txt") + ": a line without English<TAB>Indonesian: " + line.length() + " chars.");
            }
            en.add(f[0].strip());
            id.add(f[1].strip());
        }
        return labelled(en, id, perSide);
    }

    private static List<Labelled> talpco(Path dir, int perSide) throws IOException {
        return labelled(idTabSentence(dir.resolve("data_eng.txt")), idTabSentence(dir.resolve("data_ind.txt")), perSide);
    }

    private static Set<String> idTabSentence(Path file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines(file)) {
            int tab = line.indexOf('\t');
            if (tab > 0 && !line.substring(tab + 1).isBlank()) {
                out.add(line.substring(tab + 1).strip());
            }
        }
        return out;
    }

    private static List<Labelled> nusax(Path dir, int perSide) throws IOException {
        Set<String> en = new LinkedHashSet<>();
        Set<String> id = new LinkedHashSet<>();
        for (String split : List.of("train.csv", "valid.csv", "test.csv")) {
            for (CSVRecord r : csv(dir.resolve(split))) {
                en.add(r.get("english").strip());
                id.add(r.get("indonesian").strip());
            }
        }
        return labelled(en, id, perSide);
    }

    private static List<Labelled> guntara(Path dir, int perSide) throws IOException {
        Set<String> en = new LinkedHashSet<>();
        Set<String> id = new LinkedHashSet<>();
        for (String split : List.of("news.test", "news.valid")) {
            lines(dir.resolve(split + ".en")).forEach(l -> en.add(l.strip()));
            lines(dir.resolve(split + ".id")).forEach(l -> id.add(l.strip()));
        }
        return labelled(en, id, perSide);
    }

    private static List<Labelled> labelled(Set<String> english, Set<String> indonesian, int perSide) {
        List<Labelled> out = new ArrayList<>();
        thin(english, perSide).forEach(s -> out.add(new Labelled(s, true)));
        thin(indonesian, perSide).forEach(s -> out.add(new Labelled(s, false)));
        return out;
    }

    private static List<String> thin(Set<String> sentences, int n) {
        List<String> all = sentences.stream().filter(s -> !s.isBlank()).toList();
        if (all.size() <= n) {
            return all;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Corpus file " + file.toAbsolutePath() + " is missing; give the corpus folder "
                    + "(default ../shared/corpus) as the first argument.");
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> l.replace("\r", "")).filter(l -> !l.isBlank()).toList();
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Corpus file " + file.toAbsolutePath() + " is missing; give the corpus folder "
                    + "(default ../shared/corpus) as the first argument.");
        }
        // NusaX's first header cell (the row index) is empty.
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return format.parse(r).getRecords();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The figures as people read them. */
    public static String report(Figures f) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Is this sentence English? (pass through when English; %d sentences)%n", f.overall().total()));
        b.append(String.format(Locale.ROOT, "%-22s %6s %6s  %9s %6s %6s%n", "set", "en", "id", "precision", "recall", "F1"));
        for (SetFigures s : f.sets()) {
            b.append(row(s.name(), s.all()));
        }
        b.append(row("all", f.overall()));
        b.append(String.format(Locale.ROOT, "%nBy length (words with a letter):%n"));
        for (SetFigures s : f.sets()) {
            for (Map.Entry<String, Counts> e : s.byLength().entrySet()) {
                if (e.getValue().total() > 0) {
                    b.append(row(s.name() + " " + e.getKey(), e.getValue()));
                }
            }
        }
        b.append(String.format(Locale.ROOT, "%nIndonesian sentences taken as / English sentences kept back because:%n"));
        for (SetFigures s : f.sets()) {
            b.append(String.format(Locale.ROOT, "%-22s %s / %s%n", s.name(), codes(s.indonesianAs()), s.englishMissedBy()));
        }
        b.append(String.format(Locale.ROOT, "%nThreshold sweeps (all sets; one threshold at a time, the others as in use: %s):%n",
                LanguageRules.DEFAULT));
        b.append(String.format(Locale.ROOT, "(last column: detik-2025 sentences it would pass through, of %d)%n", f.news().sentences()));
        for (Map.Entry<String, Map<String, Counts>> sweep : f.sweeps().entrySet()) {
            for (Map.Entry<String, Counts> e : sweep.getValue().entrySet()) {
                String r = row(sweep.getKey() + " " + e.getKey(), e.getValue()).stripTrailing();
                b.append(r).append("  detik ").append(f.news().passedUnderSweeps().get(sweep.getKey()).get(e.getKey()))
                        .append(System.lineSeparator());
            }
        }
        LocalFigures l = f.local();
        b.append(String.format(Locale.ROOT, "%nNusaX test rows (%d), held out from the word lists:%n", l.rows()));
        b.append(String.format(Locale.ROOT, "  Javanese flagged as Javanese %d (%.1f%%), flagged at all %d (%.1f%%)%n",
                l.javaneseFlagged(), pct(l.javaneseFlagged(), l.rows()), l.javaneseAnyFlag(), pct(l.javaneseAnyFlag(), l.rows())));
        b.append(String.format(Locale.ROOT, "  Sundanese flagged as Sundanese %d (%.1f%%), flagged at all %d (%.1f%%)%n",
                l.sundaneseFlagged(), pct(l.sundaneseFlagged(), l.rows()), l.sundaneseAnyFlag(), pct(l.sundaneseAnyFlag(), l.rows())));
        b.append(String.format(Locale.ROOT, "  Indonesian flagged %d (%.1f%%)%n", l.indonesianFlagged(), pct(l.indonesianFlagged(), l.rows())));
        NewsFigures n = f.news();
        b.append(String.format(Locale.ROOT, "%ndetik-2025: %d articles, %d sentences; passed through as English %d (%.2f%%)%n",
                n.articles(), n.sentences(), n.byLanguage().getOrDefault(SentenceLanguage.ENGLISH, 0L), 100 * n.passedShare()));
        b.append("  by language: ").append(codes(n.byLanguage())).append(System.lineSeparator());
        b.append("  by rule:     ").append(n.byReason()).append(System.lineSeparator());
        b.append(String.format(Locale.ROOT, "%nSpeed: %d sentences (mean %.0f chars) in %.2f s from one calling thread: %.0f sentences/s; "
                + "models loaded in %.2f s%n", f.decided(), f.meanChars(), f.seconds(), f.sentencesPerSecond(), f.loadSeconds()));
        return b.toString();
    }

    /** The detik.com samples, for people to read (corpus text: print, never store). */
    public static String samples(NewsFigures n) {
        StringBuilder b = new StringBuilder();
        b.append("Sample passed through as English:").append(System.lineSeparator());
        n.passedThrough().forEach(s -> b.append("  ").append(s).append(System.lineSeparator()));
        b.append("Sample Lingua called English, kept for translation:").append(System.lineSeparator());
        n.namesKeptBack().forEach(s -> b.append("  ").append(s).append(System.lineSeparator()));
        b.append("Sample flagged:").append(System.lineSeparator());
        n.flagged().forEach(s -> b.append("  ").append(s).append(System.lineSeparator()));
        return b.toString();
    }

    private static String row(String name, Counts c) {
        return String.format(Locale.ROOT, "%-22s %6d %6d  %9.4f %6.4f %6.4f  (tp %d fp %d fn %d)%n", name, c.english(),
                c.total() - c.english(), c.precision(), c.recall(), c.f1(), c.tp(), c.fp(), c.fn());
    }

    private static String codes(Map<SentenceLanguage, Long> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k.code()).append('=').append(v));
        return b.toString();
    }

    private static double pct(long a, long b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    /**
     * Prints the figures. Arguments: the corpus folder (default {@code ../shared/corpus}), the most
     * sentences per side of each set (default all), the most detik.com articles (default all), and
     * how many sample sentences of each kind to print (default 40).
     */
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        int perSide = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        int articles = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        int sample = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        Figures f = measure(corpus, perSide, articles, sample);
        System.out.print(report(f));
        System.out.println();
        System.out.print(samples(f.news()));
    }
}
