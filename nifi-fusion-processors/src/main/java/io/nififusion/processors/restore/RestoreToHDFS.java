package io.nififusion.processors.restore;

import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.copy.IdentityMapping;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.restore.HdfsRestorer;
import io.nififusion.core.restore.RestoreDestination;
import io.nififusion.core.restore.RestoreOutcome;
import io.nififusion.core.restore.RestoreRequest;
import io.nififusion.core.restore.RestoreResult;
import io.nififusion.core.restore.RestoreSettings;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.ParsingValidator;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.processors.common.TempNamePrefixValidator;
import io.nififusion.processors.replicate.ReplicationAttributes;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
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
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

@Tags({"adls", "azure", "hdfs", "hadoop", "restore", "backup", "copy", "migration", "fusion"})
@CapabilityDescription("Restores one target path per record (as ListADLSForRestore lists them) from ADLS Gen2 back to HDFS, to its original "
        + "source path or below a restore root, with the guarantees of replication in reverse: bytes go from ADLS straight to HDFS (never "
        + "through the content repository) into hidden files that appear at the final path by one rename only when complete; every read is "
        + "conditional on the ETag of one version; the CRC32C of the bytes read must equal the one the target recorded and the HDFS "
        + "COMPOSITE_CRC of what was written; big files are read in ranges written in parallel to hidden parts joined by concat; a stopped "
        + "restore resumes with its finished parts. Permissions, owner and group come back through the identity mapping read backwards.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso(classNames = {"io.nififusion.processors.restore.ListADLSForRestore", "io.nififusion.processors.replicate.ReplicateToADLS"})
@Restricted(restrictions = {
        @Restriction(requiredPermission = RequiredPermission.WRITE_DISTRIBUTED_FILESYSTEM,
                explanation = "Writes any HDFS path the source service's user may write, and replaces files there when the Existing File Policy says so"),
        @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM,
                explanation = "Reads the Identity Mapping File from the local file system of the NiFi node")
})
@ReadsAttributes({
        @ReadsAttribute(attribute = RestoreAttributes.TARGET_PATH, description = "The target copy to read, relative to the filesystem"),
        @ReadsAttribute(attribute = OperationAttributes.PATH, description = "The source path the copy backs up, which decides the destination"),
        @ReadsAttribute(attribute = RestoreAttributes.ETAG, description = "The version listed"),
        @ReadsAttribute(attribute = RestoreAttributes.AS_OF, description = "As-of records: a version younger than this found now is refused"),
        @ReadsAttribute(attribute = ReplicationAttributes.RESUME_TEMP_PATH, description = "Set by an attempt that went to retry: the temp file its "
                + "finished parts wait next to")
})
@WritesAttributes({
        @WritesAttribute(attribute = OperationAttributes.RESULT, description = "restored, skipped (HDFS already holds these bytes, or the policy "
                + "keeps what is there), created or updated (directories)"),
        @WritesAttribute(attribute = RestoreAttributes.DESTINATION, description = "The HDFS path restored to"),
        @WritesAttribute(attribute = RestoreAttributes.RESTORED_CRC32C, description = "CRC32C of the restored file"),
        @WritesAttribute(attribute = ReplicationAttributes.BYTES_COPIED, description = "Bytes read from the target by this attempt"),
        @WritesAttribute(attribute = RestoreAttributes.BYTES_RESUMED, description = "Bytes of parts a stopped attempt had finished, kept"),
        @WritesAttribute(attribute = ReplicationAttributes.ATTEMPTS, description = "Attempts made (the target copy changing starts another)"),
        @WritesAttribute(attribute = ReplicationAttributes.DURATION_MILLIS, description = "Milliseconds the restore took"),
        @WritesAttribute(attribute = ReplicationAttributes.DETAIL, description = "What was done and what proves it"),
        @WritesAttribute(attribute = ReplicationAttributes.RESUME_TEMP_PATH, description = "On retry: the temp file the next attempt resumes next to"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_CODE, description = "On retry or failure: what went wrong"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_MESSAGE, description = "On retry or failure: the explanation")
})
public class RestoreToHDFS extends AbstractProcessor implements VerifiableProcessor {

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HdfsSourceProperties.HDFS_SOURCE_SERVICE;

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = TargetServiceProperties.FUSION_TARGET_SERVICE;

