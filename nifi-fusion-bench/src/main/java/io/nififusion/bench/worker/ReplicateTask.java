package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ReplicateToADLS copying a directory's files, one COPY record each (what the listing's scan emits), with {@code tasks}
 * concurrent tasks; all records are queued before the window opens. Afterwards every record must have been copied and
 * the target must hold every file; with {@code deepVerify}, VerifyChecksum reads every target file back and compares
 * its CRC32C with the source's.
 */
final class ReplicateTask implements ContestTask {
    private ScheduledRunner replicate;
    private TestRunner verify;

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String sourceDir = command.path("sourceDir").asText();
        final int tasks = command.path("tasks").asInt(1);
        final List<FileStatus> files = SourceFiles.list(context.source(), sourceDir);
        if (replicate == null) {
            replicate = new ScheduledRunner(NifiRunners.replicate(context));
        }
        // a setting the command leaves out keeps the processor's default
        final Map<String, String> settings = new HashMap<>();
        if (command.has("chunkMib")) {
            settings.put(ReplicateToADLS.CHUNK_SIZE.getName(), command.path("chunkMib").asInt() + " MB");
        }
        if (command.has("parallelChunks")) {
            settings.put(ReplicateToADLS.PARALLEL_CHUNKS.getName(), Integer.toString(command.path("parallelChunks").asInt()));
        }
        replicate.schedule(settings, tasks, true);
        final TestRunner runner = replicate.runner();
        NifiRunners.dropTransferred(runner);
        for (final FileStatus status : files) {
            runner.enqueue(new byte[0], OperationFactory.fromStatus(status, ChangeSource.SCAN, -1).toAttributes());
        }
        window.open();
        replicate.trigger(files.size());
        window.close();
        final List<MockFlowFile> copied = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS);
        final List<String> notCopied = new ArrayList<>();
        for (final MockFlowFile flowFile : copied) {
            if (!"copied".equals(flowFile.getAttribute(OperationAttributes.RESULT))) {
                notCopied.add(flowFile.getAttribute(OperationAttributes.PATH) + "=" + flowFile.getAttribute(OperationAttributes.RESULT));
            }
        }
        if (copied.size() != files.size() || !notCopied.isEmpty() || runner.getQueueSize().getObjectCount() != 0) {
            throw new IllegalStateException(copied.size() + " of " + files.size() + " records to success, " + runner.getQueueSize().getObjectCount()
                    + " left queued, " + runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).size() + " failed, "
                    + runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).size() + " to retry; not copied: "
                    + notCopied.stream().limit(3).toList());
        }
        TargetTree.assertHolds(context.target(), context.targetRoot() + sourceDir.substring(WorkerContext.SOURCE_ROOT.length()), sourceDir, files);
        result.put("files", files.size());
        result.put("bytes", SourceFiles.totalBytes(files));
        result.put("tasks", tasks);
        if (command.path("deepVerify").asBoolean(false)) {
            result.put("deepVerified", deepVerify(context, files));
        }
    }

    /** @return files VerifyChecksum proved equal by reading the target back; fails on any other verdict */
    private int deepVerify(final WorkerContext context, final List<FileStatus> files) {
        if (verify == null) {
            verify = NifiRunners.verify(context);
            verify.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.FILE.getValue());
            verify.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.DEEP.getValue());
            verify.setProperty(VerifyChecksum.MAX_FILES_PER_SECOND, "0");
        }
        NifiRunners.dropTransferred(verify);
        for (final FileStatus status : files) {
            verify.enqueue(new byte[0], OperationFactory.fromStatus(status, ChangeSource.SCAN, -1).toAttributes());
        }
        verify.run(files.size(), true, true);
        final int verified = verify.getFlowFilesForRelationship(VerifyChecksum.VERIFIED).size();
        if (verified != files.size()) {
            throw new IllegalStateException("Deep verification: " + verified + " of " + files.size() + " verified, "
                    + verify.getFlowFilesForRelationship(VerifyChecksum.MISMATCH).size() + " mismatch, "
                    + verify.getFlowFilesForRelationship(VerifyChecksum.FAILURE).size() + " failure");
        }
        return verified;
    }
}
