package io.nififusion.processors.catalogue;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.services.target.AuthenticationMode;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.services.target.StandardFusionTargetService;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.ambari.FakeAmbariServer;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import io.nififusion.testkit.time.SettableClock;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on the target side, each case ending with a clear error and nothing lost: a target root that is a file,
 * a wrong account key, a SAS that expires while replication runs, and Ambari going down once the target is known.
 */
class TargetBadInputIT {
    private static final String FILESYSTEM = "target-bad-input";

    /** The emulator's time for SAS start and expiry checks: stands still until a test moves it past an expiry. */
    private static final SettableClock AZURE_TIME = new SettableClock(Instant.now());

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM, MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build(),
            new AdlsEmulatorExtension(AdlsEmulator.builder().clock(AZURE_TIME)));
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final DataLakeFileSystemClient fileSystem = TESTBED.target();
    private final TargetInspector target = new TargetInspector(fileSystem);

    @Test
    void aTargetRootThatIsAFileIsNeverReplacedAndEveryRecordSaysWhy() throws Exception {
        final byte[] existing = "a file someone keeps where the target root should be".getBytes(StandardCharsets.UTF_8);
        fileSystem.getFileClient("filed").upload(new ByteArrayInputStream(existing), existing.length);
        HDFS.writeRandom("/data/rooted/x.bin", 3000, 1);
        final TestRunner runner = replicator("rooted", "/data/rooted", "filed");
        RecordQueue.enqueueCopy(runner, HDFS, "/data/rooted/x.bin");
        RecordQueue.enqueue(runner, OperationFactory.ofPath(OperationType.RECONCILE, "/data/rooted", true, -1, ChangeSource.SCAN));
        RecordQueue.enqueue(runner, OperationFactory.ofPath(OperationType.PRUNE, "/data/rooted", true, -1, ChangeSource.SCAN));

        RecordQueue.runUntilQueueEmpty(runner);

        assertArrayEquals(existing, target.read("filed"), "the file at the target root is kept as it was");
        runner.assertTransferCount(ReplicateToADLS.REL_SUCCESS, 0);
        runner.assertTransferCount(ReplicateToADLS.REL_RETRY, 0);
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE);
        assertEquals(3, failed.size());
        for (final MockFlowFile record : failed) {
            record.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_TYPE_CONFLICT.name());
            final String message = record.getAttribute(OperationAttributes.ERROR_MESSAGE);
            assertTrue(message.contains("filed") && message.contains("is a file"), message);
        }
    }

    @Test
    void aWrongAccountKeyFailsTheRecordsNamingTheModeAndTheyCopyOnceTheKeyIsRight() throws Exception {
        final byte[] content = HDFS.writeRandom("/data/keyed/orders.csv", 4000, 2);
        final TestRunner runner = replicator("keyed", "/data", "landing");
        final StandardFusionTargetService service = targetService(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=");
        runner.enableControllerService(service);
        RecordQueue.enqueueCopy(runner, HDFS, "/data/keyed/orders.csv");

        RecordQueue.runUntilQueueEmpty(runner);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_FAILURE, 1);
        final MockFlowFile refused = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst();
        refused.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED.name());
        final String message = refused.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("[Account Key]") && message.contains("403"), message);
        assertTrue(!message.contains("d3Jvbmcta2V5") && !message.contains(TESTBED.emulator().getAccountKey()), "no key in " + message);
        assertNull(target.read("landing/keyed/orders.csv"));
        assertEquals(List.of(), target.tempsUnder("landing/keyed"));

        runner.disableControllerService(service);
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, TESTBED.emulator().getAccountKey());
        runner.enableControllerService(service);
        runner.clearTransferState();
        runner.enqueue(new byte[0], refused.getAttributes());
        RecordQueue.runUntilQueueEmpty(runner);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(content, target.read("landing/keyed/orders.csv"));
    }

    @Test
    void aSasThatExpiresDuringTheRunFailsTheLaterRecordsWithTheReasonAndLeavesNothingPartial() throws Exception {
        final Duration validity = Duration.ofHours(1);
        AZURE_TIME.set(Instant.now());
        final String sas = FusionTestServices.accountSas(TESTBED.emulator(), validity);
        final byte[] early = HDFS.writeRandom("/data/sas/early.csv", 3000, 3);
        HDFS.writeRandom("/data/sas/late.csv", 3000, 4);
        final TestRunner runner = replicator("sas", "/data", "landing");
        final StandardFusionTargetService service = targetService(runner);
        runner.disableControllerService(service);
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN);
        runner.removeProperty(service, FusionTargetProperties.ACCOUNT_KEY);
        runner.setProperty(service, FusionTargetProperties.SAS_TOKEN, sas);
        runner.enableControllerService(service);

        RecordQueue.enqueueCopy(runner, HDFS, "/data/sas/early.csv");
        RecordQueue.runUntilQueueEmpty(runner);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(early, target.read("landing/sas/early.csv"));

        AZURE_TIME.set(Instant.now().plus(validity).plusSeconds(1));
        runner.clearTransferState();
        RecordQueue.enqueueCopy(runner, HDFS, "/data/sas/late.csv");
        RecordQueue.runUntilQueueEmpty(runner);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_FAILURE, 1);
        final MockFlowFile expired = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst();
        expired.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED.name());
        final String message = expired.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("[SAS Token]") && message.toLowerCase().contains("expir"), message);
        assertTrue(!message.contains("sig="), "no signature in " + message);
        assertNull(target.read("landing/sas/late.csv"));
        assertEquals(List.of(), target.tempsUnder("landing/sas"));
    }

    @Test
    void ambariDownOnceTheTargetIsKnownDoesNotStopReplication() throws Exception {
        final AdlsEmulator emulator = TESTBED.emulator();
        final FakeAmbariServer ambari = FakeAmbariServer.start()
                .defaultFileSystem("abfs://" + FILESYSTEM + "@" + emulator.getAccountName() + ".dfs.core.windows.net/");
        final byte[] content = HDFS.writeRandom("/data/ambari/events.json", 5000, 5);
        final TestRunner runner = replicator("ambari", "/data", "landing");
        final StandardFusionTargetService service = targetService(runner);
        runner.disableControllerService(service);
        runner.removeProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME);
        runner.removeProperty(service, FusionTargetProperties.FILESYSTEM_NAME);
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_USER, ambari.getUser());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        runner.enableControllerService(service);
        ambari.close();

        RecordQueue.enqueueCopy(runner, HDFS, "/data/ambari/events.json");
        RecordQueue.runUntilQueueEmpty(runner);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(content, target.read("landing/ambari/events.json"));
    }

    private static TestRunner replicator(final String configurationName, final String sourceRoot, final String targetRoot) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ReplicateToADLS.class);
        FusionTestServices.addSource(runner, HDFS, TESTBED.configurationDirectory().resolve(configurationName));
        FusionTestServices.addTarget(runner, TESTBED.emulator(), FILESYSTEM, sourceRoot, targetRoot);
        runner.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        return runner;
    }

    private static StandardFusionTargetService targetService(final TestRunner runner) {
        return (StandardFusionTargetService) runner.getControllerService(FusionTestServices.TARGET_SERVICE_ID);
    }
}
