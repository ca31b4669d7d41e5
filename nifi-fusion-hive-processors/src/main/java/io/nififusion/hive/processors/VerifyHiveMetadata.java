package io.nififusion.hive.processors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.hive.metastore.DatabaseSelection;
import io.nififusion.hive.metastore.MetadataAuditSummary;
import io.nififusion.hive.metastore.MetadataAuditor;
import io.nififusion.hive.metastore.MetadataDifference;
import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.hive.metastore.TargetObjectMapper;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_ALLOWED)
@Tags({"hive", "metastore", "verify", "audit", "migration", "hdinsight", "fusion"})
@CapabilityDescription("Audits the target (HDInsight) Hive Metastore against the source for the chosen databases: every database, table and "
        + "partition on either side, compared by what a query engine reads (type, columns, partition keys, formats, serde, table and partition "
        + "properties) and by location, the source's mapped with the data's path mapping. Each incoming FlowFile starts one audit, or, "
        + "without an incoming connection, each scheduled run (CRON); the report (one JSON line per difference) goes to verified when the "
        + "metastores agree, to mismatch otherwise.")
@WritesAttributes({
        @WritesAttribute(attribute = HiveAuditAttributes.DATABASE_PATTERNS, description = "The database patterns audited"),
        @WritesAttribute(attribute = HiveAuditAttributes.DATABASES_CHECKED, description = "Databases compared (on either side)"),
        @WritesAttribute(attribute = HiveAuditAttributes.TABLES_CHECKED, description = "Tables compared (on either side)"),
        @WritesAttribute(attribute = HiveAuditAttributes.PARTITIONS_CHECKED, description = "Partitions compared (on either side)"),
        @WritesAttribute(attribute = HiveAuditAttributes.OBJECTS_VERIFIED, description = "Objects present on both sides with equal definitions"),
        @WritesAttribute(attribute = HiveAuditAttributes.DIFFERENCES, description = "All differences"),
        @WritesAttribute(attribute = HiveAuditAttributes.MISSING, description = "Objects the target lacks"),
        @WritesAttribute(attribute = HiveAuditAttributes.EXTRA, description = "Objects only the target has"),
        @WritesAttribute(attribute = HiveAuditAttributes.MISMATCHED, description = "Objects whose definitions differ"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_CODE, description = "On failure: the error code"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_MESSAGE, description = "On failure: what went wrong")
})
@SeeAlso(classNames = {"io.nififusion.hive.processors.ListHiveChanges", "io.nififusion.hive.processors.ReplicateHiveMetadata",
        "io.nififusion.processors.verify.VerifyChecksum"})
public class VerifyHiveMetadata extends AbstractProcessor implements VerifiableProcessor {
    static final String REPORT_MIME_TYPE = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final PropertyDescriptor SOURCE_METASTORE_URI = HiveMetastoreProperties.SOURCE_METASTORE_URI;
    public static final PropertyDescriptor SOURCE_METASTORE_PRINCIPAL = HiveMetastoreProperties.SOURCE_METASTORE_PRINCIPAL;
    public static final PropertyDescriptor TARGET_METASTORE_URI = HiveMetastoreProperties.TARGET_METASTORE_URI;
    public static final PropertyDescriptor TARGET_METASTORE_PRINCIPAL = HiveMetastoreProperties.TARGET_METASTORE_PRINCIPAL;
    public static final PropertyDescriptor TARGET_KERBEROS_USER_SERVICE = HiveMetastoreProperties.TARGET_KERBEROS_USER_SERVICE;
    public static final PropertyDescriptor DATABASE_PATTERNS = HiveMetastoreProperties.DATABASE_PATTERNS;
    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HdfsSourceProperties.HDFS_SOURCE_SERVICE;
    public static final PropertyDescriptor FUSION_TARGET_SERVICE = TargetServiceProperties.FUSION_TARGET_SERVICE;
    public static final PropertyDescriptor TARGET_STORAGE_URI = HiveMetastoreProperties.TARGET_STORAGE_URI;
    public static final PropertyDescriptor METASTORE_TIMEOUT = HiveMetastoreProperties.METASTORE_TIMEOUT;

