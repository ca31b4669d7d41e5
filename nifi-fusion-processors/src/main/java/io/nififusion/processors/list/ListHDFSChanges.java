package io.nififusion.processors.list;

import java.util.Collection;
import java.util.ArrayList;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.ValidationContext;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.listing.ChangeCapture;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.InotifyCapture;
import io.nififusion.core.listing.ListedRecord;
import io.nififusion.core.listing.ListingLog;
import io.nififusion.core.listing.ListingRun;
import io.nififusion.core.listing.ListingSettings;
import io.nififusion.core.listing.ScanOnlyCapture;
import io.nififusion.core.listing.SnapshotDiffCapture;
import io.nififusion.core.listing.SourceListing;
import io.nififusion.core.listing.SourceRoots;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.ParsingValidator;
import io.nififusion.processors.common.SourceTreeProperties;
import io.nififusion.services.hdfs.HdfsSourceService;
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
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.metrics.CommitTiming;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
    static final String STEP_CHANGE_CAPTURE = SourceAccessVerifier.STEP_CHANGE_CAPTURE;
    static final String STEP_TARGET_MAPPING = RootsInTargetMapping.STEP;

    static final String COUNTER_GAPS = "Change stream gaps";
    static final String COUNTER_OPEN_FILES = "Files open longer than Max Open Duration";
    static final String GAUGE_TRANSACTIONS_BEHIND = "Change stream transactions behind";

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HdfsSourceProperties.HDFS_SOURCE_SERVICE;

    public static final PropertyDescriptor SOURCE_ROOTS = new PropertyDescriptor.Builder()
            .name("Source Roots")
            .description("Comma-separated absolute HDFS directories to replicate, such as /data/warehouse,/user/etl. No root may lie inside another. "
                    + "Changing the roots starts the listing over.")
            .required(true)
            .addValidator(new ParsingValidator(SourceRoots::parse))
            .build();

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(TargetServiceProperties.FUSION_TARGET_SERVICE)
            .description("Optional: the target service of the ReplicateToADLS the records go to. When set, every Source Root must lie inside "
                    + "its Source Root, checked when the processor is validated, so no root is listed whose every record replication would refuse.")
            .required(false)
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
            .description("How long one run waits for the first change of the stream when none is pending. A run then reads on for at most "
                    + "half a second (or Max Records per Trigger) and hands on what it read, so records flow while the source never stops changing.")
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
            FUSION_TARGET_SERVICE,
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
    /** The state as stored in the state manager, so a run saves whenever its state differs from it, a new listing's start included. */
    private volatile Map<String, String> storedState = Map.of();

    // Set once per schedule, used only by onTrigger, which runs serially
    private volatile SourceListing listing;
    private volatile SourceRoots roots;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        if (!context.getProperty(FUSION_TARGET_SERVICE).isSet() || !context.getProperty(SOURCE_ROOTS).isSet()) {
            return List.of();
        }
        final FusionTargetService target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final TargetPathMapper mapper = target == null ? null : target.getPathMapper();
        if (mapper == null) {
            // not enabled yet: NiFi reports the service's own state
            return List.of();
        }
        final List<ValidationResult> results = new ArrayList<>();
        try {
            for (final String root : RootsInTargetMapping.outside(SourceRoots.parse(context.getProperty(SOURCE_ROOTS).getValue()), mapper)) {
                results.add(new ValidationResult.Builder().subject(SOURCE_ROOTS.getDisplayName()).input(root).valid(false)
                        .explanation(RootsInTargetMapping.explainOutside(root, mapper)).build());
            }
        } catch (final IllegalArgumentException e) {
            // the Source Roots validator reports it
        }
        return results;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** The clock open files are timed by; tests replace it. */
    Clock clock() {
        return Clock.systemUTC();
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final ChangeCaptureMode mode = context.getProperty(CHANGE_CAPTURE_MODE).asAllowableValue(ChangeCaptureMode.class);
        roots = SourceRoots.parse(context.getProperty(SOURCE_ROOTS).getValue());
        final ListingSettings settings = new ListingSettings(roots, ExclusionFilter.parse(context.getProperty(EXCLUSIONS).getValue()),
                mode == ChangeCaptureMode.SCAN_ONLY || context.getProperty(INITIAL_SCAN).asBoolean(),
                context.getProperty(MAX_RECORDS_PER_TRIGGER).asInteger());
        final ComponentLog logger = getLogger();
        final ListingLog log = (level, message, failure) -> {
            if (failure == null) {
                logger.log(LogLevel.valueOf(level.name()), message);
            } else {
                logger.log(LogLevel.valueOf(level.name()), message, failure);
            }
        };
        final ChangeCapture capture = switch (mode) {
            case INOTIFY -> new InotifyCapture(settings, new InotifyCapture.Settings(
                    Duration.ofMillis(context.getProperty(POLL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
                    Duration.ofMillis(context.getProperty(MAX_OPEN_DURATION).asTimePeriod(TimeUnit.MILLISECONDS)),
                    context.getProperty(OPEN_FILE_POLICY).asAllowableValue(OpenFilePolicy.class) == OpenFilePolicy.REPORT_AND_COPY,
                    context.getProperty(GAP_POLICY).asAllowableValue(GapPolicy.class) == GapPolicy.RESCAN), clock(), log);
            case SNAPSHOT_DIFF -> new SnapshotDiffCapture(settings, log);
            case SCAN_ONLY -> new ScanOnlyCapture();
        };
        listing = new SourceListing(context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class), settings, capture, log);
        reloadRequested = true;
    }

    @OnStopped
    public void onStopped() {
        listing = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final SourceListing current = listing;
        final ListingRun run;
        try {
            if (reloadRequested) {
                reloadRequested = false;
                storedState = session.getState(Scope.CLUSTER).toMap();
                current.load(storedState);
            }
            if (current.stoppingGap() != null) {
                getLogger().error("Stopped by Gap Policy: {}. Clear the state of this processor to scan all source roots again", current.stoppingGap());
                context.yield();
                return;
            }
            run = current.run();
        } catch (final IOException | RuntimeException e) {
            reloadRequested = true;
            context.yield();
            throw new ProcessException("Listing changes of " + roots + " failed: " + e.getMessage(), e);
        }

        final List<FlowFile> flowFiles = new ArrayList<>(run.records().size());
        for (final ListedRecord record : run.records()) {
            flowFiles.add(create(session, record));
        }
        session.transfer(flowFiles, REL_SUCCESS);
        if (run.gaps() > 0) {
            session.adjustCounter(COUNTER_GAPS, run.gaps(), false);
        }
        if (run.overdueOpenFiles() > 0) {
            session.adjustCounter(COUNTER_OPEN_FILES, run.overdueOpenFiles(), false);
        }
        if (run.transactionsBehind() >= 0) {
            session.recordGauge(GAUGE_TRANSACTIONS_BEHIND, run.transactionsBehind(), CommitTiming.SESSION_COMMITTED);
        }
        final Map<String, String> stateValues = run.state().toMap();
        // against what is stored, not the run's start: a listing that just started (its change stream position or first
        // snapshot fixed) and found nothing yet must still save that start, or a restart would begin at a later position
        if (!stateValues.equals(storedState)) {
            try {
                session.setState(stateValues, Scope.CLUSTER);
                storedState = stateValues;
            } catch (final IOException e) {
                reloadRequested = true;
                throw new ProcessException("Saving the listing state failed; the records of this run are rolled back", e);
            }
        }
        if (!run.records().isEmpty()) {
            getLogger().debug("Emitted {} records up to sequence {}", run.records().size(), run.state().sequence());
        } else if (!current.waitsForChanges()) {
            context.yield();
        }
        session.commitAsync(() -> current.committed(run), failure -> {
            getLogger().warn("Records up to sequence {} were not committed: the listing resumes from the saved state", run.state().sequence(), failure);
            reloadRequested = true;
        });
    }

    /** The record's FlowFile, with its attributes and provenance; transferred with the run's others at once. */
    private static FlowFile create(final ProcessSession session, final ListedRecord record) {
        final ReplicationOperation operation = record.operation();
        final Map<String, String> attributes = new LinkedHashMap<>(operation.toAttributes());
        attributes.put(OperationAttributes.SEQUENCE, Long.toString(record.sequence()));
        if (record.transactionsBehind() >= 0) {
            attributes.put(TXIDS_BEHIND_ATTRIBUTE, Long.toString(record.transactionsBehind()));
        }
        if (record.openFile()) {
            attributes.put(OPEN_FILE_ATTRIBUTE, "true");
        }
        FlowFile flowFile = session.create();
        flowFile = session.putAllAttributes(flowFile, attributes);
        session.getProvenanceReporter().create(flowFile, operation.type() + " " + operation.path() + " from " + operation.changeSource());
        session.adjustCounter(operation.type() + " records", 1, false);
        return flowFile;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final HdfsSourceService source = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final ChangeCaptureMode mode = context.getProperty(CHANGE_CAPTURE_MODE).asAllowableValue(ChangeCaptureMode.class);
        final List<ConfigVerificationResult> results = new ArrayList<>(new SourceAccessVerifier(source, verificationLogger)
                .verify(context.getProperty(SOURCE_ROOTS).getValue(), mode));
        if (context.getProperty(FUSION_TARGET_SERVICE).isSet()) {
            results.add(RootsInTargetMapping.verify(context.getProperty(SOURCE_ROOTS).getValue(), context.getProperty(FUSION_TARGET_SERVICE)));
        }
        return results;
    }
}
