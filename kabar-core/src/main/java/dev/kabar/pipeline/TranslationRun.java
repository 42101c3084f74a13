package dev.kabar.pipeline;

import dev.kabar.article.Article;
import dev.kabar.article.ClauseSplitter;
import dev.kabar.article.SentenceSplitter;
import dev.kabar.glossary.GlossaryMatcher;
import dev.kabar.glossary.TermConstraint;
import dev.kabar.glossary.TermOutcome;
import dev.kabar.lang.LanguageAction;
import dev.kabar.lang.LanguageDecision;
import dev.kabar.lang.SentenceLanguageDetector;
import dev.kabar.trust.Reason;
import dev.kabar.trust.ReasonCode;
import dev.kabar.trust.SentenceCheck;
import dev.kabar.trust.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Translates articles: the use case behind {@code kabar translate}. Not thread-safe; one run at a
 * time per instance.
 *
 * <p>Each article's title and paragraphs are cut into sentences ({@link SentenceSplitter}); a
 * sentence longer than the input limit, in model tokens, is cut at clause boundaries
 * ({@link ClauseSplitter}) and its pieces translated separately, then rejoined with a space into
 * one sentence pair flagged as split, so nothing is ever truncated. The texts of many articles are
 * collected (read ahead) so that sorting by length has material, de-duplicated (a text is
 * translated once per run), sorted into batches under a token budget ({@link TokenBudgetBatcher},
 * as CTranslate2's {@code rebatch_input}), translated, and put back in article order.
 *
 * <p>A batch that throws is retried text by text, so that one bad sentence fails only the articles
 * that hold it (reported with the error) while the others complete; a
 * {@link FatalTranslationException} or a failing sink stops the run.
 *
 * <p>Every sentence pair carries a {@link SentenceTrust} (see {@code docs/trust.md}, "In runs").
 * With {@link TrustSettings#detectLanguage()}, each sentence's language is decided first, on the
 * whole sentence: English is passed through without reaching the model, Javanese, Sundanese and
 * other scripts are translated and flagged. After a window's batches, every distinct model input
 * is checked ({@link SentenceCheck}); with {@link TrustSettings#secondTry()} and a translator that
 * has one ({@link SentenceTranslator#secondTry()}), the suspect inputs are translated again and
 * the better attempt kept. A sentence translated in pieces combines its pieces' outcomes.
 *
 * <p>Progress is reported in sentences ({@link ProgressSnapshot}): before the first batch the run
 * counts the sentences of all its articles (a pass of the sentence splitter alone, without the
 * model's tokenizer), so that the total is final from the start and an ETA can follow the first
 * batch, although the read-ahead prepares articles window by window.
 */
public final class TranslationRun {

    private final SentenceTranslator translator;
    private final TranslationSettings settings;
    private final int maxInputTokens;
    private final SentenceSplitter sentenceSplitter = new SentenceSplitter();
    private final ClauseSplitter clauseSplitter;
    private final TokenBudgetBatcher batcher;
    private final LongSupplier clock;
    private final SentenceCheck check;
    /** The translator of second tries, or null when they are off or the translator has none. */
    private final SentenceTranslator secondTry;
    /** The glossary's matcher, or null when the run has no glossary. */
    private final GlossaryMatcher glossary;
    /** The languages of the current run's sentences, decided before translation ({@link #decideLanguages}). */
    private final Map<String, LanguageDecision> languages = new HashMap<>();

    /**
     * The detector every run of the process shares, built on first use: Lingua's models take seconds
     * and tens of megabytes to load, which one process should pay once, and only when detection is on.
     */
    private static final class Detector {
        static final SentenceLanguageDetector INSTANCE = new SentenceLanguageDetector();
    }

    /**
     * Creates a run.
     *
     * @throws IllegalArgumentException when the translator's own input limit is below 1, or the
     *     settings have a glossary and the translator cannot force phrases
     */
    public TranslationRun(SentenceTranslator translator, TranslationSettings settings) {
        this(translator, settings, System::nanoTime);
    }

    /** Creates a run that reads time from {@code clock} (nanoseconds), for tests. */
    TranslationRun(SentenceTranslator translator, TranslationSettings settings, LongSupplier clock) {
        this.translator = Objects.requireNonNull(translator, "translator");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxInputTokens = settings.maxInputTokens() > 0 ? settings.maxInputTokens() : translator.maxInputTokens();
        this.clauseSplitter = new ClauseSplitter(translator::countTokens, maxInputTokens);
        this.batcher = new TokenBudgetBatcher(settings.batchTokens(), settings.batchSentences(), true);
        this.check = new SentenceCheck(settings.trust().minConfidence());
        this.secondTry = SecondTries.translator(translator, settings.trust());
        if (settings.glossary() != null && (!translator.forcesPhrases() || secondTry != null && !secondTry.forcesPhrases())) {
            throw new IllegalArgumentException("the glossary " + settings.glossary().source() + " cannot be applied: its terms "
                    + "are forced by constrained beam search, which this translator (or its second try) does not do: a greedy "
                    + "run, num_beams 1, cannot; set num_beams to 2 or more, or leave the glossary out.");
        }
        this.glossary = settings.glossary() == null ? null : settings.glossary().matcher();
    }

    /** Returns the input limit in force: the settings' one, else the translator's. */
    public int maxInputTokens() {
        return maxInputTokens;
    }

    /**
     * Translates the articles and hands each outcome to {@code sink}, in input order.
     *
     * @return the run's figures
     * @throws IOException when the sink fails; the run stops there
     * @throws FatalTranslationException when the translator cannot go on; the run stops there
     */
    public RunSummary run(List<Article> articles, TranslationSink sink, TranslationProgress progress)
            throws IOException {
        State state = new State(articles.size(), clock.getAsLong());
        int[] counted = new int[articles.size()];
        Set<String> sentences = settings.trust().detectLanguage() ? new LinkedHashSet<>() : null;
        int i = 0;
        for (Article article : articles) {
            counted[i] = countSentences(article, sentences);
            state.sentencesTotal += counted[i++];
        }
        decideLanguages(sentences);
        progress.started(snapshot(state));
        List<PreparedArticle> window = new ArrayList<>();
        long windowTexts = 0;
        i = 0;
        for (Article article : articles) {
            PreparedArticle prepared = prepare(article, counted[i++]);
            window.add(prepared);
            windowTexts += prepared.pieceCount();
            if (windowTexts >= settings.readAheadTexts()) {
                translateWindow(window, state, sink, progress);
                window.clear();
                windowTexts = 0;
            }
        }
        translateWindow(window, state, sink, progress);
        RunSummary summary = new RunSummary(articles.size(), state.articlesFailed, state.sentences, state.translatedTexts,
                state.reusedTexts, state.reusedSentences, state.splitSentences, state.sourceTokens, state.targetTokens,
                clock.getAsLong() - state.startNanos, state.trust);
        progress.finished(summary);
        return summary;
    }

    // ---- preparation: article -> sentences -> pieces ----------------------------------------

    /**
     * A sentence to translate, cut into pieces when it is longer than the input limit, with its
     * language (null when detection is off). A sentence passed through has no pieces: nothing of it
     * reaches the model.
     */
    private record Segment(String sentence, List<String> pieces, int[] pieceTokens, boolean split,
            LanguageDecision language) {

        static Segment passedThrough(String sentence, LanguageDecision language) {
            return new Segment(sentence, List.of(), new int[0], false, language);
        }

        boolean passesThrough() {
            return language != null && language.passesThrough();
        }

        Segment withLanguage(LanguageDecision decision) {
            return new Segment(sentence, pieces, pieceTokens, split, decision);
        }
    }

    /**
     * An article cut into segments, or the reason it could not be; {@code counted} is its share of
     * the run's sentence total, done at once when the article fails here.
     */
    private record PreparedArticle(Article article, Segment title, List<List<Segment>> paragraphs, List<String> warnings,
            String failure, int counted) {

        int pieceCount() {
            int n = title == null ? 0 : title.pieces().size();
            for (List<Segment> paragraph : paragraphs) {
                for (Segment segment : paragraph) {
                    n += segment.pieces().size();
                }
            }
            return n;
        }
    }

    /**
     * The sentence pairs {@link #prepare} will make of the article: one for a title, one for each
     * sentence of each paragraph (a sentence split at clauses stays one pair). 0 when the splitter
     * throws: {@link #prepare} then meets the same error and fails the article with it.
     */
    private int countSentences(Article article, Set<String> sentences) {
        try {
            int n = 0;
            if (article.title() != null && !article.title().isBlank()) {
                n++;
                if (sentences != null) {
                    sentences.add(article.title().strip());
                }
            }
            for (String paragraph : article.paragraphs()) {
                List<String> split = sentenceSplitter.split(paragraph);
                n += split.size();
                if (sentences != null) {
                    sentences.addAll(split);
                }
            }
            return n;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private PreparedArticle prepare(Article article, int counted) {
        List<String> warnings = new ArrayList<>(article.warnings());
        try {
            Segment title = null;
            if (article.title() != null && !article.title().isBlank()) {
                title = titleSegment(article.title().strip(), warnings);
            }
            List<List<Segment>> paragraphs = new ArrayList<>();
            for (int p = 0; p < article.paragraphs().size(); p++) {
                List<Segment> paragraph = new ArrayList<>();
                List<String> sentences = sentenceSplitter.split(article.paragraphs().get(p));
                for (int s = 0; s < sentences.size(); s++) {
                    String sentence = sentences.get(s);
                    LanguageDecision language = language(sentence);
                    paragraph.add(language != null && language.passesThrough() ? Segment.passedThrough(sentence, language)
                            : segment(sentence, where(p, s), warnings).withLanguage(language));
                }
                paragraphs.add(paragraph);
            }
            return new PreparedArticle(article, title, paragraphs, warnings, null, counted);
        } catch (FatalTranslationException e) {
            throw e;
        } catch (RuntimeException e) {
            return new PreparedArticle(article, null, List.of(), warnings,
                    "could not be cut into sentences and measured: " + describe(e), counted);
        }
    }

    /**
     * The title as one segment: a headline is one pair however the splitter cuts it, so that
     * title_en stays one text. Its language is decided on the whole title.
     */
    private Segment titleSegment(String title, List<String> warnings) {
        LanguageDecision language = language(title);
        if (language != null && language.passesThrough()) {
            return Segment.passedThrough(title, language);
        }
        List<String> pieces = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        boolean split = false;
        for (String sentence : sentenceSplitter.split(title)) {
            Segment part = segment(sentence, "the title", warnings);
            pieces.addAll(part.pieces());
            for (int t : part.pieceTokens()) {
                tokens.add(t);
            }
            split |= part.split();
        }
        return new Segment(title, pieces, tokens.stream().mapToInt(Integer::intValue).toArray(), split, language);
    }

    /**
     * Decides the language of every distinct sentence of the run at once, on all cores, before
     * translation starts. Deciding them one by one as articles were prepared, between the model's
     * batches, cost about twice as much (19,131 detik-2025 sentences with the tiny checkpoint: 13.4 s
     * against 6-8; AMD EPYC family 26, 2 cores): the detector's threads then compete with the native
     * library's, which keep spinning after each batch, and run one sentence at a time.
     */
    private void decideLanguages(Set<String> sentences) {
        languages.clear();
        if (sentences == null || sentences.isEmpty()) {
            return;
        }
        Map<String, LanguageDecision> decided = new java.util.concurrent.ConcurrentHashMap<>();
        new ArrayList<>(sentences).parallelStream().forEach(sentence -> {
            try {
                decided.put(sentence, Detector.INSTANCE.decide(sentence));
            } catch (RuntimeException e) {
                // Left out: the article's own preparation decides it again and fails with the error.
            }
        });
        languages.putAll(decided);
    }

    /** The sentence's language, decided on the whole sentence before any clause split; null when detection is off. */
    private LanguageDecision language(String sentence) {
        if (!settings.trust().detectLanguage()) {
            return null;
        }
        LanguageDecision decided = languages.get(sentence);
        return decided != null ? decided : Detector.INSTANCE.decide(sentence);
    }

    private Segment segment(String sentence, String where, List<String> warnings) {
        int tokens = translator.countTokens(sentence);
        if (tokens <= maxInputTokens) {
            return new Segment(sentence, List.of(sentence), new int[] {tokens}, false, null);
        }
        ClauseSplitter.ClauseSplit cut = clauseSplitter.split(sentence);
        int[] pieceTokens = new int[cut.pieces().size()];
        for (int k = 0; k < pieceTokens.length; k++) {
            pieceTokens[k] = translator.countTokens(cut.pieces().get(k));
            if (pieceTokens[k] > maxInputTokens) {
                warnings.add(where + " has a word of " + pieceTokens[k] + " tokens, more than the input limit of "
                        + maxInputTokens + ", with nowhere to cut it; it is translated whole and the model may fail on it");
            }
        }
        return new Segment(sentence, cut.pieces(), pieceTokens, cut.split(), null);
    }

    private static String where(int paragraph, int sentence) {
        return "sentence " + (sentence + 1) + " of paragraph " + (paragraph + 1);
    }

    // ---- translation of a window of articles -------------------------------------------------

    /** One distinct text of a window, sent to the model once (and, when suspect, a second time). */
    private static final class Text {
        final String text;
        final int tokens;
        /** The glossary terms the text contains; empty without a glossary. */
        final List<TermConstraint> terms;
        Translation translation;
        String error;
        long nanos;
        /** The checks' verdict on {@link #translation}. */
        Verdict verdict;
        /** The second try's translation and verdict, or null when there was none or it failed. */
        Translation second;
        Verdict secondVerdict;
        /** Why the second try failed, or null. */
        String secondError;
        /** The sentences of the window that wait for this text, to count them done when it is. */
        final List<Waiting> waiting = new ArrayList<>();

        Text(String text, int tokens, List<TermConstraint> terms) {
            this.text = text;
            this.tokens = tokens;
            this.terms = terms;
        }
    }

    /**
     * What became of one translated text: its first translation and verdict, the second try's when
     * one was made, and which was kept. Kept in the run's memory, so that a text met again gets the
     * very trust of its first occurrence.
     *
     * @param second null when there was no second try (or it failed: see {@code secondError})
     */
    private record Outcome(Translation first, Verdict firstVerdict, Translation second, Verdict secondVerdict,
            boolean keptSecond, String secondError, List<TermConstraint> terms) {

        Translation kept() {
            return keptSecond ? second : first;
        }

        Verdict verdict() {
            return keptSecond ? secondVerdict : firstVerdict;
        }

        boolean tried() {
            return second != null;
        }
    }

    /** A sentence of the window and how many of its pieces the model has still to answer. */
    private static final class Waiting {
        int pieces;
    }

    /** What persists across windows: the run's translations and figures. */
    private static final class State {
        final int articlesTotal;
        final long startNanos;
        /** Every text translated so far in the run, with its checks; identical sentences are translated once. */
        final Map<String, Outcome> memory = new HashMap<>();
        int articlesDone;
        int articlesFailed;
        long sentencesTotal;
        long sentencesDone;
        long translatedTexts;
        long reusedTexts;
        long reusedSentences;
        long sentences;
        long splitSentences;
        long sourceTokens;
        long targetTokens;
        TrustTally trust = TrustTally.NONE;

        State(int articlesTotal, long startNanos) {
            this.articlesTotal = articlesTotal;
            this.startNanos = startNanos;
        }
    }

    private void translateWindow(List<PreparedArticle> window, State state, TranslationSink sink,
            TranslationProgress progress) throws IOException {
        if (window.isEmpty()) {
            return;
        }
        // The first occurrence of a text in the window owns it (and its model time); later ones reuse it.
        Map<String, Text> texts = new LinkedHashMap<>();
        for (PreparedArticle prepared : window) {
            forEachSegment(prepared, segment -> {
                for (int k = 0; k < segment.pieces().size(); k++) {
                    String piece = segment.pieces().get(k);
                    if (!state.memory.containsKey(piece) && !texts.containsKey(piece)) {
                        texts.put(piece, new Text(piece, segment.pieceTokens()[k],
                                glossary == null ? List.of() : glossary.constraints(piece)));
                    }
                }
            });
        }
        for (PreparedArticle prepared : window) {
            if (prepared.failure() != null) {
                state.sentencesDone += prepared.counted();
            }
            forEachSegment(prepared, segment -> {
                Waiting waiting = new Waiting();
                for (String piece : segment.pieces()) {
                    Text text = texts.get(piece);
                    if (text != null) {
                        text.waiting.add(waiting);
                        waiting.pieces++;
                    }
                }
                if (waiting.pieces == 0) {
                    state.sentencesDone++; // passed through, or translated in an earlier window
                }
            });
        }
        List<Text> pending = new ArrayList<>(texts.values());
        int[] lengths = pending.stream().mapToInt(t -> t.tokens).toArray();
        for (int[] batch : batcher.batches(lengths)) {
            List<Text> batchTexts = new ArrayList<>(batch.length);
            for (int index : batch) {
                batchTexts.add(pending.get(index));
            }
            translateBatch(batchTexts, state);
            for (Text text : batchTexts) {
                // Answered or failed, the text needs no more model time; a failure fails its articles later.
                for (Waiting waiting : text.waiting) {
                    if (--waiting.pieces == 0) {
                        state.sentencesDone++;
                    }
                }
            }
            progress.advanced(snapshot(state));
        }
        List<Text> suspects = new ArrayList<>();
        for (Text text : pending) {
            if (text.translation != null) {
                text.verdict = check.check(text.text, text.translation.text(), text.translation.confidence());
                if (secondTry != null && SecondTries.canHelp(text.verdict)) {
                    suspects.add(text);
                }
            }
        }
        if (!suspects.isEmpty()) {
            int[] suspectLengths = suspects.stream().mapToInt(t -> t.tokens).toArray();
            for (int[] batch : batcher.batches(suspectLengths)) {
                List<Text> batchTexts = new ArrayList<>(batch.length);
                for (int index : batch) {
                    batchTexts.add(suspects.get(index));
                }
                translateSecond(batchTexts);
                progress.advanced(snapshot(state));
            }
        }
        for (Text text : pending) {
            if (text.translation != null) {
                state.memory.put(text.text, outcome(text));
            }
        }
        Map<String, Text> owned = new HashMap<>(texts);
        for (PreparedArticle prepared : window) {
            TranslatedArticle result = assemble(prepared, state, owned);
            state.articlesDone++;
            if (result.failed()) {
                state.articlesFailed++;
            } else {
                state.sentences += result.stats().sentences();
                state.splitSentences += result.stats().splitSentences();
                state.reusedSentences += result.stats().reusedSentences();
                state.sourceTokens += result.stats().sourceTokens();
                state.targetTokens += result.stats().targetTokens();
                state.trust = state.trust.plus(result.stats().trust());
            }
            sink.accept(result);
            progress.advanced(snapshot(state));
        }
    }

    /** Translates a batch; if it throws, each text alone, so a bad text fails only itself. */
    private void translateBatch(List<Text> batch, State state) {
        long start = clock.getAsLong();
        try {
            List<Translation> out = translate(translator, batch);
            shareTime(batch, clock.getAsLong() - start);
            for (int k = 0; k < batch.size(); k++) {
                batch.get(k).translation = out.get(k);
                state.translatedTexts++;
            }
        } catch (FatalTranslationException e) {
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).error = describe(e);
                return;
            }
            for (Text text : batch) {
                translateBatch(List.of(text), state);
            }
        }
    }

    /**
     * Translates a batch of suspect texts a second time and checks them; if it throws, each text
     * alone, so that a text the second try fails on keeps its first translation and only that.
     */
    private void translateSecond(List<Text> batch) {
        long start = clock.getAsLong();
        try {
            List<Translation> out = translate(secondTry, batch);
            shareTime(batch, clock.getAsLong() - start);
            for (int k = 0; k < batch.size(); k++) {
                Text text = batch.get(k);
                text.second = out.get(k);
                text.secondVerdict = check.check(text.text, text.second.text(), text.second.confidence());
            }
        } catch (FatalTranslationException e) {
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).secondError = describe(e);
                return;
            }
            for (Text text : batch) {
                translateSecond(List.of(text));
            }
        }
    }

    private static List<Translation> translate(SentenceTranslator model, List<Text> batch) {
        List<String> texts = batch.stream().map(t -> t.text).toList();
        // Texts with glossary terms go through constrained search, in the same call as the others.
        List<Translation> out = batch.stream().allMatch(t -> t.terms.isEmpty()) ? model.translate(texts)
                : model.translate(texts, batch.stream().map(t -> t.terms).toList());
        if (out == null || out.size() != batch.size()) {
            throw new IllegalStateException("the translator returned " + (out == null ? "nothing" : out.size()
                    + " translations") + " for " + batch.size() + " sentences");
        }
        for (Translation translation : out) {
            if (translation == null) {
                throw new IllegalStateException("the translator returned no translation for a sentence of the batch");
            }
        }
        return out;
    }

    /** Adds a batch's model time to its texts, shared by their source tokens. */
    private static void shareTime(List<Text> batch, long nanos) {
        long tokens = batch.stream().mapToLong(t -> Math.max(1, t.tokens)).sum();
        // Shares by cumulative tokens, so that the rounded shares add up to the batch's time exactly.
        long before = 0;
        long cumulative = 0;
        for (Text text : batch) {
            cumulative += Math.max(1, text.tokens);
            long upTo = nanos * cumulative / tokens;
            text.nanos += upTo - before;
            before = upTo;
        }
    }

    /** The outcome of a translated text, the better attempt kept. */
    private static Outcome outcome(Text text) {
        boolean keptSecond = text.second != null
                && better(text.second, text.secondVerdict, text.translation, text.verdict);
        return new Outcome(text.translation, text.verdict, text.second, text.secondVerdict, keptSecond, text.secondError,
                text.terms);
    }

    /**
     * Whether attempt {@code a} is strictly better than {@code b}: not suspect beats suspect; then
     * fewer reasons; then the higher confidence, a known one beating none. Anything else is a tie,
     * which the first attempt wins (this is called with the second as {@code a}).
     */
    static boolean better(Translation a, Verdict aVerdict, Translation b, Verdict bVerdict) {
        if (aVerdict.suspect() != bVerdict.suspect()) {
            return !aVerdict.suspect();
        }
        if (aVerdict.reasons().size() != bVerdict.reasons().size()) {
            return aVerdict.reasons().size() < bVerdict.reasons().size();
        }
        if (a.confidence() == null || b.confidence() == null) {
            return a.confidence() != null && b.confidence() == null;
        }
        return a.confidence() > b.confidence();
    }

    private TranslatedArticle assemble(PreparedArticle prepared, State state, Map<String, Text> owned) {
        Article article = prepared.article();
        if (prepared.failure() != null) {
            return new TranslatedArticle(article, null, List.of(), ArticleStats.none(), prepared.warnings(),
                    prepared.failure());
        }
        Tally tally = new Tally();
        List<String> warnings = new ArrayList<>(prepared.warnings());
        String failure = null;
        SentencePair title = null;
        if (prepared.title() != null) {
            title = pair(prepared.title(), "the title", state, owned, tally, warnings);
            if (title.english() == null) {
                failure = "the title could not be translated: " + tally.lastError;
            }
        }
        List<List<SentencePair>> paragraphs = new ArrayList<>();
        for (int p = 0; p < prepared.paragraphs().size(); p++) {
            List<SentencePair> pairs = new ArrayList<>();
            List<Segment> segments = prepared.paragraphs().get(p);
            for (int s = 0; s < segments.size(); s++) {
                SentencePair pair = pair(segments.get(s), where(p, s), state, owned, tally, warnings);
                if (pair.english() == null && failure == null) {
                    failure = where(p, s) + " could not be translated: " + tally.lastError;
                }
                pairs.add(pair);
            }
            paragraphs.add(pairs);
        }
        if (failure != null) {
            ArticleStats stats = new ArticleStats(tally.sentences, tally.split, tally.reused, tally.sourceTokens,
                    tally.targetTokens, tally.nanos);
            // A half-translated article would read as complete; keep the source, drop the English and its trust.
            List<List<SentencePair>> untranslated = paragraphs.stream()
                    .map(list -> list.stream().map(pair -> new SentencePair(pair.indonesian(), null, pair.split())).toList())
                    .toList();
            SentencePair untranslatedTitle = title == null ? null : new SentencePair(title.indonesian(), null, title.split());
            return new TranslatedArticle(article, untranslatedTitle, untranslated, stats, warnings, failure);
        }
        ArticleStats stats = new ArticleStats(tally.sentences, tally.split, tally.reused, tally.sourceTokens,
                tally.targetTokens, tally.nanos, TranslatedArticle.trustTally(title, paragraphs));
        return new TranslatedArticle(article, title, paragraphs, stats, warnings, null);
    }

    /** Running figures of one article. */
    private static final class Tally {
        int sentences;
        int split;
        int reused;
        long sourceTokens;
        long targetTokens;
        long nanos;
        String lastError;
    }

    private SentencePair pair(Segment segment, String where, State state, Map<String, Text> owned, Tally tally,
            List<String> warnings) {
        tally.sentences++;
        if (segment.passesThrough()) {
            return new SentencePair(segment.sentence(), segment.sentence(), false,
                    SentenceTrust.passedThrough(segment.language().language().code()));
        }
        List<Outcome> outcomes = new ArrayList<>(segment.pieces().size());
        boolean allReused = true;
        String error = null;
        for (int k = 0; k < segment.pieces().size(); k++) {
            String piece = segment.pieces().get(k);
            tally.sourceTokens += segment.pieceTokens()[k];
            // remove(): only the first occurrence owns the text; any later one is a reuse.
            Text text = owned.remove(piece);
            Outcome outcome = state.memory.get(piece);
            if (text != null) {
                allReused = false;
                tally.nanos += text.nanos;
                if (outcome == null) {
                    error = text.error;
                }
            } else if (outcome == null) {
                // The text failed for an earlier article of this window; it fails here too.
                error = "the same text failed earlier in this run";
            } else {
                state.reusedTexts++;
            }
            if (outcome != null) {
                outcomes.add(outcome);
                // What the model generated for the text: both attempts when it was tried twice, as the
                // model time holds both.
                tally.targetTokens += outcome.first().tokens() + (outcome.tried() ? outcome.second().tokens() : 0);
                if (outcome.secondError() != null) {
                    warnings.add(where + ": the second try failed (" + outcome.secondError()
                            + "); the first translation is kept, flagged");
                }
            }
        }
        if (segment.split()) {
            tally.split++;
        }
        if (allReused && !segment.pieces().isEmpty()) {
            tally.reused++;
        }
        if (error != null) {
            tally.lastError = error;
            return new SentencePair(segment.sentence(), null, segment.split());
        }
        String english = String.join(" ", outcomes.stream().map(o -> o.kept().text()).toList());
        return new SentencePair(segment.sentence(), english, segment.split(), trust(segment, outcomes), terms(outcomes));
    }

    /**
     * The glossary terms of a sentence's pieces, each checked against the English kept for its
     * piece; a term in several pieces counts once per piece.
     */
    private static List<TermUse> terms(List<Outcome> outcomes) {
        List<TermUse> uses = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            for (TermConstraint term : outcome.terms()) {
                TermOutcome met = term.check(outcome.kept().text());
                uses.add(new TermUse(term.term().id(), term.phrases(), term.term().keep(), met.met(), met.found()));
            }
        }
        return uses;
    }

    /**
     * The trust of a translated sentence from its pieces' outcomes (one for a sentence not split):
     * the kept pieces' confidences averaged by generated tokens, the union of their reasons and the
     * sentence's language, and, when a piece was tried twice, the whole sentence's two attempts.
     */
    private static SentenceTrust trust(Segment segment, List<Outcome> outcomes) {
        Reason language = languageReason(segment.language());
        Verdict verdict = union(outcomes.stream().map(Outcome::verdict).toList(), language);
        boolean keptSecond = outcomes.stream().anyMatch(Outcome::keptSecond);
        boolean tried = outcomes.stream().anyMatch(Outcome::tried);
        TrustAction action = keptSecond ? TrustAction.SECOND_TRY_KEPT_SECOND
                : tried ? TrustAction.SECOND_TRY_KEPT_FIRST
                : verdict.suspect() ? TrustAction.FLAGGED : TrustAction.NONE;
        List<Attempt> attempts = List.of();
        if (tried) {
            List<Translation> firsts = outcomes.stream().map(Outcome::first).toList();
            List<Translation> seconds = outcomes.stream().map(o -> o.tried() ? o.second() : o.first()).toList();
            attempts = List.of(
                    new Attempt(Attempt.FIRST, join(firsts), confidence(firsts),
                            union(outcomes.stream().map(Outcome::firstVerdict).toList(), language)),
                    new Attempt(Attempt.SECOND, join(seconds), confidence(seconds),
                            union(outcomes.stream().map(o -> o.tried() ? o.secondVerdict() : o.firstVerdict()).toList(),
                                    language)));
        }
        String code = segment.language() == null ? null : segment.language().language().code();
        return new SentenceTrust(code, true, confidence(outcomes.stream().map(Outcome::kept).toList()), verdict, action,
                attempts);
    }

    /** The {@code language} reason of a sentence whose language the model was not trained on, or null. */
    private static Reason languageReason(LanguageDecision decision) {
        if (decision == null || decision.action() != LanguageAction.FLAG) {
            return null;
        }
        String what = switch (decision.language()) {
            case JAVANESE -> "looks Javanese";
            case SUNDANESE -> "looks Sundanese";
            default -> decision.reason() == LanguageDecision.Reason.OTHER_SCRIPT
                    ? "is mostly in a script other than Latin" : "looks " + decision.language().code();
        };
        return new Reason(ReasonCode.LANGUAGE, "the sentence " + what + ", which the model was not trained on");
    }

    /** The reasons of every verdict, each once, in order, then the language reason when there is one. */
    private static Verdict union(List<Verdict> verdicts, Reason language) {
        LinkedHashSet<Reason> reasons = new LinkedHashSet<>();
        verdicts.forEach(v -> reasons.addAll(v.reasons()));
        if (language != null) {
            reasons.add(language);
        }
        return Verdict.of(List.copyOf(reasons));
    }

    private static String join(List<Translation> translations) {
        return String.join(" ", translations.stream().map(Translation::text).toList());
    }

    /**
     * The confidence of a sentence made of these translations: their confidences averaged, weighted by
     * generated tokens (a plain mean when no piece generated any); null when any is unknown.
     */
    static Double confidence(List<Translation> translations) {
        if (translations.size() == 1) {
            return translations.get(0).confidence();
        }
        double weighted = 0;
        double plain = 0;
        long tokens = 0;
        for (Translation translation : translations) {
            if (translation.confidence() == null) {
                return null;
            }
            weighted += translation.confidence() * translation.tokens();
            plain += translation.confidence();
            tokens += translation.tokens();
        }
        if (translations.isEmpty()) {
            return null;
        }
        return tokens > 0 ? weighted / tokens : plain / translations.size();
    }

    private static void forEachSegment(PreparedArticle prepared, Consumer<Segment> action) {
        if (prepared.failure() != null) {
            return;
        }
        if (prepared.title() != null) {
            action.accept(prepared.title());
        }
        prepared.paragraphs().forEach(paragraph -> paragraph.forEach(action));
    }

    private ProgressSnapshot snapshot(State state) {
        return new ProgressSnapshot(state.sentencesDone, state.sentencesTotal, state.articlesDone, state.articlesTotal,
                state.articlesFailed, clock.getAsLong() - state.startNanos);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