    public static final PropertyDescriptor MAX_DIFFERENCES_REPORTED = new PropertyDescriptor.Builder()
            .name("Max Differences Reported")
            .description("Most differences written to the report; the counts cover all of them.")
            .required(true)
            .defaultValue("10000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final Relationship REL_VERIFIED = new Relationship.Builder()
            .name("verified")
            .description("The report of an audit that found the metastores agreeing")
            .build();
    public static final Relationship REL_MISMATCH = new Relationship.Builder()
            .name("mismatch")
            .description("The report of an audit that found differences, one JSON line each")
            .build();
    public static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The FlowFile that started the audit (none when the audit runs on its schedule)")
            .build();
    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The audit could not run (a metastore that does not answer); the FlowFile that started it, with fusion.error.code")
            .build();

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(SOURCE_METASTORE_URI, SOURCE_METASTORE_PRINCIPAL, TARGET_METASTORE_URI,
            TARGET_METASTORE_PRINCIPAL, TARGET_KERBEROS_USER_SERVICE, DATABASE_PATTERNS, HDFS_SOURCE_SERVICE, FUSION_TARGET_SERVICE, TARGET_STORAGE_URI,
            MAX_DIFFERENCES_REPORTED, METASTORE_TIMEOUT);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_VERIFIED, REL_MISMATCH, REL_ORIGINAL, REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        FlowFile trigger = null;
        if (context.hasIncomingConnection()) {
            trigger = session.get();
            if (trigger == null) {
                return;
            }
        }
        final DatabaseSelection selection = DatabaseSelection.parse(context.getProperty(DATABASE_PATTERNS).evaluateAttributeExpressions().getValue());
        final HdfsSourceService sourceService = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        final FusionTargetService targetService = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final MetadataAuditSummary summary;
        final String targetUri;
        try (KerberosUserLogin targetUser = MetastoreConnections.loginTargetUser(context);
             MetastoreConnection source = MetastoreConnections.source(context, sourceService, 1);
             MetastoreConnection target = MetastoreConnections.target(context, TargetMetastoreUri.resolve(context, targetService), targetUser, 1)) {
            targetUri = target.getUri();
            final TargetObjectMapper mapper = new TargetObjectMapper(ReplicateHiveMetadata.locations(context, sourceService, targetService));
            summary = new MetadataAuditor(source, target, mapper, context.getProperty(MAX_DIFFERENCES_REPORTED).asInteger()).audit(selection);
        } catch (final MetastoreReplicationException e) {
            getLogger().error("Metastore audit of databases {} failed: {}", selection, e.getMessage(), e);
            if (trigger == null) {
                context.yield();
            } else {
                session.transfer(session.putAllAttributes(trigger, Map.of(OperationAttributes.ERROR_CODE, e.getCode().name(),
                        OperationAttributes.ERROR_MESSAGE, e.getMessage())), REL_FAILURE);
            }
            return;
        }
        FlowFile report = trigger == null ? session.create() : session.create(trigger);
        report = session.write(report, out -> {
            for (final MetadataDifference difference : summary.differences()) {
                final Map<String, String> line = new LinkedHashMap<>();
                line.put("type", difference.type().name());
                line.put("kind", difference.kind().name());
                line.put("name", difference.name());
                if (difference.detail() != null) {
                    line.put("detail", difference.detail());
                }
                out.write(JSON.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
        report = session.putAllAttributes(report, summaryAttributes(selection, summary));
        final String description = describe(summary);
        final String details = "Metastore audit of databases " + selection + " (" + context.getProperty(SOURCE_METASTORE_URI).evaluateAttributeExpressions().getValue()
                + " against " + TargetMetastoreUri.describe(context, targetUri) + "): " + description;
        if (trigger == null) {
            session.getProvenanceReporter().create(report, details);
        } else {
            session.getProvenanceReporter().modifyContent(report, details);
            session.transfer(trigger, REL_ORIGINAL);
        }
        getLogger().info("Metastore audit of databases {}: {}", selection, description);
        session.adjustCounter("Metastore audits", 1, false);
        session.adjustCounter("Metastore differences", summary.differenceCount(), false);
        session.transfer(report, summary.agrees() ? REL_VERIFIED : REL_MISMATCH);
    }

    static String describe(final MetadataAuditSummary summary) {
        return summary.databases() + " databases, " + summary.tables() + " tables, " + summary.partitions() + " partitions checked, "
                + summary.verified() + " verified; " + summary.differenceCount() + " differences (" + summary.missing() + " missing, "
                + summary.extra() + " extra, " + summary.mismatched() + " mismatched)";
    }

    private static Map<String, String> summaryAttributes(final DatabaseSelection selection, final MetadataAuditSummary summary) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(HiveAuditAttributes.DATABASE_PATTERNS, selection.text());
        attributes.put(HiveAuditAttributes.DATABASES_CHECKED, Integer.toString(summary.databases()));
        attributes.put(HiveAuditAttributes.TABLES_CHECKED, Integer.toString(summary.tables()));
        attributes.put(HiveAuditAttributes.PARTITIONS_CHECKED, Integer.toString(summary.partitions()));
        attributes.put(HiveAuditAttributes.OBJECTS_VERIFIED, Integer.toString(summary.verified()));
        attributes.put(HiveAuditAttributes.DIFFERENCES, Integer.toString(summary.differenceCount()));
        attributes.put(HiveAuditAttributes.MISSING, Integer.toString(summary.missing()));
        attributes.put(HiveAuditAttributes.EXTRA, Integer.toString(summary.extra()));
        attributes.put(HiveAuditAttributes.MISMATCHED, Integer.toString(summary.mismatched()));
        attributes.put(CoreAttributes.MIME_TYPE.key(), REPORT_MIME_TYPE);
        attributes.put(CoreAttributes.FILENAME.key(), "verify-hive-" + selection.text().replaceAll("[^a-z0-9_]", "_") + ".jsonl");
        return attributes;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final DatabaseSelection selection = DatabaseSelection.parse(context.getProperty(DATABASE_PATTERNS).evaluateAttributeExpressions().getValue());
        final HdfsSourceService sourceService = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        try (MetastoreConnection source = MetastoreConnections.source(context, sourceService, 1)) {
            if (MetastoreVerification.kerberos(results, ReplicateHiveMetadata.STEP_SOURCE_KERBEROS, ReplicateHiveMetadata.STEP_SOURCE, source)) {
                results.add(chosenDatabases(ReplicateHiveMetadata.STEP_SOURCE, source, source.getUri(), selection));
            }
        }
        final FusionTargetService targetService = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final KerberosUserLogin targetUser;
        try {
            targetUser = MetastoreConnections.loginTargetUser(context);
        } catch (final MetastoreReplicationException e) {
            results.add(VerificationReport.failed(ReplicateHiveMetadata.STEP_TARGET_KERBEROS, e.getMessage()));
            results.add(VerificationReport.skipped(ReplicateHiveMetadata.STEP_TARGET, "No Kerberos login to authenticate with"));
            return results;
        }
        try (targetUser; MetastoreConnection target = MetastoreConnections.target(context, TargetMetastoreUri.resolve(context, targetService), targetUser, 1)) {
            if (MetastoreVerification.kerberos(results, ReplicateHiveMetadata.STEP_TARGET_KERBEROS, ReplicateHiveMetadata.STEP_TARGET, target)) {
                results.add(chosenDatabases(ReplicateHiveMetadata.STEP_TARGET, target, TargetMetastoreUri.describe(context, target.getUri()), selection));
            }
        } catch (final MetastoreReplicationException e) {
            results.add(VerificationReport.failed(ReplicateHiveMetadata.STEP_TARGET, e.getMessage()));
        }
        return results;
    }

    private static ConfigVerificationResult chosenDatabases(final String step, final MetastoreConnection connection, final String described,
                                                            final DatabaseSelection selection) {
        try {
            final int chosen = selection.choose(connection.execute(client -> client.getAllDatabases())).size();
            return VerificationReport.successful(step, "Connected to " + described + "; the patterns " + selection + " choose " + chosen + " database(s) there");
        } catch (final MetastoreReplicationException e) {
            return VerificationReport.failed(step, e.getMessage());
        }
    }
}
