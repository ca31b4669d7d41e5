package io.nififusion.core.trash;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrashLayoutTest {

    @Test
    void batchesSitInAHiddenTreeUnderTheMappedRootNamedByTheirTime() {
        final TrashLayout layout = new TrashLayout("mirror/data");
        final Instant deletedAt = Instant.parse("2026-12-01T16:15:03.042Z");
        final String batch = TrashLayout.batchName(deletedAt, "0a1b");

        assertEquals("20261201T161503.042Z-0a1b", batch);
        assertEquals(deletedAt, TrashLayout.batchTime(batch));
        assertEquals("mirror/data/.fusion-trash/" + batch + "/d/f.csv", layout.trashPathFor(batch, "mirror/data/d/f.csv"));
        assertEquals("mirror/data/.fusion-trash/" + batch, layout.trashPathFor(batch, "mirror/data"));
        assertTrue(layout.isTrash("mirror/data/.fusion-trash/" + batch + "/d"));
        assertFalse(layout.isTrash("mirror/data/.fusion-trashy"));
        assertThrows(IllegalArgumentException.class, () -> layout.relativeToRoot("elsewhere/f"));
    }

    @Test
    void theFilesystemRootHasItsTrashAtTheTop() {
        final TrashLayout layout = new TrashLayout("");
        assertEquals(".fusion-trash", layout.trashRoot());
        assertEquals(".fusion-trash/b/x", layout.trashPathFor("b", "x"));
        assertEquals("x/y", layout.livePath("x/y"));
    }

    @Test
    void aNameThatIsNoBatchHasNoTime() {
        assertNull(TrashLayout.batchTime("notes"));
        assertNull(TrashLayout.batchTime("2026-x"));
    }
}
