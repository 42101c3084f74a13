package dev.kabar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kabar.pipeline.FatalTranslationException;
import dev.kabar.pipeline.Translation;
import java.nio.file.Path;
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
    void aBrokenDatabaseStopsTheRunInsteadOfFailingSentences() {
        StateStore store = StateStore.open(dir.resolve("state.db"));
        TranslationMemoryTranslator tm = new TranslationMemoryTranslator(new JobFixtures.FakeTranslator(0).translator(),
                store, "m", "g", JobFixtures.CLOCK);
        store.close();
        assertThrows(FatalTranslationException.class, () -> tm.translate(List.of("Halo.")));
    }
}
