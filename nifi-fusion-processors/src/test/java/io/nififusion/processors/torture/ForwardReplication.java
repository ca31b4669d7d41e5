package io.nififusion.processors.torture;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.replicate.DeletePolicyOption;
import io.nififusion.processors.replicate.ReplicateToADLS;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward path of a restore torture run, in one ReplicateToADLS of its own: it writes the target tree the restore
 * reads (so every file carries the CRC32C and source version replication records), and changes it while the restore
 * runs (an overwrite, a delete), through the emulator's faults like everything else: a record on retry is tried again.
 */
final class ForwardReplication {
    private static final int MAX_TRIES = 60;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final TestRunner replicator;
    private final TortureLog operations;

    private ForwardReplication(final TestRunner replicator, final TortureLog operations) {
        this.replicator = replicator;
        this.operations = operations;
    }

    static ForwardReplication start(final TortureEnvironment environment, final TortureLayout layout, final boolean keepInTrash, final TortureLog operations)
            throws InitializationException, IOException {
        final TestRunner replicator = TestRunners.newTestRunner(ReplicateToADLS.class);
        ReplicationNode.addServices(replicator, environment, layout, environment.workDirectory().resolve(layout.runName()).resolve("forward"),
                ReplicationNode.TargetCredential.ACCOUNT_KEY);
        replicator.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicator.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        replicator.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        if (keepInTrash) {
            replicator.setProperty(ReplicateToADLS.DELETE_POLICY, DeletePolicyOption.KEEP_IN_TRASH);
        }
        TriggerJournal.current().watch(replicator);
        return new ForwardReplication(replicator, operations);
    }

    /** Applies one operation until it succeeds; returns its result, or throws when it fails or keeps going to retry. */
    String apply(final OperationType type, final String path, final boolean directory) throws InterruptedException {
        Map<String, String> attributes = new ReplicationOperation(type, path, null, directory, -1, -1, -1, null, null, null, -1, ChangeSource.SCAN, null)
                .toAttributes();
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            replicator.clearTransferState();
            replicator.enqueue(new byte[0], attributes);
            replicator.run(1, false, attempt == 1);
            final List<MockFlowFile> succeeded = replicator.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS);
            if (!succeeded.isEmpty()) {
                final String result = succeeded.getFirst().getAttribute(OperationAttributes.RESULT);
                operations.add("forward " + type + " " + path + ": " + result + " after " + attempt + " tries");
                return result;
            }
            final List<MockFlowFile> failed = replicator.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE);
            if (!failed.isEmpty()) {
                throw new IllegalStateException("Forward " + type + " " + path + " failed: " + failed.getFirst().getAttribute(OperationAttributes.ERROR_CODE)
                        + " " + failed.getFirst().getAttribute(OperationAttributes.ERROR_MESSAGE));
            }
            final List<MockFlowFile> retried = replicator.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY);
            if (!retried.isEmpty()) {
                attributes = new HashMap<>(retried.getFirst().getAttributes());
                attributes.remove(CoreAttributes.UUID.key());
            }
            // the penalty NiFi would apply before the next try
            Thread.sleep(RETRY_PAUSE_MILLIS);
        }
        throw new IllegalStateException("Forward " + type + " " + path + " still went to retry after " + MAX_TRIES + " tries");
    }

    void stop() {
        replicator.stop();
    }
}
