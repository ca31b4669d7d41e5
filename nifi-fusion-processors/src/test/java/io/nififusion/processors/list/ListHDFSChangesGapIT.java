package io.nififusion.processors.list;

import io.nififusion.core.listing.ListingState;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A NameNode that keeps as few edits as possible, so a checkpoint purges transactions the listing has not read. */
class ListHDFSChangesGapIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder()
            .set("dfs.namenode.num.checkpoints.retained", "1")
            .set("dfs.namenode.max.extra.edits.segments.retained", "1")
            .build();

    @TempDir
    static java.nio.file.Path configurationDirectory;

    private static String configurationFile;

    @BeforeAll
    static void writeConfiguration() throws IOException {
        configurationFile = HDFS.writeClientConfiguration(configurationDirectory).toString();
    }

    private static void purgeEditLog() throws IOException {
        final DistributedFileSystem fs = HDFS.getFileSystem();
        for (int round = 0; round < 2; round++) {
            fs.rollEdits();
            fs.setSafeMode(SafeModeAction.ENTER);
            fs.saveNamespace();
            fs.setSafeMode(SafeModeAction.LEAVE);
        }
    }

    private static boolean has(final List<ReplicationOperation> operations, final OperationType type, final String path, final ChangeSource source) {
        return operations.stream().anyMatch(operation -> operation.type() == type && operation.path().equals(path) && operation.changeSource() == source);
    }

    @Test
    void gapIsReportedAndHealedByAScan() throws IOException {
        HDFS.write("/gap/before", "b".getBytes(StandardCharsets.UTF_8));
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/gap");
        ListingRunners.runUntilQuiet(runner);
        final long savedTransaction = Long.parseLong(ListingRunners.state(runner).get(ListingState.TRANSACTION_ID));

        HDFS.write("/gap/during", "lost event".getBytes(StandardCharsets.UTF_8));
        HDFS.delete("/gap/before");
        purgeEditLog();

        final List<ReplicationOperation> healed = ListingRunners.runUntilQuiet(runner);
        final LogMessage warning = runner.getLogger().getWarnMessages().stream()
                .filter(message -> message.getMsg().contains("no longer available")).findFirst().orElse(null);
        assertNotNull(warning, "gap bulletin expected, got " + runner.getLogger().getWarnMessages());
        assertTrue(warning.getMsg().contains("transactions " + (savedTransaction + 1)), warning.getMsg());
        assertEquals(1L, runner.getCounterValue(ListHDFSChanges.COUNTER_GAPS));
        assertTrue(has(healed, OperationType.MKDIR, "/gap", ChangeSource.SCAN), healed.toString());
        assertTrue(has(healed, OperationType.COPY, "/gap/during", ChangeSource.SCAN), healed.toString());
        // a scan only adds: the delete inside the gap is healed by the PRUNE that follows the scan
        assertTrue(has(healed, OperationType.PRUNE, "/gap", ChangeSource.SCAN), healed.toString());
        assertEquals(OperationType.PRUNE, healed.get(healed.size() - 1).type(), "the prune comes after every scan record: " + healed);

        HDFS.write("/gap/after", "tail again".getBytes(StandardCharsets.UTF_8));
        final List<ReplicationOperation> tail = ListingRunners.runUntilQuiet(runner);
        assertTrue(has(tail, OperationType.COPY, "/gap/after", ChangeSource.INOTIFY), tail.toString());
    }

    @Test
    void stopPolicyAlertsAndEmitsNothingUntilTheStateIsCleared() throws IOException {
        HDFS.write("/gap-stop/before", "b".getBytes(StandardCharsets.UTF_8));
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/gap-stop");
        runner.setProperty(ListHDFSChanges.GAP_POLICY, GapPolicy.STOP.getValue());
        ListingRunners.runUntilQuiet(runner);

        HDFS.write("/gap-stop/during", "lost event".getBytes(StandardCharsets.UTF_8));
        purgeEditLog();
        ListingRunners.run(runner, 1);
        HDFS.write("/gap-stop/after", "not emitted while stopped".getBytes(StandardCharsets.UTF_8));
        assertTrue(ListingRunners.run(runner, 2).isEmpty());
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(message -> message.getMsg().contains("Gap Policy")),
                runner.getLogger().getErrorMessages().toString());
        assertNotNull(ListingRunners.state(runner).get(ListingState.GAP));

        runner.getStateManager().clear(Scope.CLUSTER);
        final List<ReplicationOperation> rescanned = ListingRunners.runUntilQuiet(runner);
        assertTrue(has(rescanned, OperationType.COPY, "/gap-stop/during", ChangeSource.SCAN), rescanned.toString());
        assertTrue(has(rescanned, OperationType.COPY, "/gap-stop/after", ChangeSource.SCAN), rescanned.toString());
        assertTrue(has(rescanned, OperationType.PRUNE, "/gap-stop", ChangeSource.SCAN), "a cleared state prunes what the target may hold: " + rescanned);
    }
}
