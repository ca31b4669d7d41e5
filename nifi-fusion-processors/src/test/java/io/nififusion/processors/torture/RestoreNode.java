package io.nififusion.processors.torture;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.restore.ExistingFilePolicyOption;
import io.nififusion.processors.restore.RestoreDestinationOption;
import io.nififusion.processors.restore.RestoreMetadataOption;
import io.nififusion.processors.restore.RestoreToHDFS;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One NiFi node of a restore torture run: its own RestoreToHDFS with its own StandardHdfsSourceService and
 * StandardFusionTargetService against the shared HDFS and emulator. The node's tasks trigger the one processor instance
 * from their own threads at once, as NiFi's concurrent tasks do.
 */
final class RestoreNode {
    private final String name;
    private final TestRunner restorer;
    private final ReplicationNode.Services services;
    private final AtomicLong flowFileIds = new AtomicLong(1);
    private final AtomicInteger activeRestores = new AtomicInteger();
    private volatile boolean stopRequested;

    private RestoreNode(final String name, final TestRunner restorer, final ReplicationNode.Services services) {
        this.name = name;
        this.restorer = restorer;
        this.services = services;
    }

    /**
     * @param restoreRoot the Restore Root, or null for a restore to the original paths
     */
    static RestoreNode start(final String name, final TortureEnvironment environment, final TortureLayout layout, final String restoreRoot,
                             final ExistingFilePolicyOption existingFilePolicy, final int tasks, final ReplicationNode.TargetCredential credential)
            throws InitializationException, IOException {
        final TestRunner restorer = TestRunners.newTestRunner(RestoreToHDFS.class);
        final ReplicationNode.Services services = ReplicationNode.addServices(restorer, environment, layout,
                environment.workDirectory().resolve(layout.runName()).resolve(name), credential);
        restorer.setProperty(RestoreToHDFS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        restorer.setProperty(RestoreToHDFS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        if (restoreRoot == null) {
            restorer.setProperty(RestoreToHDFS.RESTORE_DESTINATION, RestoreDestinationOption.ORIGINAL_PATHS);
        } else {
            restorer.setProperty(RestoreToHDFS.RESTORE_DESTINATION, RestoreDestinationOption.UNDER_RESTORE_ROOT);
            restorer.setProperty(RestoreToHDFS.RESTORE_ROOT, restoreRoot);
        }
        restorer.setProperty(RestoreToHDFS.EXISTING_FILE_POLICY, existingFilePolicy);
        restorer.setProperty(RestoreToHDFS.PART_SIZE, RestoreTortureTree.PART_SIZE + " B");
        restorer.setProperty(RestoreToHDFS.PARALLEL_PARTS, "3");
        restorer.setProperty(RestoreToHDFS.RESTORE_METADATA, RestoreMetadataOption.PERMISSIONS);
        restorer.setThreadCount(tasks);
        // Zero iterations: @OnScheduled only; the node's tasks trigger the processor themselves
        restorer.run(0, false, true);
        return new RestoreNode(name, restorer, services);
    }

    String name() {
        return name;
    }

    SingleTrigger.Outcome restore(final List<MockFlowFile> records) {
        activeRestores.incrementAndGet();
        try {
            return SingleTrigger.run(restorer, records, flowFileIds, null);
        } finally {
            activeRestores.decrementAndGet();
        }
    }

    MockFlowFile newRecord(final Map<String, String> attributes) {
        return SingleTrigger.record(flowFileIds, attributes);
    }

    /** RestoreToHDFS triggers running now: a stop fault waits for one, to stop the node mid-restore. */
    int activeRestores() {
        return activeRestores.get();
    }

    /**
     * Stops the node as NiFi stops a processor: the tasks take no more work and the processor is unscheduled, so a
     * running restore sees isScheduled() turn false and goes to retry with the parts it finished.
     */
    void stop() {
        stopRequested = true;
        restorer.unSchedule();
    }

    boolean isStopRequested() {
        return stopRequested;
    }

    /** After the tasks ended: @OnStopped, then the services are disabled. */
    void shutDown() {
        restorer.stop();
        services.runner().disableControllerService(services.target());
        services.runner().disableControllerService(services.source());
    }
}
