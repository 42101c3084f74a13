package dev.kabar.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one rule that says whether an article is ok, mixed or mostly suspect. */
class ArticleTrustTest {

    @Test
    void moreThanHalfSuspectIsMostlySuspectAndHalfIsMixed() {
        assertEquals(ArticleTrust.OK, ArticleTrust.of(10, 0, 0));
        assertEquals(ArticleTrust.MIXED, ArticleTrust.of(10, 1, 0));
        assertEquals(ArticleTrust.MIXED, ArticleTrust.of(10, 5, 0), "exactly half");
        assertEquals(ArticleTrust.MOSTLY_SUSPECT, ArticleTrust.of(10, 6, 0));
        assertEquals(ArticleTrust.MOSTLY_SUSPECT, ArticleTrust.of(1, 1, 0));
        assertEquals(ArticleTrust.MIXED, ArticleTrust.of(2, 1, 30), "passed-through sentences do not dilute");
    }

    @Test
    void nothingKnownIsNoVerdict() {
        assertNull(ArticleTrust.of(0, 0, 0));
        assertEquals(ArticleTrust.OK, ArticleTrust.of(0, 0, 3), "an article all in English is fine as it is");
    }

    @Test
    void refusesImpossibleCountsAndUnknownCodes() {
        assertThrows(IllegalArgumentException.class, () -> ArticleTrust.of(1, 2, 0));
        assertEquals(ArticleTrust.MOSTLY_SUSPECT, ArticleTrust.parse("mostly_suspect"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArticleTrust.parse("bad"));
        assertEquals("an article's trust is ok, mixed or mostly_suspect, but is 'bad'", e.getMessage());
    }
}
