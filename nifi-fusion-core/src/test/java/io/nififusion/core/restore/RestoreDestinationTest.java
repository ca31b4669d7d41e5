package io.nififusion.core.restore;

import io.nififusion.core.path.TargetPathMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestoreDestinationTest {
    private final TargetPathMapper mapper = new TargetPathMapper("/data", "mirror");

    @Test
    void originalPathsAreWhereTheCopiesCameFrom() {
        final RestoreDestination destination = RestoreDestination.originalPaths(mapper);
        assertEquals("/data/t/a.csv", destination.destinationOf("/data/t/a.csv"));
        assertEquals("/data", destination.destinationOf("/data"));
    }

    @Test
    void aRestoreRootKeepsEachPathsPlaceBelowTheSourceRoot() {
        final RestoreDestination destination = RestoreDestination.underRoot(mapper, "/restored/monday/");
        assertEquals("/restored/monday/t/a.csv", destination.destinationOf("/data/t/a.csv"));
        assertEquals("/restored/monday", destination.destinationOf("/data"));
    }

    @Test
    void aWholeNamespaceMappingRestoresBelowTheRoot() {
        final RestoreDestination destination = RestoreDestination.underRoot(new TargetPathMapper("/", ""), "/restored");
        assertEquals("/restored/data/a", destination.destinationOf("/data/a"));
        assertEquals("/data/a", RestoreDestination.originalPaths(new TargetPathMapper("/", "")).destinationOf("/data/a"));
    }

    @Test
    void badRootsAndPathsOutsideTheMappingAreRefused() {
        for (final String root : List.of("relative", "/a/../b")) {
            assertThrows(IllegalArgumentException.class, () -> RestoreDestination.underRoot(mapper, root), root);
        }
        assertThrows(IllegalArgumentException.class, () -> RestoreDestination.originalPaths(mapper).destinationOf("/other/a"));
        assertThrows(IllegalArgumentException.class, () -> RestoreDestination.originalPaths(mapper).destinationOf("/data/../etc"));
    }
}
