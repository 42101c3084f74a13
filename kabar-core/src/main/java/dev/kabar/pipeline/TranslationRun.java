package dev.kabar.pipeline;

import dev.kabar.article.Article;
import dev.kabar.article.ClauseSplitter;
import dev.kabar.article.SentenceSplitter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * Creates a run.
     *
     * @throws IllegalArgumentException when the translator's own input limit is below 1
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
        int i = 0;
        for (Article article : articles) {
            counted[i] = countSentences(article);
            state.sentencesTotal += counted[i++];
        }
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
                clock.getAsLong() - state.startNanos);
        progress.finished(summary);
        return summary;
    }

    // ---- preparation: article -> sentences -> pieces ----------------------------------------

    /** A sentence to translate, cut into pieces when it is longer than the input limit. */
    private record Segment(String sentence, List<String> pieces, int[] pieceTokens, boolean split) {
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
    private int countSentences(Article article) {
        try {
            int n = article.title() != null && !article.title().isBlank() ? 1 : 0;
            for (String paragraph : article.paragraphs()) {
                n += sentenceSplitter.split(paragraph).size();
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
                // A headline is one pair however the splitter cuts it, so that title_en stays one text.
                List<String> pieces = new ArrayList<>();
                List<Integer> tokens = new ArrayList<>();
                boolean split = false;
                for (String sentence : sentenceSplitter.split(article.title())) {
                    Segment part = segment(sentence, "the title", warnings);
                    pieces.addAll(part.pieces());
                    for (int t : part.pieceTokens()) {
                        tokens.add(t);
                    }
                    split |= part.split();
                }
                title = new Segment(article.title().strip(), pieces, tokens.stream().mapToInt(Integer::intValue).toArray(),
                        split);
            }
            List<List<Segment>> paragraphs = new ArrayList<>();
            for (int p = 0; p < article.paragraphs().size(); p++) {
                List<Segment> paragraph = new ArrayList<>();
                List<String> sentences = sentenceSplitter.split(article.paragraphs().get(p));
                for (int s = 0; s < sentences.size(); s++) {
                    paragraph.add(segment(sentences.get(s), where(p, s), warnings));
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

    private Segment segment(String sentence, String where, List<String> warnings) {
        int tokens = translator.countTokens(sentence);
        if (tokens <= maxInputTokens) {
            return new Segment(sentence, List.of(sentence), new int[] {tokens}, false);
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
        return new Segment(sentence, cut.pieces(), pieceTokens, cut.split());
    }

    private static String where(int paragraph, int sentence) {
        return "sentence " + (sentence + 1) + " of paragraph " + (paragraph + 1);
    }

    // ---- translation of a window of articles -------------------------------------------------

    /** One distinct text of a window, sent to the model once. */
    private static final class Text {
        final String text;
        final int tokens;
        Translation translation;
        String error;
        long nanos;
        /** The sentences of the window that wait for this text, to count them done when it is. */
        final List<Waiting> waiting = new ArrayList<>();

        Text(String text, int tokens) {
            this.text = text;
            this.tokens = tokens;
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
        /** Every text translated so far in the run; identical sentences are translated once. */
        final Map<String, Translation> memory = new HashMap<>();
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
                    if (!state.memory.containsKey(piece)) {
                        texts.putIfAbsent(piece, new Text(piece, segment.pieceTokens()[k]));
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
                    state.sentencesDone++; // translated in an earlier window
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
        for (Text text : pending) {
            if (text.translation != null) {
                state.memory.put(text.text, text.translation);
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
            }
            sink.accept(result);
            progress.advanced(snapshot(state));
        }
    }

    /** Translates a batch; if it throws, each text alone, so a bad text fails only itself. */
    private void translateBatch(List<Text> batch, State state) {
        long start = clock.getAsLong();
        try {
            List<Translation> out = translator.translate(batch.stream().map(t -> t.text).toList());
            if (out == null || out.size() != batch.size()) {
                throw new IllegalStateException("the translator returned " + (out == null ? "nothing" : out.size()
                        + " translations") + " for " + batch.size() + " sentences");
            }
            long nanos = clock.getAsLong() - start;
            long tokens = batch.stream().mapToLong(t -> Math.max(1, t.tokens)).sum();
            // Shares by cumulative tokens, so that the rounded shares add up to the batch's time exactly.
            long before = 0;
            long cumulative = 0;
            for (int k = 0; k < batch.size(); k++) {
                Text text = batch.get(k);
                text.translation = out.get(k);
                cumulative += Math.max(1, text.tokens);
                long upTo = nanos * cumulative / tokens;
                text.nanos = upTo - before;
                before = upTo;
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

    private TranslatedArticle assemble(PreparedArticle prepared, State state, Map<String, Text> owned) {
        Article article = prepared.article();
        if (prepared.failure() != null) {
            return new TranslatedArticle(article, null, List.of(), ArticleStats.none(), prepared.warnings(),
                    prepared.failure());
        }
        Tally tally = new Tally();
        String failure = null;
        SentencePair title = null;
        if (prepared.title() != null) {
            title = pair(prepared.title(), state, owned, tally);
            if (title.english() == null) {
                failure = "the title could not be translated: " + tally.lastError;
            }
        }
        List<List<SentencePair>> paragraphs = new ArrayList<>();
        for (int p = 0; p < prepared.paragraphs().size(); p++) {
            List<SentencePair> pairs = new ArrayList<>();
            List<Segment> segments = prepared.paragraphs().get(p);
            for (int s = 0; s < segments.size(); s++) {
                SentencePair pair = pair(segments.get(s), state, owned, tally);
                if (pair.english() == null && failure == null) {
                    failure = where(p, s) + " could not be translated: " + tally.lastError;
                }
                pairs.add(pair);
            }
            paragraphs.add(pairs);
        }
        ArticleStats stats = new ArticleStats(tally.sentences, tally.split, tally.reused, tally.sourceTokens,
                tally.targetTokens, tally.nanos);
        if (failure != null) {
            // A half-translated article would read as complete; keep the source, drop the English.
            List<List<SentencePair>> untranslated = paragraphs.stream()
                    .map(list -> list.stream().map(pair -> new SentencePair(pair.indonesian(), null, pair.split())).toList())
                    .toList();
            SentencePair untranslatedTitle = title == null ? null : new SentencePair(title.indonesian(), null, title.split());
            return new TranslatedArticle(article, untranslatedTitle, untranslated, stats, prepared.warnings(), failure);
        }
        return new TranslatedArticle(article, title, paragraphs, stats, prepared.warnings(), null);
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

    private SentencePair pair(Segment segment, State state, Map<String, Text> owned, Tally tally) {
        List<String> english = new ArrayList<>(segment.pieces().size());
        boolean allReused = true;
        String error = null;
        for (int k = 0; k < segment.pieces().size(); k++) {
            String piece = segment.pieces().get(k);
            tally.sourceTokens += segment.pieceTokens()[k];
            // remove(): only the first occurrence owns the text; any later one is a reuse.
            Text text = owned.remove(piece);
            Translation translation;
            if (text != null) {
                allReused = false;
                tally.nanos += text.nanos;
                translation = text.translation;
                if (translation == null) {
                    error = text.error;
                }
            } else {
                translation = state.memory.get(piece);
                if (translation == null) {
                    // The text failed for an earlier article of this window; it fails here too.
                    error = "the same text failed earlier in this run";
                } else {
                    state.reusedTexts++;
                }
            }
            if (translation != null) {
                english.add(translation.text());
                tally.targetTokens += translation.tokens();
            }
        }
        tally.sentences++;
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
        return new SentencePair(segment.sentence(), String.join(" ", english), segment.split());
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
