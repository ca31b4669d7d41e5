package io.nififusion.processors.catalogue;

import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records fed to a ReplicateToADLS runner as a listing would send them, and the runs that apply them all. */
final class RecordQueue {
    private RecordQueue() {
    }

    /** A COPY record of a source file's current status, as a scan emits it. */
    static void enqueueCopy(final TestRunner runner, final MiniDfsExtension hdfs, final String path) throws IOException {
        enqueue(runner, OperationFactory.fromStatus(hdfs.getFileSystem().getFileStatus(new Path(path)), ChangeSource.SCAN, -1));
    }

    static void enqueue(final TestRunner runner, final ReplicationOperation operation) {
        runner.enqueue(new byte[0], operation.toAttributes());
    }

    /** Runs until the queue is empty (retries are transferred, not queued again), failing if it never empties. */
    static void runUntilQueueEmpty(final TestRunner runner) {
        for (int round = 0; round < 50 && !runner.isQueueEmpty(); round++) {
            runner.run(1, true, true);
        }
        assertTrue(runner.isQueueEmpty(), "queue drained");
    }
}
