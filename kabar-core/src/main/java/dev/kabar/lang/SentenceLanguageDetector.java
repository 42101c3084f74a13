package dev.kabar.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Decides the language of each sentence of an Indonesian article, and whether to translate it,
 * pass it through as English, or translate and flag it: it gathers {@link LanguageEvidence} (word
 * shapes, scripts, Javanese and Sundanese function words, and Lingua's ranking of Indonesian, Malay
 * and English) and applies {@link LanguageRules}.
 *
 * <p>Lingua (com.github.pemistahl:lingua 1.2.2) is restricted to {@link #LINGUA_LANGUAGES}: fewer
 * languages make it faster and keep it from choosing a language an Indonesian article never quotes.
 * It has no model for Javanese or Sundanese; {@link LocalLanguageWords} covers those.
 *
 * <p>Lingua's models (about 65 MB of heap for the three languages, 2-3 s to load) are loaded once per
 * process, on the first decision or {@link #warmUp()}, and shared by every instance. Thread-safe.
 */
public final class SentenceLanguageDetector {

    /** The languages Lingua chooses among; the shaded jars keep only these languages' models. */
    public static final List<Language> LINGUA_LANGUAGES = List.of(Language.INDONESIAN, Language.MALAY, Language.ENGLISH);

    /** Builds the detector on first use: class initialisation is lazy and runs once, under the JVM's lock. */
    private static final class Lingua {
        static final LanguageDetector DETECTOR = LanguageDetectorBuilder
                .fromLanguages(LINGUA_LANGUAGES.toArray(Language[]::new))
                // Loaded now, not lazily per n-gram length: Lingua's lazy loading fills maps shared by
                // every detector without a lock, which is not safe when pipeline threads call at once.
                .withPreloadedLanguageModels()
                .build();
    }

    private final LanguageRules rules;

    /** Creates a detector with the rules kabar uses ({@link LanguageRules#DEFAULT}). */
    public SentenceLanguageDetector() {
        this(LanguageRules.DEFAULT);
    }

    /** Creates a detector with other thresholds. */
    public SentenceLanguageDetector(LanguageRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Returns the rules this detector applies. */
    public LanguageRules rules() {
        return rules;
    }

    /** Loads Lingua's models now, so that the first sentence does not wait for them (nor a benchmark time it). */
    public static void warmUp() {
        Objects.requireNonNull(Lingua.DETECTOR);
    }

    /**
     * Returns the language of one sentence and what to do with it.
     *
     * @param sentence one sentence of an article
     * @return the decision, never null
     */
    public LanguageDecision decide(String sentence) {
        return rules.decide(evidence(sentence));
    }

    /**
     * Returns what the rules look at in one sentence. Lingua is asked whenever the sentence has Latin
     * letters, so that the evidence serves any thresholds.
     */
    public LanguageEvidence evidence(String sentence) {
        Objects.requireNonNull(sentence, "sentence");
        SentenceWords words = SentenceWords.of(sentence);
        List<String> lowercased = words.lowercased();
        int javanese = LocalLanguageWords.distinct(lowercased, LocalLanguageWords.JAVANESE);
        int sundanese = LocalLanguageWords.distinct(lowercased, LocalLanguageWords.SUNDANESE);
        boolean sundaneseLeads = LocalLanguageWords.count(lowercased, LocalLanguageWords.SUNDANESE)
                > LocalLanguageWords.count(lowercased, LocalLanguageWords.JAVANESE);

        SentenceLanguage best = SentenceLanguage.UNDETERMINED;
        double margin = 0;
        double malayMargin = 0;
        if (words.latinLetters() > 0) {
            SortedMap<Language, Double> values = Lingua.DETECTOR.computeLanguageConfidenceValues(sentence);
            // Sorted by value, best first. Lingua 1.2.2 gives the best language 1.0 and each other its
            // likelihood relative to the best, so one minus the runner-up's value is the margin.
            Iterator<Map.Entry<Language, Double>> ranked = values.entrySet().iterator();
            if (ranked.hasNext()) {
                best = of(ranked.next().getKey());
                margin = ranked.hasNext() ? clamp(1 - ranked.next().getValue()) : 1;
                if (best == SentenceLanguage.MALAY) {
                    malayMargin = clamp(1 - values.getOrDefault(Language.INDONESIAN, 0.0));
                }
            }
        }
        return new LanguageEvidence(words.words().size(), words.lowercase(), words.letters(), words.latinLetters(),
                javanese, sundanese, sundaneseLeads, best, margin, malayMargin);
    }

    private static SentenceLanguage of(Language language) {
        return switch (language) {
            case INDONESIAN -> SentenceLanguage.INDONESIAN;
            case MALAY -> SentenceLanguage.MALAY;
            case ENGLISH -> SentenceLanguage.ENGLISH;
            default -> throw new IllegalStateException("Lingua chose " + language + ", which is not among " + LINGUA_LANGUAGES + ".");
        };
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
