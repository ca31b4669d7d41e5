package io.nififusion.core.restore;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelativePathOrderTest {

    @Test
    void sortsAsADepthFirstWalkByNameMeetsPaths() {
        final List<String> paths = new ArrayList<>(List.of("a.b", "a/b", "a", "", "b", "a/b/c", "a/a"));
        paths.sort(RelativePathOrder.INSTANCE);
        // "a/..." before "a.b" although '.' < '/' as characters: everything below a comes before a's next sibling
        assertEquals(List.of("", "a", "a/a", "a/b", "a/b/c", "a.b", "b"), paths);
    }

    @Test
    void knowsAncestors() {
        assertTrue(RelativePathOrder.isAncestor("", "a"));
        assertTrue(RelativePathOrder.isAncestor("a", "a/b/c"));
        assertFalse(RelativePathOrder.isAncestor("a", "a"));
        assertFalse(RelativePathOrder.isAncestor("a", "ab/c"));
    }
}
