package io.nififusion.processors.torture;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.copy.AdlsReplicator;
import io.nififusion.core.copy.BandwidthThrottle;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.copy.ReplicationOutcome;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.processors.FusionTestServices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The documented cleanup of temps that a crashed node's copies left (docs/guarantees.md: removed by any reconcile or
 * prune of their directory once older than Orphaned Temp Age): a PRUNE of every listing root with that age at zero. Run
 * only after the first check found nothing but temps, so it can hide no other difference.
 */
final class OrphanedTempSweep {
    private OrphanedTempSweep() {
    }

    /** @return one line per root: what the prune did */
    static List<String> sweep(final TortureEnvironment environment, final TortureLayout layout) throws ReplicationException {
        final DataLakeFileSystemClient target = FusionTestServices.createFileSystem(environment.emulator(), layout.fileSystem());
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        final List<String> lines = new ArrayList<>();
        try {
            final AdlsReplicator replicator = new AdlsReplicator(SourceAccess.direct(environment.fileSystem()), target,
                    new TargetPathMapper(layout.mappedSourceRoot(), layout.targetRoot()),
                    ReplicatorSettings.defaults().withReconcile(ExclusionFilter.parse(TortureExclusions.LISTING_PROPERTY), Duration.ZERO),
                    executor, new BandwidthThrottle(0), "Account Key");
            for (final String root : layout.listingRoots()) {
                final ReplicationOutcome outcome = replicator.apply(new ReplicationOperation(OperationType.PRUNE, root, null, true, -1, -1, -1,
                        null, null, null, -1, ChangeSource.SCAN, null), () -> true);
                lines.add("PRUNE " + root + ": " + outcome.detail());
            }
        } finally {
            executor.shutdownNow();
        }
        return lines;
    }
}
