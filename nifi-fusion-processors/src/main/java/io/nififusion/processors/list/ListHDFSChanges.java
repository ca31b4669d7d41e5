package io.nififusion.processors.list;

import io.nififusion.processors.common.SourceTreeProperties;
import io.nififusion.core.listing.ChangeSet;
import io.nififusion.core.listing.ChangeStreamGap;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.InotifyEventMapper;
import io.nififusion.core.listing.OpenFileTracker;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.listing.ScanCursor;
import io.nififusion.core.listing.ScanWalker;
import io.nififusion.core.listing.SnapshotDiffMapper;
import io.nififusion.core.listing.SourceRoots;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.services.hdfs.HdfsSourceService;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSInotifyEventInputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.metrics.CommitTiming;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@Stateful(scopes = Scope.CLUSTER, description = "The scan cursor (directories being listed and the last name handled in each), the last edit log "
        + "transaction read from the change stream, the snapshot number of snapshot-diff mode and the sequence number of the last record. "
        + "State is saved in the same commit as the records it covers, so a restart resumes without losing or skipping a change. "
        + "Clearing the state starts over with a new initial scan.")
@Tags({"hadoop", "hdfs", "inotify", "snapshot", "list", "changes", "cdc", "migration", "replication", "azure", "adls", "fusion"})
@CapabilityDescription("Lists everything under the source roots of an HDFS migration, then emits every later change, one FlowFile (attributes only, "
        + "no content) per replication operation: COPY, MKDIR, DELETE, RENAME or METADATA. Changes come from HDFS inotify (the NameNode's edit "
        + "log, opened before the initial scan begins so nothing written during the scan is missed) or, for users that are not HDFS "
        + "superusers, from differences between snapshots. The scan streams with bounded memory and resumes where it stopped; gaps in the "
        + "change stream are reported and healed by a new scan.")
@WritesAttributes({
        @WritesAttribute(attribute = OperationAttributes.OPERATION, description = "COPY, MKDIR, DELETE, RENAME or METADATA"),
        @WritesAttribute(attribute = OperationAttributes.PATH, description = "Absolute source path of the operation (the new name of a rename)"),
        @WritesAttribute(attribute = OperationAttributes.SOURCE_PATH, description = "Old name of a RENAME"),
        @WritesAttribute(attribute = OperationAttributes.DIRECTORY, description = "Whether the path is a directory (false when not known)"),
        @WritesAttribute(attribute = OperationAttributes.LENGTH, description = "File length in bytes, when known"),
        @WritesAttribute(attribute = OperationAttributes.MODIFICATION_TIME, description = "Modification time in epoch milliseconds, when known"),
        @WritesAttribute(attribute = OperationAttributes.FILE_ID, description = "HDFS inode id, when known"),
        @WritesAttribute(attribute = OperationAttributes.OWNER, description = "Source owner, when known"),
        @WritesAttribute(attribute = OperationAttributes.GROUP, description = "Source group, when known"),
        @WritesAttribute(attribute = OperationAttributes.PERMISSION, description = "Source permission in octal, such as 755, when known"),
        @WritesAttribute(attribute = OperationAttributes.TRANSACTION_ID, description = "Edit log transaction of the change (inotify records)"),
        @WritesAttribute(attribute = OperationAttributes.CHANGE_SOURCE, description = "scan, inotify or snapshot-diff"),
        @WritesAttribute(attribute = OperationAttributes.SEQUENCE, description = "Sequence number of the record, increasing across restarts"),
        @WritesAttribute(attribute = ListHDFSChanges.TXIDS_BEHIND_ATTRIBUTE,
                description = "inotify records: the change stream's estimate of how many transactions the NameNode has that are not read yet"),
        @WritesAttribute(attribute = ListHDFSChanges.OPEN_FILE_ATTRIBUTE,
                description = "true on a COPY of a file still open for writing (Open File Policy Report and Copy Open File)")
})
@SeeAlso(classNames = {"io.nififusion.processors.replicate.ReplicateToADLS", "io.nififusion.processors.verify.VerifyChecksum",
        "io.nififusion.services.hdfs.StandardHdfsSourceService"})
