package io.nififusion.processors.list;

import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backlog of tens of thousands of renames into the roots, as put-style uploads ({@code x._COPYING_} → {@code x}) and
 * job commits (out of {@code _temporary}) leave behind: each becomes one record, each run stays within Max Records
 * per Trigger, and the persisted state stays small whatever the size of the backlog.
 */
class ListHDFSChangesBacklogIT {
    private static final int RENAMES = 20_000;
    private static final int MAX_RECORDS = 1000;
    /** The documented cap of the persisted state (docs/listing.md), far below ZooKeeper's 1 MB per node. */
    private static final int STATE_CAP_BYTES = 16 * 1024;

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @TempDir
    static java.nio.file.Path configurationDirectory;

    @Test
    void renamesIntoTheRootsNeverGrowStateAndRespectMaxRecords() throws IOException {
        HDFS.mkdirs("/landing");
        HDFS.mkdirs("/landing/job/_temporary/0");
        final TestRunner runner = ListingRunners.newRunner(HDFS.writeClientConfiguration(configurationDirectory).toString(), "/landing");
        runner.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, Integer.toString(MAX_RECORDS));
        ListingRunners.runUntilQuiet(runner);

        for (int i = 0; i < RENAMES; i++) {
            final String name = String.format("part-%05d", i);
            final String hidden = i % 2 == 0 ? "/landing/" + name + "._COPYING_" : "/landing/job/_temporary/0/" + name;
            HDFS.getFileSystem().create(new Path(hidden)).close();
            HDFS.rename(hidden, i % 2 == 0 ? "/landing/" + name : "/landing/job/" + name);
        }

        final Set<String> reconciled = new HashSet<>();
        int largestRun = 0;
        int largestState = 0;
        int quietRuns = 0;
        for (int run = 0; run < 500 && quietRuns < 2; run++) {
            final List<ReplicationOperation> emitted = ListingRunners.run(runner, 1);
            quietRuns = emitted.isEmpty() ? quietRuns + 1 : 0;
            largestRun = Math.max(largestRun, emitted.size());
            for (final ReplicationOperation operation : emitted) {
                if (operation.type() == OperationType.RECONCILE) {
                    reconciled.add(operation.path());
                }
            }
            largestState = Math.max(largestState, stateSize(ListingRunners.state(runner)));
        }

        assertEquals(RENAMES, reconciled.size(), "one RECONCILE per renamed path");
        assertTrue(largestRun <= MAX_RECORDS, "a run emitted " + largestRun + " records");
        assertTrue(largestState < STATE_CAP_BYTES, "persisted state grew to " + largestState + " bytes");
        System.out.println("Backlog of " + RENAMES + " renames: largest run " + largestRun + " records, largest persisted state " + largestState + " bytes");
    }

    private static int stateSize(final Map<String, String> state) {
        int size = 0;
        for (final Map.Entry<String, String> entry : state.entrySet()) {
            size += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }
}
