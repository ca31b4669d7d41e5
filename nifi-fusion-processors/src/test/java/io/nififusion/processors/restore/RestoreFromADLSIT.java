package io.nififusion.processors.restore;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.replicate.ReplicationAttributes;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ListADLSForRestore and RestoreToHDFS in NiFi test runners, against a real HDFS (MiniDFSCluster) and the emulator through the real SDK. */
class RestoreFromADLSIT {
    private static final String FILESYSTEM = "restoring";
    private static final int PART = 256 * 1024;

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final DataLakeFileSystemClient target = TESTBED.target();

    @Test
    void aListedTreeIsRestoredBelowTheRestoreRootWithProvenance() throws Exception {
        final byte[] big = HDFS.writeRandom("/data/live/big.bin", 3 * PART + 1, 1);
        final byte[] small = HDFS.writeRandom("/data/live/d/small.csv", 500, 2);
        HDFS.chmod("/data/live/d", (short) 0750);
        migrate("/data/live");

        final TestRunner lister = lister("/data/live");
        lister.run();
        final List<MockFlowFile> records = lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS);
        assertEquals(4, records.size(), "the root, a file, a directory and its file");
        final MockFlowFile bigRecord = records.stream().filter(record -> record.getAttribute(OperationAttributes.PATH).endsWith("big.bin"))
                .findFirst().orElseThrow();
        bigRecord.assertAttributeEquals(RestoreAttributes.TARGET_PATH, "mirror/live/big.bin");
        bigRecord.assertAttributeEquals(RestoreAttributes.LENGTH, Integer.toString(big.length));
        bigRecord.assertAttributeExists(RestoreAttributes.RECORDED_CRC32C);
        bigRecord.assertAttributeExists(RestoreAttributes.ETAG);
        bigRecord.assertAttributeEquals(OperationAttributes.DIRECTORY, "false");
        assertEquals("true", lister.getStateManager().getState(Scope.CLUSTER).get(ListADLSForRestore.STATE_COMPLETE));

        lister.clearTransferState();
        lister.run();
        lister.assertTransferCount(ListADLSForRestore.REL_SUCCESS, 0);

        final TestRunner restorer = restorer("/restored/live");
        for (final MockFlowFile record : records) {
            restorer.enqueue(new byte[0], record.getAttributes());
        }
        restorer.run(records.size());

