package io.nififusion.processors.replicate;

import io.nififusion.core.copy.AdlsReplicator;
import io.nififusion.core.copy.BandwidthThrottle;
import io.nififusion.core.copy.BandwidthThrottles;
import io.nififusion.core.copy.DeletePolicy;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.copy.ReplicationOutcome;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.trash.TrashLayout;
import io.nififusion.core.trash.TrashPurger;
import io.nififusion.core.verify.VerificationOutcome;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.SourceTreeProperties;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.processors.common.TempNamePrefixValidator;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnRemoved;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

@Tags({"hdfs", "hadoop", "adls", "azure", "hdinsight", "replication", "copy", "migration", "fusion"})
@CapabilityDescription("Applies replication records to the ADLS Gen2 target: copies file bytes directly from HDFS to ADLS (never through the "
        + "content repository), creates directories, and propagates deletes, renames and metadata. Copies are written to a hidden temp file "
        + "in the target directory and committed by a conditional rename, so readers never see a partial file and a stale copy never replaces "
        + "a newer one. Big files go in chunks appended in parallel, checkpointed so a retry resumes; a bandwidth limit is shared by all "
        + "tasks of the node. FlowFile content is neither read nor written.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso(classNames = {"io.nififusion.processors.list.ListHDFSChanges", "io.nififusion.processors.verify.VerifyChecksum"})
@Restricted(restrictions = {
        @Restriction(requiredPermission = RequiredPermission.READ_DISTRIBUTED_FILESYSTEM,
                explanation = "Reads any HDFS file the source service's user may read and writes its bytes to the target"),
        @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM,
                explanation = "Reads the Identity Mapping File from the local file system of the NiFi node")
})
@ReadsAttributes({
        @ReadsAttribute(attribute = OperationAttributes.OPERATION, description = "COPY, MKDIR, DELETE, RENAME, METADATA, RECONCILE or PRUNE"),
        @ReadsAttribute(attribute = OperationAttributes.PATH, description = "Absolute source path (the new name for RENAME)"),
        @ReadsAttribute(attribute = OperationAttributes.SOURCE_PATH, description = "RENAME only: the old name"),
        @ReadsAttribute(attribute = ReplicationAttributes.RESUME_TEMP_PATH, description = "Set by an earlier attempt that went to retry: the temp "
                + "file its checkpointed bytes wait in"),
        @ReadsAttribute(attribute = VerificationAttributes.RESULT, description = "mismatch on a record VerifyChecksum sent back: the target's bytes "
                + "or metadata differ from the source version it records, so the file is copied again even though the target records the current "
                + "version (removed once applied)")
})
@WritesAttributes({
        @WritesAttribute(attribute = OperationAttributes.RESULT, description = "copied, skipped, deleted, renamed, created, updated, reconciled, "
                + "open-file (the source file is still being written: nothing committed, its close copies it) or noop"),
        @WritesAttribute(attribute = ReplicationAttributes.RESUME_TEMP_PATH, description = "On retry of a big file: the temp file the next attempt resumes"),
        @WritesAttribute(attribute = ReplicationAttributes.OPEN_SINCE, description = "On a COPY record sent to retry for a file still open for "
                + "writing: when it was first found open, epoch milliseconds"),
        @WritesAttribute(attribute = OperationAttributes.TARGET_PATH, description = "Target path, relative to the filesystem"),
        @WritesAttribute(attribute = ReplicationAttributes.BYTES_COPIED, description = "Bytes sent to the target"),
        @WritesAttribute(attribute = ReplicationAttributes.DURATION_MILLIS, description = "Milliseconds the operation took"),
        @WritesAttribute(attribute = ReplicationAttributes.THROUGHPUT, description = "Bytes per second of the copy"),
        @WritesAttribute(attribute = ReplicationAttributes.RESUMED_FROM, description = "Offset an interrupted copy resumed from"),
        @WritesAttribute(attribute = ReplicationAttributes.ATTEMPTS, description = "Copy attempts (the source changed during earlier ones)"),
        @WritesAttribute(attribute = ReplicationAttributes.DETAIL, description = "What was done and why"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_CODE, description = "On retry or failure: what went wrong"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_MESSAGE, description = "On retry or failure: the explanation"),
        @WritesAttribute(attribute = ReplicationAttributes.RETRY_AFTER_MILLIS, description = "On retry: the wait the target asked for")
})
public class ReplicateToADLS extends AbstractProcessor implements VerifiableProcessor {

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HdfsSourceProperties.HDFS_SOURCE_SERVICE;

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = TargetServiceProperties.FUSION_TARGET_SERVICE;

