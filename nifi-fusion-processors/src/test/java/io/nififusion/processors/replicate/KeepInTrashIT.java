package io.nififusion.processors.replicate;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.trash.TrashLayout;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.processors.restore.ListADLSForRestore;
import io.nififusion.processors.restore.ListingScopeOption;
import io.nififusion.processors.restore.RestoreAttributes;
import io.nififusion.processors.restore.RestoreMetadataOption;
import io.nififusion.processors.restore.RestoreToHDFS;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import io.nififusion.testkit.time.SettableClock;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delete Policy Keep in Trash end to end in NiFi runners, against a real HDFS (MiniDFSCluster) and the emulator: a tree
 * the source deletes goes to the trash, the live tree and its reconcile never see the trash, a restore as of before the
 * delete gives back exactly that tree (and the tree audit finds no difference meanwhile), and the retention purges it.
 */
class KeepInTrashIT {
    private static final String FILESYSTEM = "trashed";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final DataLakeFileSystemClient target = TESTBED.target();

    /** After the fixture is written and migrated, the moment a restore goes back to; the delete comes a minute later. */
    private final Instant asOf = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private final SettableClock clock = new SettableClock(asOf);

    @Test
    void aTreeDeletedAtTheSourceComesBackExactlyAsOfBeforeTheDelete() throws Exception {
        final byte[] big = HDFS.writeRandom("/data/sales/2026/big.bin", 3 * 256 * 1024 + 7, 1);
        final byte[] small = HDFS.writeRandom("/data/sales/2026/q4/small.csv", 700, 2);
        HDFS.chmod("/data/sales/2026/q4", (short) 0750);
        HDFS.chmod("/data/sales/2026/big.bin", (short) 0640);
        final byte[] kept = HDFS.writeRandom("/data/other.csv", 10, 3);
        final TestRunner replicate = replicator("7 days");
        apply(replicate, OperationType.RECONCILE, "/data");

        clock.set(asOf.plusSeconds(60));
        HDFS.delete("/data/sales");
        apply(replicate, OperationType.DELETE, "/data/sales");
        apply(replicate, OperationType.RECONCILE, "/data");

        assertFalse(target.getDirectoryClient("mirror/sales").exists(), "the live tree follows the source");
        final String trashRoot = new TrashLayout("mirror").trashRoot();
        assertTrue(target.getDirectoryClient(trashRoot).exists(), "a reconcile of the root leaves the trash alone");
        assertTrue(replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).stream()
                .anyMatch(record -> "deleted".equals(record.getAttribute(OperationAttributes.RESULT))));

