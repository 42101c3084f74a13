package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kabar.TestData;
import dev.kabar.bench.ParallelPairs;
import dev.kabar.bench.TrustCheckFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trust checks against real text: the length range still matches the corpus it was derived
 * from, human references are rarely flagged, and the gibberish of a random-weight checkpoint over
 * real news sentences nearly always is. The figures behind docs/trust.md come from
 * {@link TrustCheckFigures}; the bounds here leave room around them.
 */
class TrustCheckCorpusTest {

    private static Path corpus() {
        Path dir = Path.of(System.getProperty("corpus.dir", "../shared/corpus"));
        if (!Files.isDirectory(dir)) {
            fail("corpus folder " + dir.toAbsolutePath() + " is missing; set -Dcorpus.dir=<path to shared/corpus>");
        }
        return dir;
    }

    @Test
    void theLengthRangeIsThePercentilesOfGuntaraValid() throws Exception {
        List<ParallelPairs.Pair> valid = ParallelPairs.guntara(corpus(), "valid");
        assertTrue(valid.size() > 1_900, "guntara-news valid has " + valid.size() + " pairs");
        double[] range = TrustCheckFigures.lengthRatioRange(valid);
        // The constants are the percentiles rounded outward to two decimals.
        assertTrue(LengthRatio.LOW <= range[0] && range[0] - LengthRatio.LOW < 0.01,
                "0.5th percentile " + range[0] + " against LOW " + LengthRatio.LOW);
        assertTrue(LengthRatio.HIGH >= range[1] && LengthRatio.HIGH - range[1] < 0.01,
                "99.5th percentile " + range[1] + " against HIGH " + LengthRatio.HIGH);
    }

    @Test
    void humanReferencesAreRarelyFlagged() throws Exception {
        SentenceCheck check = new SentenceCheck();
        TrustCheckFigures.Tally test = TrustCheckFigures.tally(ParallelPairs.guntara(corpus(), "test"), check);
        // Held out from the calibration. Most of what is flagged are misaligned or free pairs of the corpus.
        assertTrue(test.percent(ReasonCode.REPETITION) < 0.2, "repetition " + test.percent(ReasonCode.REPETITION));
        assertTrue(test.percent(ReasonCode.UNTRANSLATED) < 0.2, "untranslated " + test.percent(ReasonCode.UNTRANSLATED));
        assertTrue(test.percent(ReasonCode.LENGTH_RATIO) < 2.5, "length_ratio " + test.percent(ReasonCode.LENGTH_RATIO));
        assertTrue(test.percent(ReasonCode.NUMBERS) < 4.0, "numbers " + test.percent(ReasonCode.NUMBERS));
        assertTrue(test.percent(ReasonCode.EMPTY) == 0, "empty " + test.percent(ReasonCode.EMPTY));
        for (List<ParallelPairs.Pair> simple : List.of(ParallelPairs.talpco(corpus()), ParallelPairs.tatoeba(corpus()))) {
            TrustCheckFigures.Tally tally = TrustCheckFigures.tally(simple, check);
            assertTrue(tally.suspectPercent() < 0.5, "short everyday sentences: " + tally);
        }
    }

    @Test
    void aRandomCheckpointIsNearlyAlwaysFlagged() throws Exception {
        List<String> sentences = TrustCheckFigures.detikSentences(corpus(), 60);
        List<ParallelPairs.Pair> pairs = TrustCheckFigures.translate(TestData.conformance("marian-tiny"), sentences, 32);
        TrustCheckFigures.Tally tally = TrustCheckFigures.tally(pairs, new SentenceCheck());
        assertTrue(tally.pairs() == 60, "pairs " + tally.pairs());
        assertTrue(tally.suspectPercent() >= 95, "flagged " + tally);
        assertTrue(tally.percent(ReasonCode.REPETITION) >= 70, "repetition " + tally);
    }

    @Test
    void aRunFlagsTheRandomCheckpointsOutputForItsConfidenceTooAndTriesAgain() throws Exception {
        List<String> sentences = TrustCheckFigures.detikSentences(corpus(), 60);
        dev.kabar.pipeline.TrustTally run = TrustCheckFigures.runVerdicts(TestData.conformance("marian-tiny"), sentences, 32);
        assertEquals(60, run.checked() + run.passedThrough(), run.describe());
        assertTrue(run.suspect() >= 0.95 * run.checked(), run.describe());
        // The engine's confidence reaches the checks (the random model is sure of its loops, so not of every sentence).
        assertTrue(run.count(ReasonCode.LOW_CONFIDENCE) > 0, run.describe());
        assertEquals(run.suspect(), run.secondTries(), "every suspect sentence is tried again: " + run.describe());
    }
}