    public static final PropertyDescriptor CHUNK_SIZE = new PropertyDescriptor.Builder()
            .name("Chunk Size")
            .description("Bytes per append. Files up to this size go in one append; bigger files in chunks of this size. Heap per file is about "
                    + "Chunk Size x Parallel Chunks per File.")
            .required(true)
            .defaultValue("8 MB")
            .addValidator(StandardValidators.createDataSizeBoundsValidator(64 * 1024, 100L * 1024 * 1024))
            .build();

    public static final PropertyDescriptor PARALLEL_CHUNKS = new PropertyDescriptor.Builder()
            .name("Parallel Chunks per File")
            .description("Chunks of one file read and appended at the same time")
            .required(true)
            .defaultValue("4")
            .addValidator(StandardValidators.createLongValidator(1, 64, true))
            .build();

    public static final PropertyDescriptor CHECKPOINT_INTERVAL = new PropertyDescriptor.Builder()
            .name("Checkpoint Interval")
            .description("Chunks between checkpoints of a big file: the temp file is flushed so a retry after a failure or restart resumes from "
                    + "there when the source is unchanged. 0 disables checkpoints.")
            .required(true)
            .defaultValue("16")
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor BANDWIDTH_LIMIT = new PropertyDescriptor.Builder()
            .name("Bandwidth Limit")
            .description("Bytes per second all tasks of this processor may send from one node together, such as 200 MB; empty for no limit")
            .required(false)
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    public static final PropertyDescriptor DELETE_POLICY = new PropertyDescriptor.Builder()
            .name("Delete Policy")
            .description("Whether deletes at the source reach the target")
            .required(true)
            .allowableValues(DeletePolicyOption.class)
            .defaultValue(DeletePolicyOption.PROPAGATE)
            .build();

    public static final PropertyDescriptor TRASH_RETENTION = new PropertyDescriptor.Builder()
            .name("Trash Retention")
            .description("How long what the source deleted (and what copies replaced, with Keep Replaced Versions) stays in the trash; older "
                    + "batches are purged, oldest first, by any node")
            .required(true)
            .defaultValue("7 days")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(DELETE_POLICY, DeletePolicyOption.KEEP_IN_TRASH)
            .build();

