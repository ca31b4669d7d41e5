package io.nififusion.hive.processors;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.hive.metastore.HiveObjectReference;
import io.nififusion.hive.metastore.LocationMapper;
import io.nififusion.hive.metastore.MetadataApplyResult;
import io.nififusion.hive.metastore.MetadataOutcome;
import io.nififusion.hive.metastore.MetadataReplicator;
import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.hive.metastore.MetastoreErrorCode;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.hive.metastore.ReplicatedDataCheck;
import io.nififusion.hive.metastore.TargetObjectMapper;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
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
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"hive", "metastore", "hcatalog", "replication", "migration", "hdinsight", "azure", "adls", "fusion"})
@CapabilityDescription("Applies one metastore record from ListHiveChanges to the target (HDInsight) Hive Metastore: reads the database, table or "
        + "partition from the source metastore as it is now and makes the target's match it, with locations rewritten by the same path mapping "
        + "as the data. Order-independent: records may arrive late, twice or reordered. A partition appears at the target only once the files "
        + "under its location have converged there (checked by the CRC32C the data replication recorded); until then its record goes to retry. "
        + "Metastores that require SASL are reached with Kerberos: the source as the HDFS Source Service's user, the target as the Target "
        + "Kerberos User Service's principal.")
@ReadsAttributes({
        @ReadsAttribute(attribute = HiveRecordAttributes.KIND, description = "DATABASES, DATABASE, TABLE or PARTITION"),
        @ReadsAttribute(attribute = HiveRecordAttributes.DATABASE, description = "Database name (the patterns, for DATABASES)"),
        @ReadsAttribute(attribute = HiveRecordAttributes.TABLE, description = "Table name"),
        @ReadsAttribute(attribute = HiveRecordAttributes.PARTITION, description = "Partition name"),
        @ReadsAttribute(attribute = HiveRecordAttributes.RECONCILE, description = "true to drop the target's children the source lacks")
})
@WritesAttributes({
        @WritesAttribute(attribute = HiveRecordAttributes.ACTIONS, description = "What was done at the target, such as 'added partition sales.orders/2026-12-01'"),
        @WritesAttribute(attribute = HiveRecordAttributes.PENDING_REASON, description = "On retry: what the record waits for, such as a partition's files"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_CODE, description = "On failure or retry after an error: the error code"),
        @WritesAttribute(attribute = OperationAttributes.ERROR_MESSAGE, description = "On failure or retry after an error: what went wrong")
})
@Restricted(restrictions = @Restriction(requiredPermission = RequiredPermission.READ_DISTRIBUTED_FILESYSTEM,
        explanation = "Lists the files under a partition's HDFS location and reads their checksums, as the source service's user, before the partition is added"))
@SeeAlso(classNames = {"io.nififusion.hive.processors.ListHiveChanges", "io.nififusion.hive.processors.VerifyHiveMetadata",
        "io.nififusion.processors.replicate.ReplicateToADLS"})
public class ReplicateHiveMetadata extends AbstractProcessor implements VerifiableProcessor {
    static final String STEP_SOURCE_KERBEROS = "Authenticate to Source Metastore";
    static final String STEP_SOURCE = "Connect to Source Metastore";
    static final String STEP_TARGET_KERBEROS = "Authenticate to Target Metastore";
    static final String STEP_TARGET = "Connect to Target Metastore";
    static final String STEP_LOCATION = "Map Default Database Location";

    public static final PropertyDescriptor SOURCE_METASTORE_URI = HiveMetastoreProperties.SOURCE_METASTORE_URI;
    public static final PropertyDescriptor SOURCE_METASTORE_PRINCIPAL = HiveMetastoreProperties.SOURCE_METASTORE_PRINCIPAL;
    public static final PropertyDescriptor TARGET_METASTORE_URI = HiveMetastoreProperties.TARGET_METASTORE_URI;
    public static final PropertyDescriptor TARGET_METASTORE_PRINCIPAL = HiveMetastoreProperties.TARGET_METASTORE_PRINCIPAL;
    public static final PropertyDescriptor TARGET_KERBEROS_USER_SERVICE = HiveMetastoreProperties.TARGET_KERBEROS_USER_SERVICE;
    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HdfsSourceProperties.HDFS_SOURCE_SERVICE;
    public static final PropertyDescriptor FUSION_TARGET_SERVICE = TargetServiceProperties.FUSION_TARGET_SERVICE;
    public static final PropertyDescriptor TARGET_STORAGE_URI = HiveMetastoreProperties.TARGET_STORAGE_URI;