public class ListHDFSChanges extends AbstractProcessor implements VerifiableProcessor {

    static final String TXIDS_BEHIND_ATTRIBUTE = "hdfs.txid.behind";
    static final String OPEN_FILE_ATTRIBUTE = "hdfs.open.file";

    static final String STEP_LIST_ROOTS = SourceAccessVerifier.STEP_LIST_ROOTS;
    static final String STEP_CHANGE_STREAM = SourceAccessVerifier.STEP_CHANGE_STREAM;

    static final String COUNTER_GAPS = "Change stream gaps";
    static final String COUNTER_OPEN_FILES = "Files open longer than Max Open Duration";
    static final String GAUGE_TRANSACTIONS_BEHIND = "Change stream transactions behind";

    private static final int OPEN_FILE_TRACKING_CAPACITY = 100_000;

    private static final Validator SOURCE_ROOTS_VALIDATOR = (subject, input, context) -> {
        try {
            SourceRoots.parse(input);
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        } catch (final IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(e.getMessage()).build();
        }
    };

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = new PropertyDescriptor.Builder()
            .name("HDFS Source Service")
            .description("The source cluster: its configuration, Kerberos identity and the user the listing runs as.")
            .identifiesControllerService(HdfsSourceService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor SOURCE_ROOTS = new PropertyDescriptor.Builder()
            .name("Source Roots")
            .description("Comma-separated absolute HDFS directories to replicate, such as /data/warehouse,/user/etl. No root may lie inside another. "
                    + "Changing the roots starts the listing over.")
            .required(true)
            .addValidator(SOURCE_ROOTS_VALIDATOR)
            .build();

    public static final PropertyDescriptor EXCLUSIONS = SourceTreeProperties.EXCLUSIONS;

    public static final PropertyDescriptor CHANGE_CAPTURE_MODE = new PropertyDescriptor.Builder()
            .name("Change Capture Mode")
            .description("How changes after the initial scan are found. Changing the mode starts the listing over.")
            .required(true)
            .allowableValues(ChangeCaptureMode.class)
            .defaultValue(ChangeCaptureMode.INOTIFY)
            .build();

    public static final PropertyDescriptor INITIAL_SCAN = new PropertyDescriptor.Builder()
            .name("Initial Scan")
            .description("Whether to list everything under the roots before following changes. Without it only changes made after the first run "
                    + "are emitted (for a target already seeded by another copy).")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .dependsOn(CHANGE_CAPTURE_MODE, ChangeCaptureMode.INOTIFY, ChangeCaptureMode.SNAPSHOT_DIFF)
            .build();

    public static final PropertyDescriptor MAX_RECORDS_PER_TRIGGER = new PropertyDescriptor.Builder()
            .name("Max Records per Trigger")
            .description("Most records emitted by one run. Smaller values commit progress (and state) more often; memory does not depend on it "
                    + "beyond the records of one run. A snapshot difference with more changes than this is replaced by a scan of the roots and a "
                    + "PRUNE of each.")
            .required(true)
            .defaultValue("10000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor POLL_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Poll Timeout")
            .description("How long one run waits for the first change of the stream when none is pending.")
            .required(true)
            .defaultValue("1 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(CHANGE_CAPTURE_MODE, ChangeCaptureMode.INOTIFY)
            .build();

    public static final PropertyDescriptor OPEN_FILE_POLICY = new PropertyDescriptor.Builder()
            .name("Open File Policy")
            .description("Files are copied when their writer closes them, never half-written on creation. This decides what happens to a file "
                    + "kept open longer than Max Open Duration.")
            .required(true)
            .allowableValues(OpenFilePolicy.class)
            .defaultValue(OpenFilePolicy.REPORT)
            .dependsOn(CHANGE_CAPTURE_MODE, ChangeCaptureMode.INOTIFY)
            .build();

    public static final PropertyDescriptor MAX_OPEN_DURATION = new PropertyDescriptor.Builder()
            .name("Max Open Duration")
            .description("How long a file may stay open for writing before the Open File Policy reports it.")
            .required(true)
            .defaultValue("1 hour")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(CHANGE_CAPTURE_MODE, ChangeCaptureMode.INOTIFY)
            .build();

    public static final PropertyDescriptor GAP_POLICY = new PropertyDescriptor.Builder()
            .name("Gap Policy")
            .description("What to do when the NameNode purged edit log transactions before they were read (the stream then skips them, so "
                    + "changes in them would be lost).")
            .required(true)
            .allowableValues(GapPolicy.class)
            .defaultValue(GapPolicy.RESCAN)
            .dependsOn(CHANGE_CAPTURE_MODE, ChangeCaptureMode.INOTIFY)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One FlowFile per replication operation, attributes only")
            .build();

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            HDFS_SOURCE_SERVICE,
            SOURCE_ROOTS,
            EXCLUSIONS,
            CHANGE_CAPTURE_MODE,
            INITIAL_SCAN,
            MAX_RECORDS_PER_TRIGGER,
            POLL_TIMEOUT,
            OPEN_FILE_POLICY,
            MAX_OPEN_DURATION,
            GAP_POLICY);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS);

