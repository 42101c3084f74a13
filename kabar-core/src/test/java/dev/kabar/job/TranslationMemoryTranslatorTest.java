package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.pipeline.FatalTranslationException;
import dev.kabar.pipeline.SentenceTranslator;
import dev.kabar.pipeline.Translation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory answers only for the same model, generation settings and normalised sentence. */
class TranslationMemoryTranslatorTest {

    @TempDir
    Path dir;

    @Test
    void hitsAreKeyedByModelSettingsAndNormalisedSentence() {
        JobFixtures.FakeTranslator fake = new JobFixtures.FakeTranslator(0);
        try (StateStore store = StateStore.open(dir.resolve("state.db"))) {
            TranslationMemoryTranslator tm = new TranslationMemoryTranslator(fake.translator(), store, "m1", "{\"b\":1}",
                    JobFixtures.CLOCK);
            assertEquals(List.of(new Translation("EN(Baca juga: berita lain.)", 4)),
                    tm.translate(List.of("Baca  juga:\tberita lain. ")));
            assertEquals(List.of("EN(Baca juga: berita lain.)", "EN(Baru.)"),
                    tm.translate(List.of("Baca juga: berita lain.", "Baru.")).stream().map(Translation::text).toList());
            assertEquals(3, tm.lookups());
            assertEquals(1, tm.hits());
            assertEquals(2, fake.sentencesTranslated.get());

            TranslationMemoryTranslator otherBeams = new TranslationMemoryTranslator(fake.translator(), store, "m1",
                    "{\"b\":4}", JobFixtures.CLOCK);
            otherBeams.translate(List.of("Baru."));
            assertEquals(0, otherBeams.hits(), "other generation settings never reuse an entry");
            TranslationMemoryTranslator otherModel = new TranslationMemoryTranslator(fake.translator(), store, "m2",
                    "{\"b\":1}", JobFixtures.CLOCK);
            otherModel.translate(List.of("Baru."));
            assertEquals(0, otherModel.hits(), "another model never reuses an entry");
            assertEquals(4, store.memorySize());
        }
    }

    @Test
    void sentencesWithGlossaryTermsAreNeitherServedFromNorStoredInTheMemory() {
        List<List<String>> forced = new java.util.ArrayList<>();
        dev.kabar.pipeline.SentenceTranslator forcing = new dev.kabar.pipeline.SentenceTranslator() {
            @Override
            public List<Translation> translate(List<String> sentences) {
                return sentences.stream().map(s -> new Translation("EN(" + s + ")", 2)).toList();
            }

            @Override
            public boolean forcesPhrases() {
                return true;
            }

            @Override
            public List<Translation> translate(List<String> sentences,
                    List<List<dev.kabar.glossary.TermConstraint>> constraints) {
                forced.add(List.copyOf(sentences));
                return sentences.stream().map(s -> new Translation("FORCED(" + s + ")", 3)).toList();
            }

            @Override
            public int countTokens(String text) {
                return 1;
            }

            @Override
            public int maxInputTokens() {
                return 100;
            }
        };
        List<dev.kabar.glossary.TermConstraint> polri = dev.kabar.glossary.Glossary.of(List.of(
                dev.kabar.glossary.GlossaryTerm.of("Polri", "National Police"))).matcher().constraints("Polri siaga.");
        try (StateStore store = StateStore.open(dir.resolve("state.db"))) {
            TranslationMemoryTranslator tm = new TranslationMemoryTranslator(forcing, store, "m", "g", JobFixtures.CLOCK);
            assertTrue(tm.forcesPhrases());
            tm.translate(List.of("Polri siaga."));
            assertEquals(1, store.memorySize(), "the plain translation is remembered");
            List<Translation> out = tm.translate(List.of("Polri siaga.", "Baru."), List.of(polri, List.of()));
            assertEquals(List.of("FORCED(Polri siaga.)", "EN(Baru.)"), out.stream().map(Translation::text).toList(),
                    "the remembered plain translation is not served to a sentence with terms");
            assertEquals(List.of(List.of("Polri siaga.")), forced);
            assertEquals(2, store.memorySize(), "only the sentence without terms was stored");
        }
    }

    @Test
    void aBrokenDatabaseStopsTheRunInsteadOfFailingSentences() {
        StateStore store = StateStore.open(dir.resolve("state.db"));
        TranslationMemoryTranslator tm = new TranslationMemoryTranslator(new JobFixtures.FakeTranslator(0).translator(),
                store, "m", "g", JobFixtures.CLOCK);
        store.close();
        assertThrows(FatalTranslationException.class, () -> tm.translate(List.of("Halo.")));
    }

    /** A fake model that knows its confidence, {@code prefix(sentence)}, and may have a second try. */
    private static final class ScoringTranslator implements SentenceTranslator {
        final String prefix;
        final Double confidence;
        final SentenceTranslator second;
        final List<String> seen = new ArrayList<>();

        ScoringTranslator(String prefix, Double confidence, SentenceTranslator second) {
            this.prefix = prefix;
            this.confidence = confidence;
            this.second = second;
        }

        @Override
        public List<Translation> translate(List<String> sentences) {
            seen.addAll(sentences);
            return sentences.stream().map(s -> new Translation(prefix + "(" + s + ")", 3, confidence)).toList();
        }

