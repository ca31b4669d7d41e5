package io.nififusion.hive.processors;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.hive.metastore.DatabaseSelection;
import io.nififusion.hive.metastore.HiveListingState;
import io.nififusion.hive.metastore.HiveObjectReference;
import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.hive.metastore.MetastoreScanner;
import io.nififusion.hive.metastore.NotificationBatch;
import io.nififusion.hive.metastore.NotificationEventMapper;
import io.nififusion.hive.metastore.NotificationLogReader;
import io.nififusion.hive.metastore.ScanPage;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.verification.VerificationReport;
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
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

@PrimaryNodeOnly
@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@Stateful(scopes = Scope.CLUSTER, description = "The notification log position (the id of the last event covered), the phase (scan or tail), "
        + "the scan cursor (database and last table emitted) and the database patterns the state belongs to.")
@Tags({"hive", "metastore", "hcatalog", "notification", "list", "changes", "cdc", "migration", "replication", "hdinsight", "fusion"})
@CapabilityDescription("Lists the databases, tables and partitions of the chosen databases of a Hive Metastore, then follows its notification "
        + "log, one FlowFile (attributes only) per object that changed. A range of events purged before it was read is detected and healed by "
        + "listing everything again with reconcile set, so ReplicateHiveMetadata drops at the target what the source no longer holds. "
        + "A metastore that requires SASL is reached with Kerberos as the HDFS Source Service's user (Source Metastore Principal).")
@WritesAttributes({
        @WritesAttribute(attribute = HiveRecordAttributes.KIND, description = "DATABASES, DATABASE, TABLE or PARTITION"),
        @WritesAttribute(attribute = HiveRecordAttributes.DATABASE, description = "Database name (the patterns, for DATABASES)"),
        @WritesAttribute(attribute = HiveRecordAttributes.TABLE, description = "Table name, for TABLE and PARTITION"),
        @WritesAttribute(attribute = HiveRecordAttributes.PARTITION, description = "Partition name such as dt=2026-12-01/country=nl, for PARTITION"),
        @WritesAttribute(attribute = HiveRecordAttributes.RECONCILE, description = "true when the target's children the source lacks are to be dropped too"),
        @WritesAttribute(attribute = HiveRecordAttributes.EVENT_ID, description = "Notification event id, for records from the log"),
        @WritesAttribute(attribute = HiveRecordAttributes.EVENT_TYPE, description = "Notification event type such as ADD_PARTITION, for records from the log"),
        @WritesAttribute(attribute = OperationAttributes.CHANGE_SOURCE, description = "scan, notification or gap-rescan")
})
@SeeAlso(classNames = {"io.nififusion.hive.processors.ReplicateHiveMetadata", "io.nififusion.hive.processors.VerifyHiveMetadata",
        "io.nififusion.processors.list.ListHDFSChanges"})
public class ListHiveChanges extends AbstractProcessor implements VerifiableProcessor {
    static final String STEP_KERBEROS = "Authenticate to Source Metastore";
    static final String STEP_CONNECT = "Connect to Source Metastore";
    static final String STEP_NOTIFICATIONS = "Read Notification Log";
    static final String COUNTER_GAPS = "Notification log gaps";

    public static final PropertyDescriptor SOURCE_METASTORE_URI = HiveMetastoreProperties.SOURCE_METASTORE_URI;
    public static final PropertyDescriptor SOURCE_METASTORE_PRINCIPAL = HiveMetastoreProperties.SOURCE_METASTORE_PRINCIPAL;
    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = HiveMetastoreProperties.SOURCE_METASTORE_IDENTITY;
    public static final PropertyDescriptor DATABASE_PATTERNS = HiveMetastoreProperties.DATABASE_PATTERNS;
    public static final PropertyDescriptor METASTORE_TIMEOUT = HiveMetastoreProperties.METASTORE_TIMEOUT;

    public static final PropertyDescriptor SCAN_BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Scan Batch Size")
            .description("About how many objects one run of the scan emits before it saves its cursor (a table's partitions are emitted together).")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAX_EVENTS_PER_TRIGGER = new PropertyDescriptor.Builder()
            .name("Max Events per Trigger")
            .description("Most notification events read by one run.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One FlowFile per metastore object to replicate, attributes only")
            .build();

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(SOURCE_METASTORE_URI, SOURCE_METASTORE_PRINCIPAL, HDFS_SOURCE_SERVICE,
            DATABASE_PATTERNS, SCAN_BATCH_SIZE, MAX_EVENTS_PER_TRIGGER, METASTORE_TIMEOUT);

