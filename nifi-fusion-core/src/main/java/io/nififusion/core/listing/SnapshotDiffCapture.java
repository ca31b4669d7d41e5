package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Change capture from snapshot differences, for users that are not HDFS superusers: each run takes a snapshot of every
 * root and emits its difference with the previous one. The older snapshot is deleted once the records are committed;
 * a difference bigger than a run may emit is healed by a re-scan of the roots and a PRUNE instead.
 */
public final class SnapshotDiffCapture extends ChangeCapture {
    public static final String MODE = "snapshot-diff";

    private final ListingSettings listing;
    private final ListingLog log;

    public SnapshotDiffCapture(final ListingSettings listing, final ListingLog log) {
        super(MODE);
        this.listing = listing;
        this.log = log;
    }

    @Override
    ListingState start(final FileSystem fileSystem, final ListingState starting) throws IOException {
        final RootSnapshots snapshots = new RootSnapshots(fileSystem);
        for (final String root : listing.roots().getRoots()) {
            snapshots.create(root, 1);
            snapshots.deleteAllExcept(root, 1);
        }
        log.info("Starting listing of " + listing.roots() + ": snapshot " + RootSnapshots.name(1) + " taken, initial scan "
                + !starting.scanCursor().isDone());
        return starting.withSnapshotNumber(1);
    }

    /** Deletes the snapshots of runs whose records were never committed, and bases left behind by a crash. */
    @Override
    void restore(final FileSystem fileSystem, final ListingState committed) throws IOException {
        final RootSnapshots snapshots = new RootSnapshots(fileSystem);
        for (final String root : listing.roots().getRoots()) {
            final List<String> deleted = snapshots.deleteAllExcept(root, committed.snapshotNumber());
            if (!deleted.isEmpty()) {
                log.info("Deleted snapshots " + deleted + " of " + root + " left by an earlier run");
            }
        }
    }

    @Override
    void capture(final FileSystem fileSystem, final ListingRun run) throws IOException {
        final RootSnapshots snapshots = new RootSnapshots(fileSystem);
        final SnapshotDiffMapper mapper = new SnapshotDiffMapper(listing.exclusions());
        final List<String> roots = listing.roots().getRoots();
        final long previous = run.state().snapshotNumber();
        final long next = previous + 1;
        final List<ChangeSet> differences = new ArrayList<>();
        boolean changed = false;
        for (final String root : roots) {
            snapshots.create(root, next);
            final ChangeSet difference = mapper.map(root, snapshots.diff(root, previous, next));
            changed |= !difference.isEmpty();
            differences.add(difference);
        }
        if (!changed) {
            for (final String root : roots) {
                snapshots.delete(root, next);
            }
            return;
        }

        run.advance(run.state().withSnapshotNumber(next));
        run.afterCommit(committedFileSystem -> {
            final RootSnapshots committedSnapshots = new RootSnapshots(committedFileSystem);
            for (final String root : roots) {
                committedSnapshots.delete(root, previous);
            }
            return null;
        }, "Snapshot " + RootSnapshots.name(previous) + " of " + roots + " could not be deleted; the next restart deletes it");

        final int size = differences.stream().mapToInt(difference -> difference.getOperations().size() + difference.getPathsToRefresh().size()).sum();
        if (size > run.capacity()) {
            // one run emits at most Max Records per Trigger: a bigger difference is healed by a scan and a prune instead
            log.info("The difference between snapshots " + RootSnapshots.name(previous) + " and " + RootSnapshots.name(next) + " of " + listing.roots()
                    + " holds " + size + " changes, more than Max Records per Trigger: scanning the roots and pruning the target instead");
            run.requestRescan();
            return;
        }
        final HdfsDirectoryLister lister = new HdfsDirectoryLister(fileSystem);
        for (final ChangeSet difference : differences) {
            for (final ReplicationOperation operation : difference.getOperations()) {
                run.add(lister.withDirectoryFlag(operation));
            }
            for (final String path : difference.getPathsToRefresh()) {
                final FileStatus status = lister.status(path);
                if (status != null) {
                    run.add(refreshed(status));
                }
            }
        }
    }

    @Override
    boolean waitsForChanges() {
        return false;
    }

    /** A modified path: a file is copied again, a directory gets its metadata applied. */
    static ReplicationOperation refreshed(final FileStatus status) {
        final ReplicationOperation current = OperationFactory.fromStatus(status, ChangeSource.SNAPSHOT_DIFF, ReplicationOperation.UNKNOWN);
        if (!status.isDirectory()) {
            return current;
        }
        return new ReplicationOperation(OperationType.METADATA, current.path(), null, true, ReplicationOperation.UNKNOWN, current.modificationTime(),
                current.fileId(), current.owner(), current.group(), current.permission(), ReplicationOperation.UNKNOWN, ChangeSource.SNAPSHOT_DIFF, null);
    }
}
