package io.nififusion.processors.restore;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configuration of the restore processors is refused with an explanation naming what to fix. */
class RestoreProcessorsTest {

    @Test
    void theListingRefusesRelativePathsAndTimesThatAreNoMoments() {
        final TestRunner lister = TestRunners.newTestRunner(ListADLSForRestore.class);
        assertRefused(lister.setProperty(ListADLSForRestore.RESTORE_PATH, "data/sales"), "absolute");
        assertRefused(lister.setProperty(ListADLSForRestore.RESTORE_PATH, "/data/../etc"), "'..'");
        assertTrue(lister.setProperty(ListADLSForRestore.RESTORE_PATH, "/data/sales/").isValid());
        lister.setProperty(ListADLSForRestore.LISTING_SCOPE, ListingScopeOption.AS_OF);
        assertRefused(lister.setProperty(ListADLSForRestore.AS_OF, "yesterday"), "ISO-8601");
        assertTrue(lister.setProperty(ListADLSForRestore.AS_OF, "2026-12-01T09:30:00Z").isValid());
    }

    @Test
    void theRestoreRefusesRelativeRootsAndUnhiddenTempNames() {
        final TestRunner restorer = TestRunners.newTestRunner(RestoreToHDFS.class);
        assertRefused(restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, "restore"), "absolute");
        assertRefused(restorer.setProperty(RestoreToHDFS.TEMP_NAME_PREFIX, "tmp-"), "'_' or '.'");
        assertRefused(restorer.setProperty(RestoreToHDFS.PART_SIZE, "1 KB"), "");
        assertTrue(restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, "/restore/2026-12-01").isValid());
    }

    private static void assertRefused(final ValidationResult result, final String explanationPart) {
        assertFalse(result.isValid(), result.toString());
        assertTrue(result.getExplanation().contains(explanationPart), result.getExplanation());
    }
}