    /** Set whenever memory may be ahead of the committed state: the next run reloads from state. */
    private volatile boolean reloadRequested = true;

    // Touched only by onTrigger, which runs serially
    private ListingSettings settings;
    private ListingState progress;
    private ScanWalker walker;
    private DFSInotifyEventInputStream stream;
    private HdfsAdmin hdfsAdmin;
    private OpenFileTracker openFiles;
    private final Map<String, Long> counters = new HashMap<>();
    private long transactionsBehind = -1;

    /** Properties read once per schedule. */
    private record ListingSettings(HdfsSourceService source, SourceRoots roots, ExclusionFilter exclusions, ChangeCaptureMode mode,
                                   boolean initialScan, int maxRecords, long pollTimeoutMillis, OpenFilePolicy openFilePolicy,
                                   Duration maxOpenDuration, GapPolicy gapPolicy) {

        static ListingSettings from(final ProcessContext context) {
            final ChangeCaptureMode mode = context.getProperty(CHANGE_CAPTURE_MODE).asAllowableValue(ChangeCaptureMode.class);
            final boolean inotify = mode == ChangeCaptureMode.INOTIFY;
            return new ListingSettings(
                    context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class),
                    SourceRoots.parse(context.getProperty(SOURCE_ROOTS).getValue()),
                    ExclusionFilter.parse(context.getProperty(EXCLUSIONS).getValue()),
                    mode,
                    mode == ChangeCaptureMode.SCAN_ONLY || context.getProperty(INITIAL_SCAN).asBoolean(),
                    context.getProperty(MAX_RECORDS_PER_TRIGGER).asInteger(),
                    inotify ? context.getProperty(POLL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS) : 0,
                    inotify ? context.getProperty(OPEN_FILE_POLICY).asAllowableValue(OpenFilePolicy.class) : OpenFilePolicy.REPORT,
                    Duration.ofMillis(inotify ? context.getProperty(MAX_OPEN_DURATION).asTimePeriod(TimeUnit.MILLISECONDS) : Long.MAX_VALUE),
                    inotify ? context.getProperty(GAP_POLICY).asAllowableValue(GapPolicy.class) : GapPolicy.RESCAN);
        }

