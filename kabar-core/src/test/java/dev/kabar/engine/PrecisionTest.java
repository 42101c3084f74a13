package dev.kabar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kabar.TestData;
import dev.kabar.nn.PackedProducts;
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

    @Test
    void float32PacksForOneDnnUnlessThePropertyAsksForPlainProducts() {
        String before = System.getProperty(Precision.PRODUCTS_PROPERTY);
        try {
            System.clearProperty(Precision.PRODUCTS_PROPERTY);
            assertEquals(PackedProducts.Format.FLOAT32, Precision.FLOAT32.packing());
            System.setProperty(Precision.PRODUCTS_PROPERTY, " Plain ");
            assertNull(Precision.FLOAT32.packing());
            // bfloat16 always packs its weights.
            assertEquals(PackedProducts.Format.BFLOAT16, Precision.BFLOAT16.packing());
            System.setProperty(Precision.PRODUCTS_PROPERTY, "mkl");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Precision.FLOAT32::packing);
            assertTrue(e.getMessage().contains("'mkl'") && e.getMessage().contains("packed or plain"), e.getMessage());
        } finally {
            TestData.restoreProperty(Precision.PRODUCTS_PROPERTY, before);
        }
    }
}
