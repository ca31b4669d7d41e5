package io.nififusion.processors.verify;

import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.verify.CallRateLimiter;
import io.nififusion.core.verify.VerificationOptions;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.SourceTreeProperties;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
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
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"hdfs", "hadoop", "adls", "azure", "hdinsight", "checksum", "crc32c", "verify", "audit", "migration", "fusion"})
@CapabilityDescription("Proves that the ADLS Gen2 target equals the HDFS source, for the path of each incoming replication record (File scope) "
        + "or for a whole tree (Tree scope). Quick depth compares existence, size and the source COMPOSITE_CRC (computed by the DataNodes, "
        + "no bytes read) with the CRC32C ReplicateToADLS recorded at the target; Deep depth reads the target bytes back and recomputes "
        + "their CRC32C. A checksum that cannot be obtained is never counted as a match. File scope routes each record to verified, "
        + "mismatch, missing, changed or failure; Tree scope writes a report of every difference, one JSON object per line.")
@InputRequirement(InputRequirement.Requirement.INPUT_ALLOWED)
@Restricted(restrictions = @Restriction(requiredPermission = RequiredPermission.READ_DISTRIBUTED_FILESYSTEM,
        explanation = "Reads the checksums, and at Deep depth the bytes, of any HDFS file the source service's user may read"))
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

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HdfsSourceProperties.HDFS_SOURCE_SERVICE;

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = TargetServiceProperties.FUSION_TARGET_SERVICE;

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

    /** An absolute source path without '.' or '..' segments; a value with expression language is checked per FlowFile. */
    private static final Validator TREE_ROOT_VALIDATOR = (subject, input, context) -> {
        final ValidationResult.Builder result = new ValidationResult.Builder().subject(subject).input(input);
        if (context.isExpressionLanguageSupported(subject) && context.isExpressionLanguagePresent(input)) {
            return result.valid(true).explanation("expression language is evaluated per FlowFile").build();
        }
        if (input == null || !input.strip().startsWith("/")) {
            return result.valid(false).explanation("Tree Root must be an absolute HDFS path, such as /data/warehouse").build();
        }
        for (final String segment : input.strip().split("/")) {
            if (".".equals(segment) || "..".equals(segment)) {
                return result.valid(false).explanation("Tree Root must not contain '.' or '..' segments").build();
            }
        }
        return result.valid(true).build();
    };

    public static final PropertyDescriptor TREE_ROOT = new PropertyDescriptor.Builder()
            .name("Tree Root")
            .description("Absolute source directory to audit; its target is given by the Fusion Target Service's path mapping. Evaluated against "
                    + "the incoming FlowFile when the processor has an incoming connection, for example ${hdfs.path}.")
            .required(true)
            .addValidator(TREE_ROOT_VALIDATOR)
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

    /** The listing's Exclusions, plus the temps of copies in flight, which an audit must not report as differences. */
    public static final PropertyDescriptor EXCLUSIONS = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(SourceTreeProperties.EXCLUSIONS)
            .description("Comma-separated names (globs, matched against every name of a path) or regex:-prefixed regular expressions (matched "
                    + "against the whole source path) left out of the audit on both sides. Use the same value as ListHDFSChanges, plus the "
                    + "temporary names of in-flight copies (ReplicateToADLS's Temp Name Prefix followed by *), so neither is reported as a difference.")
            .defaultValue(ExclusionFilter.DEFAULT_EXCLUSIONS + "," + ReplicatorSettings.DEFAULT_TEMP_PREFIX + "*")
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

    private static final List<PropertyDescriptor> PROPERTIES = List.of(HDFS_SOURCE_SERVICE, FUSION_TARGET_SERVICE, VERIFICATION_SCOPE, VERIFICATION_DEPTH,
            TREE_ROOT, COMPARE_METADATA, UNAVAILABLE_CHECKSUM_HANDLING, MAX_FILES_PER_SECOND, TREE_THREADS, TARGET_LIST_PAGE_SIZE, EXCLUSIONS);

    private final Clock clock;
    private volatile Set<Relationship> relationships = FILE_RELATIONSHIPS;
    private volatile VerificationScopeHandler handler;
    private volatile boolean running;

    public VerifyChecksum() {
        this(Clock.systemUTC());
    }

    /** A processor that dates its tree audits by the given clock. */
    public VerifyChecksum(final Clock clock) {
        this.clock = clock;
    }

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

    /** Chooses the handler of the Verification Scope once, with everything it verifies with. */
    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final VerificationServices services = new VerificationServices(
                context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class),
                context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class),
                buildOptions(context),
                new CallRateLimiter(context.getProperty(MAX_FILES_PER_SECOND).asInteger()));
        running = true;
        handler = switch (context.getProperty(VERIFICATION_SCOPE).asAllowableValue(VerificationScope.class)) {
            case FILE -> new FileScopeHandler(services, getLogger());
            case TREE -> new TreeScopeHandler(services, new TreeScopeHandler.AuditSettings(
                    ExclusionFilter.parse(context.getProperty(EXCLUSIONS).getValue()),
                    context.getProperty(TREE_THREADS).asInteger(),
                    context.getProperty(TARGET_LIST_PAGE_SIZE).asInteger(),
                    clock), () -> running, getLogger());
        };
    }

    @OnUnscheduled
    public void onUnscheduled() {
        // Lets a long tree audit stop between directories instead of holding the processor
        running = false;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        handler.onTrigger(context, session);
    }

    private static VerificationOptions buildOptions(final ProcessContext context) {
        final VerificationDepthOption depth = context.getProperty(VERIFICATION_DEPTH).asAllowableValue(VerificationDepthOption.class);
        final UnavailableChecksumHandling handling = context.getProperty(UNAVAILABLE_CHECKSUM_HANDLING).asAllowableValue(UnavailableChecksumHandling.class);
        return VerificationOptions.of(depth.getDepth())
                .withCompareMetadata(context.getProperty(COMPARE_METADATA).asBoolean())
                .withReadWhenChecksumUnavailable(handling == UnavailableChecksumHandling.READ_BYTES);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final VerificationScope scope = context.getProperty(VERIFICATION_SCOPE).asAllowableValue(VerificationScope.class);
        final String root = scope == VerificationScope.TREE ? context.getProperty(TREE_ROOT).evaluateAttributeExpressions(attributes).getValue() : null;
        return new VerificationSetupCheck(context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class),
                context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class), verificationLogger).verify(root);
    }
}
