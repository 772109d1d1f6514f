package dev.ocisc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The names the layer spec gives whiteouts; umoci's layers (UmociInsertTest) exercise them in images. */
class WhiteoutTest {
    @Test
    void namesAreToldApart() {
        assertTrue(Whiteout.is(".wh.passwd"));
        assertFalse(Whiteout.isOpaque(".wh.passwd"));
        assertEquals("passwd", Whiteout.deleted(".wh.passwd"));
        assertTrue(Whiteout.is(".wh..wh..opq"));
        assertTrue(Whiteout.isOpaque(".wh..wh..opq"));
        assertThrows(IllegalArgumentException.class, () -> Whiteout.deleted(".wh..wh..opq"));
        // A file whose name merely contains the prefix is a file.
        assertFalse(Whiteout.is("x.wh.passwd"));
        assertFalse(Whiteout.is("wh.passwd"));
        assertThrows(IllegalArgumentException.class, () -> Whiteout.deleted("passwd"));
    }
}
