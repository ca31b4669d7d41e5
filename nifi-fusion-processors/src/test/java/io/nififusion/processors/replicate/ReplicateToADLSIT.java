package io.nififusion.processors.replicate;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import io.nififusion.core.copy.ReplicatorSettings;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.services.target.StandardFusionTargetService;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.VerifiableProcessor;
import io.nififusion.testkit.time.SettableClock;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ReplicateToADLS in a NiFi test runner, against a real HDFS (MiniDFSCluster) and the ADLS emulator through the real SDK. */
class ReplicateToADLSIT {
    private static final int CHUNK = 256 * 1024;
    private static final String FILESYSTEM = "replicated";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final DataLakeFileSystemClient target = TESTBED.target();

    private TestRunner runner;

    @BeforeEach
    void setUp() throws InitializationException, IOException {
        setUp(new ReplicateToADLS());
    }

    private void setUp(final ReplicateToADLS processor) throws InitializationException, IOException {
        runner = TestRunners.newTestRunner(processor);
        FusionTestServices.addSource(runner, HDFS, TESTBED.configurationDirectory());
        runner.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        runner.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "4");
        runner.setProperty(ReplicateToADLS.CHECKPOINT_INTERVAL, "2");
    }

    /** The production target service: license, endpoint, account key, path mapping /data -> landing. */
    private void useStandardTarget() throws InitializationException {
        FusionTestServices.addTarget(runner, TESTBED.emulator(), FILESYSTEM, "/data", "landing");
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
    }

    /** The same mapping with a client that does not retry, so injected faults reach the processor at once. */
    private void useQuickRetryTarget() throws InitializationException {
        final QuickRetryTargetService targetService = new QuickRetryTargetService(TESTBED.emulator(), FILESYSTEM, new TargetPathMapper("/data", "landing"));
        runner.addControllerService("target", targetService);
        runner.enableControllerService(targetService);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, "target");
    }

    @Test
    void copiesEmptySmallMultiBlockAndMultiChunkFilesWithProvenanceAndCounters() throws Exception {
        useStandardTarget();
        final Map<String, byte[]> files = Map.of(
                "/data/sizes/empty", HDFS.writeRandom("/data/sizes/empty", 0, 1),
                "/data/sizes/small.csv", HDFS.writeRandom("/data/sizes/small.csv", 10_000, 2),
                "/data/sizes/multi-block.bin", HDFS.writeRandom("/data/sizes/multi-block.bin", 2 * 1024 * 1024 + 99, 3),
                "/data/sizes/multi-chunk.bin", HDFS.writeRandom("/data/sizes/multi-chunk.bin", 9 * CHUNK + 5, 4));
        for (final String path : files.keySet()) {
            enqueueFromStatus(path);
        }

        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 4);
        long totalBytes = 0;
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS)) {
            flowFile.assertAttributeEquals(OperationAttributes.RESULT, "copied");
            final String path = flowFile.getAttribute(OperationAttributes.PATH);
            flowFile.assertAttributeEquals(ReplicationAttributes.BYTES_COPIED, Integer.toString(files.get(path).length));
            flowFile.assertAttributeEquals(OperationAttributes.TARGET_PATH, "landing" + path.substring("/data".length()));
            assertNotNull(flowFile.getAttribute(ReplicationAttributes.THROUGHPUT));
            assertEquals(0, flowFile.getSize(), "content is never written");
            totalBytes += files.get(path).length;
        }
        final List<ProvenanceEventRecord> sends = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).toList();
        assertEquals(4, sends.size());
        // the endpoint really used: the emulator's URL, never an abfss:// name of a host that was not contacted
        assertTrue(sends.stream().allMatch(event -> event.getTransitUri().startsWith(TESTBED.emulator().getEndpoint() + "/" + FILESYSTEM + "/landing/")),
                sends.get(0).getTransitUri());
        assertTrue(sends.stream().anyMatch(event -> event.getTransitUri().endsWith("landing/sizes/multi-chunk.bin")));
        assertEquals(totalBytes, runner.getCounterValue(ReplicateToADLS.COUNTER_BYTES_COPIED));
        assertEquals(4L, runner.getCounterValue(ReplicateToADLS.COUNTER_FILES_COPIED));
        for (final Map.Entry<String, byte[]> file : files.entrySet()) {
            assertTargetHolds("landing" + file.getKey().substring("/data".length()), file.getValue());
        }

        runner.clearTransferState();
        for (final String path : files.keySet()) {
            enqueueFromStatus(path);
        }
        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 4);
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).forEach(flowFile -> flowFile.assertAttributeEquals(OperationAttributes.RESULT, "skipped"));
        assertEquals(4L, runner.getCounterValue(ReplicateToADLS.COUNTER_FILES_SKIPPED));
        for (final Map.Entry<String, byte[]> file : files.entrySet()) {
            assertTargetHolds("landing" + file.getKey().substring("/data".length()), file.getValue());
        }
    }

    @Test
    void namesWithSpecialCharactersAndDeepPaths() throws Exception {
        useStandardTarget();
        final List<String> paths = List.of("/data/names/with space.txt", "/data/names/100%.txt", "/data/names/c#.txt", "/data/names/a+b.txt",
                "/data/names/日本語-ñ.txt", "/data/names/1/2/3/4/5/6/7/8/9/10/deep #%+ ü.txt");
        final List<byte[]> contents = new ArrayList<>();
        for (final String path : paths) {
            contents.add(HDFS.writeRandom(path, 500 + path.length(), path.hashCode()));
            enqueueFromStatus(path);
        }

        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, paths.size());
        for (int i = 0; i < paths.size(); i++) {
            assertTargetHolds("landing" + paths.get(i).substring("/data".length()), contents.get(i));
        }
    }

    @Test
    void directoriesAreCreatedRenamedAndDeletedWithTheirChildren() throws Exception {
        useStandardTarget();
        HDFS.mkdirs("/data/tree/db/t1/p=1");
        final byte[] first = HDFS.writeRandom("/data/tree/db/t1/p=1/part-0", 3 * CHUNK + 1, 5);
        final byte[] second = HDFS.writeRandom("/data/tree/db/t1/part-1", 1000, 6);
        enqueueFromStatus("/data/tree/db/t1");
        enqueueFromStatus("/data/tree/db/t1/p=1");
        enqueueFromStatus("/data/tree/db/t1/p=1/part-0");
        enqueueFromStatus("/data/tree/db/t1/part-1");
        runUntilQueueEmpty();
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 4);
        assertEquals("created", runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst().getAttribute(OperationAttributes.RESULT));
        runner.clearTransferState();
        runner.clearProvenanceEvents();

        HDFS.rename("/data/tree/db/t1", "/data/tree/db/t2");
        enqueue(new ReplicationOperation(OperationType.RENAME, "/data/tree/db/t2", "/data/tree/db/t1", true, -1, -1, -1, null, null, null, 9,
                ChangeSource.INOTIFY, null));
        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst().assertAttributeEquals(OperationAttributes.RESULT, "renamed");
        assertEquals(ProvenanceEventType.REMOTE_INVOCATION, runner.getProvenanceEvents().getFirst().getEventType());
        assertFalse(target.getDirectoryClient("landing/tree/db/t1").exists());
        assertTargetHolds("landing/tree/db/t2/p=1/part-0", first);
        assertTargetHolds("landing/tree/db/t2/part-1", second);
        runner.clearTransferState();

        TESTBED.emulator().setMaxListResults(1);
        HDFS.delete("/data/tree/db/t2");
        enqueue(OperationFactory.ofPath(OperationType.DELETE, "/data/tree/db/t2", true, 10, ChangeSource.INOTIFY));
        runUntilQueueEmpty();
        TESTBED.emulator().setMaxListResults(5000);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst().assertAttributeEquals(OperationAttributes.RESULT, "deleted");
        assertFalse(target.getDirectoryClient("landing/tree/db/t2").exists());
        assertFalse(target.getFileClient("landing/tree/db/t2/p=1/part-0").exists());
        assertFalse(HDFS.getFileSystem().exists(new Path("/data/tree/db/t2")));
    }

    @Test
    void readersSeeTheOldVersionOrTheNewOneNeverAPartialFile() throws Exception {
        useStandardTarget();
        final byte[] previous = HDFS.writeRandom("/data/partial/events.bin", 2 * CHUNK, 7);
        enqueueFromStatus("/data/partial/events.bin");
        runUntilQueueEmpty();
        final byte[] next = HDFS.writeRandom("/data/partial/events.bin", 10 * CHUNK + 3, 8);
        enqueueFromStatus("/data/partial/events.bin");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").addLatency(Duration.ofMillis(80), -1);
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final ExecutorService poller = Executors.newSingleThreadExecutor();
        final Future<?> polling = poller.submit(() -> {
            while (running.get()) {
                final byte[] bytes = readOrNull("landing/partial/events.bin");
                seen.add(bytes == null ? "absent" : Arrays.equals(bytes, previous) ? "previous" : Arrays.equals(bytes, next) ? "next" : "PARTIAL");
            }
            return null;
        });

        runUntilQueueEmpty();
        running.set(false);
        polling.get(10, TimeUnit.SECONDS);
        poller.shutdown();

        assertFalse(seen.contains("PARTIAL"), "a reader saw a partial file");
        assertFalse(seen.contains("absent"));
        assertTrue(seen.contains("previous"));
        assertTargetHolds("landing/partial/events.bin", next);
    }

    @Test
    void sourceAppendedDuringTheCopyIsCopiedAgain() throws Exception {
        useStandardTarget();
        HDFS.writeRandom("/data/changing/app.log", 8 * CHUNK, 9);
        enqueueFromStatus("/data/changing/app.log");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").addLatency(Duration.ofMillis(50), -1);
        final Future<?> change = changeSourceOnceTheTempAppears("landing/changing", "app.log",
                () -> HDFS.append("/data/changing/app.log", "one more line\n".getBytes()));

        runUntilQueueEmpty();
        change.get(10, TimeUnit.SECONDS);

        copiedOnceClosed("/data/changing/app.log");
        assertTargetHolds("landing/changing/app.log", HDFS.read("/data/changing/app.log"));
    }

    @Test
    void sourceOverwrittenDuringTheCopyIsCopiedAgain() throws Exception {
        useStandardTarget();
        HDFS.writeRandom("/data/overwritten/t.parquet", 8 * CHUNK, 10);
        enqueueFromStatus("/data/overwritten/t.parquet");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").addLatency(Duration.ofMillis(50), -1);
        final Future<?> change = changeSourceOnceTheTempAppears("landing/overwritten", "t.parquet",
                () -> HDFS.writeRandom("/data/overwritten/t.parquet", 5 * CHUNK + 7, 11));

        runUntilQueueEmpty();
        change.get(10, TimeUnit.SECONDS);

        copiedOnceClosed("/data/overwritten/t.parquet");
        assertTargetHolds("landing/overwritten/t.parquet", HDFS.read("/data/overwritten/t.parquet"));
    }

    @Test
    void sourceDeletedDuringTheCopyIsANoop() throws Exception {
        useStandardTarget();
        HDFS.writeRandom("/data/deleted/tmp.bin", 8 * CHUNK, 12);
        enqueueFromStatus("/data/deleted/tmp.bin");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").addLatency(Duration.ofMillis(50), -1);
        final Future<?> change = changeSourceOnceTheTempAppears("landing/deleted", "tmp.bin", () -> HDFS.delete("/data/deleted/tmp.bin"));

        runUntilQueueEmpty();
        change.get(10, TimeUnit.SECONDS);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst().assertAttributeEquals(OperationAttributes.RESULT, "noop");
        assertFalse(target.getFileClient("landing/deleted/tmp.bin").exists());
        assertNull(tempOf("landing/deleted", "tmp.bin"), "no temp left");
        assertFalse(HDFS.getFileSystem().exists(new Path("/data/deleted/tmp.bin")));
    }

    @Test
    void forbiddenGoesToFailureNamingTheAuthenticationMode() throws Exception {
        useStandardTarget();
        final byte[] content = HDFS.writeRandom("/data/forbidden/payroll.csv", 2000, 13);
        enqueueFromStatus("/data/forbidden/payroll.csv");
        TESTBED.emulator().faults().onRequests("PUT", "_fusion_tmp", "resource=file").failNext(1, 403, "AuthorizationPermissionMismatch");

        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED.name());
        assertTrue(failed.getAttribute(OperationAttributes.ERROR_MESSAGE).contains("[Account Key]"), failed.getAttribute(OperationAttributes.ERROR_MESSAGE));
        assertEquals(1L, runner.getCounterValue(ReplicateToADLS.COUNTER_FAILED));
        assertFalse(target.getFileClient("landing/forbidden/payroll.csv").exists());

        runner.clearTransferState();
        runner.enqueue(new byte[0], failed.getAttributes());
        runUntilQueueEmpty();
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertTargetHolds("landing/forbidden/payroll.csv", content);
    }

    @Test
    void serverBusyGoesToRetryHonouringRetryAfterThenSucceeds() throws Exception {
        final SettableClock clock = new SettableClock(Instant.now());
        setUp(new ReplicateToADLS(clock));
        useQuickRetryTarget();
        final byte[] content = HDFS.writeRandom("/data/busy/big.bin", 6 * CHUNK, 14);
        enqueueFromStatus("/data/busy/big.bin");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").failNext(1, 503, "ServerBusy", 1);

        runner.run(1, false, true);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_RETRY, 1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).getFirst();
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_THROTTLED.name());
        retried.assertAttributeEquals(ReplicationAttributes.RETRY_AFTER_MILLIS, "1000");
        assertTrue(retried.isPenalized());
        assertFalse(target.getFileClient("landing/busy/big.bin").exists());

        runner.clearTransferState();
        runner.enqueue(new byte[0], retried.getAttributes());
        runner.run(1, false, false);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the processor waits for the Retry-After before the next call");

        clock.advance(Duration.ofMillis(999));
        runner.run(1, false, false);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "still within the Retry-After");
        clock.advance(Duration.ofMillis(2));
        runner.run(1, true, false);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst().assertAttributeNotExists(OperationAttributes.ERROR_CODE);
        assertTargetHolds("landing/busy/big.bin", content);
    }

    @Test
    void connectionResetMidAppendRetriesAndResumesWithTheRightBytes() throws Exception {
        useQuickRetryTarget();
        runner.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "1");
        final byte[] content = HDFS.writeRandom("/data/reset/big.bin", 10 * CHUNK + 77, 15);
        enqueueFromStatus("/data/reset/big.bin");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append&position=" + (7 * CHUNK)).resetDuringRequestBody(1, 4096);

        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_RETRY, 1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).getFirst();
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.TARGET_CONNECTION_FAILED.name());
        assertFalse(target.getFileClient("landing/reset/big.bin").exists());

        runner.clearTransferState();
        runner.enqueue(new byte[0], retried.getAttributes());
        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        final MockFlowFile copied = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst();
        copied.assertAttributeEquals(ReplicationAttributes.RESUMED_FROM, Long.toString(6L * CHUNK));
        copied.assertAttributeEquals(ReplicationAttributes.BYTES_COPIED, Long.toString(content.length - 6L * CHUNK));
        assertTargetHolds("landing/reset/big.bin", content);
    }

    @Test
    void corruptedBytesAreDetectedByContentMd5AndCopiedAgain() throws Exception {
        useQuickRetryTarget();
        runner.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "1");
        final byte[] content = HDFS.writeRandom("/data/md5/blob.bin", 8 * CHUNK, 16);
        enqueueFromStatus("/data/md5/blob.bin");
        TESTBED.emulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").addLatency(Duration.ofMillis(60), -1);
        // Azure stores the flush's Content-MD5 without checking it; the emulator checks it when asked
        TESTBED.emulator().setFlushMd5Checked(true);
        final Future<?> corruption = Executors.newSingleThreadExecutor().submit(() -> {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    final String temp = tempOf("landing/md5", "blob.bin");
                    if (temp != null && target.getFileClient(temp).getProperties().getFileSize() > 0) {
                        TESTBED.emulator().corruptStoredBytes(FILESYSTEM, temp, 3);
                        return true;
                    }
                } catch (final DataLakeStorageException e) {
                    Thread.sleep(5);
                }
            }
            return false;
        });

        runUntilQueueEmpty();

        assertTrue((Boolean) corruption.get(10, TimeUnit.SECONDS));
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_RETRY, 1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).getFirst();
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.CHECKSUM_MISMATCH.name());
        assertFalse(target.getFileClient("landing/md5/blob.bin").exists());

        TESTBED.emulator().faults().clear();
        runner.clearTransferState();
        runner.enqueue(new byte[0], retried.getAttributes());
        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertTargetHolds("landing/md5/blob.bin", content);
    }

    @Test
    void bandwidthLimitHoldsTheRate() throws Exception {
        useStandardTarget();
        runner.setProperty(ReplicateToADLS.BANDWIDTH_LIMIT, "1 MB");
        final byte[] content = HDFS.writeRandom("/data/throttled/big.bin", 3 * 1024 * 1024, 17);
        enqueueFromStatus("/data/throttled/big.bin");
        final long started = System.nanoTime();

        runUntilQueueEmpty();

        final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        // 3 MiB at 1 MiB/s with a bucket of one second: about two seconds
        assertTrue(elapsedMillis >= 1800, "copied in " + elapsedMillis + " ms");
        final long throughput = Long.parseLong(runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst()
                .getAttribute(ReplicationAttributes.THROUGHPUT));
        assertTrue(throughput < 1_600_000, "throughput " + throughput);
        assertTargetHolds("landing/throttled/big.bin", content);
    }

    @Test
    void verifyChecksTheLicenseTheSourceRootAndRehearsesACommitLeavingNothing() throws Exception {
        useStandardTarget();
        HDFS.mkdirs("/data");

        final List<ConfigVerificationResult> results = ((VerifiableProcessor) runner.getProcessor()).verify(runner.getProcessContext(),
                runner.getLogger(), Map.of());

        assertEquals(List.of(ReplicationSetupCheck.STEP_LICENSE, ReplicationSetupCheck.STEP_READ_SOURCE_ROOT, ReplicationSetupCheck.STEP_REHEARSE_COMMIT),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        for (final ConfigVerificationResult result : results) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.toString());
        }
        assertTrue(results.get(2).getExplanation().contains("second conditional rename onto it refused"), results.get(2).getExplanation());
        if (target.getDirectoryClient("landing").exists()) {
            for (final PathItem item : target.listPaths(new ListPathsOptions().setPath("landing"), null)) {
                assertFalse(item.getName().contains("commit-probe"), "probe left: " + item.getName());
            }
        }
    }

    @Test
    void verifyNamesWhatFailsWithoutStoppingAtIt() throws Exception {
        useStandardTarget();
        final StandardFusionTargetService service = (StandardFusionTargetService) runner.getControllerService(FusionTestServices.TARGET_SERVICE_ID);
        runner.disableControllerService(service);
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=");
        runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, "/no/such/root");
        runner.enableControllerService(service);

        final List<ConfigVerificationResult> results = ((VerifiableProcessor) runner.getProcessor()).verify(runner.getProcessContext(),
                runner.getLogger(), Map.of());

        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.get(0).getOutcome(), results.get(0).toString());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.get(1).getOutcome());
        assertTrue(results.get(1).getExplanation().contains("/no/such/root"), results.get(1).getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.get(2).getOutcome());
        assertTrue(results.get(2).getExplanation().contains("HTTP 403") && results.get(2).getExplanation().contains("Account Key"),
                results.get(2).getExplanation());
    }

    @Test
    void aChmodDuringTheCopyReachesTheCommittedFile() throws Exception {
        useStandardTarget();
        runner.setProperty(ReplicateToADLS.BANDWIDTH_LIMIT, "2 MB");
        final byte[] content = HDFS.writeRandom("/data/chmod/ledger.bin", 12 * CHUNK, 44);
        HDFS.chmod("/data/chmod/ledger.bin", (short) 0644);
        enqueueFromStatus("/data/chmod/ledger.bin");
        // a chmod changes no version (length, modification time, inode): the commit alone cannot notice it
        final Future<?> chmod = changeSourceOnceTheTempAppears("landing/chmod", "ledger.bin", () -> HDFS.chmod("/data/chmod/ledger.bin", (short) 0600));

        runner.run();
        chmod.get(10, TimeUnit.SECONDS);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertTargetHolds("landing/chmod/ledger.bin", content);
        assertEquals("0600", target.getFileClient("landing/chmod/ledger.bin").getAccessControl().getPermissions().toString(), "the mode the source has now");
    }

    @Test
    void invalidRecordGoesToFailure() throws Exception {
        useStandardTarget();
        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "COPY", OperationAttributes.PATH, "relative/path"));

        runUntilQueueEmpty();

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst()
                .assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.INVALID_OPERATION.name());
    }

    /** Source-side change made from another thread as soon as the copy has created its temp file. */
    @Test
    void aLicenseThatExpiresWhileEnabledStopsReplicationAndKeepsTheRecords() throws Exception {
        final SettableClock clock = new SettableClock(Instant.now());
        FusionTestServices.addTarget(runner, TESTBED.emulator(), FILESYSTEM, "/data", "landing", Duration.ofHours(1), clock);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        HDFS.writeRandom("/data/licensed/late.bin", 1000, 41);
        enqueueFromStatus("/data/licensed/late.bin");
        // The license was valid when the service was enabled; it runs out while the service stays enabled
        clock.advance(Duration.ofHours(2));

        runner.run();

        runner.assertTransferCount(ReplicateToADLS.REL_SUCCESS, 0);
        runner.assertTransferCount(ReplicateToADLS.REL_RETRY, 0);
        runner.assertTransferCount(ReplicateToADLS.REL_FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the record stays queued");
        assertNull(readOrNull("landing/licensed/late.bin"));
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(message -> message.getMsg().contains("expired")));
    }

    @Test
    void aCopyInFlightWhenTheLicenseExpiresFinishesWholeAndTheNextRecordWaits() throws Exception {
        final SettableClock clock = new SettableClock(Instant.now());
        FusionTestServices.addTarget(runner, TESTBED.emulator(), FILESYSTEM, "/data", "landing", Duration.ofHours(1), clock);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.BANDWIDTH_LIMIT, "2 MB");
        final byte[] content = HDFS.writeRandom("/data/licensed/inflight.bin", 12 * CHUNK, 42);
        HDFS.writeRandom("/data/licensed/next.bin", 1000, 43);
        enqueueFromStatus("/data/licensed/inflight.bin");
        final Future<?> expiry = changeSourceOnceTheTempAppears("landing/licensed", "inflight.bin", () -> clock.advance(Duration.ofHours(2)));

        runner.run();
        expiry.get(10, TimeUnit.SECONDS);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertTargetHolds("landing/licensed/inflight.bin", content);
        assertNull(tempOf("landing/licensed", "inflight.bin"), "no temp left");

        runner.clearTransferState();
        enqueueFromStatus("/data/licensed/next.bin");
        runner.run();
        runner.assertTransferCount(ReplicateToADLS.REL_SUCCESS, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the next record waits for a renewed license");
        assertNull(readOrNull("landing/licensed/next.bin"));
    }

    private Future<?> changeSourceOnceTheTempAppears(final String targetDirectory, final String name, final SourceChange change) {
        return Executors.newSingleThreadExecutor().submit(() -> {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (tempOf(targetDirectory, name) == null) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no temp of " + name + " ever appeared in " + targetDirectory);
                }
                Thread.sleep(2);
            }
            change.apply();
            return null;
        });
    }

    /** The temp a copy of the named file writes to (its name is unique to the attempt), or null. */
    private static String tempOf(final String targetDirectory, final String name) {
        try {
            for (final PathItem item : TESTBED.target().listPaths(new ListPathsOptions().setPath(targetDirectory), null)) {
                if (item.getName().startsWith(targetDirectory + "/" + ReplicatorSettings.DEFAULT_TEMP_PREFIX + name + ".")) {
                    return item.getName();
                }
            }
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface SourceChange {
        void apply() throws IOException;
    }

    /**
     * The copy that saw the source change either copied the new version once its writer closed it, or, when it looked
     * while the writer still held the file, committed nothing and sent a COPY of the file back to retry, which copies it
     * once closed.
     */
    private void copiedOnceClosed(final String path) {
        runner.assertTransferCount(ReplicateToADLS.REL_SUCCESS, 1);
        final MockFlowFile first = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst();
        if ("open-file".equals(first.getAttribute(OperationAttributes.RESULT))) {
            runner.assertTransferCount(ReplicateToADLS.REL_RETRY, 1);
            final MockFlowFile again = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).getFirst();
            again.assertAttributeEquals(OperationAttributes.OPERATION, "COPY");
            again.assertAttributeEquals(OperationAttributes.PATH, path);
            assertNotNull(again.getAttribute(ReplicationAttributes.OPEN_SINCE));
            runner.clearTransferState();
            runner.enqueue(new byte[0], again.getAttributes());
            runUntilQueueEmpty();
            runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        } else {
            runner.assertTransferCount(ReplicateToADLS.REL_RETRY, 0);
        }
        runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).getFirst().assertAttributeEquals(OperationAttributes.RESULT, "copied");
    }

    private void runUntilQueueEmpty() {
        int rounds = 0;
        while (!runner.isQueueEmpty() && rounds++ < 50) {
            runner.run(1, true, true);
        }
        assertTrue(runner.isQueueEmpty(), "queue drained");
    }

    private void enqueueFromStatus(final String path) throws IOException {
        enqueue(OperationFactory.fromStatus(HDFS.getFileSystem().getFileStatus(new Path(path)), ChangeSource.SCAN, -1));
    }

    private void enqueue(final ReplicationOperation operation) {
        runner.enqueue(new byte[0], operation.toAttributes());
    }

    private static void assertTargetHolds(final String targetPath, final byte[] expected) {
        final byte[] actual = readOrNull(targetPath);
        assertNotNull(actual, targetPath + " missing");
        assertEquals(expected.length, actual.length, targetPath + " length");
        assertArrayEquals(expected, actual, targetPath + " bytes");
    }

    private static byte[] readOrNull(final String targetPath) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            TESTBED.target().getFileClient(targetPath).read(out);
            return out.toByteArray();
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
