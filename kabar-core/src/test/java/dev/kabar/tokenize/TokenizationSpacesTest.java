package dev.kabar.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reference's clean-up and strip, character by character. */
class TokenizationSpacesTest {

    @Test
    void replacementsFollowTheReference() {
        assertEquals("Hello, world! Isn't it? I'm here, you're there.",
                TokenizationSpaces.cleanUp("Hello , world ! Is n't it ? I 'm here , you 're there ."));
        assertEquals("we've it's", TokenizationSpaces.cleanUp("we 've it 's"));
    }

    @Test
    void quoteNeedsSpacesOnBothSides() {
        // The reference replaces " ' " only; DJL's own clean-up replaces " '" and would give "say'yes'".
        assertEquals("say 'yes'", TokenizationSpaces.cleanUp("say 'yes'"));
        assertEquals("a'b", TokenizationSpaces.cleanUp("a ' b"));
    }

    @Test
    void orderMatters() {
        // " ' " goes first, so " ' s" loses both spaces before " 's" is looked at.
        assertEquals("x's", TokenizationSpaces.cleanUp("x ' s"));
    }

    @Test
    void pythonStripRemovesNoBreakSpaceLikePython() {
        assertEquals("a", TokenizationSpaces.pythonStrip("\u00a0\u3000 a\u0085\u2028"));
        assertEquals("a\u200bb", TokenizationSpaces.pythonStrip("a\u200bb"));
        assertEquals("\u200b", TokenizationSpaces.pythonStrip("\u200b")); // ZWSP is not whitespace in Python
    }
}