        restorer.assertAllFlowFilesTransferred(RestoreToHDFS.REL_SUCCESS, records.size());
        assertArrayEquals(big, HDFS.read("/restored/live/live/big.bin"));
        assertArrayEquals(small, HDFS.read("/restored/live/live/d/small.csv"));
        assertEquals(new FsPermission((short) 0750), HDFS.getFileSystem().getFileStatus(new Path("/restored/live/live/d")).getPermission());
        final MockFlowFile restoredBig = restorer.getFlowFilesForRelationship(RestoreToHDFS.REL_SUCCESS).stream()
                .filter(record -> record.getAttribute(OperationAttributes.PATH).endsWith("big.bin")).findFirst().orElseThrow();
        restoredBig.assertAttributeEquals(OperationAttributes.RESULT, "restored");
        restoredBig.assertAttributeEquals(RestoreAttributes.DESTINATION, "/restored/live/live/big.bin");
        restoredBig.assertAttributeEquals(RestoreAttributes.RESTORED_CRC32C, bigRecord.getAttribute(RestoreAttributes.RECORDED_CRC32C));
        restoredBig.assertAttributeEquals(ReplicationAttributes.BYTES_COPIED, Integer.toString(big.length));
        assertTrue(restorer.getProvenanceEvents().stream().anyMatch(event -> event.getEventType() == ProvenanceEventType.SEND
                && event.getTransitUri().equals(HDFS.getUri() + "/restored/live/live/big.bin")));
        assertEquals(1L + 1L, restorer.getCounterValue(RestoreToHDFS.COUNTER_FILES_RESTORED));
    }

    @Test
    void aListingTheTargetFailsIsListedAgainFromTheSamePlaceWithoutAnError() throws Exception {
        HDFS.writeRandom("/data/flaky/a.bin", 100, 4);
        HDFS.writeRandom("/data/flaky/b.bin", 100, 5);
        migrate("/data/flaky");
        final TestRunner lister = lister("/data/flaky");
        // more 500s than the SDK's own retries absorb, on every listing of the tree
        TESTBED.emulator().faults().onRequests("GET", null, "resource=filesystem").failNext(20, 500, "InternalError", 0);

        lister.run();

        lister.assertTransferCount(ListADLSForRestore.REL_SUCCESS, 0);
        assertNull(lister.getStateManager().getState(Scope.CLUSTER).get(ListADLSForRestore.STATE_COMPLETE), "nothing saved");
        assertTrue(lister.getLogger().getErrorMessages().isEmpty(), lister.getLogger().getErrorMessages().toString());
        assertFalse(lister.getLogger().getWarnMessages().isEmpty(), "the failure is reported");

        TESTBED.emulator().faults().clear();
        lister.run();
        assertEquals(3, lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS).size(), "the root and its two files");
        assertEquals("true", lister.getStateManager().getState(Scope.CLUSTER).get(ListADLSForRestore.STATE_COMPLETE));
    }

    @Test
    void badRecordsFailClearlyAndTransientFaultsGoToRetryWithTheirParts() throws Exception {
        HDFS.writeRandom("/data/faulty/f.bin", 4 * PART, 3);
        migrate("/data/faulty");
        final TestRunner restorer = restorer("/restored/faulty");
        restorer.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/data/faulty/f.bin"));
        restorer.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/data/faulty/f.bin", RestoreAttributes.TARGET_PATH, "elsewhere/f.bin"));
        restorer.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/etc/passwd", RestoreAttributes.TARGET_PATH, "mirror/faulty/f.bin"));
        restorer.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/data/faulty/gone.bin", RestoreAttributes.TARGET_PATH, "mirror/faulty/gone.bin"));
        restorer.run(4);

        restorer.assertAllFlowFilesTransferred(RestoreToHDFS.REL_FAILURE, 4);
        final List<String> codes = restorer.getFlowFilesForRelationship(RestoreToHDFS.REL_FAILURE).stream()
                .map(record -> record.getAttribute(OperationAttributes.ERROR_CODE)).toList();
        assertEquals(List.of(ReplicationErrorCode.INVALID_OPERATION.name(), ReplicationErrorCode.INVALID_OPERATION.name(),
                ReplicationErrorCode.INVALID_OPERATION.name(), ReplicationErrorCode.RESTORE_PATH_NOT_FOUND.name()), codes);

        restorer.clearTransferState();
        TESTBED.emulator().faults().onRequests("GET", "faulty/f\\.bin", "").failNext(100, 503, "ServerBusy", 0);
        final Map<String, String> record = Map.of(OperationAttributes.PATH, "/data/faulty/f.bin", RestoreAttributes.TARGET_PATH, "mirror/faulty/f.bin");
        restorer.enqueue(new byte[0], record);
        restorer.run();
        restorer.assertAllFlowFilesTransferred(RestoreToHDFS.REL_RETRY, 1);
        final MockFlowFile retry = restorer.getFlowFilesForRelationship(RestoreToHDFS.REL_RETRY).getFirst();
        retry.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_THROTTLED.name());
        assertFalse(HDFS.getFileSystem().exists(new Path("/restored/faulty/faulty/f.bin")), "nothing at the final path");

        TESTBED.emulator().faults().clear();
        restorer.clearTransferState();
        restorer.enqueue(new byte[0], retry.getAttributes());
        restorer.run();
        restorer.assertAllFlowFilesTransferred(RestoreToHDFS.REL_SUCCESS, 1);
        restorer.getFlowFilesForRelationship(RestoreToHDFS.REL_SUCCESS).getFirst().assertAttributeNotExists(OperationAttributes.ERROR_CODE);
        assertArrayEquals(HDFS.read("/data/faulty/f.bin"), HDFS.read("/restored/faulty/faulty/f.bin"));
        final FileStatus[] left = HDFS.getFileSystem().listStatus(new Path("/restored/faulty/faulty"));
        assertEquals(1, left.length, "no temp or part left");
    }

    @Test
    void verifyReadsTheTargetRootAndChecksTheDestination() throws Exception {
        HDFS.writeRandom("/data/verified/v.bin", 10, 4);
        migrate("/data/verified");
        final TestRunner restorer = restorer("/restored/verified");
        final List<ConfigVerificationResult> results = ((VerifiableProcessor) restorer.getProcessor())
                .verify(restorer.getProcessContext(), restorer.getLogger(), Map.of());
        assertEquals(2, results.size());
        assertTrue(results.stream().allMatch(result -> result.getOutcome() == ConfigVerificationResult.Outcome.SUCCESSFUL), results.toString());

        HDFS.write("/restored/file-in-the-way", new byte[1]);
        restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, "/restored/file-in-the-way/below");
        final List<ConfigVerificationResult> blocked = ((VerifiableProcessor) restorer.getProcessor())
                .verify(restorer.getProcessContext(), restorer.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, blocked.get(1).getOutcome());
        assertTrue(blocked.get(1).getExplanation().contains("is a file"), blocked.get(1).getExplanation());

        final TestRunner lister = lister("/data/never-migrated");
        final List<ConfigVerificationResult> listed = ((VerifiableProcessor) lister.getProcessor())
                .verify(lister.getProcessContext(), lister.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, listed.getFirst().getOutcome());
    }

    static void migrate(final String sourcePath) throws InitializationException, IOException {
        final TestRunner replicate = TestRunners.newTestRunner(ReplicateToADLS.class);
        FusionTestServices.addSource(replicate, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(replicate, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        replicate.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        replicate.enqueue(new byte[0], new ReplicationOperation(OperationType.RECONCILE, sourcePath, null, true, -1, -1, -1, null, null, null, -1,
                ChangeSource.SCAN, null).toAttributes());
        replicate.run();
        replicate.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
    }

    static TestRunner lister(final String restorePath) throws InitializationException {
        final TestRunner lister = TestRunners.newTestRunner(ListADLSForRestore.class);
        FusionTestServices.addTarget(lister, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        lister.setProperty(ListADLSForRestore.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        lister.setProperty(ListADLSForRestore.RESTORE_PATH, restorePath);
        return lister;
    }

    static TestRunner restorer(final String restoreRoot) throws InitializationException, IOException {
        final TestRunner restorer = TestRunners.newTestRunner(RestoreToHDFS.class);
        FusionTestServices.addSource(restorer, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(restorer, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        restorer.setProperty(RestoreToHDFS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, restoreRoot);
        restorer.setProperty(RestoreToHDFS.PART_SIZE, "256 KB");
        restorer.setProperty(RestoreToHDFS.RESTORE_METADATA, RestoreMetadataOption.PERMISSIONS);
        return restorer;
    }
}