        final TestRunner audit = TestRunners.newTestRunner(VerifyChecksum.class);
        FusionTestServices.addSource(audit, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(audit, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        audit.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        audit.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        audit.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        audit.setProperty(VerifyChecksum.TREE_ROOT, "/data");
        audit.setIncomingConnection(false);
        audit.run();
        audit.assertAllFlowFilesTransferred(VerifyChecksum.REPORT, 1);
        audit.getFlowFilesForRelationship(VerifyChecksum.REPORT).getFirst().assertAttributeEquals(VerificationAttributes.DIFFERENCES, "0");

        final TestRunner lister = TestRunners.newTestRunner(ListADLSForRestore.class);
        FusionTestServices.addTarget(lister, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        lister.setProperty(ListADLSForRestore.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        lister.setProperty(ListADLSForRestore.RESTORE_PATH, "/data/sales");
        lister.setProperty(ListADLSForRestore.LISTING_SCOPE, ListingScopeOption.AS_OF);
        lister.setProperty(ListADLSForRestore.AS_OF, asOf.toString());
        lister.run();
        final List<MockFlowFile> records = lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS);
        assertEquals(List.of("/data/sales", "/data/sales/2026", "/data/sales/2026/big.bin", "/data/sales/2026/q4", "/data/sales/2026/q4/small.csv"),
                records.stream().map(record -> record.getAttribute(OperationAttributes.PATH)).toList());
        assertTrue(records.stream().allMatch(record -> asOf.plusSeconds(60).toString().equals(record.getAttribute(RestoreAttributes.DELETED_AT))));

        final TestRunner restorer = TestRunners.newTestRunner(RestoreToHDFS.class);
        FusionTestServices.addSource(restorer, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(restorer, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        restorer.setProperty(RestoreToHDFS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, "/restored");
        restorer.setProperty(RestoreToHDFS.PART_SIZE, "256 KB");
        restorer.setProperty(RestoreToHDFS.RESTORE_METADATA, RestoreMetadataOption.PERMISSIONS);
        records.forEach(record -> restorer.enqueue(new byte[0], record.getAttributes()));
        restorer.run(records.size());

        restorer.assertAllFlowFilesTransferred(RestoreToHDFS.REL_SUCCESS, records.size());
        assertArrayEquals(big, HDFS.read("/restored/sales/2026/big.bin"));
        assertArrayEquals(small, HDFS.read("/restored/sales/2026/q4/small.csv"));
        assertEquals((short) 0750, HDFS.getFileSystem().getFileStatus(new Path("/restored/sales/2026/q4")).getPermission().toShort());
        assertEquals((short) 0640, HDFS.getFileSystem().getFileStatus(new Path("/restored/sales/2026/big.bin")).getPermission().toShort());
        assertEquals(2, HDFS.getFileSystem().listStatus(new Path("/restored/sales/2026")).length, "exactly the tree: big.bin and q4");
        assertFalse(HDFS.getFileSystem().exists(new Path("/restored/other.csv")), "only what was asked for");
        assertArrayEquals(kept, HDFS.read("/data/other.csv"));
    }

    @Test
    void batchesPastTheRetentionArePurged() throws Exception {
        HDFS.writeRandom("/data/purged/p.bin", 100, 4);
        final TestRunner replicate = replicator("1 day");
        apply(replicate, OperationType.RECONCILE, "/data/purged");
        clock.set(asOf.plusSeconds(60));
        HDFS.delete("/data/purged");
        apply(replicate, OperationType.DELETE, "/data/purged");
        final TrashLayout layout = new TrashLayout("mirror");
        assertTrue(target.getDirectoryClient(layout.trashRoot()).listPaths().stream()
                .anyMatch(batch -> TrashLayout.batchTime(batch.getName().substring(batch.getName().lastIndexOf('/') + 1)).equals(asOf.plusSeconds(60))));

        clock.set(asOf.plus(Duration.ofDays(1)).plusSeconds(61));
        replicate.run();

        assertTrue(target.getDirectoryClient(layout.trashRoot()).listPaths().stream()
                .noneMatch(batch -> TrashLayout.batchTime(batch.getName().substring(batch.getName().lastIndexOf('/') + 1)).equals(asOf.plusSeconds(60))),
                "the batch of a day and a minute ago is gone");
    }

    private TestRunner replicator(final String retention) throws InitializationException, IOException {
        final TestRunner replicate = TestRunners.newTestRunner(new ReplicateToADLS(clock));
        FusionTestServices.addSource(replicate, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(replicate, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        replicate.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        replicate.setProperty(ReplicateToADLS.DELETE_POLICY, DeletePolicyOption.KEEP_IN_TRASH);
        replicate.setProperty(ReplicateToADLS.TRASH_RETENTION, retention);
        return replicate;
    }

    private static void apply(final TestRunner replicate, final OperationType type, final String path) {
        replicate.enqueue(new byte[0], new ReplicationOperation(type, path, null, type != OperationType.DELETE, -1, -1, -1, null, null, null, -1,
                ChangeSource.SCAN, null).toAttributes());
        replicate.run();
        assertTrue(replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).isEmpty());
        assertTrue(replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).isEmpty());
    }
}