    public static final PropertyDescriptor KEEP_REPLACED_VERSIONS = new PropertyDescriptor.Builder()
            .name("Keep Replaced Versions")
            .description("Whether a target file that a copy replaces by another source file (a create with overwrite, a file deleted and "
                    + "created again, a rename over it) is first saved into a new trash batch, kept for the Trash Retention, so "
                    + "ListADLSForRestore can list it As Of a Time. An append or truncate is the same file growing: nothing is kept. Cost: "
                    + "each replaced version is read back from the target and written again through this node (counted against the Bandwidth "
                    + "Limit) before the commit, and stored for the retention.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .dependsOn(DELETE_POLICY, DeletePolicyOption.KEEP_IN_TRASH)
            .build();

    public static final PropertyDescriptor EXISTING_TARGET_POLICY = new PropertyDescriptor.Builder()
            .name("Existing Target Policy")
            .description("What to do with a target file that replication did not write (no recorded source version)")
            .required(true)
            .allowableValues(ExistingTargetPolicyOption.class)
            .defaultValue(ExistingTargetPolicyOption.OVERWRITE)
            .build();

    public static final PropertyDescriptor PRESERVE_METADATA = new PropertyDescriptor.Builder()
            .name("Preserve Metadata")
            .description("Which source metadata the target receives")
            .required(true)
            .allowableValues(PreserveMetadataOption.class)
            .defaultValue(PreserveMetadataOption.PERMISSIONS)
            .build();

    public static final PropertyDescriptor IDENTITY_MAPPING_FILE = new PropertyDescriptor.Builder()
            .name("Identity Mapping File")
            .description("File mapping on-premises users and groups to Azure AD object ids, one a line: user:<name>=<object id> or "
                    + "group:<name>=<object id>")
            .required(false)
            .addValidator(StandardValidators.FILE_EXISTS_VALIDATOR)
            .dependsOn(PRESERVE_METADATA, PreserveMetadataOption.PERMISSIONS_OWNERSHIP, PreserveMetadataOption.ALL)
            .build();

    public static final PropertyDescriptor TEMP_NAME_PREFIX = new PropertyDescriptor.Builder()
            .name("Temp Name Prefix")
            .description("Prefix of the hidden temp file a copy is written to, next to the final file. Must start with '_' or '.' so Hive, "
                    + "Spark and MapReduce ignore temp files.")
            .required(true)
            .defaultValue(ReplicatorSettings.DEFAULT_TEMP_PREFIX)
            .addValidator(TempNamePrefixValidator.INSTANCE)
            .build();

    public static final PropertyDescriptor MAX_COPY_ATTEMPTS = new PropertyDescriptor.Builder()
            .name("Max Copy Attempts")
            .description("Copies of one file tried within one record when its source keeps changing during the copy; then the record goes to retry")
            .required(true)
            .defaultValue("3")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .build();

    public static final PropertyDescriptor EXCLUSIONS = SourceTreeProperties.EXCLUSIONS;

    public static final PropertyDescriptor ORPHANED_TEMP_AGE = new PropertyDescriptor.Builder()
            .name("Orphaned Temp Age")
            .description("A temp file nobody has written to for this long was left by a copy that died (a node crash); a reconcile of its "
                    + "directory removes it. Longer than the longest gap between two checkpoints of one copy.")
            .required(true)
            .defaultValue("1 hour")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The operation was applied, skipped or found unnecessary; fusion.result says which")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("A transient problem (throttling, timeouts, resets, a source changing during every copy attempt); penalized, try again")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("A problem permanent for this record (authorization, invalid path or record, corrupt source); see fusion.error.code")
            .build();

    static final String COUNTER_BYTES_COPIED = "Bytes Copied";
    static final String COUNTER_FILES_COPIED = "Files Copied";
    static final String COUNTER_FILES_SKIPPED = "Files Skipped";
    static final String COUNTER_OPEN_FILES = "Open Files Not Committed";
    static final String COUNTER_FAILED = "Operations Failed";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(HDFS_SOURCE_SERVICE, FUSION_TARGET_SERVICE, CHUNK_SIZE, PARALLEL_CHUNKS,
            CHECKPOINT_INTERVAL, BANDWIDTH_LIMIT, DELETE_POLICY, TRASH_RETENTION, KEEP_REPLACED_VERSIONS, EXISTING_TARGET_POLICY, PRESERVE_METADATA,
            IDENTITY_MAPPING_FILE, TEMP_NAME_PREFIX, MAX_COPY_ATTEMPTS, EXCLUSIONS, ORPHANED_TEMP_AGE);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);

    /** Records taken per trigger, so small files do not pay a session commit each; big copies end the batch by time. */
    private static final int MAX_BATCH = 20;
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Clock clock;
    private final AtomicLong targetBusyUntilMillis = new AtomicLong();
    private volatile ExecutorService chunkExecutor;
    private volatile AdlsReplicator replicator;
    private volatile FusionTargetService targetService;
    private volatile HdfsSourceService sourceService;
    private volatile RecordRouter router;
    private volatile TrashRetention trashRetention;

    public ReplicateToADLS() {
        this(Clock.systemUTC());
    }

