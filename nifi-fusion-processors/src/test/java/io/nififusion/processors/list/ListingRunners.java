package io.nififusion.processors.list;

import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds ListHDFSChanges runners wired to a real StandardHdfsSourceService and collects the records they emit. */
final class ListingRunners {
    static final String SERVICE_ID = "hdfs-source";

    private ListingRunners() {
    }

    static TestRunner newRunner(final String configurationFile, final String roots) {
        return newRunner(configurationFile, roots, null);
    }

    static TestRunner newRunner(final String configurationFile, final String roots, final String remoteUser) {
        return newRunner(new ListHDFSChanges(), configurationFile, roots, remoteUser);
    }

    /** A runner whose processor times open files by the given clock. */
    static TestRunner newRunner(final Clock clock, final String configurationFile, final String roots) {
        return newRunner(new ListHDFSChanges() {
            @Override
            Clock clock() {
                return clock;
            }
        }, configurationFile, roots, null);
    }

    private static TestRunner newRunner(final ListHDFSChanges processor, final String configurationFile, final String roots, final String remoteUser) {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final StandardHdfsSourceService service = new StandardHdfsSourceService();
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, configurationFile);
        if (remoteUser != null) {
            runner.setProperty(service, StandardHdfsSourceService.REMOTE_USER, remoteUser);
        }
        runner.enableControllerService(service);
        runner.setProperty(ListHDFSChanges.HDFS_SOURCE_SERVICE, SERVICE_ID);
        runner.setProperty(ListHDFSChanges.SOURCE_ROOTS, roots);
        runner.setProperty(ListHDFSChanges.POLL_TIMEOUT, "200 ms");
        return runner;
    }

    /** Schedules the processor, triggers it {@code triggers} times, stops it (so the next call reloads from state). */
    static List<ReplicationOperation> run(final TestRunner runner, final int triggers) {
        runner.run(triggers, true, true);
        return take(runner);
    }

    /** Runs until two runs in a row emit nothing. */
    static List<ReplicationOperation> runUntilQuiet(final TestRunner runner) {
        final List<ReplicationOperation> all = new ArrayList<>();
        int quietRuns = 0;
        for (int i = 0; i < 500 && quietRuns < 2; i++) {
            final List<ReplicationOperation> emitted = run(runner, 1);
            quietRuns = emitted.isEmpty() ? quietRuns + 1 : 0;
            all.addAll(emitted);
        }
        return all;
    }

    static List<MockFlowFile> takeFlowFiles(final TestRunner runner) {
        final List<MockFlowFile> flowFiles = new ArrayList<>(runner.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS));
        runner.clearTransferState();
        flowFiles.sort(Comparator.comparingLong(flowFile -> Long.parseLong(flowFile.getAttribute("fusion.sequence"))));
        return flowFiles;
    }

    static List<ReplicationOperation> take(final TestRunner runner) {
        final List<ReplicationOperation> operations = new ArrayList<>();
        for (final MockFlowFile flowFile : takeFlowFiles(runner)) {
            operations.add(ReplicationOperation.fromAttributes(flowFile.getAttributes()));
        }
        return operations;
    }

    static Map<String, String> state(final TestRunner runner) throws IOException {
        return runner.getStateManager().getState(Scope.CLUSTER).toMap();
    }
}