        @Override
        public int countTokens(String text) {
            return text.split(" ").length;
        }

        @Override
        public int maxInputTokens() {
            return 500;
        }

        @Override
        public SentenceTranslator secondTry() {
            return second;
        }
    }

    @Test
    void theConfidenceIsStoredAndReturnedOnAHit() {
        ScoringTranslator model = new ScoringTranslator("EN", -0.75, null);
        try (StateStore store = StateStore.open(dir.resolve("state.db"))) {
            TranslationMemoryTranslator tm = new TranslationMemoryTranslator(model, store, "m", "g", JobFixtures.CLOCK);
            assertEquals(List.of(new Translation("EN(Halo.)", 3, -0.75)), tm.translate(List.of("Halo.")));
            assertEquals(List.of(new Translation("EN(Halo.)", 3, -0.75)), tm.translate(List.of("Halo.")), "the hit");
            assertEquals(1, tm.hits());
            assertEquals(List.of("Halo."), model.seen, "answered from memory the second time");

            ScoringTranslator unknowing = new ScoringTranslator("EN", null, null);
            TranslationMemoryTranslator other = new TranslationMemoryTranslator(unknowing, store, "m", "g2", JobFixtures.CLOCK);
            other.translate(List.of("Halo."));
            assertNull(other.translate(List.of("Halo.")).get(0).confidence(), "a confidence not known stays unknown");
        }
    }

    @Test
    void aStateDatabaseWithoutTheConfidenceColumnGainsItAndItsOldEntriesHaveNone() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE translation_memory (model_key TEXT NOT NULL, generation_key TEXT NOT NULL, "
                    + "source TEXT NOT NULL, target TEXT NOT NULL, target_tokens INTEGER NOT NULL, created_at TEXT NOT NULL, "
                    + "hits INTEGER NOT NULL DEFAULT 0, last_used_at TEXT, PRIMARY KEY (model_key, generation_key, source))");
            s.execute("INSERT INTO translation_memory VALUES ('m', 'g', 'Lama.', 'Old.', 2, '2024-01-01T00:00:00Z', 0, NULL)");
            s.execute("PRAGMA user_version=2");
        }
        ScoringTranslator model = new ScoringTranslator("EN", -0.5, null);
        try (StateStore store = StateStore.open(db)) {
            TranslationMemoryTranslator tm = new TranslationMemoryTranslator(model, store, "m", "g", JobFixtures.CLOCK);
            assertEquals(List.of(new Translation("Old.", 2, null), new Translation("EN(Baru.)", 3, -0.5)),
                    tm.translate(List.of("Lama.", "Baru.")));
            assertEquals(new Translation("EN(Baru.)", 3, -0.5), tm.translate(List.of("Baru.")).get(0));
        }
        try (StateStore store = StateStore.open(db)) {
            assertEquals(2, store.memorySize(), "opened again: the column is added once");
        }
    }

    @Test
    void theSecondTryHasAMemoryOfItsOwn() {
        ScoringTranslator strict = new ScoringTranslator("STRICT", -0.25, null);
        ScoringTranslator model = new ScoringTranslator("EN", -2.0, strict);
        try (StateStore store = StateStore.open(dir.resolve("state.db"))) {
            TranslationMemoryTranslator tm = new TranslationMemoryTranslator(model, store, "m", "g", JobFixtures.CLOCK);
            SentenceTranslator second = tm.secondTry();
            assertNotNull(second);
            assertSame(second, tm.secondTry(), "one second try per memory, so its counts add up");
            assertEquals(List.of("EN(Halo.)"), tm.translate(List.of("Halo.")).stream().map(Translation::text).toList());
            assertEquals(List.of(new Translation("STRICT(Halo.)", 3, -0.25)), second.translate(List.of("Halo.")),
                    "never the first try's entry for the same sentence");
            assertEquals(2, store.memorySize());

            // A later run asks again: both answers come from memory, under their own keys.
            TranslationMemoryTranslator later = new TranslationMemoryTranslator(model, store, "m", "g", JobFixtures.CLOCK);
            assertEquals(new Translation("EN(Halo.)", 3, -2.0), later.translate(List.of("Halo.")).get(0));
            assertEquals(new Translation("STRICT(Halo.)", 3, -0.25), later.secondTry().translate(List.of("Halo.")).get(0));
            assertEquals(List.of("Halo."), model.seen);
            assertEquals(List.of("Halo."), strict.seen);
            assertEquals(500, second.maxInputTokens());
            assertEquals(2, second.countTokens("Halo dunia."));

            assertNull(new TranslationMemoryTranslator(strict, store, "m", "g", JobFixtures.CLOCK).secondTry(),
                    "no second try when the model has none");

            // Other second-try settings: the first try's entry is reused, the second try's is not.
            TranslationMemoryTranslator otherSecond = new TranslationMemoryTranslator(model, store, "m", "g",
                    "{\"repetition_penalty\":1.5}", JobFixtures.CLOCK);
            otherSecond.translate(List.of("Halo."));
            otherSecond.secondTry().translate(List.of("Halo."));
            assertEquals(List.of("Halo."), model.seen);
            assertEquals(List.of("Halo.", "Halo."), strict.seen);
        }
    }
}