    private volatile MetastoreConnection source;
    private volatile DatabaseSelection selection;
    private volatile MetastoreScanner scanner;
    private volatile NotificationLogReader reader;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        selection = DatabaseSelection.parse(context.getProperty(DATABASE_PATTERNS).evaluateAttributeExpressions().getValue());
        source = connect(context);
        scanner = new MetastoreScanner(source, selection, context.getProperty(SCAN_BATCH_SIZE).asInteger());
        reader = new NotificationLogReader(source, new NotificationEventMapper(selection));
    }

    @OnStopped
    public void onStopped() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private static MetastoreConnection connect(final ProcessContext context) {
        final HdfsSourceService sourceService = MetastoreConnections.isSourceSasl(context)
                ? context.getProperty(HDFS_SOURCE_SERVICE).asControllerService(HdfsSourceService.class) : null;
        return MetastoreConnections.source(context, sourceService, 1);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final List<Emitted> emitted = new ArrayList<>();
        final HiveListingState after;
        try {
            final Map<String, String> saved = session.getState(Scope.CLUSTER).toMap();
            HiveListingState state = HiveListingState.fromMap(saved);
            if (state == null || !selection.text().equals(state.patterns())) {
                state = HiveListingState.startScan(reader.currentEventId(), false, selection.text());
                getLogger().info("Listing databases {} of {}, then its notification log after event {}", selection, source, state.eventId());
            }
            if (state.phase() == HiveListingState.Phase.SCAN) {
                final ScanPage page = scanner.next(state);
                final String changeSource = state.reconcile() ? HiveRecordAttributes.SOURCE_GAP_RESCAN : HiveRecordAttributes.SOURCE_SCAN;
                for (final HiveObjectReference reference : page.references()) {
                    emitted.add(new Emitted(reference, changeSource, -1, null));
                }
                after = page.state();
                if (page.done()) {
                    getLogger().info("Scan of databases {} done; following the notification log after event {}", selection, after.eventId());
                }
            } else {
                final NotificationBatch batch = reader.readAfter(state.eventId(), context.getProperty(MAX_EVENTS_PER_TRIGGER).asInteger());
                for (final NotificationBatch.ReferencedEvent event : batch.references()) {
                    emitted.add(new Emitted(event.reference(), HiveRecordAttributes.SOURCE_NOTIFICATION, event.eventId(), event.eventType()));
                }
                if (batch.gap() != null) {
                    final long restart = reader.currentEventId();
                    getLogger().warn("Gap in the notification log of {}: {}. Listing databases {} again with reconcile, then following the log after event {}",
                            source, batch.gap().reason(), selection, restart);
                    session.adjustCounter(COUNTER_GAPS, 1, false);
                    after = HiveListingState.startScan(restart, true, selection.text());
                } else {
                    after = state.tailingAfter(batch.lastEventId());
                }
            }
            if (!after.toMap().equals(saved)) {
                session.setState(after.toMap(), Scope.CLUSTER);
            }
        } catch (final MetastoreReplicationException | IOException e) {
            context.yield();
            throw new ProcessException("Listing metastore " + source + " failed: " + e.getMessage(), e);
        }
        for (final Emitted record : emitted) {
            transfer(session, record);
        }
        if (emitted.isEmpty() && after.phase() == HiveListingState.Phase.TAIL) {
            context.yield();
        }
        session.commitAsync();
    }

    private static void transfer(final ProcessSession session, final Emitted record) {
        FlowFile flowFile = session.create();
        final Map<String, String> attributes = HiveRecordAttributes.toAttributes(record.reference());
        attributes.put(OperationAttributes.CHANGE_SOURCE, record.changeSource());
        if (record.eventId() >= 0) {
            attributes.put(HiveRecordAttributes.EVENT_ID, Long.toString(record.eventId()));
            attributes.put(HiveRecordAttributes.EVENT_TYPE, record.eventType());
        }
        flowFile = session.putAllAttributes(flowFile, attributes);
        session.getProvenanceReporter().create(flowFile, record.reference() + " from " + record.changeSource()
                + (record.eventType() == null ? "" : " (" + record.eventType() + " " + record.eventId() + ")"));
        session.transfer(flowFile, REL_SUCCESS);
        session.adjustCounter(record.reference().kind() + " records", 1, false);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final DatabaseSelection chosen = DatabaseSelection.parse(context.getProperty(DATABASE_PATTERNS).evaluateAttributeExpressions().getValue());
        try (MetastoreConnection connection = connect(context)) {
            if (!MetastoreVerification.kerberos(results, STEP_KERBEROS, STEP_CONNECT, connection)) {
                results.add(VerificationReport.skipped(STEP_NOTIFICATIONS, "No connection to the metastore"));
                return results;
            }
            final List<String> databases;
            try {
                databases = chosen.choose(connection.execute(client -> client.getAllDatabases()));
                results.add(VerificationReport.successful(STEP_CONNECT, "Connected to " + connection.getUri()
                        + (connection.getAuthentication().isSasl() ? " with " + connection.getAuthentication().describe() : "") + "; the patterns " + chosen
                        + " choose " + databases.size() + " database(s)" + (databases.isEmpty() ? "" : ": " + String.join(", ", databases.subList(0, Math.min(10, databases.size()))))));
            } catch (final MetastoreReplicationException e) {
                results.add(VerificationReport.failed(STEP_CONNECT, e.getMessage()));
                results.add(VerificationReport.skipped(STEP_NOTIFICATIONS, "No connection to the metastore"));
                return results;
            }
            try {
                final NotificationLogReader logReader = new NotificationLogReader(connection, new NotificationEventMapper(chosen));
                final long current = logReader.currentEventId();
                logReader.readAfter(Math.max(0, current - 1), 1);
                results.add(VerificationReport.successful(STEP_NOTIFICATIONS, "The notification log is readable; its current event id is " + current));
            } catch (final MetastoreReplicationException e) {
                results.add(VerificationReport.failed(STEP_NOTIFICATIONS, "The notification log cannot be read (is a notification listener "
                        + "configured, and may this user read it?): " + e.getMessage()));
            }
        }
        return results;
    }

    /** One record to emit. */
    private record Emitted(HiveObjectReference reference, String changeSource, long eventId, String eventType) {
    }
}
