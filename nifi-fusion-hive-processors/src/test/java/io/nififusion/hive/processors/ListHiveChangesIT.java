package io.nififusion.hive.processors;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.hive.metastore.HiveListingState;
import io.nififusion.hive.testing.EmbeddedMetastore;
import io.nififusion.hive.testing.SourceMetastoreChanges;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.nififusion.hive.testing.SourceMetastoreChanges.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ListHiveChanges against a real metastore with a notification log: the scan, the tail, a purged range healed by a re-list. */
class ListHiveChangesIT {
    @TempDir
    static Path directory;

    private static EmbeddedMetastore metastore;
    private static IMetaStoreClient client;
    private static SourceMetastoreChanges changes;
    private static int databaseCounter;

    private TestRunner runner;
    private String sales;
    private String web;

    @BeforeAll
    static void startMetastore() throws Exception {
        final String warehouse = directory.resolve("warehouse").toUri().toString().replaceFirst("/$", "");
        metastore = EmbeddedMetastore.start(directory.resolve("metastore"), EmbeddedMetastore.settings(directory.resolve("metastore"), warehouse, true));
        client = metastore.newClient();
        changes = new SourceMetastoreChanges(client, "file://");
    }

    @AfterAll
    static void stopMetastore() {
        client.close();
        metastore.close();
    }

