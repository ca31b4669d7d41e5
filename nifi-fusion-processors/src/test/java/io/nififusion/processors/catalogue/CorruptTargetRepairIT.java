package io.nififusion.processors.catalogue;

import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A target file whose bytes went bad after the copy (it still records the current source version): the deep
 * verification routes it to mismatch, the record goes back to replication as the shipped flow sends it, and the file is
 * copied again instead of being skipped as current; the next verification proves it.
 */
class CorruptTargetRepairIT {
    private static final String FILESYSTEM = "repair";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final TargetInspector target = new TargetInspector(TESTBED.target());

    @Test
    void aMismatchSentBackIsCopiedAgainAndThenVerified() throws Exception {
        final byte[] content = HDFS.writeRandom("/data/repair/orders.csv", 300_000, 3);
        final TestRunner replicator = TestRunners.newTestRunner(ReplicateToADLS.class);
        FusionTestServices.addSource(replicator, HDFS, TESTBED.configurationDirectory().resolve("replicate"));
        FusionTestServices.addTarget(replicator, TESTBED.emulator(), FILESYSTEM, "/data", "landing");
        replicator.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicator.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        final TestRunner verifier = TestRunners.newTestRunner(VerifyChecksum.class);
        FusionTestServices.addSource(verifier, HDFS, TESTBED.configurationDirectory().resolve("verify"));
        FusionTestServices.addTarget(verifier, TESTBED.emulator(), FILESYSTEM, "/data", "landing");
        verifier.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        verifier.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        verifier.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.FILE);
        verifier.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.DEEP);

        replicator.enqueue(new byte[0], OperationFactory.fromStatus(HDFS.getFileSystem().getFileStatus(new Path("/data/repair/orders.csv")),
                ChangeSource.SCAN, -1).toAttributes());
        replicator.run();
        replicator.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        final MockFlowFile copied = replicator.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst();
        TESTBED.emulator().corruptStoredBytes(FILESYSTEM, "landing/repair/orders.csv", 1000);

        verifier.enqueue(new byte[0], copied.getAttributes());
        verifier.run();
        verifier.assertAllFlowFilesTransferred(VerifyChecksum.MISMATCH, 1);
        final MockFlowFile mismatch = verifier.getFlowFilesForRelationship(VerifyChecksum.MISMATCH).getFirst();

        replicator.clearTransferState();
        replicator.enqueue(new byte[0], mismatch.getAttributes());
        replicator.run();
        replicator.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        final MockFlowFile repaired = replicator.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst();
        repaired.assertAttributeEquals(OperationAttributes.RESULT, "copied");
        assertNull(repaired.getAttribute(VerificationAttributes.RESULT));
        assertArrayEquals(content, target.read("landing/repair/orders.csv"));

        verifier.clearTransferState();
        verifier.enqueue(new byte[0], repaired.getAttributes());
        verifier.run();
        verifier.assertAllFlowFilesTransferred(VerifyChecksum.VERIFIED, 1);
    }
}
