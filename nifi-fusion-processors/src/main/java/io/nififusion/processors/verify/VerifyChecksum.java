package io.nififusion.processors.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.verify.AuditCancelledException;
import io.nififusion.core.verify.AuditSummary;
import io.nififusion.core.verify.CallRateLimiter;
import io.nififusion.core.verify.DifferenceKind;
import io.nififusion.core.verify.FileVerification;
import io.nififusion.core.verify.FileVerifier;
import io.nififusion.core.verify.SourceFileState;
import io.nififusion.core.verify.TargetFileState;
import io.nififusion.core.verify.TreeAuditor;
import io.nififusion.core.verify.VerificationOptions;
import io.nififusion.core.verify.VerificationOutcome;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnUnscheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

@Tags({"hdfs", "hadoop", "adls", "azure", "hdinsight", "checksum", "crc32c", "verify", "audit", "migration", "fusion"})
@CapabilityDescription("Proves that the ADLS Gen2 target equals the HDFS source, for the path of each incoming replication record (File scope) "
        + "or for a whole tree (Tree scope). Quick depth compares existence, size and the source COMPOSITE_CRC (computed by the DataNodes, "
        + "no bytes read) with the CRC32C ReplicateToADLS recorded at the target; Deep depth reads the target bytes back and recomputes "
        + "their CRC32C. A checksum that cannot be obtained is never counted as a match. File scope routes each record to verified, "
        + "mismatch, missing, changed or failure; Tree scope writes a report of every difference, one JSON object per line.")
@InputRequirement(InputRequirement.Requirement.INPUT_ALLOWED)
@SeeAlso(classNames = {
        "io.nififusion.processors.replicate.ReplicateToADLS",
        "io.nififusion.processors.list.ListHDFSChanges",
        "io.nififusion.services.hdfs.StandardHdfsSourceService",
        "io.nififusion.services.target.StandardFusionTargetService"})
@ReadsAttributes({
        @ReadsAttribute(attribute = OperationAttributes.OPERATION, description = "File scope: the operation of the record (DELETE verifies absence)"),
        @ReadsAttribute(attribute = OperationAttributes.PATH, description = "File scope: absolute source path to verify"),
        @ReadsAttribute(attribute = OperationAttributes.LENGTH, description = "File scope: source length when the record was made, to tell a changed source"),
        @ReadsAttribute(attribute = OperationAttributes.MODIFICATION_TIME, description = "File scope: source modification time when the record was made"),
        @ReadsAttribute(attribute = OperationAttributes.FILE_ID, description = "File scope: source inode id when the record was made")})
@WritesAttributes({
        @WritesAttribute(attribute = VerificationAttributes.RESULT, description = "File scope: verified, mismatch, missing, changed or unverified"),
        @WritesAttribute(attribute = VerificationAttributes.CHECK, description = "File scope: the check that failed: existence, type, size, checksum, metadata or stability"),
        @WritesAttribute(attribute = VerificationAttributes.SOURCE_CRC32C, description = "File scope: source CRC32C, eight hex digits"),
        @WritesAttribute(attribute = VerificationAttributes.TARGET_CRC32C, description = "File scope: target CRC32C, eight hex digits"),
        @WritesAttribute(attribute = VerificationAttributes.SOURCE_LENGTH, description = "File scope: source length in bytes"),
        @WritesAttribute(attribute = VerificationAttributes.TARGET_LENGTH, description = "File scope: target length in bytes"),
        @WritesAttribute(attribute = VerificationAttributes.SOURCE_CHECKSUM_ORIGIN, description = "source-composite-crc, source-bytes (read as a fallback) or none"),
        @WritesAttribute(attribute = VerificationAttributes.TARGET_CHECKSUM_ORIGIN, description = "target-recorded, target-bytes or none"),
        @WritesAttribute(attribute = VerificationAttributes.EXPLANATION, description = "Why the verdict, and any fallback used"),
        @WritesAttribute(attribute = VerificationAttributes.DEPTH, description = "QUICK or DEEP"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_CODE, description = "On failure: what went wrong"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_MESSAGE, description = "On failure: the message"),
        @WritesAttribute(attribute = VerificationAttributes.ROOT, description = "Tree scope: the audited source root"),
        @WritesAttribute(attribute = VerificationAttributes.STARTED, description = "Tree scope: when the audit started (ISO-8601)"),
        @WritesAttribute(attribute = VerificationAttributes.FINISHED, description = "Tree scope: when the audit ended (ISO-8601)"),
        @WritesAttribute(attribute = VerificationAttributes.FILES_CHECKED, description = "Tree scope: files present on both sides and compared"),
        @WritesAttribute(attribute = VerificationAttributes.BYTES_CHECKED, description = "Tree scope: source bytes covered by the compared files"),
        @WritesAttribute(attribute = VerificationAttributes.DIFFERENCES, description = "Tree scope: number of report lines"),
        @WritesAttribute(attribute = "fusion.verify.differences.*", description = "Tree scope: count per kind: missing, extra, type, size, checksum, "
                + "metadata, changed, unverified, error")})
