package io.nififusion.processors.replicate;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keep Replaced Versions end to end in NiFi runners, against a real HDFS (MiniDFSCluster) and the emulator: a file the
 * source overwrites twice comes back, CRC32C-proven, as it was at each moment, while the tree audit of the live tree
 * finds no difference.
 */
class KeepReplacedVersionsIT {
    private static final String FILESYSTEM = "versions";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final DataLakeFileSystemClient target = TESTBED.target();

    /** After the first version is written and copied; each overwrite reaches the target a minute after the one before. */
    private final Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private final SettableClock clock = new SettableClock(start);

    @Test
    void aFileOverwrittenTwiceIsRestoredAsItWasAtEachMoment() throws Exception {
        final byte[] v1 = HDFS.writeRandom("/data/daily/report.parquet", 3 * 256 * 1024 + 11, 1);
        final byte[] other = HDFS.writeRandom("/data/daily/other.csv", 300, 2);
        final TestRunner replicate = replicator();
        apply(replicate, OperationType.RECONCILE, "/data");
        clock.set(start.plusSeconds(60));
        final byte[] v2 = HDFS.writeRandom("/data/daily/report.parquet", 256 * 1024 + 3, 3);
        apply(replicate, OperationType.COPY, "/data/daily/report.parquet");
        clock.set(start.plusSeconds(120));
        final byte[] v3 = HDFS.writeRandom("/data/daily/report.parquet", 900, 4);
        apply(replicate, OperationType.COPY, "/data/daily/report.parquet");
        assertEquals(3, replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).size());

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

        restoreAsOf(start.plusSeconds(30), "/restored/first");
        assertArrayEquals(v1, HDFS.read("/restored/first/daily/report.parquet"), "as of between v1 and v2");
        assertArrayEquals(other, HDFS.read("/restored/first/daily/other.csv"));
        restoreAsOf(start.plusSeconds(90), "/restored/second");
        assertArrayEquals(v2, HDFS.read("/restored/second/daily/report.parquet"), "as of between v2 and v3");
        restoreAsOf(start.plusSeconds(180), "/restored/now");
        assertArrayEquals(v3, HDFS.read("/restored/now/daily/report.parquet"), "now");
        assertArrayEquals(v3, HDFS.read("/data/daily/report.parquet"));
    }

    /** Lists /data/daily as of a moment and restores what it lists below a root, every file proven by its CRC32C. */
    private void restoreAsOf(final Instant moment, final String restoreRoot) throws InitializationException, IOException {
        final TestRunner lister = TestRunners.newTestRunner(ListADLSForRestore.class);
        FusionTestServices.addTarget(lister, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        lister.setProperty(ListADLSForRestore.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        lister.setProperty(ListADLSForRestore.RESTORE_PATH, "/data/daily");
        lister.setProperty(ListADLSForRestore.LISTING_SCOPE, ListingScopeOption.AS_OF);
        lister.setProperty(ListADLSForRestore.AS_OF, moment.toString());
        lister.run();
        final List<MockFlowFile> records = lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS);
        assertEquals(List.of("/data/daily", "/data/daily/other.csv", "/data/daily/report.parquet"),
                records.stream().map(record -> record.getAttribute(OperationAttributes.PATH)).toList());

        final TestRunner restorer = TestRunners.newTestRunner(RestoreToHDFS.class);
        FusionTestServices.addSource(restorer, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(restorer, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        restorer.setProperty(RestoreToHDFS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, restoreRoot);
        restorer.setProperty(RestoreToHDFS.PART_SIZE, "256 KB");
        restorer.setProperty(RestoreToHDFS.RESTORE_METADATA, RestoreMetadataOption.PERMISSIONS);
        records.forEach(record -> restorer.enqueue(new byte[0], record.getAttributes()));
        restorer.run(records.size());
        restorer.assertAllFlowFilesTransferred(RestoreToHDFS.REL_SUCCESS, records.size());
        final MockFlowFile report = restorer.getFlowFilesForRelationship(RestoreToHDFS.REL_SUCCESS).stream()
                .filter(record -> record.getAttribute(OperationAttributes.PATH).endsWith("/report.parquet")).findFirst().orElseThrow();
        assertTrue(report.getAttribute(ReplicationAttributes.DETAIL).contains("agree"), "the recorded CRC32C, the bytes read and HDFS agree: "
                + report.getAttribute(ReplicationAttributes.DETAIL));
        assertTrue(report.getAttribute(RestoreAttributes.AS_OF) != null);
    }

    private TestRunner replicator() throws InitializationException, IOException {
        final TestRunner replicate = TestRunners.newTestRunner(new ReplicateToADLS(clock));
        FusionTestServices.addSource(replicate, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(replicate, TESTBED.emulator(), FILESYSTEM, "/data", "mirror");
        replicate.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        replicate.setProperty(ReplicateToADLS.DELETE_POLICY, DeletePolicyOption.KEEP_IN_TRASH);
        replicate.setProperty(ReplicateToADLS.KEEP_REPLACED_VERSIONS, "true");
        return replicate;
    }

    private static void apply(final TestRunner replicate, final OperationType type, final String path) {
        replicate.enqueue(new byte[0], new ReplicationOperation(type, path, null, false, -1, -1, -1, null, null, null, -1,
                ChangeSource.SCAN, null).toAttributes());
        replicate.run();
        assertTrue(replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).isEmpty());
        assertTrue(replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).isEmpty());
    }
}
