package io.nififusion.processors.catalogue;

import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DFSTestUtil;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on the source side, each case ending with a clear error and nothing lost: a file the replicating user may
 * not read among files it may, a directory it may not list (never taken for "deleted"), a block that is corrupt on
 * every replica. Replication runs as an ordinary HDFS user, as a site that grants no superuser would run it.
 */
class SourceBadInputIT {
    private static final String FILESYSTEM = "source-bad-input";
    private static final String USER = "migrator";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM, MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE)
            // a corrupt block fails the read at once instead of after the client's back-off rounds
            .set("dfs.client.retry.window.base", "1")
            .set("dfs.client.max.block.acquire.failures", "1")
            .build(), new AdlsEmulatorExtension());
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final TargetInspector target = new TargetInspector(TESTBED.target());

    @BeforeAll
    static void openSourceRoot() throws IOException {
        HDFS.mkdirs("/data");
        HDFS.getFileSystem().setPermission(new Path("/data"), new FsPermission((short) 0777));
    }

    @Test
    void aFileTheUserMayNotReadFailsAloneWithItsCodeAndIsCopiedOnceReadable() throws Exception {
        final TestRunner runner = replicatorAs(USER, "perm");
        final byte[] first = HDFS.writeRandom("/data/perm/a.csv", 3000, 1);
        final byte[] second = HDFS.writeRandom("/data/perm/b.csv", 5000, 2);
        final byte[] payroll = HDFS.writeRandom("/data/perm/payroll.csv", 4000, 3);
        HDFS.chmod("/data/perm/payroll.csv", (short) 0600);
        for (final String name : List.of("a.csv", "payroll.csv", "b.csv")) {
            RecordQueue.enqueueCopy(runner, HDFS, "/data/perm/" + name);
        }

        RecordQueue.runUntilQueueEmpty(runner);

        runner.assertTransferCount(ReplicateToADLS.REL_SUCCESS, 2);
        runner.assertTransferCount(ReplicateToADLS.REL_RETRY, 0);
        runner.assertTransferCount(ReplicateToADLS.REL_FAILURE, 1);
        final MockFlowFile denied = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst();
        denied.assertAttributeEquals(OperationAttributes.PATH, "/data/perm/payroll.csv");
        denied.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.SOURCE_PERMISSION_DENIED.name());
        final String message = denied.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("/data/perm/payroll.csv") && message.contains("Permission denied"), message);
        assertArrayEquals(first, target.read("landing/perm/a.csv"));
        assertArrayEquals(second, target.read("landing/perm/b.csv"));
        assertNull(target.read("landing/perm/payroll.csv"), "nothing of the unreadable file at the target");
        assertEquals(List.of(), target.tempsUnder("landing/perm"));

        // The operator grants read access and sends the failed record back: it is copied, nothing was lost
        HDFS.chmod("/data/perm/payroll.csv", (short) 0644);
        runner.clearTransferState();
        runner.enqueue(new byte[0], denied.getAttributes());
        RecordQueue.runUntilQueueEmpty(runner);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(payroll, target.read("landing/perm/payroll.csv"));
    }

    @Test
    void aDirectoryTheUserMayNotListIsNeverTakenForDeleted() throws Exception {
        final byte[] open = HDFS.writeRandom("/data/tree/open/x.bin", 2000, 4);
        final byte[] closed = HDFS.writeRandom("/data/tree/closed/y.bin", 2000, 5);
        final TestRunner superuser = replicatorAs(null, "tree-superuser");
        RecordQueue.enqueue(superuser, OperationFactory.ofPath(OperationType.RECONCILE, "/data/tree", true, -1, ChangeSource.SCAN));
        RecordQueue.runUntilQueueEmpty(superuser);
        superuser.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(closed, target.read("landing/tree/closed/y.bin"));

        HDFS.chmod("/data/tree/closed", (short) 0700);
        final TestRunner runner = replicatorAs(USER, "tree");
        for (final OperationType type : List.of(OperationType.PRUNE, OperationType.RECONCILE)) {
            RecordQueue.enqueue(runner, OperationFactory.ofPath(type, "/data/tree", true, -1, ChangeSource.SCAN));
        }
        RecordQueue.enqueue(runner, OperationFactory.ofPath(OperationType.DELETE, "/data/tree/closed/y.bin", false, -1, ChangeSource.INOTIFY));
        RecordQueue.runUntilQueueEmpty(runner);

        assertArrayEquals(closed, target.read("landing/tree/closed/y.bin"), "what the user cannot see at the source stays at the target");
        assertArrayEquals(open, target.read("landing/tree/open/x.bin"));
        runner.assertTransferCount(ReplicateToADLS.REL_RETRY, 0);
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE);
        assertEquals(3, failed.size(), "every record that needed the unreadable directory fails with its reason");
        for (final MockFlowFile record : failed) {
            record.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.SOURCE_PERMISSION_DENIED.name());
            assertTrue(record.getAttribute(OperationAttributes.ERROR_MESSAGE).contains("/data/tree/closed"), record.getAttribute(OperationAttributes.ERROR_MESSAGE));
        }
        HDFS.chmod("/data/tree/closed", (short) 0755);
    }

    @Test
    void aScanGoesPastADirectoryTheUserMayNotListAndItsRecordFailsUntilAccessIsGranted() throws Exception {
        HDFS.writeRandom("/data/scanned/a/first.csv", 1000, 8);
        final byte[] locked = HDFS.writeRandom("/data/scanned/locked/secret.csv", 1000, 9);
        HDFS.writeRandom("/data/scanned/z/last.csv", 1000, 10);
        HDFS.chmod("/data/scanned/locked", (short) 0700);
        final TestRunner listing = TestRunners.newTestRunner(ListHDFSChanges.class);
        FusionTestServices.addSource(listing, HDFS, TESTBED.configurationDirectory().resolve("scan"), USER);
        listing.setProperty(ListHDFSChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        listing.setProperty(ListHDFSChanges.SOURCE_ROOTS, "/data/scanned");
        listing.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.SCAN_ONLY);

        listing.run(5);

        final List<String> records = listing.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS).stream()
                .map(record -> record.getAttribute(OperationAttributes.OPERATION) + " " + record.getAttribute(OperationAttributes.PATH)).toList();
        assertTrue(records.contains("COPY /data/scanned/a/first.csv") && records.contains("COPY /data/scanned/z/last.csv"), records.toString());
        assertTrue(records.contains("RECONCILE /data/scanned/locked"), records.toString());
        assertTrue(listing.getLogger().getWarnMessages().stream().anyMatch(message -> message.getMsg().contains("/data/scanned/locked")));

        final TestRunner runner = replicatorAs(USER, "scan-replicate");
        final MockFlowFile reconcile = listing.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS).stream()
                .filter(record -> "RECONCILE".equals(record.getAttribute(OperationAttributes.OPERATION))).findFirst().orElseThrow();
        runner.enqueue(new byte[0], reconcile.getAttributes());
        RecordQueue.runUntilQueueEmpty(runner);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_FAILURE, 1);
        final MockFlowFile denied = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst();
        denied.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.SOURCE_PERMISSION_DENIED.name());

        HDFS.chmod("/data/scanned/locked", (short) 0755);
        runner.clearTransferState();
        runner.enqueue(new byte[0], denied.getAttributes());
        RecordQueue.runUntilQueueEmpty(runner);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(locked, target.read("landing/scanned/locked/secret.csv"));
    }

    @Test
    void aBlockCorruptOnEveryReplicaFailsTheCopyAndLeavesNothingPartial() throws Exception {
        final TestRunner runner = replicatorAs(USER, "corrupt");
        final int length = (int) (2.5 * MiniDfsExtension.SMALL_BLOCK_SIZE);
        HDFS.writeRandom("/data/corrupt/blocks.bin", length, 6);
        final ExtendedBlock secondBlock = DFSTestUtil.getAllBlocks(HDFS.getFileSystem(), new Path("/data/corrupt/blocks.bin")).get(1).getBlock();
        assertTrue(HDFS.getCluster().corruptBlockOnDataNodes(secondBlock) > 0, "a replica was corrupted");
        RecordQueue.enqueueCopy(runner, HDFS, "/data/corrupt/blocks.bin");

        RecordQueue.runUntilQueueEmpty(runner);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_FAILURE, 1);
        final MockFlowFile corrupt = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst();
        corrupt.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.SOURCE_CORRUPT.name());
        final String message = corrupt.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("/data/corrupt/blocks.bin"), message);
        assertNull(target.read("landing/corrupt/blocks.bin"), "no partial file at the target");
        assertEquals(List.of(), target.tempsUnder("landing/corrupt"));

        // The owner restores the file from a good copy; the failed record, sent again, copies it
        final byte[] restored = HDFS.writeRandom("/data/corrupt/blocks.bin", length, 7);
        runner.clearTransferState();
        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "COPY", OperationAttributes.PATH, "/data/corrupt/blocks.bin"));
        RecordQueue.runUntilQueueEmpty(runner);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(restored, target.read("landing/corrupt/blocks.bin"));
    }

    private static TestRunner replicatorAs(final String user, final String configurationName) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ReplicateToADLS.class);
        FusionTestServices.addSource(runner, HDFS, TESTBED.configurationDirectory().resolve(configurationName), user);
        FusionTestServices.addTarget(runner, TESTBED.emulator(), FILESYSTEM, "/data", "landing");
        runner.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        runner.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "4");
        return runner;
    }
}
