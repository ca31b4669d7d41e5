package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.restore.RestoreResult;
import io.nififusion.processors.restore.ListADLSForRestore;
import io.nififusion.processors.restore.RestoreAttributes;
import io.nififusion.processors.restore.RestoreToHDFS;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RestoreToHDFS bringing the target copy of a source directory back below {@code restoreRoot} (emptied first), with
 * {@code tasks} concurrent tasks at its default Parallel Parts per File and Part Size. Before the window,
 * ListADLSForRestore lists the copy from scratch and its records are queued; afterwards every record must be on
 * success with its result (files {@code restored} with the CRC32C the target recorded, directories created or updated)
 * and HDFS must hold every source file below the restore root with its size.
 */
final class RestoreTask implements ContestTask {
    private static final int MAX_LISTING_TRIGGERS = 10_000;
    private static final Set<String> DIRECTORY_RESULTS = Set.of(RestoreResult.CREATED.getAttributeValue(), RestoreResult.UPDATED.getAttributeValue());

    private TestRunner lister;
    private ScheduledRunner restore;

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String sourceDir = command.path("sourceDir").asText();
        final String restoreRoot = command.path("restoreRoot").asText();
        final int tasks = command.path("tasks").asInt(1);
        final FileSystem hdfs = context.source();
        final List<FileStatus> sources = SourceFiles.list(hdfs, sourceDir);
        HdfsWriteTask.empty(hdfs, new Path(restoreRoot));
        final List<Map<String, String>> records = list(context, sourceDir);
        if (restore == null) {
            restore = new ScheduledRunner(NifiRunners.restore(context));
        }
        restore.schedule(Map.of(RestoreToHDFS.RESTORE_ROOT.getName(), restoreRoot), tasks, true);
        final TestRunner runner = restore.runner();
        NifiRunners.dropTransferred(runner);
        records.forEach(record -> runner.enqueue(new byte[0], record));
        window.open();
        restore.trigger(records.size());
        window.close();
        checkRecords(runner, records.size(), restoreRoot);
        checkRestored(hdfs, restoreRoot, sources);
        result.put("files", sources.size());
        result.put("bytes", SourceFiles.totalBytes(sources));
        result.put("records", records.size());
        result.put("tasks", tasks);
    }

    /** ListADLSForRestore from a cleared state until a trigger lists nothing more: the records of the copy of {@code sourceDir}. */
    private List<Map<String, String>> list(final WorkerContext context, final String sourceDir) throws Exception {
        if (lister == null) {
            lister = NifiRunners.restoreListing(context);
        }
        lister.setProperty(ListADLSForRestore.RESTORE_PATH, sourceDir);
        lister.getStateManager().clear(Scope.CLUSTER);
        NifiRunners.dropTransferred(lister);
        int listed = -1;
        for (int trigger = 0; listed != countListed(); trigger++) {
            if (trigger == MAX_LISTING_TRIGGERS) {
                throw new IllegalStateException("The listing of " + sourceDir + " did not complete in " + MAX_LISTING_TRIGGERS + " triggers");
            }
            listed = countListed();
            lister.run();
        }
        final List<Map<String, String>> records = new ArrayList<>();
        for (final MockFlowFile flowFile : lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS)) {
            records.add(new HashMap<>(flowFile.getAttributes()));
        }
        if (records.isEmpty()) {
            throw new IllegalStateException("ListADLSForRestore listed nothing for " + sourceDir);
        }
        return records;
    }

    private int countListed() {
        return lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS).size();
    }

    private static void checkRecords(final TestRunner runner, final int records, final String restoreRoot) {
        final List<MockFlowFile> succeeded = runner.getFlowFilesForRelationship(RestoreToHDFS.REL_SUCCESS);
        final List<String> wrong = new ArrayList<>();
        for (final MockFlowFile flowFile : succeeded) {
            final String outcome = flowFile.getAttribute(OperationAttributes.RESULT);
            final boolean directory = Boolean.parseBoolean(flowFile.getAttribute(OperationAttributes.DIRECTORY));
            final boolean right = directory ? DIRECTORY_RESULTS.contains(outcome)
                    : RestoreResult.RESTORED.getAttributeValue().equals(outcome)
                    && Objects.equals(flowFile.getAttribute(RestoreAttributes.RECORDED_CRC32C), flowFile.getAttribute(RestoreAttributes.RESTORED_CRC32C))
                    && flowFile.getAttribute(RestoreAttributes.DESTINATION) != null && flowFile.getAttribute(RestoreAttributes.DESTINATION).startsWith(restoreRoot + "/");
            if (!right) {
                wrong.add(flowFile.getAttribute(OperationAttributes.PATH) + "=" + outcome + " at " + flowFile.getAttribute(RestoreAttributes.DESTINATION));
            }
        }
        if (succeeded.size() != records || !wrong.isEmpty() || runner.getQueueSize().getObjectCount() != 0) {
            final List<String> failures = runner.getFlowFilesForRelationship(RestoreToHDFS.REL_FAILURE).stream().limit(3)
                    .map(flowFile -> flowFile.getAttribute(OperationAttributes.PATH) + ": " + flowFile.getAttribute(OperationAttributes.ERROR_CODE) + " "
                            + flowFile.getAttribute(OperationAttributes.ERROR_MESSAGE)).toList();
            throw new IllegalStateException(succeeded.size() + " of " + records + " records to success, " + runner.getQueueSize().getObjectCount()
                    + " left queued, " + runner.getFlowFilesForRelationship(RestoreToHDFS.REL_FAILURE).size() + " failed, "
                    + runner.getFlowFilesForRelationship(RestoreToHDFS.REL_RETRY).size() + " to retry; wrong results: " + wrong.stream().limit(3).toList()
                    + "; failures: " + failures);
        }
    }

    /** Fails unless HDFS holds every source file below the restore root, at its place relative to the source root, with its size. */
    private static void checkRestored(final FileSystem hdfs, final String restoreRoot, final List<FileStatus> sources) throws Exception {
        final List<String> missing = new ArrayList<>();
        for (final FileStatus source : sources) {
            final Path restored = new Path(restoreRoot + SourceFiles.relative(source));
            if (!hdfs.exists(restored) || hdfs.getFileStatus(restored).getLen() != source.getLen()) {
                missing.add(restored.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " of " + sources.size() + " files missing or of the wrong size below " + restoreRoot
                    + " (e.g. " + missing.stream().limit(3).toList() + ")");
        }
    }
}
