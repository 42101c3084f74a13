package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void readsTheTwoNamesInAnyCaseAndNamesABadOne() {
        assertEquals(Precision.FLOAT32, Precision.parse("float32"));
        assertEquals(Precision.BFLOAT16, Precision.parse(" BFloat16 "));
        assertEquals("bfloat16", Precision.BFLOAT16.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("float16"));
        assertTrue(e.getMessage().contains("'float16'") && e.getMessage().contains("float32 or bfloat16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Precision.parse(null));
    }
}
