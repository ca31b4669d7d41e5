package io.nififusion.processors.replicate;

import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicateToADLSTest {
    private final TestRunner runner = TestRunners.newTestRunner(ReplicateToADLS.class);

    @Test
    void tempPrefixMustHideTheTempFile() {
        assertTrue(runner.setProperty(ReplicateToADLS.TEMP_NAME_PREFIX, "_fusion_tmp.").isValid());
        assertTrue(runner.setProperty(ReplicateToADLS.TEMP_NAME_PREFIX, ".fusion-").isValid());
        assertFalse(runner.setProperty(ReplicateToADLS.TEMP_NAME_PREFIX, "fusion_tmp.").isValid(), "visible to Hive and Spark");
        assertFalse(runner.setProperty(ReplicateToADLS.TEMP_NAME_PREFIX, "_tmp/").isValid(), "would leave the directory");
    }

    @Test
    void chunkSizeStaysWithinWhatOneAppendMayCarry() {
        assertTrue(runner.setProperty(ReplicateToADLS.CHUNK_SIZE, "8 MB").isValid());
        assertFalse(runner.setProperty(ReplicateToADLS.CHUNK_SIZE, "200 MB").isValid());
        assertFalse(runner.setProperty(ReplicateToADLS.CHUNK_SIZE, "1 KB").isValid());
    }

    @Test
    void keepReplacedVersionsIsAYesOrNoOfTheTrash() {
        runner.setProperty(ReplicateToADLS.DELETE_POLICY, DeletePolicyOption.KEEP_IN_TRASH);
        assertTrue(runner.setProperty(ReplicateToADLS.KEEP_REPLACED_VERSIONS, "true").isValid());
        assertFalse(runner.setProperty(ReplicateToADLS.KEEP_REPLACED_VERSIONS, "always").isValid());
    }
}