    public static final PropertyDescriptor RESTORE_DESTINATION = new PropertyDescriptor.Builder()
            .name("Restore Destination")
            .description("Where on HDFS restored paths go")
            .required(true)
            .allowableValues(RestoreDestinationOption.class)
            .defaultValue(RestoreDestinationOption.UNDER_RESTORE_ROOT)
            .build();

    public static final PropertyDescriptor RESTORE_ROOT = new PropertyDescriptor.Builder()
            .name("Restore Root")
            .description("Absolute HDFS directory restored paths go below, each at its place relative to the mapping's Source Root, such as "
                    + "/restore/2026-12-01")
            .required(true)
            .addValidator(new ParsingValidator(ListADLSForRestore::parseAbsolutePath))
            .dependsOn(RESTORE_DESTINATION, RestoreDestinationOption.UNDER_RESTORE_ROOT)
            .build();

    public static final PropertyDescriptor EXISTING_FILE_POLICY = new PropertyDescriptor.Builder()
            .name("Existing File Policy")
            .description("What to do where HDFS already holds a different file at the path restored to; a file with the very bytes is skipped "
                    + "whatever the policy")
            .required(true)
            .allowableValues(ExistingFilePolicyOption.class)
            .defaultValue(ExistingFilePolicyOption.FAIL)
            .build();

    public static final PropertyDescriptor PART_SIZE = new PropertyDescriptor.Builder()
            .name("Part Size")
            .description("Bytes per part: a file bigger than this is read in ranges of this size, each written to its own hidden HDFS file at the "
                    + "same time as the others, and joined by one concat. A multiple of the HDFS block size keeps every block full.")
            .required(true)
            .defaultValue("128 MB")
            .addValidator(StandardValidators.createDataSizeBoundsValidator(64 * 1024, 1024L * 1024 * 1024 * 1024))
            .build();

    public static final PropertyDescriptor PARALLEL_PARTS = new PropertyDescriptor.Builder()
            .name("Parallel Parts per File")
            .description("Parts of one file read and written at the same time, each with its own HDFS write pipeline")
            .required(true)
            .defaultValue("4")
            .addValidator(StandardValidators.createLongValidator(1, 64, true))
            .build();

    public static final PropertyDescriptor RESTORE_METADATA = new PropertyDescriptor.Builder()
            .name("Restore Metadata")
            .description("Which metadata restored paths get from the target")
            .required(true)
            .allowableValues(RestoreMetadataOption.class)
            .defaultValue(RestoreMetadataOption.ALL)
            .build();

    public static final PropertyDescriptor IDENTITY_MAPPING_FILE = new PropertyDescriptor.Builder()
            .name("Identity Mapping File")
            .description("The Identity Mapping File of ReplicateToADLS (user:<name>=<object id> or group:<name>=<object id>, one a line), read "
                    + "backwards: object id to name")
            .required(false)
            .addValidator(StandardValidators.FILE_EXISTS_VALIDATOR)
            .dependsOn(RESTORE_METADATA, RestoreMetadataOption.PERMISSIONS_OWNERSHIP, RestoreMetadataOption.ALL)
            .build();

    public static final PropertyDescriptor TEMP_NAME_PREFIX = new PropertyDescriptor.Builder()
            .name("Temp Name Prefix")
            .description("Prefix of the hidden temp and part files next to the final HDFS file; must start with '_' or '.' so Hive, Spark and "
                    + "MapReduce ignore them")
            .required(true)
            .defaultValue(RestoreSettings.DEFAULT_TEMP_PREFIX)
            .addValidator(TempNamePrefixValidator.INSTANCE)
            .build();