        String configurationKey() {
            return mode.getValue() + " " + roots;
        }
    }

    /** A record to emit with the attributes that are not part of the operation model. */
    private record Emission(ReplicationOperation operation, Map<String, String> extraAttributes) {
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        settings = ListingSettings.from(context);
        openFiles = new OpenFileTracker(OPEN_FILE_TRACKING_CAPACITY);
        reloadRequested = true;
    }

    @OnStopped
    public void onStopped() {
        walker = null;
        stream = null;
        hdfsAdmin = null;
        progress = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final HdfsSourceService source = settings.source();
        final List<Emission> emissions = new ArrayList<>();
        final ListingState before;
        final Runnable afterCommit;
        try {
            if (reloadRequested) {
                reloadRequested = false;
                load(session, source);
            }
            before = progress;
            if (before.gap() != null) {
                getLogger().error("Stopped by Gap Policy: {}. Clear the state of this processor to scan all source roots again", before.gap());
                context.yield();
                return;
            }
            counters.clear();
            transactionsBehind = -1;
            afterCommit = source.execute(fileSystem -> collect(fileSystem, emissions));
        } catch (final IOException | RuntimeException e) {
            reloadRequested = true;
            context.yield();
            throw new ProcessException("Listing changes of " + settings.roots() + " failed: " + e.getMessage(), e);
        }

        long sequence = before.sequence();
        for (final Emission emission : emissions) {
            final ReplicationOperation operation = emission.operation();
            final Map<String, String> attributes = new LinkedHashMap<>(operation.toAttributes());
            attributes.put(OperationAttributes.SEQUENCE, Long.toString(++sequence));
            attributes.putAll(emission.extraAttributes());
            FlowFile flowFile = session.create();
            flowFile = session.putAllAttributes(flowFile, attributes);
            session.getProvenanceReporter().create(flowFile, operation.type() + " " + operation.path() + " from " + operation.changeSource());
            session.transfer(flowFile, REL_SUCCESS);
            session.adjustCounter(operation.type() + " records", 1, false);
        }

        for (final Map.Entry<String, Long> counter : counters.entrySet()) {
            session.adjustCounter(counter.getKey(), counter.getValue(), false);
        }
        if (transactionsBehind >= 0) {
            session.recordGauge(GAUGE_TRANSACTIONS_BEHIND, transactionsBehind, CommitTiming.SESSION_COMMITTED);
        }
        progress = progress.withProgress(sequence, walker.getCursor());
        final Map<String, String> stateValues = progress.toMap();
        if (!stateValues.equals(before.toMap())) {
            try {
                session.setState(stateValues, Scope.CLUSTER);
            } catch (final IOException e) {
                reloadRequested = true;
                throw new ProcessException("Saving the listing state failed; the records of this run are rolled back", e);
            }
        }
        if (!emissions.isEmpty()) {
            getLogger().debug("Emitted {} records up to sequence {}", emissions.size(), sequence);
        } else if (settings.mode() != ChangeCaptureMode.INOTIFY) {
            context.yield();
        }
        session.commitAsync(afterCommit, failure -> {
            getLogger().warn("Records up to sequence {} were not committed: the listing resumes from the saved state", progress.sequence(), failure);
            reloadRequested = true;
        });
    }

    /** Reads the committed state, or starts a new listing when there is none or the roots or mode changed. */
    private void load(final ProcessSession session, final HdfsSourceService source) throws IOException {
        final Map<String, String> stored = session.getState(Scope.CLUSTER).toMap();
        ListingState state = ListingState.fromMap(stored);
        final String configurationKey = settings.configurationKey();
        if (stored.isEmpty() || !configurationKey.equals(state.configuration())) {
            if (!stored.isEmpty()) {
                getLogger().info("Source roots or mode changed from [{}] to [{}]: starting the listing over", state.configuration(), configurationKey);
            }
            state = source.execute(fileSystem -> startListing(fileSystem, configurationKey, stored.isEmpty() ? 0 : ListingState.fromMap(stored).sequence()));
        } else if (settings.mode() == ChangeCaptureMode.SNAPSHOT_DIFF) {
            final long keep = state.snapshotNumber();
            source.execute(fileSystem -> {
                final RootSnapshots snapshots = new RootSnapshots(fileSystem);
                for (final String root : settings.roots().getRoots()) {
                    final List<String> deleted = snapshots.deleteAllExcept(root, keep);
                    if (!deleted.isEmpty()) {
                        getLogger().info("Deleted snapshots {} of {} left by an earlier run", deleted, root);
                    }
                }
                return null;
            });
        }
        progress = state;
        walker = new ScanWalker(new HdfsDirectoryLister(source.getFileSystem()), settings.exclusions(), state.scanCursor());
        stream = null;
        if (hdfsAdmin == null && settings.mode() == ChangeCaptureMode.INOTIFY) {
            hdfsAdmin = source.getHdfsAdmin();
        }
    }

    /** Rule 1 of migrating while in use: the change stream position (or first snapshot) is fixed before the scan starts. */
    private ListingState startListing(final FileSystem fileSystem, final String configurationKey, final long sequence) throws IOException {
        final ScanCursor cursor = settings.initialScan() ? ScanCursor.startingAt(settings.roots().getRoots()) : ScanCursor.done();
        return switch (settings.mode()) {
            case INOTIFY -> {
                final long transactionId = currentTransactionId(fileSystem);
                getLogger().info("Starting listing of {}: change stream from transaction {}, initial scan {}", settings.roots(), transactionId, settings.initialScan());
                yield new ListingState(configurationKey, sequence, cursor, transactionId, 0, null, settings.initialScan());
            }
            case SNAPSHOT_DIFF -> {
                final RootSnapshots snapshots = new RootSnapshots(fileSystem);
                for (final String root : settings.roots().getRoots()) {
                    snapshots.create(root, 1);
                    snapshots.deleteAllExcept(root, 1);
                }
                getLogger().info("Starting listing of {}: snapshot {} taken, initial scan {}", settings.roots(), RootSnapshots.name(1), settings.initialScan());
                yield new ListingState(configurationKey, sequence, cursor, -1, 1, null, settings.initialScan());
            }
            case SCAN_ONLY -> new ListingState(configurationKey, sequence, cursor, -1, 0, null, true);
        };
    }

    static long currentTransactionId(final FileSystem fileSystem) throws IOException {
        if (fileSystem instanceof DistributedFileSystem dfs) {
            return dfs.getClient().getNamenode().getCurrentEditLogTxid();
        }
        throw new IOException("inotify needs an hdfs:// file system, not " + fileSystem.getUri() + ": use Change Capture Mode scan-only");
    }

    /** Fills the emissions of one run: scan work first, then changes. Returns what to do once the session committed. */
    private Runnable collect(final FileSystem fileSystem, final List<Emission> emissions) throws IOException {
        final int maxRecords = settings.maxRecords();
        FileStatus status;
        while (emissions.size() < maxRecords && (status = walker.next()) != null) {
            emissions.add(new Emission(OperationFactory.fromStatus(status, ChangeSource.SCAN, ReplicationOperation.UNKNOWN), Map.of()));
        }
        if (!walker.isDone() || emissions.size() >= maxRecords) {
            return () -> { };
        }
        if (progress.prunePending()) {
            // the scan emitted a record for everything the source has; what else the target holds goes now
            for (final String root : settings.roots().getRoots()) {
                emissions.add(new Emission(OperationFactory.ofPath(OperationType.PRUNE, root, true, ReplicationOperation.UNKNOWN, ChangeSource.SCAN),
                        Map.of()));
            }
            progress = progress.withPrunePending(false);
            return () -> { };
        }
        return switch (settings.mode()) {
            case INOTIFY -> {
                readChangeStream(fileSystem, emissions);
                yield () -> { };
            }
            case SNAPSHOT_DIFF -> readSnapshotDifference(fileSystem, emissions);
            case SCAN_ONLY -> () -> { };
        };
    }

    private void readChangeStream(final FileSystem fileSystem, final List<Emission> emissions) throws IOException {
        if (stream == null) {
            stream = hdfsAdmin.getInotifyEventStream(progress.transactionId());
        }
        final InotifyEventMapper mapper = new InotifyEventMapper(settings.roots(), settings.exclusions(), openFiles);
        final ChangeSet changes = new ChangeSet();
        long transactionId = progress.transactionId();
        String gapDescription = null;
        try {
            EventBatch batch = stream.poll(settings.pollTimeoutMillis(), TimeUnit.MILLISECONDS);
            while (batch != null) {
                mapper.map(batch, changes, System.currentTimeMillis());
                transactionId = batch.getTxid();
                if (emissions.size() + changes.getOperations().size() >= settings.maxRecords()) {
                    break;
                }
                batch = stream.poll();
            }
        } catch (final MissingEventsException e) {
            final ChangeStreamGap gap = ChangeStreamGap.of(e);
            counters.merge(COUNTER_GAPS, 1L, Long::sum);
            if (settings.gapPolicy() == GapPolicy.RESCAN) {
                getLogger().warn("{} in the change stream of {}: scanning source roots {} again, then resuming the stream at transaction {}",
                        gap.describe(), settings.source().getFileSystemUri(), settings.roots(), gap.nextAvailableTransactionId());
                transactionId = gap.nextAvailableTransactionId() - 1;
                rescanAndPrune();
            } else {
                gapDescription = gap.describe();
                getLogger().error("{} in the change stream of {}: stopped by Gap Policy; clear the state of this processor to scan all source roots again",
                        gap.describe(), settings.source().getFileSystemUri());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        transactionsBehind = stream.getTxidsBehindEstimate();
        final String behind = Long.toString(transactionsBehind);
        for (final ReplicationOperation operation : changes.coalesced().getOperations()) {
            emissions.add(new Emission(withDirectoryFlag(fileSystem, operation), Map.of(TXIDS_BEHIND_ATTRIBUTE, behind)));
        }
        reportOpenFiles(fileSystem, emissions);
        progress = progress.withTransactionId(transactionId).withGap(gapDescription);
    }

    /** A rename does not say whether it moved a directory; the replicator plans differently for one. */
    private static ReplicationOperation withDirectoryFlag(final FileSystem fileSystem, final ReplicationOperation operation) throws IOException {
        if (operation.type() != OperationType.RENAME) {
            return operation;
        }
        final FileStatus status = new HdfsDirectoryLister(fileSystem).status(operation.path());
        if (status == null || !status.isDirectory()) {
            return operation;
        }
        return new ReplicationOperation(operation.type(), operation.path(), operation.sourcePath(), true, operation.length(), operation.modificationTime(),
                operation.fileId(), operation.owner(), operation.group(), operation.permission(), operation.transactionId(), operation.changeSource(),
                operation.targetPath());
    }

    private void reportOpenFiles(final FileSystem fileSystem, final List<Emission> emissions) throws IOException {
        for (final OpenFileTracker.OpenFile file : openFiles.takeOverdue(System.currentTimeMillis(), settings.maxOpenDuration())) {
            counters.merge(COUNTER_OPEN_FILES, 1L, Long::sum);
            getLogger().warn("{} has been open for writing for more than {} (since {}): it is copied when its writer closes it",
                    file.path(), settings.maxOpenDuration(), Instant.ofEpochMilli(file.openedAt()));
            if (settings.openFilePolicy() == OpenFilePolicy.REPORT_AND_COPY) {
                final FileStatus status = new HdfsDirectoryLister(fileSystem).status(file.path());
                if (status != null && status.isFile()) {
                    emissions.add(new Emission(OperationFactory.fromStatus(status, ChangeSource.INOTIFY, progress.transactionId()),
                            Map.of(OPEN_FILE_ATTRIBUTE, "true")));
                }
            }
        }
    }

    private Runnable readSnapshotDifference(final FileSystem fileSystem, final List<Emission> emissions) throws IOException {
        final RootSnapshots snapshots = new RootSnapshots(fileSystem);
        final SnapshotDiffMapper mapper = new SnapshotDiffMapper(settings.exclusions());
        final long previous = progress.snapshotNumber();
        final long next = previous + 1;
        final List<ChangeSet> differences = new ArrayList<>();
        boolean changed = false;
        for (final String root : settings.roots().getRoots()) {
            snapshots.create(root, next);
            final ChangeSet difference = mapper.map(root, snapshots.diff(root, previous, next));
            changed |= !difference.isEmpty();
            differences.add(difference);
        }
        if (!changed) {
            for (final String root : settings.roots().getRoots()) {
                snapshots.delete(root, next);
            }
            return () -> { };
        }

        int size = 0;
        for (final ChangeSet difference : differences) {
            size += difference.getOperations().size() + difference.getPathsToRefresh().size();
        }
        progress = progress.withSnapshotNumber(next);
        if (size > settings.maxRecords()) {
            // one run emits at most Max Records per Trigger: a bigger difference is healed by a scan and a prune instead
            getLogger().info("The difference between snapshots {} and {} of {} holds {} changes, more than Max Records per Trigger: scanning the "
                    + "roots and pruning the target instead", RootSnapshots.name(previous), RootSnapshots.name(next), settings.roots(), size);
            rescanAndPrune();
            return snapshotCleanup(previous);
        }
        final HdfsDirectoryLister lister = new HdfsDirectoryLister(fileSystem);
        for (final ChangeSet difference : differences) {
            for (final ReplicationOperation operation : difference.getOperations()) {
                emissions.add(new Emission(withDirectoryFlag(fileSystem, operation), Map.of()));
            }
            for (final String path : difference.getPathsToRefresh()) {
                final FileStatus status = lister.status(path);
                if (status != null) {
                    emissions.add(new Emission(refreshed(status), Map.of()));
                }
            }
        }
        return snapshotCleanup(previous);
    }

    /** A scan of every root followed by a PRUNE: how a gap, a reset or an oversized difference is healed, deletes included. */
    private void rescanAndPrune() {
        for (final String root : settings.roots().getRoots()) {
            walker.addPath(root);
        }
        progress = progress.withPrunePending(true);
    }

    /** Once the records are committed, the older snapshot is no longer needed. */
    private Runnable snapshotCleanup(final long previous) {
        final ComponentLog logger = getLogger();
        final List<String> roots = settings.roots().getRoots();
        return () -> {
            try {
                settings.source().execute(committedFileSystem -> {
                    final RootSnapshots committedSnapshots = new RootSnapshots(committedFileSystem);
                    for (final String root : roots) {
                        committedSnapshots.delete(root, previous);
                    }
                    return null;
                });
            } catch (final IOException e) {
                logger.warn("Snapshot {} of {} could not be deleted; the next restart deletes it", RootSnapshots.name(previous), roots, e);
            }
        };
    }

    /** A modified path: a file is copied again, a directory gets its metadata applied. */
    private static ReplicationOperation refreshed(final FileStatus status) {
        final ReplicationOperation current = OperationFactory.fromStatus(status, ChangeSource.SNAPSHOT_DIFF, ReplicationOperation.UNKNOWN);
        if (!status.isDirectory()) {
            return current;
        }
        return new ReplicationOperation(OperationType.METADATA, current.path(), null, true, ReplicationOperation.UNKNOWN, current.modificationTime(),
                current.fileId(), current.owner(), current.group(), current.permission(), ReplicationOperation.UNKNOWN, ChangeSource.SNAPSHOT_DIFF, null);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final HdfsSourceService source = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final ChangeCaptureMode mode = context.getProperty(CHANGE_CAPTURE_MODE).asAllowableValue(ChangeCaptureMode.class);
        return new SourceAccessVerifier(source, verificationLogger).verify(context.getProperty(SOURCE_ROOTS).getValue(), mode);
    }
}
