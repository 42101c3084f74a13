package dev.kabar.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counts in messages take the noun's number: "1 article", "0 articles", "2 summaries". */
class CountedTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 article", Counted.of(1, "article"));
        assertEquals("0 articles", Counted.of(0, "article"));
        assertEquals("2 articles", Counted.of(2, "article"));
        assertEquals("1 summary", Counted.of(1, "summary", "summaries"));
        assertEquals("3 summaries", Counted.of(3, "summary", "summaries"));
        assertEquals("1 input or record", Counted.of(1, "input or record", "inputs or records"));
    }
}
