package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSInotifyEventInputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Change capture from HDFS inotify, the NameNode's edit log: every change within seconds, in order, for an HDFS
 * superuser. The stream is read from the source service's own file system
 * ({@link DistributedFileSystem#getInotifyEventStream(long)}), so following it creates no client of its own. A gap
 * (transactions purged before they were read) is counted and reported, then healed by a re-scan of the roots or, by
 * policy, stops the listing until an operator clears its state.
 */
public final class InotifyCapture extends ChangeCapture {
    public static final String MODE = "inotify";

    private static final int OPEN_FILE_TRACKING_CAPACITY = 100_000;
    /**
     * How long a run goes on reading changes after its first one: the stream returns a new batch as long as the
     * source keeps changing, so a run that read until the stream was momentarily empty would hand on nothing while
     * changes never pause (at 50 closes a second, until Max Records per Trigger filled: minutes).
     */
    static final Duration COLLECTION_WINDOW = Duration.ofMillis(500);

    /**
     * How the change stream is followed.
     *
     * @param pollTimeout how long one run waits for the first change when none is pending
     * @param maxOpenDuration how long a file may stay open for writing before it is reported
     * @param copyOverdueOpenFiles whether a file reported as open too long also gets a {@code COPY} record
     * @param rescanOnGap whether a gap is healed by a re-scan (otherwise the listing stops)
     */
    public record Settings(Duration pollTimeout, Duration maxOpenDuration, boolean copyOverdueOpenFiles, boolean rescanOnGap) {
    }

    private final ListingSettings listing;
    private final Settings settings;
    private final Clock clock;
    private final ListingLog log;
    private final OpenFileTracker openFiles = new OpenFileTracker(OPEN_FILE_TRACKING_CAPACITY);
    private DFSInotifyEventInputStream stream;

    public InotifyCapture(final ListingSettings listing, final Settings settings, final Clock clock, final ListingLog log) {
        super(MODE);
        this.listing = listing;
        this.settings = settings;
        this.clock = clock;
        this.log = log;
    }

    @Override
    ListingState start(final FileSystem fileSystem, final ListingState starting) throws IOException {
        stream = null;
        final long transactionId = currentTransactionId(fileSystem);
        log.info("Starting listing of " + listing.roots() + ": change stream from transaction " + transactionId + ", initial scan "
                + !starting.scanCursor().isDone());
        return starting.withTransactionId(transactionId);
    }

    @Override
    void restore(final FileSystem fileSystem, final ListingState committed) {
        stream = null;
    }

    @Override
    void capture(final FileSystem fileSystem, final ListingRun run) throws IOException {
        final long startTransactionId = run.state().transactionId();
        if (stream == null) {
            stream = distributed(fileSystem).getInotifyEventStream(startTransactionId);
        }
        final InotifyEventMapper mapper = new InotifyEventMapper(listing.roots(), listing.exclusions(), openFiles);
        final ChangeSet changes = new ChangeSet();
        long transactionId = startTransactionId;
        String gapDescription = null;
        try {
            EventBatch batch = stream.poll(settings.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
            final long handOnAt = clock.millis() + COLLECTION_WINDOW.toMillis();
            while (batch != null) {
                final long now = clock.millis();
                mapper.map(batch, changes, now);
                transactionId = batch.getTxid();
                if (run.size() + changes.getOperations().size() >= run.capacity() || now >= handOnAt) {
                    break;
                }
                batch = stream.poll();
            }
        } catch (final MissingEventsException e) {
            final ChangeStreamGap gap = ChangeStreamGap.of(e);
            run.countGap();
            if (settings.rescanOnGap()) {
                log.warn(gap.describe() + " in the change stream of " + fileSystem.getUri() + ": scanning source roots " + listing.roots()
                        + " again, then resuming the stream at transaction " + gap.nextAvailableTransactionId());
                transactionId = gap.nextAvailableTransactionId() - 1;
                run.requestRescan();
            } else {
                gapDescription = gap.describe();
                log.error(gap.describe() + " in the change stream of " + fileSystem.getUri()
                        + ": stopped by Gap Policy; clear the state of this processor to scan all source roots again");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        final long behind = stream.getTxidsBehindEstimate();
        run.reportTransactionsBehind(behind);
        final HdfsDirectoryLister lister = new HdfsDirectoryLister(fileSystem);
        for (final ReplicationOperation operation : changes.coalesced().getOperations()) {
            run.addChange(lister.withDirectoryFlag(operation), behind);
        }
        reportOpenFiles(lister, run, startTransactionId);
        run.advance(run.state().withTransactionId(transactionId).withGap(gapDescription));
    }

    @Override
    boolean waitsForChanges() {
        return true;
    }

    private void reportOpenFiles(final HdfsDirectoryLister lister, final ListingRun run, final long transactionId) throws IOException {
        for (final OpenFileTracker.OpenFile file : openFiles.takeOverdue(clock.millis(), settings.maxOpenDuration())) {
            run.countOverdueOpenFile();
            log.warn(file.path() + " has been open for writing for more than " + settings.maxOpenDuration() + " (since "
                    + Instant.ofEpochMilli(file.openedAt()) + "): it is copied when its writer closes it");
            if (settings.copyOverdueOpenFiles()) {
                final FileStatus status = lister.status(file.path());
                if (status != null && status.isFile()) {
                    run.addOpenFile(OperationFactory.fromStatus(status, ChangeSource.INOTIFY, transactionId));
                }
            }
        }
    }

    /** Where a change stream opened now would start: the NameNode's current edit log transaction (HDFS superusers only). */
    static long currentTransactionId(final FileSystem fileSystem) throws IOException {
        return distributed(fileSystem).getClient().getNamenode().getCurrentEditLogTxid();
    }

    static DistributedFileSystem distributed(final FileSystem fileSystem) throws IOException {
        if (fileSystem instanceof DistributedFileSystem dfs) {
            return dfs;
        }
        throw new IOException("inotify needs an hdfs:// file system, not " + fileSystem.getUri() + ": use Change Capture Mode scan-only");
    }
}
