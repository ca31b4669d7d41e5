package io.nififusion.processors.list;

import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.ListingState;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListHDFSChangesSnapshotDiffIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @TempDir
    static java.nio.file.Path configurationDirectory;

    private static final ExclusionFilter DEFAULT_EXCLUSIONS = ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS);

    private static String configurationFile;

    @BeforeAll
    static void writeConfiguration() throws IOException {
        configurationFile = HDFS.writeClientConfiguration(configurationDirectory).toString();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean has(final List<ReplicationOperation> operations, final OperationType type, final String path) {
        return operations.stream().anyMatch(operation -> operation.type() == type && operation.path().equals(path));
    }

    @Test
    void ownerWithoutSuperuserRightsReplicatesThroughSnapshotDifferences() throws IOException {
        HDFS.write("/snap/keep", bytes("k"));
        HDFS.write("/snap/grow", bytes("1"));
        HDFS.write("/snap/doomed", bytes("d"));
        HDFS.write("/snap/dir/a", bytes("a"));
        HDFS.write("/snap-outside/tree/x", bytes("x"));
        HDFS.getFileSystem().setOwner(new Path("/snap"), "alice", "alice");
        HDFS.getAdmin().allowSnapshot(new Path("/snap"));

        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/snap", "alice");
        runner.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.SNAPSHOT_DIFF.getValue());
        final List<ConfigVerificationResult> verified = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        for (final ConfigVerificationResult result : verified) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), "a valid setup without superuser rights: " + result.getExplanation());
        }
        final List<ReplicationOperation> records = new ArrayList<>(ListingRunners.runUntilQuiet(runner));
        assertEquals(7, records.size(), "the scan and its prune: " + records);
        assertEquals(List.of("fusion-1"), HDFS.snapshotNames("/snap"));

        HDFS.write("/snap/new file %#", bytes("new"));
        HDFS.append("/snap/grow", bytes("23"));
        HDFS.delete("/snap/doomed");
        HDFS.rename("/snap/dir", "/snap/renamed dir");
        HDFS.write("/snap/renamed dir/b", bytes("b"));
        HDFS.mkdirs("/snap/made/deep");
        HDFS.chmod("/snap/keep", (short) 0600);
        HDFS.rename("/snap-outside/tree", "/snap/arrived");
        HDFS.write("/snap/_temporary/part", bytes("scratch"));

        final List<ReplicationOperation> changes = ListingRunners.runUntilQuiet(runner);
        records.addAll(changes);
        assertTrue(has(changes, OperationType.DELETE, "/snap/doomed"), changes.toString());
        final ReplicationOperation rename = changes.stream().filter(operation -> operation.type() == OperationType.RENAME).findFirst().orElseThrow();
        assertEquals("/snap/dir", rename.sourcePath());
        assertEquals("/snap/renamed dir", rename.path());
        assertTrue(rename.directory());
        assertEquals(ChangeSource.SNAPSHOT_DIFF, rename.changeSource());
        assertTrue(changes.stream().anyMatch(operation -> operation.type() == OperationType.COPY && operation.path().equals("/snap/grow")
                && operation.length() == 3), changes.toString());
        // created paths are one RECONCILE each, whatever the size of the tree
        assertTrue(has(changes, OperationType.RECONCILE, "/snap/new file %#"), changes.toString());
        assertTrue(has(changes, OperationType.RECONCILE, "/snap/renamed dir/b"), changes.toString());
        assertTrue(has(changes, OperationType.RECONCILE, "/snap/made"), changes.toString());
        assertTrue(has(changes, OperationType.RECONCILE, "/snap/arrived"), changes.toString());
        assertTrue(changes.stream().anyMatch(operation -> operation.path().equals("/snap/keep") && "600".equals(operation.permission())), changes.toString());
        assertTrue(changes.stream().noneMatch(operation -> operation.path().contains("_temporary")), changes.toString());

        // the older snapshot is gone once its records are committed; a quiet run keeps the base
        assertEquals(List.of("fusion-2"), HDFS.snapshotNames("/snap"));
        assertEquals("2", ListingRunners.state(runner).get(ListingState.SNAPSHOT_NUMBER));

        final TargetTreeModel target = new TargetTreeModel(HDFS.getFileSystem(), DEFAULT_EXCLUSIONS);
        target.applyAll(records);
        assertEquals(TargetTreeModel.sourceTree(HDFS.getFileSystem(), "/snap", DEFAULT_EXCLUSIONS), target.getEntries());
    }

    @Test
    void rootThatIsNotSnapshottableNamesTheCommandThatFixesIt() throws IOException {
        HDFS.mkdirs("/plain");
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/plain");
        runner.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.SNAPSHOT_DIFF.getValue());
        final AssertionError failure = assertThrows(AssertionError.class, () -> runner.run(1, true, true));
        assertTrue(String.valueOf(failure.getCause()).contains("hdfs dfsadmin -allowSnapshot /plain"), String.valueOf(failure.getCause()));

        final List<ConfigVerificationResult> results = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.get(1).getOutcome());
        assertTrue(results.get(1).getExplanation().contains("hdfs dfsadmin -allowSnapshot /plain"), results.get(1).getExplanation());
    }
}
