package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LengthRatioTest {

    private final LengthRatio check = new LengthRatio();

    @Test
    void measuresCodePointsPlusTheSmoothing() {
        assertEquals((4 + 20) / (5 + 20.0), LengthRatio.ratio("Lari!", "Run!"));
        assertEquals((1 + 20) / (1 + 20.0), LengthRatio.ratio("  é ", "\uD83D\uDE00"), "one code point each, stripped");
    }

    @Test
    void aNormalTranslationPasses() {
        assertTrue(check.check("Bila terbukti bersalah, ia bisa dijatuhi hukuman enam bulan penjara.",
                "If convicted, he could be sentenced to six months in jail.").isEmpty());
    }

    @Test
    void shortSentencesMayVaryMore() {
        assertTrue(check.check("Lari!", "Run!").isEmpty());
        assertTrue(check.check("Ya.", "Yes, of course.").isEmpty());
        assertTrue(check.check("Siapa?", "Who?").isEmpty());
    }

    @Test
    void flagsAnOutputThatStopsHalfWay() {
        Reason reason = check.check(
                "Pemerintah provinsi akan membangun tiga jalan layang baru di Jakarta Selatan untuk mengurangi kemacetan.",
                "The provincial government").orElseThrow();
        assertEquals(ReasonCode.LENGTH_RATIO, reason.code());
        assertEquals("the output is too short: 25 characters for a source of 104 (length ratio 0.36, normal 0.52 to 1.74)",
                reason.detail());
    }

    @Test
    void flagsAnOutputThatRunsOn() {
        Reason reason = check.check("Apa kabar?",
                "How are you? I am fine, thank you, and the weather in Jakarta is nice today.").orElseThrow();
        assertTrue(reason.detail().startsWith("the output is too long: 76 characters for a source of 10"), reason.detail());
    }
}
