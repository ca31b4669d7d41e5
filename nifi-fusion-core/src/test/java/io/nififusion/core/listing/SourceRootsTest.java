package io.nififusion.core.listing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceRootsTest {

    @Test
    void parsesAndMatchesDescendantsOnly() {
        final SourceRoots roots = SourceRoots.parse(" /data/a/ , /warehouse");
        assertEquals(List.of("/data/a", "/warehouse"), roots.getRoots());
        assertTrue(roots.contains("/data/a"));
        assertTrue(roots.contains("/data/a/x/y"));
        assertFalse(roots.contains("/data/ab"));
        assertFalse(roots.contains("/data"));
        assertTrue(SourceRoots.parse("/").contains("/anything"));
    }

    @Test
    void rejectsRelativeEmptyNestedAndUnnormalizedRoots() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceRoots.parse("data/a")).getMessage().contains("absolute"));
        assertThrows(IllegalArgumentException.class, () -> SourceRoots.parse(" , "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceRoots.parse("/data,/data/a")).getMessage().contains("inside"));
        assertThrows(IllegalArgumentException.class, () -> SourceRoots.parse("/data/../etc"));
    }
}