    public static final PropertyDescriptor MAX_ATTEMPTS = new PropertyDescriptor.Builder()
            .name("Max Attempts")
            .description("Restores of one file tried within one record when its target copy keeps changing; then the record goes to retry")
            .required(true)
            .defaultValue("3")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The entry was restored, or HDFS already holds it; fusion.result says which")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("A transient problem (throttling, timeouts, resets, HDFS unavailable or over quota, the processor stopping); penalized, "
                    + "finished parts kept for the next attempt")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("A problem permanent for this record (a damaged or missing target copy, a different file in the way, permission); see "
                    + "fusion.error.code")
            .build();

    static final String COUNTER_BYTES_RESTORED = "Bytes Restored";
    static final String COUNTER_FILES_RESTORED = "Files Restored";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(HDFS_SOURCE_SERVICE, FUSION_TARGET_SERVICE, RESTORE_DESTINATION, RESTORE_ROOT,
            EXISTING_FILE_POLICY, PART_SIZE, PARALLEL_PARTS, RESTORE_METADATA, IDENTITY_MAPPING_FILE, TEMP_NAME_PREFIX, MAX_ATTEMPTS);

    private volatile ExecutorService partExecutor;
    private volatile HdfsRestorer restorer;
    private volatile RestoreDestination destination;
    private volatile TargetPathMapper mapper;
    private volatile HdfsSourceService hdfs;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        hdfs = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final FusionTargetService target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        mapper = target.getPathMapper();
        destination = destination(context, mapper);
        final int parallel = context.getProperty(PARALLEL_PARTS).asInteger();
        final RestoreMetadataOption metadata = context.getProperty(RESTORE_METADATA).asAllowableValue(RestoreMetadataOption.class);
        final String mappingFile = metadata.ownership() ? context.getProperty(IDENTITY_MAPPING_FILE).getValue() : null;
        final RestoreSettings settings = new RestoreSettings(context.getProperty(PART_SIZE).asDataSize(DataUnit.B).longValue(), parallel,
                context.getProperty(TEMP_NAME_PREFIX).getValue(), context.getProperty(MAX_ATTEMPTS).asInteger(),
                context.getProperty(EXISTING_FILE_POLICY).asAllowableValue(ExistingFilePolicyOption.class).getPolicy(),
                metadata.permissions(), metadata.ownership(), metadata.times(),
                mappingFile == null ? IdentityMapping.EMPTY : IdentityMapping.load(Path.of(mappingFile)));
        partExecutor = Executors.newFixedThreadPool(parallel * Math.max(1, context.getMaxConcurrentTasks()), partThreadFactory());
        restorer = new HdfsRestorer(hdfs, target.getFileSystemClient(), settings, partExecutor, target.getAuthenticationMode());
    }

    @OnStopped
    public void onStopped() {
        final ExecutorService executor = partExecutor;
        if (executor != null) {
            executor.shutdownNow();
        }
        partExecutor = null;
        restorer = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final long started = System.nanoTime();
        try {
            final RestoreRequest request = request(flowFile);
            final RestoreOutcome outcome = restorer.restore(request, this::isScheduled);
            succeed(session, flowFile, request, outcome, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (final ReplicationException e) {
            final Map<String, String> attributes = new HashMap<>();
            attributes.put(OperationAttributes.ERROR_CODE, e.getCode().name());
            attributes.put(OperationAttributes.ERROR_MESSAGE, e.getMessage());
            FlowFile failed = session.putAllAttributes(flowFile, attributes);
            if (e.getResumableTempPath() != null) {
                failed = session.putAttribute(failed, ReplicationAttributes.RESUME_TEMP_PATH, e.getResumableTempPath());
            } else {
                failed = session.removeAttribute(failed, ReplicationAttributes.RESUME_TEMP_PATH);
            }
            if (e.isTransient()) {
                getLogger().warn("Restore of {} goes to retry: {}", flowFile.getAttribute(RestoreAttributes.TARGET_PATH), e.getMessage());
                session.transfer(session.penalize(failed), REL_RETRY);
            } else {
                getLogger().error("Restore of {} failed: {}", flowFile.getAttribute(RestoreAttributes.TARGET_PATH), e.getMessage());
                session.transfer(failed, REL_FAILURE);
            }
        }
    }

    /** What the record asks, checked: a target path under the mapped root, a source path under the mapped source root. */
    private RestoreRequest request(final FlowFile flowFile) throws ReplicationException {
        final String targetPath = flowFile.getAttribute(RestoreAttributes.TARGET_PATH);
        final String sourcePath = flowFile.getAttribute(OperationAttributes.PATH);
        final String root = mapper.getTargetRoot();
        if (targetPath == null || sourcePath == null) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "A restore record needs " + RestoreAttributes.TARGET_PATH + " and "
                    + OperationAttributes.PATH + " (as ListADLSForRestore writes them)", null);
        }
        if (Arrays.asList(targetPath.split("/")).contains("..") || !root.isEmpty() && !targetPath.equals(root) && !targetPath.startsWith(root + "/")) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "Target path [" + targetPath + "] is outside the target root ["
                    + root + "] of the Fusion Target Service", null);
        }
        final String destinationPath;
        try {
            destinationPath = destination.destinationOf(sourcePath);
        } catch (final IllegalArgumentException e) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, OperationAttributes.PATH + " " + e.getMessage(), e);
        }
        final String asOf = flowFile.getAttribute(RestoreAttributes.AS_OF);
        try {
            return new RestoreRequest(targetPath, destinationPath, flowFile.getAttribute(RestoreAttributes.ETAG), asOf == null ? null : Instant.parse(asOf),
                    flowFile.getAttribute(ReplicationAttributes.RESUME_TEMP_PATH));
        } catch (final DateTimeParseException e) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, RestoreAttributes.AS_OF + " [" + asOf + "] is not an ISO-8601 moment", e);
        }
    }

    private void succeed(final ProcessSession session, final FlowFile original, final RestoreRequest request, final RestoreOutcome outcome,
                         final long millis) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OperationAttributes.RESULT, outcome.result().getAttributeValue());
        attributes.put(RestoreAttributes.DESTINATION, outcome.destinationPath());
        attributes.put(ReplicationAttributes.BYTES_COPIED, Long.toString(outcome.bytesTransferred()));
        attributes.put(RestoreAttributes.BYTES_RESUMED, Long.toString(outcome.bytesResumed()));
        attributes.put(ReplicationAttributes.ATTEMPTS, Integer.toString(outcome.attempts()));
        attributes.put(ReplicationAttributes.DURATION_MILLIS, Long.toString(millis));
        attributes.put(ReplicationAttributes.DETAIL, outcome.detail());
        if (outcome.crc32c() != null) {
            attributes.put(RestoreAttributes.RESTORED_CRC32C, Crc32cFormat.format(outcome.crc32c()));
        }
        FlowFile flowFile = session.putAllAttributes(original, attributes);
        flowFile = session.removeAllAttributes(flowFile, Set.of(OperationAttributes.ERROR_CODE, OperationAttributes.ERROR_MESSAGE,
                ReplicationAttributes.RESUME_TEMP_PATH));
        final String transitUri = hdfs.getFileSystemUri() + outcome.destinationPath();
        if (outcome.result() == RestoreResult.RESTORED) {
            session.getProvenanceReporter().send(flowFile, transitUri, "Restored " + request.targetPath() + ": " + outcome.detail(), millis);
            session.adjustCounter(COUNTER_FILES_RESTORED, 1, false);
            session.adjustCounter(COUNTER_BYTES_RESTORED, outcome.bytesTransferred(), false);
        } else if (outcome.result() != RestoreResult.SKIPPED) {
            session.getProvenanceReporter().invokeRemoteProcess(flowFile, transitUri, outcome.detail());
        }
        session.transfer(flowFile, REL_SUCCESS);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final HdfsSourceService source = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final FusionTargetService target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        return new RestoreSetupCheck(source, target, verificationLogger).verify(destination(context, target.getPathMapper()));
    }

    private static RestoreDestination destination(final ProcessContext context, final TargetPathMapper mapper) {
        return context.getProperty(RESTORE_DESTINATION).asAllowableValue(RestoreDestinationOption.class) == RestoreDestinationOption.ORIGINAL_PATHS
                ? RestoreDestination.originalPaths(mapper)
                : RestoreDestination.underRoot(mapper, context.getProperty(RESTORE_ROOT).getValue());
    }

    private ThreadFactory partThreadFactory() {
        final AtomicInteger counter = new AtomicInteger();
        final String prefix = "RestoreToHDFS-" + getIdentifier() + "-part-";
        return runnable -> {
            final Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
