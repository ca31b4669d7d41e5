package io.nififusion.core.listing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanCursorTest {

    @Test
    void roundTripsThroughJson() {
        final ScanCursor cursor = new ScanCursor(List.of("/b", "/c d"),
                List.of(new ScanCursor.Frame("/a", "x%#ü"), new ScanCursor.Frame("/a/x%#ü", null)));
        assertEquals(cursor, ScanCursor.fromJson(cursor.toJson()));
    }

    @Test
    void finishedScanIsEmpty() {
        assertEquals("", ScanCursor.done().toJson());
        assertTrue(ScanCursor.fromJson("").isDone());
        assertTrue(ScanCursor.fromJson(null).isDone());
    }

    @Test
    void unreadableValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ScanCursor.fromJson("{not json"));
    }
}