    public static final PropertyDescriptor DROP_POLICY = new PropertyDescriptor.Builder()
            .name("Drop Policy")
            .description("Whether databases, tables and partitions the source no longer holds are dropped at the target.")
            .required(true)
            .allowableValues(DropPolicy.class)
            .defaultValue(DropPolicy.DROP)
            .build();

    public static final PropertyDescriptor METASTORE_TIMEOUT = HiveMetastoreProperties.METASTORE_TIMEOUT;

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The target holds the object as the source holds it now (or neither holds it)")
            .build();
    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("Not applicable yet (a partition whose files have not converged at the target) or a transient error (a metastore that "
                    + "does not answer); penalized; route back to this processor")
            .build();
    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("A problem permanent for this record (a location outside the migrated tree, an object the target refuses, an invalid "
                    + "record); see fusion.error.code")
            .build();

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(SOURCE_METASTORE_URI, SOURCE_METASTORE_PRINCIPAL, TARGET_METASTORE_URI,
            TARGET_METASTORE_PRINCIPAL, TARGET_KERBEROS_USER_SERVICE, HDFS_SOURCE_SERVICE, FUSION_TARGET_SERVICE, TARGET_STORAGE_URI, DROP_POLICY,
            METASTORE_TIMEOUT);

    private volatile MetastoreConnection source;
    private volatile MetastoreConnection target;
    private volatile MetadataReplicator replicator;
    private volatile FusionTargetService targetService;
    private volatile KerberosUserLogin targetUser;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final int pool = Math.max(1, context.getMaxConcurrentTasks());
        targetService = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final String targetUri;
        try {
            targetUri = TargetMetastoreUri.resolve(context, targetService);
            targetUser = MetastoreConnections.loginTargetUser(context);
        } catch (final MetastoreReplicationException e) {
            throw new ProcessException(e.getMessage(), e);
        }
        final HdfsSourceService sourceService = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        source = MetastoreConnections.source(context, sourceService, pool);
        target = MetastoreConnections.target(context, targetUri, targetUser, pool);
        final LocationMapper locations = locations(context, sourceService, targetService);
        final boolean drops = DropPolicy.DROP.getValue().equals(context.getProperty(DROP_POLICY).getValue());
        replicator = new MetadataReplicator(source, target, new TargetObjectMapper(locations),
                new ReplicatedDataCheck(sourceService, targetService.getFileSystemClient(), locations), drops);
    }

    @OnStopped
    public void onStopped() {
        if (source != null) {
            source.close();
            source = null;
        }
        if (target != null) {
            target.close();
            target = null;
        }
        if (targetUser != null) {
            targetUser.close();
            targetUser = null;
        }
    }

    static LocationMapper locations(final ProcessContext context, final HdfsSourceService sourceService, final FusionTargetService targetService) {
        return new LocationMapper(sourceService.getFileSystemUri(), targetService.getPathMapper(),
                TargetStorage.of(context.getProperty(TARGET_STORAGE_URI).evaluateAttributeExpressions().getValue(), targetService));
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final String licenseProblem = targetService.getLicenseProblem();
        if (licenseProblem != null) {
            getLogger().warn("Metastore records wait: {}", licenseProblem);
            context.yield();
            return;
        }
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final HiveObjectReference reference;
        try {
            reference = HiveRecordAttributes.fromAttributes(flowFile.getAttributes());
        } catch (final IllegalArgumentException e) {
            route(session, flowFile, REL_FAILURE, MetastoreErrorCode.INVALID_OPERATION, e.getMessage());
            return;
        }
        final long started = System.nanoTime();
        final MetadataApplyResult result;
        try {
            result = replicator.apply(reference);
        } catch (final MetastoreReplicationException e) {
            if (e.getCode() == MetastoreErrorCode.TARGET_CONCURRENT_CHANGE) {
                // several tasks apply records of one object at once: normal, not a warning
                getLogger().info("{} will be applied again from a fresh read: {}", reference, e.getMessage());
                route(session, flowFile, REL_RETRY, e.getCode(), e.getMessage());
            } else if (e.isTransient()) {
                getLogger().warn("{} will be retried: {}", reference, e.getMessage(), e);
                route(session, flowFile, REL_RETRY, e.getCode(), e.getMessage());
            } else {
                getLogger().error("{} failed: {}", reference, e.getMessage(), e);
                route(session, flowFile, REL_FAILURE, e.getCode(), e.getMessage());
            }
            return;
        }
        if (result.outcome() == MetadataOutcome.PENDING) {
            getLogger().debug("{} waits: {}", reference, result.pendingReason());
            flowFile = session.putAttribute(flowFile, HiveRecordAttributes.PENDING_REASON, result.pendingReason());
            if (!result.actions().isEmpty()) {
                flowFile = session.putAttribute(flowFile, HiveRecordAttributes.ACTIONS, String.join("; ", result.actions()));
            }
            session.transfer(session.penalize(flowFile), REL_RETRY);
            session.adjustCounter("Records waiting for data", 1, false);
            return;
        }
        flowFile = session.removeAttribute(flowFile, HiveRecordAttributes.PENDING_REASON);
        flowFile = session.putAttribute(flowFile, HiveRecordAttributes.ACTIONS, result.summary());
        if (result.outcome() == MetadataOutcome.APPLIED) {
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            session.getProvenanceReporter().invokeRemoteProcess(flowFile, target.getUri() + "/" + reference.qualifiedName(),
                    result.summary() + " from " + source.getUri() + " in " + millis + " ms");
            getLogger().debug("{}: {}", reference, result.summary());
        }
        session.adjustCounter(result.outcome() == MetadataOutcome.APPLIED ? "Objects changed at the target" : "Objects already at the target", 1, false);
        session.transfer(flowFile, REL_SUCCESS);
    }

    private static void route(final ProcessSession session, final FlowFile flowFile, final Relationship relationship, final MetastoreErrorCode code,
                              final String message) {
        FlowFile routed = session.putAllAttributes(flowFile, Map.of(OperationAttributes.ERROR_CODE, code.name(),
                OperationAttributes.ERROR_MESSAGE, message == null ? code.name() : message));
        if (relationship == REL_RETRY) {
            routed = session.penalize(routed);
        }
        session.transfer(routed, relationship);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final FusionTargetService verifiedTarget = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final HdfsSourceService verifiedSource = context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class);
        try (MetastoreConnection sourceConnection = MetastoreConnections.source(context, verifiedSource, 1)) {
            Database defaultDatabase = null;
            if (MetastoreVerification.kerberos(results, STEP_SOURCE_KERBEROS, STEP_SOURCE, sourceConnection)) {
                try {
                    defaultDatabase = sourceConnection.execute(client -> client.getDatabase("default"));
                    results.add(VerificationReport.successful(STEP_SOURCE, "Connected to " + sourceConnection.getUri() + " with "
                            + sourceConnection.getAuthentication().describe()));
                } catch (final MetastoreReplicationException e) {
                    results.add(VerificationReport.failed(STEP_SOURCE, e.getMessage()));
                }
            }
            verifyTarget(context, verifiedTarget, results);
            if (defaultDatabase == null) {
                results.add(VerificationReport.skipped(STEP_LOCATION, "No connection to the source metastore"));
                return results;
            }
            try {
                final LocationMapper locations = locations(context, context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class),
                        verifiedTarget);
                results.add(VerificationReport.successful(STEP_LOCATION, defaultDatabase.getLocationUri() + " maps to "
                        + locations.toTargetLocation(defaultDatabase.getLocationUri())));
            } catch (final MetastoreReplicationException | RuntimeException e) {
                results.add(VerificationReport.failed(STEP_LOCATION, "The source warehouse " + defaultDatabase.getLocationUri()
                        + " is not migrated by the Fusion Target Service's mapping: " + e.getMessage()));
            }
        }
        return results;
    }

    private static void verifyTarget(final ProcessContext context, final FusionTargetService verifiedTarget, final List<ConfigVerificationResult> results) {
        final String targetUri;
        try {
            targetUri = TargetMetastoreUri.resolve(context, verifiedTarget);
        } catch (final MetastoreReplicationException e) {
            results.add(VerificationReport.failed(STEP_TARGET, e.getMessage()));
            return;
        }
        final KerberosUserLogin verifiedUser;
        try {
            verifiedUser = MetastoreConnections.loginTargetUser(context);
        } catch (final MetastoreReplicationException e) {
            results.add(VerificationReport.failed(STEP_TARGET_KERBEROS, e.getMessage()));
            results.add(VerificationReport.skipped(STEP_TARGET, "No Kerberos login to authenticate with"));
            return;
        }
        try (verifiedUser; MetastoreConnection targetConnection = MetastoreConnections.target(context, targetUri, verifiedUser, 1)) {
            if (!MetastoreVerification.kerberos(results, STEP_TARGET_KERBEROS, STEP_TARGET, targetConnection)) {
                return;
            }
            final int databases = targetConnection.execute(client -> client.getAllDatabases()).size();
            results.add(VerificationReport.successful(STEP_TARGET, "Connected to " + TargetMetastoreUri.describe(context, targetConnection.getUri())
                    + " with " + targetConnection.getAuthentication().describe() + "; it holds " + databases + " database(s)"));
        } catch (final MetastoreReplicationException e) {
            results.add(VerificationReport.failed(STEP_TARGET, e.getMessage()));
        }
    }
}
