package io.nififusion.hive.processors;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shipped metastore flow in miniature: ListHiveChanges → ReplicateHiveMetadata (retry looping back), and
 * VerifyHiveMetadata, each in its own nifi-mock runner with the real services (MiniDFSCluster, the ADLS emulator) and
 * real metastores. Every record listed is kept, so a test can apply them all again in another order.
 */
final class HiveMigrationPipeline {
    private final TestRunner list;
    private final TestRunner replicate;
    private final TestRunner verify;
    private final List<Map<String, String>> history = new ArrayList<>();
    private final List<MockFlowFile> failures = new ArrayList<>();
    private final List<MockFlowFile> pending = new ArrayList<>();
    private boolean listingStarted;

    HiveMigrationPipeline(final String sourceMetastore, final String targetMetastore, final MiniDfsExtension hdfs, final AdlsEmulator emulator,
                          final Path configurationDirectory, final String filesystem, final String sourceRoot, final String targetRoot,
                          final String patterns) throws InitializationException, IOException {
        list = TestRunners.newTestRunner(ListHiveChanges.class);
        list.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, sourceMetastore);
        list.setProperty(ListHiveChanges.DATABASE_PATTERNS, patterns);
        list.setProperty(ListHiveChanges.SCAN_BATCH_SIZE, "5");

        replicate = newReplicator(sourceMetastore, targetMetastore, hdfs, emulator, configurationDirectory.resolve("replicate"), filesystem, sourceRoot, targetRoot);

        verify = TestRunners.newTestRunner(VerifyHiveMetadata.class);
        FusionTestServices.addSource(verify, hdfs, configurationDirectory.resolve("verify"));
        FusionTestServices.addTarget(verify, emulator, filesystem, sourceRoot, targetRoot);
        verify.setProperty(VerifyHiveMetadata.SOURCE_METASTORE_URI, sourceMetastore);
        verify.setProperty(VerifyHiveMetadata.TARGET_METASTORE_URI, targetMetastore);
        verify.setProperty(VerifyHiveMetadata.DATABASE_PATTERNS, patterns);
        verify.setProperty(VerifyHiveMetadata.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        verify.setProperty(VerifyHiveMetadata.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
    }

    static TestRunner newReplicator(final String sourceMetastore, final String targetMetastore, final MiniDfsExtension hdfs, final AdlsEmulator emulator,
                                    final Path configurationDirectory, final String filesystem, final String sourceRoot, final String targetRoot)
            throws InitializationException, IOException {
        final TestRunner runner = TestRunners.newTestRunner(ReplicateHiveMetadata.class);
        FusionTestServices.addSource(runner, hdfs, configurationDirectory);
        FusionTestServices.addTarget(runner, emulator, filesystem, sourceRoot, targetRoot);
        runner.setProperty(ReplicateHiveMetadata.SOURCE_METASTORE_URI, sourceMetastore);
        runner.setProperty(ReplicateHiveMetadata.TARGET_METASTORE_URI, targetMetastore);
        runner.setProperty(ReplicateHiveMetadata.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateHiveMetadata.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        return runner;
    }

    TestRunner getReplicator() {
        return replicate;
    }

    /**
     * Lists once (the whole scan, or the log's new events) and applies what was listed together with the records waiting
     * on retry; returns how many records were listed.
     */
    int step() throws IOException {
        int listed = 0;
        do {
            list.run(1, false, !listingStarted);
            listingStarted = true;
            final List<MockFlowFile> records = new ArrayList<>(list.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS));
            list.clearTransferState();
            for (final MockFlowFile record : records) {
                history.add(record.getAttributes());
                replicate.enqueue(new byte[0], record.getAttributes());
            }
            listed += records.size();
        } while ("SCAN".equals(list.getStateManager().getState(org.apache.nifi.components.state.Scope.CLUSTER).get("hive.listing.phase")));
        for (final MockFlowFile waiting : pending) {
            replicate.enqueue(new byte[0], waiting.getAttributes());
        }
        pending.clear();
        final int queued = replicate.getQueueSize().getObjectCount();
        if (queued > 0) {
            replicate.run(queued);
        }
        failures.addAll(replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_FAILURE));
        pending.addAll(replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_RETRY));
        replicate.clearTransferState();
        return listed;
    }

    /** Steps until nothing is listed and nothing waits, or {@code maxSteps} steps. */
    void runUntilQuiet(final int maxSteps) throws IOException {
        for (int i = 0; i < maxSteps; i++) {
            if (step() == 0 && pending.isEmpty()) {
                return;
            }
        }
    }

    List<MockFlowFile> getPending() {
        return pending;
    }

    List<MockFlowFile> getFailures() {
        return failures;
    }

    List<Map<String, String>> getHistory() {
        return history;
    }

    /** Audits the chosen databases; returns the report. */
    MockFlowFile audit() {
        verify.clearTransferState();
        verify.enqueue(new byte[0]);
        verify.run();
        verify.assertTransferCount(VerifyHiveMetadata.REL_ORIGINAL, 1);
        final List<MockFlowFile> reports = new ArrayList<>(verify.getFlowFilesForRelationship(VerifyHiveMetadata.REL_VERIFIED));
        reports.addAll(verify.getFlowFilesForRelationship(VerifyHiveMetadata.REL_MISMATCH));
        if (reports.size() != 1) {
            throw new IllegalStateException("The audit wrote " + reports.size() + " reports; failures: " + verify.getFlowFilesForRelationship(VerifyHiveMetadata.REL_FAILURE));
        }
        return reports.get(0);
    }

    TestRunner getVerifier() {
        return verify;
    }
}