    /** Each test has databases of its own, so the listing of one never sees another's. */
    @BeforeEach
    void createDatabases() throws Exception {
        databaseCounter++;
        sales = "sales" + databaseCounter;
        web = "web" + databaseCounter + "_clicks";
        changes.createDatabase(sales, directory + "/warehouse/" + sales + ".db", "sales");
        changes.createDatabase(web, directory + "/warehouse/" + web + ".db", "web");
        changes.createDatabase("scratch" + databaseCounter, directory + "/warehouse/scratch" + databaseCounter + ".db", "not chosen");
        changes.createTable(sales, "orders", directory + "/warehouse/" + sales + ".db/orders", false, List.of(column("id", "bigint")),
                List.of(column("dt", "string")));
        changes.addPartition(sales, "orders", List.of("2026-11-30"), directory + "/warehouse/" + sales + ".db/orders/dt=2026-11-30");
        changes.addPartition(sales, "orders", List.of("2026-12-01"), directory + "/warehouse/" + sales + ".db/orders/dt=2026-12-01");
        changes.createTable(web, "clicks", directory + "/external/clicks" + databaseCounter, true, List.of(column("url", "string")), List.of());
        changes.createTable("scratch" + databaseCounter, "tmp", directory + "/warehouse/scratch.db/tmp", false, List.of(column("x", "int")), List.of());

        runner = TestRunners.newTestRunner(ListHiveChanges.class);
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, metastore.getUri());
        runner.setProperty(ListHiveChanges.DATABASE_PATTERNS, sales + ", web" + databaseCounter + "_*");
    }

    @Test
    void scansTheChosenDatabasesThenFollowsTheNotificationLog() throws Exception {
        runner.run(1, false, true);
        final List<String> scanned = describe(runner.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS));
        assertEquals(List.of("DATABASE " + sales, "TABLE " + sales + ".orders", "PARTITION " + sales + ".orders/dt=2026-11-30",
                "PARTITION " + sales + ".orders/dt=2026-12-01", "DATABASE " + web, "TABLE " + web + ".clicks"), scanned);
        runner.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS).forEach(record -> record.assertAttributeEquals(OperationAttributes.CHANGE_SOURCE, "scan"));
        final Map<String, String> afterScan = runner.getStateManager().getState(Scope.CLUSTER).toMap();
        assertEquals("TAIL", afterScan.get(HiveListingState.PHASE_KEY));
        runner.clearTransferState();

        changes.addPartition(sales, "orders", List.of("2026-12-02"), directory + "/warehouse/" + sales + ".db/orders/dt=2026-12-02");
        changes.renameTable(web, "clicks", "page_clicks");
        changes.dropPartition(sales, "orders", List.of("2026-11-30"), false);
        changes.createTable("scratch" + databaseCounter, "ignored", directory + "/warehouse/scratch.db/ignored", false, List.of(column("x", "int")), List.of());
        runner.run(1, false, false);

        final List<MockFlowFile> records = runner.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS);
        assertEquals(List.of("PARTITION " + sales + ".orders/dt=2026-12-02", "TABLE " + web + ".page_clicks", "TABLE " + web + ".clicks",
                "PARTITION " + sales + ".orders/dt=2026-11-30"), describe(records));
        records.forEach(record -> record.assertAttributeEquals(OperationAttributes.CHANGE_SOURCE, "notification"));
        assertEquals("ADD_PARTITION", records.get(0).getAttribute(HiveRecordAttributes.EVENT_TYPE));
        final long lastEventId = Long.parseLong(records.get(records.size() - 1).getAttribute(HiveRecordAttributes.EVENT_ID));
        final Map<String, String> state = runner.getStateManager().getState(Scope.CLUSTER).toMap();
        assertTrue(Long.parseLong(state.get(HiveListingState.EVENT_ID_KEY)) >= lastEventId, "state covers the last event emitted: " + state);
        runner.clearTransferState();

        runner.run(1, false, false);
        runner.assertTransferCount(ListHiveChanges.REL_SUCCESS, 0);
    }

    @Test
    void healsAPurgedRangeOfEventsByReListingWithReconcile() throws Exception {
        runner.run(1, false, true);
        runner.clearTransferState();
        changes.dropPartition(sales, "orders", List.of("2026-11-30"), false);
        changes.dropTable(web, "clicks", false);
        final long lastEvent = client.getCurrentNotificationEventId().getEventId();
        changes.setTableProperty(sales, "orders", "owner.note", "after the purge");
        assertTrue(metastore.purgeNotificationsUpTo(lastEvent) > 0);

        runner.run(1, false, false);
        assertEquals(Long.valueOf(1), runner.getCounterValue(ListHiveChanges.COUNTER_GAPS));
        assertTrue(runner.getLogger().getWarnMessages().stream().anyMatch(message -> message.getMsg().contains("Gap in the notification log")));
        runner.clearTransferState();

        runner.run(1, false, false);
        final List<MockFlowFile> relisted = runner.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS);
        assertEquals(List.of("DATABASES " + sales + ",web" + databaseCounter + "_*", "DATABASE " + sales, "TABLE " + sales + ".orders",
                "PARTITION " + sales + ".orders/dt=2026-12-01", "DATABASE " + web), describe(relisted));
        for (final MockFlowFile record : relisted) {
            record.assertAttributeEquals(OperationAttributes.CHANGE_SOURCE, "gap-rescan");
            if (!"PARTITION".equals(record.getAttribute(HiveRecordAttributes.KIND))) {
                record.assertAttributeEquals(HiveRecordAttributes.RECONCILE, "true");
            }
        }
        assertEquals("TAIL", runner.getStateManager().getState(Scope.CLUSTER).get(HiveListingState.PHASE_KEY));
    }

    @Test
    void resumesAScanFromItsCursorInBatches() throws Exception {
        runner.setProperty(ListHiveChanges.SCAN_BATCH_SIZE, "2");
        runner.run(1, false, true);
        assertEquals(List.of("DATABASE " + sales, "TABLE " + sales + ".orders", "PARTITION " + sales + ".orders/dt=2026-11-30",
                "PARTITION " + sales + ".orders/dt=2026-12-01"), describe(runner.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS)));
        assertEquals("SCAN", runner.getStateManager().getState(Scope.CLUSTER).get(HiveListingState.PHASE_KEY));
        runner.clearTransferState();

        // a new processor instance (a restart, another primary node) resumes from the saved cursor
        final TestRunner restarted = TestRunners.newTestRunner(ListHiveChanges.class);
        restarted.getStateManager().setState(runner.getStateManager().getState(Scope.CLUSTER).toMap(), Scope.CLUSTER);
        restarted.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, metastore.getUri());
        restarted.setProperty(ListHiveChanges.DATABASE_PATTERNS, sales + ", web" + databaseCounter + "_*");
        restarted.setProperty(ListHiveChanges.SCAN_BATCH_SIZE, "2");
        restarted.run(1, false, true);
        assertEquals(List.of("DATABASE " + web, "TABLE " + web + ".clicks"), describe(restarted.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS)));
    }

    @Test
    void verifiesTheConnectionAndTheNotificationLog() {
        final List<ConfigVerificationResult> results = ((ListHiveChanges) runner.getProcessor())
                .verify(new MockProcessContext(runner.getProcessor(), runner.getStateManager()) {
                    {
                        setProperty(ListHiveChanges.SOURCE_METASTORE_URI, metastore.getUri());
                        setProperty(ListHiveChanges.DATABASE_PATTERNS, sales);
                    }
                }, runner.getLogger(), Map.of());
        assertEquals(2, results.size());
        results.forEach(result -> assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.getExplanation()));
        assertTrue(results.get(0).getExplanation().contains("choose 1 database(s): " + sales), results.get(0).getExplanation());
    }

    @Test
    void verifyNamesAMetastoreThatDoesNotAnswer() throws Exception {
        final int closedPort = freeLoopbackPort();
        final List<ConfigVerificationResult> results = ((ListHiveChanges) runner.getProcessor())
                .verify(new MockProcessContext(runner.getProcessor(), runner.getStateManager()) {
                    {
                        setProperty(ListHiveChanges.SOURCE_METASTORE_URI, "thrift://127.0.0.1:" + closedPort);
                        setProperty(ListHiveChanges.DATABASE_PATTERNS, sales);
                        setProperty(ListHiveChanges.METASTORE_TIMEOUT, "2 sec");
                    }
                }, runner.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.get(0).getOutcome());
        assertTrue(results.get(0).getExplanation().contains("127.0.0.1:" + closedPort), results.get(0).getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, results.get(1).getOutcome());
    }

    @Test
    void rejectsPatternsAndUrisThatNameNothing() {
        runner.setProperty(ListHiveChanges.DATABASE_PATTERNS, "sales;drop");
        runner.assertNotValid();
        runner.setProperty(ListHiveChanges.DATABASE_PATTERNS, sales);
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, "http://metastore:9083");
        runner.assertNotValid();
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, metastore.getUri());
        runner.assertValid();
    }

    private static int freeLoopbackPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> describe(final List<MockFlowFile> records) {
        final List<String> described = new ArrayList<>();
        for (final MockFlowFile record : records) {
            final String kind = record.getAttribute(HiveRecordAttributes.KIND);
            final String table = record.getAttribute(HiveRecordAttributes.TABLE);
            final String partition = record.getAttribute(HiveRecordAttributes.PARTITION);
            described.add(kind + " " + record.getAttribute(HiveRecordAttributes.DATABASE) + (table == null ? "" : "." + table)
                    + (partition == null ? "" : "/" + partition));
        }
        return described;
    }
}
