package dev.kabar.job;

import dev.kabar.glossary.TermConstraint;

import dev.kabar.pipeline.FatalTranslationException;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.Translation;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SentenceTranslator} that answers from the translation memory in the state database and
 * sends only the sentences it has never seen to the translator it wraps, storing their
 * translations. Entries are keyed by model (revision or content hash), generation settings
 * (canonical JSON) and the normalised sentence, so a memory entry is only ever reused for exactly
 * the computation that made it: boilerplate and re-published articles are translated once, ever.
 *
 * <p>The wrapped translator is given the normalised sentence, not the original, so that the stored
 * translation is a function of the key alone. Normalisation (Unicode NFC, runs of white space to one
 * space, trimmed) changes nothing a tokenizer would keep apart in news text.
 *
 * <p>Each entry keeps the model's confidence in it (null when the model gave none, or for an entry
 * stored before confidences were kept), so that a hit is checked as the first translation was. A
 * second try ({@link #secondTry()}) has a memory of its own, under the model key with
 * {@value #SECOND_TRY_SUFFIX} added and the second try's generation key: its answers come from other
 * settings and never stand in for a first translation, nor the other way round.
 *
 * <p>A failure of the database is a {@link FatalTranslationException}: the run stops rather than
 * treating every sentence as bad. Not thread-safe.
 */
public final class TranslationMemoryTranslator implements SentenceTranslator {

    private final SentenceTranslator inner;
    private final StateStore store;
    private final String modelKey;
    private final String generationKey;
    private final String secondTryGenerationKey;
    private final Clock clock;
    private long lookups;
    private long hits;
    /** The memory of the wrapped translator's second try, made on first use; null before, or when it has none. */
    private TranslationMemoryTranslator secondTry;

    /** What is added to the model key of a second try's entries. */
    public static final String SECOND_TRY_SUFFIX = "#second-try";

    /**
     * Wraps a translator.
     *
     * @param inner the translator for sentences not in memory
     * @param store the state database
     * @param modelKey the model's identity ({@link ModelFingerprint})
     * @param generationKey the generation settings' identity ({@link ModelFingerprint#generationKey})
     */
    public TranslationMemoryTranslator(SentenceTranslator inner, StateStore store, String modelKey,
            String generationKey, Clock clock) {
        this(inner, store, modelKey, generationKey, generationKey, clock);
    }

    /**
     * Wraps a translator whose second try has settings of their own.
     *
     * @param secondTryGenerationKey the identity of the second try's generation settings
     *     ({@link ModelFingerprint#generationKey} of them), so that entries made with other second-try
     *     settings are not reused
     */
    public TranslationMemoryTranslator(SentenceTranslator inner, StateStore store, String modelKey,
            String generationKey, String secondTryGenerationKey, Clock clock) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.store = Objects.requireNonNull(store, "store");
        this.modelKey = Objects.requireNonNull(modelKey, "modelKey");
        this.generationKey = Objects.requireNonNull(generationKey, "generationKey");
        this.secondTryGenerationKey = Objects.requireNonNull(secondTryGenerationKey, "secondTryGenerationKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The form of a sentence the memory is keyed by. */
    public static String normalise(String sentence) {
        return Normalizer.normalize(sentence, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    @Override
    public List<Translation> translate(List<String> sentences) {
        List<String> keys = sentences.stream().map(TranslationMemoryTranslator::normalise).toList();
        Map<String, Translation> known;
        try {
            known = new HashMap<>(store.memoryLookup(modelKey, generationKey, keys));
        } catch (StateStoreException e) {
            throw new FatalTranslationException(e.getMessage(), e);
        }
        lookups += keys.size();
        List<String> hitKeys = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (known.containsKey(key)) {
                hitKeys.add(key);
            } else if (!missing.contains(key)) {
                missing.add(key);
            }
        }
        hits += hitKeys.size();
        if (!missing.isEmpty()) {
            // A failure here (a bad sentence) propagates as it is, so the run retries sentence by sentence.
            List<Translation> fresh = inner.translate(missing);
            Map<String, Translation> stored = new LinkedHashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                stored.put(missing.get(i), fresh.get(i));
            }
            try {
                store.memoryStore(modelKey, generationKey, stored, clock.instant());
                store.memoryHits(modelKey, generationKey, hitKeys, clock.instant());
            } catch (StateStoreException e) {
                throw new FatalTranslationException(e.getMessage(), e);
            }
            known.putAll(stored);
        } else if (!hitKeys.isEmpty()) {
            try {
                store.memoryHits(modelKey, generationKey, hitKeys, clock.instant());
            } catch (StateStoreException e) {
                throw new FatalTranslationException(e.getMessage(), e);
            }
        }
        return keys.stream().map(known::get).toList();
    }

    @Override
    public boolean forcesPhrases() {
        return inner.forcesPhrases();
    }

    /**
     * Translates sentences without glossary terms through the memory, and those with terms by the
     * wrapped translator alone: their English depends on the term list as much as on the sentence,
     * so it is neither served from the memory nor stored in it.
     */
    @Override
    public List<Translation> translate(List<String> sentences, List<List<TermConstraint>> constraints) {
        List<Integer> plain = new ArrayList<>();
        List<Integer> constrained = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            (constraints.get(i).isEmpty() ? plain : constrained).add(i);
        }
        Translation[] out = new Translation[sentences.size()];
        if (!constrained.isEmpty()) {
            List<Translation> forced = inner.translate(constrained.stream().map(sentences::get).toList(),
                    constrained.stream().map(constraints::get).toList());
            for (int k = 0; k < constrained.size(); k++) {
                out[constrained.get(k)] = forced.get(k);
            }
        }
        if (!plain.isEmpty()) {
            List<Translation> remembered = translate(plain.stream().map(sentences::get).toList());
            for (int k = 0; k < plain.size(); k++) {
                out[plain.get(k)] = remembered.get(k);
            }
        }
        return List.of(out);
    }

    /**
     * Returns the wrapped translator's second try, behind a memory of its own (the model key with
     * {@value #SECOND_TRY_SUFFIX} added, the second try's generation key), or null when it has none.
     * The same instance every time, so that its counts add up.
     */
    @Override
    public SentenceTranslator secondTry() {
        if (secondTry == null) {
            SentenceTranslator strict = inner.secondTry();
            if (strict == null) {
                return null;
            }
            secondTry = new TranslationMemoryTranslator(strict, store, modelKey + SECOND_TRY_SUFFIX, secondTryGenerationKey,
                    clock);
        }
        return secondTry;
    }

    @Override
    public int countTokens(String text) {
        return inner.countTokens(text);
    }

    @Override
    public int maxInputTokens() {
        return inner.maxInputTokens();
    }

    /** Sentences looked up so far. */
    public long lookups() {
        return lookups;
    }

    /** Sentences answered from memory so far. */
    public long hits() {
        return hits;
    }
}