public class VerifyChecksum extends AbstractProcessor implements VerifiableProcessor {

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = new PropertyDescriptor.Builder()
            .name("HDFS Source Service")
            .description("The source Hadoop cluster")
            .identifiesControllerService(HdfsSourceService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = new PropertyDescriptor.Builder()
            .name("Fusion Target Service")
            .description("The target ADLS Gen2 filesystem and the mapping of source paths to target paths")
            .identifiesControllerService(FusionTargetService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor VERIFICATION_SCOPE = new PropertyDescriptor.Builder()
            .name("Verification Scope")
            .description("Whether to verify the path of each incoming record or a whole tree")
            .allowableValues(VerificationScope.class)
            .defaultValue(VerificationScope.FILE)
            .required(true)
            .build();

    public static final PropertyDescriptor VERIFICATION_DEPTH = new PropertyDescriptor.Builder()
            .name("Verification Depth")
            .description("How much is read to prove equality")
            .allowableValues(VerificationDepthOption.class)
            .defaultValue(VerificationDepthOption.QUICK)
            .required(true)
            .build();

    public static final PropertyDescriptor TREE_ROOT = new PropertyDescriptor.Builder()
            .name("Tree Root")
            .description("Absolute source directory to audit; its target is given by the Fusion Target Service's path mapping. Evaluated against "
                    + "the incoming FlowFile when the processor has an incoming connection, for example ${hdfs.path}.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .dependsOn(VERIFICATION_SCOPE, VerificationScope.TREE)
            .build();

    public static final PropertyDescriptor COMPARE_METADATA = new PropertyDescriptor.Builder()
            .name("Compare Metadata")
            .description("Also compare the permission bits (rwx for owner, group and other, and the sticky bit, as ReplicateToADLS applies them) "
                    + "of files and directories, one more target request per path, and the source version recorded at the target "
                    + "(fusion_source_path, fusion_source_length, fusion_source_mtime, fusion_source_fileid) with the current source. "
                    + "A difference is reported as metadata even when the bytes are equal. Owner and group are not compared: "
                    + "the target holds Azure AD object ids, set only through the replicator's identity mapping.")
            .allowableValues("true", "false")
            .defaultValue("false")
            .required(true)
            .build();

    public static final PropertyDescriptor UNAVAILABLE_CHECKSUM_HANDLING = new PropertyDescriptor.Builder()
            .name("Unavailable Checksum Handling")
            .description("What to do when a side cannot give a CRC32C without reading: a source cluster whose dfs.checksum.type is CRC32, "
                    + "or a target file without fusion_crc32c metadata")
            .allowableValues(UnavailableChecksumHandling.class)
            .defaultValue(UnavailableChecksumHandling.READ_BYTES)
            .required(true)
            .build();

    public static final PropertyDescriptor MAX_FILES_PER_SECOND = new PropertyDescriptor.Builder()
            .name("Max Files per Second")
            .description("Upper bound on source checksum requests per second across all tasks of this processor, so an audit does not "
                    + "load the NameNode. 0 means no limit.")
            .required(true)
            .defaultValue("200")
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor TREE_THREADS = new PropertyDescriptor.Builder()
            .name("Tree Verification Threads")
            .description("Files compared at once during one tree audit (checksum requests and target reads overlap)")
            .required(true)
            .defaultValue("4")
            .addValidator(StandardValidators.createLongValidator(1, 64, true))
            .dependsOn(VERIFICATION_SCOPE, VerificationScope.TREE)
            .build();

    public static final PropertyDescriptor TARGET_LIST_PAGE_SIZE = new PropertyDescriptor.Builder()
            .name("Target Listing Page Size")
            .description("Entries requested per page of the target directory listing (ADLS returns at most 5000)")
            .required(true)
            .defaultValue("5000")
            .addValidator(StandardValidators.createLongValidator(1, 5000, true))
            .dependsOn(VERIFICATION_SCOPE, VerificationScope.TREE)
            .build();

    public static final PropertyDescriptor EXCLUSIONS = new PropertyDescriptor.Builder()
            .name("Exclusions")
            .description("Comma-separated names (globs, matched against every name of a path) or regex:-prefixed regular expressions (matched "
                    + "against the whole source path) left out of the audit on both sides. Use the same value as ListHDFSChanges, plus the "
                    + "temporary names of in-flight copies (ReplicateToADLS's Temp Name Prefix followed by *), so neither is reported as a difference.")
            .required(false)
            .defaultValue(ExclusionFilter.DEFAULT_EXCLUSIONS + "," + ReplicatorSettings.DEFAULT_TEMP_PREFIX + "*")
            .addValidator(new ExclusionsValidator())
            .dependsOn(VERIFICATION_SCOPE, VerificationScope.TREE)
            .build();

    public static final Relationship VERIFIED = new Relationship.Builder()
            .name("verified")
            .description("File scope: the target equals the source")
            .build();
    public static final Relationship MISMATCH = new Relationship.Builder()
            .name("mismatch")
            .description("File scope: the target differs; fusion.verify.check names the failed check and the attributes carry both values")
            .build();
    public static final Relationship MISSING = new Relationship.Builder()
            .name("missing")
            .description("File scope: nothing at the target path")
            .build();
    public static final Relationship CHANGED = new Relationship.Builder()
            .name("changed")
            .description("File scope: the source changed during verification or since the record was made (or was deleted): neither equal nor "
                    + "different. Verify again once a later record has been replicated.")
            .build();
    public static final Relationship RETRY = new Relationship.Builder()
            .name("retry")
            .description("File scope: a transient failure (throttling, timeout, connection reset); penalized")
            .build();
    public static final Relationship FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The record or audit could not be verified: invalid record, permission denied, checksum unavailable; "
                    + "fusion.error.code and fusion.error.message explain")
            .build();
    public static final Relationship REPORT = new Relationship.Builder()
            .name("report")
            .description("Tree scope: the audit report, one JSON object per difference, with the summary as attributes")
            .build();
    public static final Relationship ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("Tree scope: the FlowFile that triggered the audit")
            .build();

    static final Set<Relationship> FILE_RELATIONSHIPS = Set.of(VERIFIED, MISMATCH, MISSING, CHANGED, RETRY, FAILURE);
    static final Set<Relationship> TREE_RELATIONSHIPS = Set.of(REPORT, ORIGINAL, FAILURE);

    static final String STEP_CHECKSUM_CONFIGURATION = "Check Checksum Configuration";
    static final String STEP_READ_SOURCE_ROOT = "Read Source Root";
    static final String STEP_READ_TARGET_ROOT = "Read Target Root";

    static final String REPORT_MIME_TYPE = "application/x-ndjson";
    static final String COMPOSITE_CRC = "COMPOSITE_CRC";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(HDFS_SOURCE_SERVICE, FUSION_TARGET_SERVICE, VERIFICATION_SCOPE, VERIFICATION_DEPTH,
            TREE_ROOT, COMPARE_METADATA, UNAVAILABLE_CHECKSUM_HANDLING, MAX_FILES_PER_SECOND, TREE_THREADS, TARGET_LIST_PAGE_SIZE, EXCLUSIONS);

    private volatile Set<Relationship> relationships = FILE_RELATIONSHIPS;
    private volatile CallRateLimiter checksumRateLimiter = CallRateLimiter.unlimited();
    private volatile boolean running;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return relationships;
    }

    @Override
    public void onPropertyModified(final PropertyDescriptor descriptor, final String oldValue, final String newValue) {
        if (VERIFICATION_SCOPE.equals(descriptor)) {
            relationships = VerificationScope.TREE.getValue().equals(newValue) ? TREE_RELATIONSHIPS : FILE_RELATIONSHIPS;
        }
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        checksumRateLimiter = new CallRateLimiter(context.getProperty(MAX_FILES_PER_SECOND).asInteger());
        running = true;
    }

    @OnUnscheduled
    public void onUnscheduled() {
        // Lets a long tree audit stop between directories instead of holding the processor
        running = false;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final VerificationScope scope = context.getProperty(VERIFICATION_SCOPE).asAllowableValue(VerificationScope.class);
        if (scope == VerificationScope.FILE) {
            final FlowFile flowFile = session.get();
            if (flowFile != null) {
                verifyFile(context, session, flowFile);
            }
            return;
        }
        FlowFile trigger = null;
        if (context.hasIncomingConnection()) {
            trigger = session.get();
            if (trigger == null) {
                return;
            }
        }
        auditTree(context, session, trigger);
    }

    private void verifyFile(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final HdfsSourceService source = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final FusionTargetService target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final ReplicationOperation operation;
        final String targetPath;
        try {
            operation = ReplicationOperation.fromAttributes(flowFile.getAttributes());
            targetPath = target.getPathMapper().toTargetPath(operation.path());
        } catch (final IllegalArgumentException e) {
            getLogger().error("Invalid replication record {}", flowFile, e);
            session.transfer(fail(session, flowFile, "invalid.record", e.getMessage()), FAILURE);
            return;
        }

        final VerificationOptions options = buildOptions(context);
        final long started = System.nanoTime();
        final FileVerification verification;
        try {
            verification = source.execute(fileSystem -> {
                final FileVerifier verifier = new FileVerifier(fileSystem, target.getFileSystemClient(), options, checksumRateLimiter);
                if (operation.type() == OperationType.DELETE) {
                    return verifier.verifyDeleted(operation.path(), targetPath);
                }
                try {
                    return verifier.verify(operation.path(), targetPath, expectedState(operation));
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while verifying " + operation.path());
                }
            });
        } catch (final IOException | RuntimeException e) {
            handleFileFailure(session, flowFile, operation.path(), target, e);
            return;
        }

        final Map<String, String> attributes = toAttributes(verification, options);
        FlowFile updated = session.putAllAttributes(flowFile, attributes);
        final Relationship relationship = relationshipOf(verification.outcome());
        if (verification.outcome() == VerificationOutcome.UNVERIFIED) {
            updated = fail(session, updated, "checksum.unavailable", verification.explanation());
        }
        session.adjustCounter(counterName(verification.outcome()), 1, false);
        session.adjustCounter("Bytes Read", verification.bytesRead(), false);
        final String details = options.depth() + " verification of " + source.getFileSystemUri() + operation.path() + " against "
                + target.getTransitUri(targetPath) + ": " + verification.outcome().name().toLowerCase(Locale.ROOT) + ". " + verification.explanation();
        session.getProvenanceReporter().route(updated, relationship, details, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        getLogger().debug("Verified {} against {}: {}", operation.path(), targetPath, verification.outcome());
        session.transfer(updated, relationship);
    }

    private void handleFileFailure(final ProcessSession session, final FlowFile flowFile, final String path, final FusionTargetService target, final Exception failure) {
        // The replicator's classification, so both processors agree on what is transient and name the same codes
        final ReplicationException classified = new ReplicationErrorClassifier(target.getAuthenticationMode()).classify(failure, "Verifying " + path);
        final FlowFile updated = fail(session, flowFile, classified.getCode().name(), classified.getMessage());
        if (classified.isTransient()) {
            getLogger().warn("Transient failure verifying {}: will retry", path, failure);
            session.transfer(session.penalize(updated), RETRY);
        } else {
            getLogger().error("Failed to verify {}: {}", path, classified.getCode(), failure);
            session.transfer(updated, FAILURE);
        }
    }

    private void auditTree(final ProcessContext context, final ProcessSession session, final FlowFile trigger) {
        final HdfsSourceService source = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final FusionTargetService target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final String root = context.getProperty(TREE_ROOT).evaluateAttributeExpressions(trigger).getValue();
        if (root == null || !root.startsWith("/") || !target.getPathMapper().covers(root)) {
            final String message = "Tree Root [" + root + "] must be an absolute path under the source root " + target.getPathMapper().getSourceRoot();
            failAudit(context, session, trigger, "invalid.root", message, null);
            return;
        }
        final VerificationOptions options = buildOptions(context);
        final int threads = context.getProperty(TREE_THREADS).asInteger();
        final int pageSize = context.getProperty(TARGET_LIST_PAGE_SIZE).asInteger();
        final ExclusionFilter exclusions = ExclusionFilter.parse(context.getProperty(EXCLUSIONS).getValue());

        final AtomicReference<AuditSummary> summaryHolder = new AtomicReference<>();
        FlowFile report = trigger == null ? session.create() : session.create(trigger);
        try {
            report = session.write(report, out -> {
                final BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                final AuditSummary summary = source.execute(fileSystem -> {
                    final FileVerifier verifier = new FileVerifier(fileSystem, target.getFileSystemClient(), options, checksumRateLimiter);
                    final TreeAuditor auditor = new TreeAuditor(fileSystem, target.getFileSystemClient(), target.getPathMapper(), verifier, exclusions,
                            threads, pageSize, Clock.systemUTC(), task -> () -> runAsSourceUser(source, task));
                    try {
                        return auditor.audit(root, difference -> {
                            writer.write(difference.toJsonLine());
                            writer.write('\n');
                        }, () -> running);
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while auditing " + root);
                    }
                });
                writer.flush();
                summaryHolder.set(summary);
            });
        } catch (final ProcessException | UncheckedIOException e) {
            session.remove(report);
            if (causedBy(e, AuditCancelledException.class)) {
                getLogger().info("Audit of {} stopped with the processor; it will start over when scheduled again", root);
                session.rollback();
                return;
            }
            failAudit(context, session, trigger, causedBy(e, FileNotFoundException.class) ? "source.root.not.found" : "audit.error", messageOf(e), e);
            return;
        }

        final AuditSummary summary = summaryHolder.get();
        report = session.putAllAttributes(report, summaryAttributes(summary, root));
        session.adjustCounter("Tree Audits", 1, false);
        session.adjustCounter("Tree Files Checked", summary.getFilesChecked(), false);
        session.adjustCounter("Tree Differences", summary.getTotalDifferences(), false);
        session.adjustCounter("Bytes Read", summary.getBytesRead(), false);
        final String details = summary.getDepth() + " audit of " + source.getFileSystemUri() + root + " against " + target.getTransitUri(summary.getTargetRoot())
                + ": " + summary.getFilesChecked() + " files checked, " + summary.getTotalDifferences() + " differences";
        if (trigger == null) {
            session.getProvenanceReporter().create(report, details);
        } else {
            session.getProvenanceReporter().modifyContent(report, details);
            session.transfer(trigger, ORIGINAL);
        }
        getLogger().info("Audit of {} against {}: {} files checked, {} differences", root, summary.getTargetRoot(), summary.getFilesChecked(),
                summary.getTotalDifferences());
        session.transfer(report, REPORT);
    }

    private void failAudit(final ProcessContext context, final ProcessSession session, final FlowFile trigger, final String code, final String message,
                           final Exception failure) {
        if (failure == null) {
            getLogger().error("Tree audit not started: {}", message);
        } else {
            getLogger().error("Tree audit failed: {}", message, failure);
        }
        if (trigger == null) {
            context.yield();
        } else {
            session.transfer(fail(session, trigger, code, message), FAILURE);
        }
    }

    private static void runAsSourceUser(final HdfsSourceService source, final Runnable task) {
        try {
            source.execute(fileSystem -> {
                task.run();
                return null;
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VerificationOptions buildOptions(final ProcessContext context) {
        final VerificationDepthOption depth = context.getProperty(VERIFICATION_DEPTH).asAllowableValue(VerificationDepthOption.class);
        final UnavailableChecksumHandling handling = context.getProperty(UNAVAILABLE_CHECKSUM_HANDLING).asAllowableValue(UnavailableChecksumHandling.class);
        return VerificationOptions.of(depth.getDepth())
                .withCompareMetadata(context.getProperty(COMPARE_METADATA).asBoolean())
                .withReadWhenChecksumUnavailable(handling == UnavailableChecksumHandling.READ_BYTES);
    }

    /** The version the record describes, when it describes one, so a source rewritten since is reported changed. */
    private static SourceFileState expectedState(final ReplicationOperation operation) {
        if (operation.type() != OperationType.COPY || (operation.length() < 0 && operation.modificationTime() < 0)) {
            return null;
        }
        return new SourceFileState(operation.path(), operation.directory(), operation.length(), operation.modificationTime(), operation.fileId());
    }

    private static Map<String, String> toAttributes(final FileVerification verification, final VerificationOptions options) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(VerificationAttributes.RESULT, verification.outcome().name().toLowerCase(Locale.ROOT));
        if (verification.check() != null) {
            attributes.put(VerificationAttributes.CHECK, verification.check().getValue());
        }
        attributes.put(VerificationAttributes.DEPTH, options.depth().name());
        attributes.put(VerificationAttributes.EXPLANATION, verification.explanation());
        if (verification.sourceLength() >= 0) {
            attributes.put(VerificationAttributes.SOURCE_LENGTH, Long.toString(verification.sourceLength()));
        }
        if (verification.targetLength() >= 0) {
            attributes.put(VerificationAttributes.TARGET_LENGTH, Long.toString(verification.targetLength()));
        }
        if (verification.sourceCrc32c() != null) {
            attributes.put(VerificationAttributes.SOURCE_CRC32C, Crc32cFormat.format(verification.sourceCrc32c()));
        }
        if (verification.targetCrc32c() != null) {
            attributes.put(VerificationAttributes.TARGET_CRC32C, Crc32cFormat.format(verification.targetCrc32c()));
        }
        attributes.put(VerificationAttributes.SOURCE_CHECKSUM_ORIGIN, verification.sourceChecksumSource().getValue());
        attributes.put(VerificationAttributes.TARGET_CHECKSUM_ORIGIN, verification.targetChecksumSource().getValue());
        attributes.put(VerificationAttributes.BYTES_READ, Long.toString(verification.bytesRead()));
        attributes.put(OperationAttributes.TARGET_PATH, verification.targetPath());
        return attributes;
    }

    private static Map<String, String> summaryAttributes(final AuditSummary summary, final String root) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(VerificationAttributes.ROOT, summary.getSourceRoot());
        attributes.put(VerificationAttributes.TARGET_ROOT, summary.getTargetRoot());
        attributes.put(VerificationAttributes.DEPTH, summary.getDepth().name());
        attributes.put(VerificationAttributes.STARTED, DateTimeFormatter.ISO_INSTANT.format(summary.getStarted()));
        attributes.put(VerificationAttributes.FINISHED, DateTimeFormatter.ISO_INSTANT.format(summary.getFinished()));
        attributes.put(VerificationAttributes.FILES_CHECKED, Long.toString(summary.getFilesChecked()));
        attributes.put(VerificationAttributes.FILES_VERIFIED, Long.toString(summary.getFilesVerified()));
        attributes.put(VerificationAttributes.DIRECTORIES_CHECKED, Long.toString(summary.getDirectoriesChecked()));
        attributes.put(VerificationAttributes.BYTES_CHECKED, Long.toString(summary.getBytesChecked()));
        attributes.put(VerificationAttributes.BYTES_READ, Long.toString(summary.getBytesRead()));
        attributes.put(VerificationAttributes.DIFFERENCES, Long.toString(summary.getTotalDifferences()));
        for (final Map.Entry<DifferenceKind, Long> count : summary.getDifferenceCounts().entrySet()) {
            attributes.put(VerificationAttributes.DIFFERENCES_PREFIX + count.getKey().getValue(), Long.toString(count.getValue()));
        }
        attributes.put(CoreAttributes.MIME_TYPE.key(), REPORT_MIME_TYPE);
        final String name = root.equals("/") ? "root" : root.substring(1).replace('/', '_');
        attributes.put(CoreAttributes.FILENAME.key(), "verify-" + name + "-" + summary.getStarted().toEpochMilli() + ".jsonl");
        return attributes;
    }

    private static Relationship relationshipOf(final VerificationOutcome outcome) {
        return switch (outcome) {
            case VERIFIED -> VERIFIED;
            case MISMATCH -> MISMATCH;
            case MISSING -> MISSING;
            case CHANGED -> CHANGED;
            case UNVERIFIED -> FAILURE;
        };
    }

    private static String counterName(final VerificationOutcome outcome) {
        return switch (outcome) {
            case VERIFIED -> "Files Verified";
            case MISMATCH -> "Files Mismatched";
            case MISSING -> "Files Missing";
            case CHANGED -> "Files Changed";
            case UNVERIFIED -> "Files Unverified";
        };
    }

    private static FlowFile fail(final ProcessSession session, final FlowFile flowFile, final String code, final String message) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OperationAttributes.ERROR_CODE, code);
        attributes.put(OperationAttributes.ERROR_MESSAGE, message == null ? "" : message);
        return session.putAllAttributes(flowFile, attributes);
    }

    private static boolean causedBy(final Throwable failure, final Class<? extends Throwable> type) {
        Throwable current = failure;
        while (current != null) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    private static String messageOf(final Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof ProcessException || current instanceof UncheckedIOException)) {
            current = current.getCause();
        }
        return current.getClass().getSimpleName() + ": " + current.getMessage();
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final HdfsSourceService source = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final FusionTargetService target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);

        final Configuration configuration = source.getConfiguration();
        final String combineMode = configuration.get("dfs.checksum.combine.mode", "MD5MD5CRC");
        if (COMPOSITE_CRC.equalsIgnoreCase(combineMode)) {
            results.add(result(STEP_CHECKSUM_CONFIGURATION, ConfigVerificationResult.Outcome.SUCCESSFUL,
                    "Source checksums are requested as COMPOSITE_CRC (block-size independent CRC32C)"));
        } else {
            results.add(result(STEP_CHECKSUM_CONFIGURATION, ConfigVerificationResult.Outcome.FAILED,
                    "dfs.checksum.combine.mode is " + combineMode + ": set it to COMPOSITE_CRC, otherwise every source checksum is unavailable "
                            + "and verification must read source bytes"));
        }

        final VerificationScope scope = context.getProperty(VERIFICATION_SCOPE).asAllowableValue(VerificationScope.class);
        final TargetPathMapper mapper = target.getPathMapper();
        final String root = scope == VerificationScope.TREE ? context.getProperty(TREE_ROOT).evaluateAttributeExpressions(attributes).getValue() : mapper.getSourceRoot();
        try {
            final FileStatus status = source.execute(fileSystem -> fileSystem.getFileStatus(new Path(root)));
            results.add(result(STEP_READ_SOURCE_ROOT, ConfigVerificationResult.Outcome.SUCCESSFUL,
                    "Source " + (status.isDirectory() ? "directory " : "file ") + source.getFileSystemUri() + root + " is readable"));
        } catch (final IOException | RuntimeException e) {
            verificationLogger.error("Failed to read source root {}", root, e);
            results.add(result(STEP_READ_SOURCE_ROOT, ConfigVerificationResult.Outcome.FAILED, "Source root " + root + ": " + messageOf(e)));
        }

        try {
            final String targetRoot = mapper.toTargetPath(root);
            final DataLakeFileSystemClient fileSystemClient = target.getFileSystemClient();
            if (targetRoot.isEmpty()) {
                fileSystemClient.listPaths(new ListPathsOptions().setMaxResults(1), null).iterator().hasNext();
                results.add(result(STEP_READ_TARGET_ROOT, ConfigVerificationResult.Outcome.SUCCESSFUL, "Target filesystem root is listable"));
            } else {
                final TargetFileState state = TargetFileState.fetch(fileSystemClient, targetRoot);
                if (state == null) {
                    results.add(result(STEP_READ_TARGET_ROOT, ConfigVerificationResult.Outcome.FAILED,
                            "Nothing at target " + target.getTransitUri(targetRoot) + ": every source path would be reported missing"));
                } else {
                    results.add(result(STEP_READ_TARGET_ROOT, ConfigVerificationResult.Outcome.SUCCESSFUL,
                            "Target " + (state.directory() ? "directory " : "file ") + target.getTransitUri(targetRoot) + " is readable"));
                }
            }
        } catch (final RuntimeException e) {
            verificationLogger.error("Failed to read target root", e);
            results.add(result(STEP_READ_TARGET_ROOT, ConfigVerificationResult.Outcome.FAILED,
                    "Target (" + target.getAuthenticationMode() + " credential): " + messageOf(e)));
        }
        return results;
    }

    private static ConfigVerificationResult result(final String step, final ConfigVerificationResult.Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(outcome).explanation(explanation).build();
    }

    /** Rejects exclusion lists that do not parse, naming the bad entry. */
    private static final class ExclusionsValidator implements Validator {
        @Override
        public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
            try {
                ExclusionFilter.parse(input);
                return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
            } catch (final IllegalArgumentException e) {
                return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(e.getMessage()).build();
            }
        }
    }
}
