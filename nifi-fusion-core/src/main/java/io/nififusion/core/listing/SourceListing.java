package io.nififusion.core.listing;

import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.util.Map;

/**
 * The listing of a migration's source roots, run after run: first the initial scan (streamed, bounded per run, resumable
 * from its cursor), then a {@code PRUNE} of every root after a scan that started over, then the changes its
 * {@link ChangeCapture} finds. It keeps the scan and the change stream in memory between runs; the state of each run
 * is to be saved with the run's records, and {@link #load} takes the listing up again from what was committed.
 */
public final class SourceListing {
    private final SourceAccess source;
    private final ListingSettings settings;
    private final ChangeCapture capture;
    private final ListingLog log;
    private ListingState state;
    private ScanWalker walker;

    public SourceListing(final SourceAccess source, final ListingSettings settings, final ChangeCapture capture, final ListingLog log) {
        this.source = source;
        this.settings = settings;
        this.capture = capture;
        this.log = log;
    }

    /** Mode and roots: the listing starts over when they differ from the committed state's. */
    public String configurationKey() {
        return capture.mode() + " " + settings.roots();
    }

    /**
     * Takes up the committed state, or starts a new listing when there is none or it belongs to other roots or another
     * mode (a new listing fixes its change stream position or first snapshot before its scan lists anything).
     *
     * @throws IllegalArgumentException when the stored state is not readable
     */
    public void load(final Map<String, String> storedState) throws IOException {
        final ListingState committed = ListingState.fromMap(storedState);
        final String configurationKey = configurationKey();
        final boolean startOver = storedState.isEmpty() || !configurationKey.equals(committed.configuration());
        if (startOver && !storedState.isEmpty()) {
            log.info("Source roots or mode changed from [" + committed.configuration() + "] to [" + configurationKey + "]: starting the listing over");
        }
        source.execute(fileSystem -> {
            if (startOver) {
                final ScanCursor scan = settings.initialScan() ? ScanCursor.startingAt(settings.roots().getRoots()) : ScanCursor.done();
                state = capture.start(fileSystem, ListingState.starting(configurationKey, committed.sequence(), scan));
            } else {
                capture.restore(fileSystem, committed);
                state = committed;
            }
            walker = new ScanWalker(new HdfsDirectoryLister(fileSystem), settings.exclusions(), state.scanCursor());
            return null;
        });
    }

    /** The gap that stopped the listing (Gap Policy stop), or null while it runs. */
    public String stoppingGap() {
        return state.gap();
    }

    /** Whether a run that emitted nothing has already waited for changes, so the caller need not back off. */
    public boolean waitsForChanges() {
        return capture.waitsForChanges();
    }

    /** One run: scan work first, then the PRUNE a finished scan owes, then changes; at most Max Records per Trigger records. */
    public ListingRun run() throws IOException {
        final ListingRun run = new ListingRun(state, settings.maxRecords());
        source.execute(fileSystem -> {
            collect(fileSystem, run);
            return null;
        });
        run.advance(run.state().withProgress(run.lastSequence(), walker.getCursor()));
        state = run.state();
        return run;
    }

    /** Once the run's records and state are committed: deletes what the source no longer needs, such as an older snapshot. */
    public void committed(final ListingRun run) {
        for (final ListingRun.CommitTask task : run.commitTasks()) {
            try {
                source.execute(task.call());
            } catch (final IOException | RuntimeException e) {
                log.warn(task.failureMessage(), e);
            }
        }
    }

    /**
     * A directory the listing's user may not list: one RECONCILE record for it, which fails with its reason at
     * replication (never taken for deleted) and, sent again once access is granted, copies what is below it.
     */
    private void addDenied(final ListingRun run) {
        for (final String denied : walker.takeDeniedDirectories()) {
            log.warn("Cannot list " + denied + ": permission denied to the listing's user. The scan goes on past it; its RECONCILE record fails "
                    + "until the user may read it, then copies what is below it when sent again");
            run.add(OperationFactory.ofPath(OperationType.RECONCILE, denied, true, ReplicationOperation.UNKNOWN, ChangeSource.SCAN));
        }
    }

    private void collect(final FileSystem fileSystem, final ListingRun run) throws IOException {
        FileStatus status;
        while (!run.isFull() && (status = walker.next()) != null) {
            run.add(OperationFactory.fromStatus(status, ChangeSource.SCAN, ReplicationOperation.UNKNOWN));
            addDenied(run);
        }
        addDenied(run);
        if (!walker.isDone() || run.isFull()) {
            return;
        }
        if (run.state().prunePending()) {
            // the scan emitted a record for everything the source has; what else the target holds goes now
            for (final String root : settings.roots().getRoots()) {
                run.add(OperationFactory.ofPath(OperationType.PRUNE, root, true, ReplicationOperation.UNKNOWN, ChangeSource.SCAN));
            }
            run.advance(run.state().withPrunePending(false));
            return;
        }
        capture.capture(fileSystem, run);
        if (run.isRescanRequested()) {
            // a scan only adds: the PRUNE after it removes what the lost changes deleted
            for (final String root : settings.roots().getRoots()) {
                walker.addPath(root);
            }
            run.advance(run.state().withPrunePending(true));
        }
    }
}
