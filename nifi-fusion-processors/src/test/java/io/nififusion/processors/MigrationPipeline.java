package io.nififusion.processors;

import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The shipped migration flow in miniature: ListHDFSChanges → ReplicateToADLS, then VerifyChecksum over the tree, each
 * processor in its own nifi-mock runner with real services (MiniDFSCluster on one side, the emulator on the other).
 * Records move from the listing to the replicator in sequence order, and records routed to retry are queued again,
 * as NiFi connections would.
 */
public final class MigrationPipeline {
    private final TestRunner list;
    private final TestRunner replicate;
    private final TestRunner verify;
    private long recordsListed;
    private long retries;
    private boolean listingStarted;

    public MigrationPipeline(final MiniDfsExtension hdfs, final AdlsEmulator emulator, final Path configurationDirectory, final String filesystem,
                             final String sourceRoot, final String targetRoot) throws InitializationException, IOException {
        list = TestRunners.newTestRunner(ListHDFSChanges.class);
        FusionTestServices.addSource(list, hdfs, configurationDirectory.resolve("list"));
        list.setProperty(ListHDFSChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        list.setProperty(ListHDFSChanges.SOURCE_ROOTS, sourceRoot);
        list.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.INOTIFY);
        list.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, "5");
        list.setProperty(ListHDFSChanges.POLL_TIMEOUT, "200 ms");

        replicate = TestRunners.newTestRunner(ReplicateToADLS.class);
        FusionTestServices.addSource(replicate, hdfs, configurationDirectory.resolve("replicate"));
        FusionTestServices.addTarget(replicate, emulator, filesystem, sourceRoot, targetRoot);
        replicate.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        replicate.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        replicate.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "4");

        verify = TestRunners.newTestRunner(VerifyChecksum.class);
        FusionTestServices.addSource(verify, hdfs, configurationDirectory.resolve("verify"));
        FusionTestServices.addTarget(verify, emulator, filesystem, sourceRoot, targetRoot);
        verify.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        verify.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        verify.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        verify.setProperty(VerifyChecksum.TREE_ROOT, sourceRoot);
        // Scheduled audits: no incoming connection, the Tree Root property names what to audit
        verify.setIncomingConnection(false);
    }

    public TestRunner getListing() {
        return list;
    }

    public TestRunner getReplicator() {
        return replicate;
    }

    public TestRunner getVerifier() {
        return verify;
    }

    /** Triggers the listing once and replicates everything it emitted; returns the number of records. */
    public int step() {
        list.run(1, false, !listingStarted);
        listingStarted = true;
        final List<MockFlowFile> records = new ArrayList<>(list.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS));
        list.clearTransferState();
        records.sort(Comparator.comparingLong(record -> Long.parseLong(record.getAttribute("fusion.sequence"))));
        for (final MockFlowFile record : records) {
            replicate.enqueue(new byte[0], record.getAttributes());
        }
        recordsListed += records.size();
        drainReplicator();
        return records.size();
    }

    /** Steps until the listing has been quiet three times in a row, or {@code maxSteps} steps. */
    public void runUntilQuiet(final int maxSteps) {
        int quietSteps = 0;
        for (int i = 0; i < maxSteps && quietSteps < 3; i++) {
            quietSteps = step() == 0 ? quietSteps + 1 : 0;
        }
    }

    /** Audits the whole tree at the given depth and returns the report FlowFile. */
    public MockFlowFile audit(final VerificationDepthOption depth) {
        verify.setProperty(VerifyChecksum.VERIFICATION_DEPTH, depth);
        verify.clearTransferState();
        verify.run();
        verify.assertTransferCount(VerifyChecksum.REPORT, 1);
        return verify.getFlowFilesForRelationship(VerifyChecksum.REPORT).get(0);
    }

    public long getRecordsListed() {
        return recordsListed;
    }

    public long getRetries() {
        return retries;
    }

    public long getCounter(final String name) {
        final Long value = replicate.getCounterValue(name);
        return value == null ? 0 : value;
    }

    private void drainReplicator() {
        for (int round = 0; round < 20 && replicate.getQueueSize().getObjectCount() > 0; round++) {
            replicate.run(replicate.getQueueSize().getObjectCount());
            final List<MockFlowFile> failures = replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Replication failed for " + failures.get(0).getAttribute("hdfs.path") + ": "
                        + failures.get(0).getAttribute("fusion.error.message"));
            }
            final List<MockFlowFile> retried = new ArrayList<>(replicate.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY));
            replicate.clearTransferState();
            for (final MockFlowFile retry : retried) {
                replicate.enqueue(new byte[0], retry.getAttributes());
            }
            retries += retried.size();
        }
        if (replicate.getQueueSize().getObjectCount() > 0) {
            throw new IllegalStateException("The replicator did not drain its queue: " + replicate.getQueueSize());
        }
    }
}