    /** @param clock judges a target's Retry-After, how long a file has been open, and the age of orphaned temps */
    ReplicateToADLS(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        sourceService = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        targetService = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final ReplicatorSettings settings = ReplicatorSettingsReader.read(context);
        final int parallelism = settings.parallelism();
        final long bytesPerSecond = context.getProperty(BANDWIDTH_LIMIT).isSet()
                ? context.getProperty(BANDWIDTH_LIMIT).asDataSize(DataUnit.B).longValue() : 0;
        final BandwidthThrottle throttle = BandwidthThrottles.forKey(getIdentifier(), bytesPerSecond);
        chunkExecutor = Executors.newFixedThreadPool(parallelism * Math.max(1, context.getMaxConcurrentTasks()), chunkThreadFactory());
        replicator = new AdlsReplicator(sourceService, targetService.getFileSystemClient(), targetService.getPathMapper(), settings,
                chunkExecutor, throttle, targetService.getAuthenticationMode(), clock);
        targetBusyUntilMillis.set(0);
        trashRetention = settings.deletePolicy() == DeletePolicy.KEEP_IN_TRASH
                ? new TrashRetention(new TrashPurger(targetService.getFileSystemClient(), new TrashLayout(targetService.getPathMapper().getTargetRoot()), clock),
                        Duration.ofMillis(context.getProperty(TRASH_RETENTION).asTimePeriod(TimeUnit.MILLISECONDS)), clock)
                : null;
        router = new RecordRouter(getLogger(), sourceService, targetService, targetBusyUntilMillis, clock);
        getLogger().info("Replicating with chunks of {} bytes, {} in parallel per file, checkpoint every {} chunks, bandwidth limit {} bytes/s, {} identity mappings",
                settings.chunkSize(), parallelism, settings.checkpointInterval(), bytesPerSecond == 0 ? "none" : bytesPerSecond, settings.identityMapping().size());
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        return new ReplicationSetupCheck(context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class),
                context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class), verificationLogger)
                .verify(context.getProperty(TEMP_NAME_PREFIX).getValue());
    }

    @OnStopped
    public void onStopped() {
        final ExecutorService executor = chunkExecutor;
        if (executor != null) {
            executor.shutdownNow();
        }
        final AdlsReplicator stopping = replicator;
        if (stopping != null) {
            stopping.retryTempDeletes();
        }
        chunkExecutor = null;
        replicator = null;
    }

    @OnRemoved
    public void onRemoved() {
        BandwidthThrottles.remove(getIdentifier());
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        if (clock.millis() < targetBusyUntilMillis.get()) {
            // the target asked to wait (Retry-After): the whole processor backs off, not only the record that heard it
            context.yield();
            return;
        }
        final String licenseProblem = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class).getLicenseProblem();
        if (licenseProblem != null) {
            // Records stay queued: nothing is failed or lost, replication resumes once the license is renewed
            getLogger().error(licenseProblem);
            context.yield();
            return;
        }
        final TrashRetention retention = trashRetention;
        if (retention != null) {
            retention.purgeIfDue(getLogger());
        }
        final long started = System.nanoTime();
        for (int taken = 0; taken < MAX_BATCH && System.nanoTime() - started < BATCH_NANOS; taken++) {
            final FlowFile flowFile = session.get();
            if (flowFile == null) {
                return;
            }
            if (!process(context, session, flowFile)) {
                return;
            }
        }
    }

    /** @return whether to go on with the batch */
    private boolean process(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final ReplicationOperation operation;
        try {
            operation = ReplicationOperation.fromAttributes(flowFile.getAttributes());
        } catch (final IllegalArgumentException e) {
            router.fail(session, flowFile, new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, e.getMessage(), e));
            return true;
        }
        try {
            final ReplicationOutcome outcome = replicator.apply(operation, flowFile.getAttribute(ReplicationAttributes.RESUME_TEMP_PATH),
                    isDisprovedByVerification(flowFile), this::isScheduled);
            router.succeed(session, flowFile, operation, outcome);
            return true;
        } catch (final ReplicationException e) {
            if (e.isTransient()) {
                router.retry(context, session, flowFile, operation, e);
                return e.getRetryAfter() == null;
            }
            getLogger().error("{} of {} failed permanently: {}", operation.type(), operation.path(), e.getMessage(), e);
            router.fail(session, flowFile, e);
            return true;
        }
    }

    /**
     * A record VerifyChecksum routed to mismatch and the flow sent back: the target's bytes or metadata were found to
     * differ from the source version the target records, so the copy must not be skipped as current.
     */
    private static boolean isDisprovedByVerification(final FlowFile flowFile) {
        return VerificationOutcome.MISMATCH.name().equalsIgnoreCase(flowFile.getAttribute(VerificationAttributes.RESULT));
    }

    private ThreadFactory chunkThreadFactory() {
        final AtomicInteger counter = new AtomicInteger();
        final String prefix = "ReplicateToADLS-" + getIdentifier() + "-chunk-";
        return runnable -> {
            final Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
