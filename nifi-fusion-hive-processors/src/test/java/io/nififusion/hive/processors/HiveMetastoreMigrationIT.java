package io.nififusion.hive.processors;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.hive.testing.EmbeddedMetastore;
import io.nififusion.hive.testing.LocalFolderFileSystem;
import io.nififusion.hive.testing.MetastoreProcess;
import io.nififusion.hive.testing.Resources;
import io.nififusion.hive.testing.SourceMetastoreChanges;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationPipeline;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.ambari.FakeAmbariServer;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.nififusion.hive.testing.SourceMetastoreChanges.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metastore follows the data: a real HDFS with a real metastore on it (notification log on), the ADLS emulator
 * with a second metastore in its own JVM as HDInsight's, the data pipeline (ListHDFSChanges → ReplicateToADLS) and the
 * metadata pipeline (ListHiveChanges → ReplicateHiveMetadata) side by side while databases, tables and partitions are
 * created, altered and dropped; both end verified.
 */
class HiveMetastoreMigrationIT {
    private static final String FILESYSTEM = "hdinsight";
    private static final String SOURCE_ROOT = "/warehouse";
    private static final String TARGET_ROOT = "hive/warehouse";

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    @TempDir
    static Path directory;

    private static EmbeddedMetastore sourceMetastore;
    private static MetastoreProcess targetMetastore;
    private static IMetaStoreClient source;
    private static IMetaStoreClient target;
    private static SourceMetastoreChanges changes;
    private static DataLakeFileSystemClient targetStorage;
    private static String targetStorageUri;

    @BeforeAll
    static void startMetastores() throws Exception {
        targetStorage = FusionTestServices.createFileSystem(ADLS.getEmulator(), FILESYSTEM);
        targetStorageUri = "abfs://" + FILESYSTEM + "@" + ADLS.getEmulator().getAccountName() + ".dfs.core.windows.net";

        final Path sourceDirectory = directory.resolve("source-metastore");
        final Configuration sourceSettings = EmbeddedMetastore.settings(sourceDirectory, HDFS.getUri() + SOURCE_ROOT, true);
        sourceSettings.set("fs.defaultFS", HDFS.getUri().toString());
        sourceSettings.set("dfs.replication", "1");
        sourceSettings.set("dfs.client.block.write.replace-datanode-on-failure.enable", "false");
        sourceMetastore = EmbeddedMetastore.start(sourceDirectory, sourceSettings);

        final Path targetDirectory = directory.resolve("target-metastore");
        final Configuration targetSettings = EmbeddedMetastore.settings(targetDirectory, targetStorageUri + "/" + TARGET_ROOT, false);
        targetSettings.set("fs.abfs.impl", LocalFolderFileSystem.class.getName());
        targetSettings.set("fs.abfs.impl.disable.cache", "true");
        targetSettings.set(LocalFolderFileSystem.ROOT_KEY, targetDirectory.resolve("abfs").toString());
        targetMetastore = MetastoreProcess.start(targetDirectory, targetSettings);

        source = sourceMetastore.newClient();
        target = EmbeddedMetastore.newClient(targetMetastore.getUri());
        changes = new SourceMetastoreChanges(source, HDFS.getUri().toString());
    }

    @AfterAll
    static void stopMetastores() throws Exception {
        Resources.closeAll(source, target, targetMetastore, sourceMetastore);
    }

    @Test
    void metadataFollowsTheDataWhileBothChangeAndBothEndVerified() throws Exception {
        changes.createDatabase("sales", SOURCE_ROOT + "/managed/sales.db", "orders and returns");
        changes.createTable("sales", "orders", SOURCE_ROOT + "/managed/sales.db/orders", false,
                List.of(column("id", "bigint"), column("amount", "decimal(10,2)")), List.of(column("dt", "string")));
        for (final String day : List.of("2026-11-30", "2026-12-01")) {
            changes.addPartition("sales", "orders", List.of(day), SOURCE_ROOT + "/managed/sales.db/orders/dt=" + day);
            HDFS.writeRandom(SOURCE_ROOT + "/managed/sales.db/orders/dt=" + day + "/part-00000.orc", 3000, day.hashCode());
            HDFS.writeRandom(SOURCE_ROOT + "/managed/sales.db/orders/dt=" + day + "/part-00001.orc", 1500, day.hashCode() + 1);
        }
        HDFS.write(SOURCE_ROOT + "/managed/sales.db/orders/dt=2026-12-01/_SUCCESS", new byte[0]);
        changes.createTable("sales", "events", SOURCE_ROOT + "/external/events", true, List.of(column("payload", "string")), List.of());
        HDFS.writeRandom(SOURCE_ROOT + "/external/events/events-1.orc", 2000, 7);
        changes.createDatabase("web", SOURCE_ROOT + "/managed/web.db", "click stream");
        changes.createTable("web", "clicks", SOURCE_ROOT + "/managed/web.db/clicks", false, List.of(column("url", "string")), List.of());
        changes.createDatabase("scratch", SOURCE_ROOT + "/managed/scratch.db", "not migrated");

        final MigrationPipeline data = new MigrationPipeline(HDFS, ADLS.getEmulator(), directory.resolve("data"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
        final HiveMigrationPipeline metadata = new HiveMigrationPipeline(sourceMetastore.getUri(), targetMetastore.getUri(), HDFS, ADLS.getEmulator(),
                directory.resolve("metadata"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT, "sales,web");

        // The metadata runs ahead of the data: databases and tables appear, partitions wait for their files
        data.step();
        metadata.step();
        assertTrue(target.tableExists("sales", "orders"), "the table is created before its data arrives");
        assertEquals(List.of(), target.listPartitionNames("sales", "orders", (short) -1), "no partition before its files converged");
        assertFalse(metadata.getPending().isEmpty());
        final String pendingReason = metadata.getPending().get(0).getAttribute(HiveRecordAttributes.PENDING_REASON);
        assertTrue(pendingReason.contains("dt="), pendingReason);

        data.runUntilQuiet(400);
        metadata.runUntilQuiet(20);
        assertEquals(List.of("dt=2026-11-30", "dt=2026-12-01"), sorted(target.listPartitionNames("sales", "orders", (short) -1)));
        final Partition migrated = target.getPartition("sales", "orders", List.of("2026-12-01"));
        assertEquals(targetStorageUri + "/" + TARGET_ROOT + "/managed/sales.db/orders/dt=2026-12-01", migrated.getSd().getLocation());

        // Production goes on: every kind of change while both pipelines run
        changes.addPartition("sales", "orders", List.of("2026-12-02"), SOURCE_ROOT + "/managed/sales.db/orders/dt=2026-12-02");
        HDFS.writeRandom(SOURCE_ROOT + "/managed/sales.db/orders/dt=2026-12-02/part-00000.orc", 4000, 12);
        changes.addColumn("sales", "orders", column("currency", "string"));
        changes.alterPartitionParameter("sales", "orders", List.of("2026-12-01"), "compacted", "true");
        changes.dropPartition("sales", "orders", List.of("2026-11-30"), true);
        changes.renameTable("web", "clicks", "page_clicks");
        changes.dropTable("sales", "events", false);
        changes.createTable("sales", "returns", SOURCE_ROOT + "/external/returns", true, List.of(column("order_id", "bigint")),
                List.of(column("region", "string")));
        changes.addPartition("sales", "returns", List.of("emea"), SOURCE_ROOT + "/external/returns/region=emea");
        HDFS.writeRandom(SOURCE_ROOT + "/external/returns/region=emea/returns.orc", 1200, 3);
        changes.setTableProperty("sales", "returns", "retention.days", "30");

        metadata.step();
        assertFalse(target.listPartitionNames("sales", "orders", (short) -1).contains("dt=2026-12-02"), "the new partition waits for its file");
        data.runUntilQuiet(400);
        metadata.runUntilQuiet(20);

        assertEquals(List.of(), metadata.getFailures(), "no record failed");
        assertEquals(List.of(), metadata.getPending(), "no record waits");
        assertEquals(List.of("dt=2026-12-01", "dt=2026-12-02"), sorted(target.listPartitionNames("sales", "orders", (short) -1)));
        final Table orders = target.getTable("sales", "orders");
        assertEquals("currency", orders.getSd().getCols().get(2).getName());
        assertEquals(targetStorageUri + "/" + TARGET_ROOT + "/managed/sales.db/orders", orders.getSd().getLocation());
        assertEquals("true", target.getPartition("sales", "orders", List.of("2026-12-01")).getParameters().get("compacted"));
        assertTrue(target.tableExists("web", "page_clicks"));
        assertFalse(target.tableExists("web", "clicks"), "the old name of a renamed table is gone");
        assertFalse(target.tableExists("sales", "events"), "a dropped table is gone");
        assertEquals("EXTERNAL_TABLE", target.getTable("sales", "returns").getTableType());
        assertEquals(List.of("region=emea"), target.listPartitionNames("sales", "returns", (short) -1));
        assertFalse(target.getAllDatabases().contains("scratch"), "databases the patterns do not choose stay behind");

        final MockFlowFile report = metadata.audit();
        assertEquals("0", report.getAttribute(HiveAuditAttributes.DIFFERENCES), report.getContent());
        assertEquals("2", report.getAttribute(HiveAuditAttributes.DATABASES_CHECKED));
        assertEquals("3", report.getAttribute(HiveAuditAttributes.TABLES_CHECKED));
        assertEquals("3", report.getAttribute(HiveAuditAttributes.PARTITIONS_CHECKED));
        metadata.getVerifier().assertTransferCount(VerifyHiveMetadata.REL_VERIFIED, 1);
        final MockFlowFile dataReport = data.audit(VerificationDepthOption.QUICK);
        assertEquals("0", dataReport.getAttribute(VerificationAttributes.DIFFERENCES), dataReport.getContent());

        // Order independence: every record ever listed, applied again newest first, changes nothing
        final TestRunner replay = HiveMigrationPipeline.newReplicator(sourceMetastore.getUri(), targetMetastore.getUri(), HDFS, ADLS.getEmulator(),
                directory.resolve("replay"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
        final List<Map<String, String>> history = new ArrayList<>(metadata.getHistory());
        Collections.reverse(history);
        for (final Map<String, String> record : history) {
            replay.enqueue(new byte[0], record);
        }
        replay.run(history.size());
        replay.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, history.size());
        assertNull(replay.getCounterValue("Objects changed at the target"), "a replay of every record finds the target already matching");
        assertEquals("0", metadata.audit().getAttribute(HiveAuditAttributes.DIFFERENCES));
    }

    @Test
    void badRecordsFailAloneAndTheAuditNamesEveryDifference() throws Exception {
        changes.createDatabase("finance", SOURCE_ROOT + "/managed/finance.db", "ledgers");
        changes.createTable("finance", "ledger", SOURCE_ROOT + "/managed/finance.db/ledger", false, List.of(column("entry", "string")), List.of());
        changes.createTable("finance", "outside", "/elsewhere/outside", true, List.of(column("x", "int")), List.of());
        final HiveMigrationPipeline metadata = new HiveMigrationPipeline(sourceMetastore.getUri(), targetMetastore.getUri(), HDFS, ADLS.getEmulator(),
                directory.resolve("finance"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT, "finance");
        metadata.runUntilQuiet(5);

        // a location outside the migrated tree fails its record alone, with a code that says why
        assertEquals(1, metadata.getFailures().size());
        final MockFlowFile failed = metadata.getFailures().get(0);
        failed.assertAttributeEquals(HiveRecordAttributes.TABLE, "outside");
        failed.assertAttributeEquals(OperationAttributes.ERROR_CODE, "LOCATION_NOT_MIGRATED");
        assertTrue(failed.getAttribute(OperationAttributes.ERROR_MESSAGE).contains("/elsewhere/outside"), failed.getAttribute(OperationAttributes.ERROR_MESSAGE));
        assertTrue(target.tableExists("finance", "ledger"));

        // a record that names nothing fails as invalid
        final TestRunner replicate = metadata.getReplicator();
        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "VIEW", HiveRecordAttributes.DATABASE, "finance"));
        replicate.run();
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_FAILURE, 1);
        replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_FAILURE).get(0).assertAttributeEquals(OperationAttributes.ERROR_CODE, "INVALID_OPERATION");
        replicate.clearTransferState();

        // Drop Policy Keep: a table dropped at the source stays at the target, and the record says so
        changes.dropTable("finance", "ledger", false);
        replicate.setProperty(ReplicateHiveMetadata.DROP_POLICY, DropPolicy.KEEP);
        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "TABLE", HiveRecordAttributes.DATABASE, "finance", HiveRecordAttributes.TABLE, "ledger"));
        replicate.run();
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, 1);
        assertTrue(replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_SUCCESS).get(0).getAttribute(HiveRecordAttributes.ACTIONS).contains("kept table finance.ledger"));
        assertTrue(target.tableExists("finance", "ledger"));
        replicate.clearTransferState();

        // the audit names the kept table, and a property changed behind the migration's back
        changes.createTable("finance", "budget", SOURCE_ROOT + "/managed/finance.db/budget", false, List.of(column("line", "string")), List.of());
        replicate.setProperty(ReplicateHiveMetadata.DROP_POLICY, DropPolicy.DROP);
        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "TABLE", HiveRecordAttributes.DATABASE, "finance", HiveRecordAttributes.TABLE, "budget"));
        replicate.run();
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, 1);
        replicate.clearTransferState();
        final Table budget = target.getTable("finance", "budget");
        budget.putToParameters("comment", "edited at the target");
        target.alter_table("finance", "budget", budget);

        final MockFlowFile report = metadata.audit();
        metadata.getVerifier().assertTransferCount(VerifyHiveMetadata.REL_MISMATCH, 1);
        final String lines = report.getContent();
        assertTrue(lines.contains("\"type\":\"EXTRA\",\"kind\":\"TABLE\",\"name\":\"finance.ledger\""), lines);
        assertTrue(lines.contains("\"type\":\"MISSING\",\"kind\":\"TABLE\",\"name\":\"finance.outside\""), lines);
        assertTrue(lines.contains("\"name\":\"finance.budget\",\"detail\":\"properties: expected"), lines);
        assertTrue(lines.contains("edited at the target"), lines);
        assertEquals("1", report.getAttribute(HiveAuditAttributes.EXTRA));
        assertEquals("1", report.getAttribute(HiveAuditAttributes.MISSING));
        assertEquals("1", report.getAttribute(HiveAuditAttributes.MISMATCHED));

        // a reconcile of the database drops what the source lacks and re-applies what differs
        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "DATABASE", HiveRecordAttributes.DATABASE, "finance", HiveRecordAttributes.RECONCILE, "true"));
        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "TABLE", HiveRecordAttributes.DATABASE, "finance", HiveRecordAttributes.TABLE, "budget"));
        replicate.run(2);
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, 2);
        assertFalse(target.tableExists("finance", "ledger"));
        final MockFlowFile after = metadata.audit();
        assertEquals("1", after.getAttribute(HiveAuditAttributes.DIFFERENCES), after.getContent());
    }

    @Test
    void aTargetMetastoreThatDoesNotAnswerSendsRecordsToRetry() throws Exception {
        final int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        final TestRunner replicate = HiveMigrationPipeline.newReplicator(sourceMetastore.getUri(), "thrift://127.0.0.1:" + closedPort, HDFS,
                ADLS.getEmulator(), directory.resolve("unreachable"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
        replicate.setProperty(ReplicateHiveMetadata.METASTORE_TIMEOUT, "2 sec");
        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "DATABASE", HiveRecordAttributes.DATABASE, "default"));
        replicate.run();
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_RETRY, 1);
        final MockFlowFile retried = replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_RETRY).get(0);
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, "METASTORE_UNAVAILABLE");
        assertTrue(retried.isPenalized());
        assertTrue(retried.getAttribute(OperationAttributes.ERROR_MESSAGE).contains("127.0.0.1:" + closedPort));
    }

    @Test
    void theTargetMetastoreIsTheOneTheHdInsightClusterNames() throws Exception {
        try (FakeAmbariServer ambari = FakeAmbariServer.start()) {
            final TestRunner replicate = HiveMigrationPipeline.newReplicator(sourceMetastore.getUri(), targetMetastore.getUri(), HDFS, ADLS.getEmulator(),
                    directory.resolve("discovered"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
            replicate.removeProperty(ReplicateHiveMetadata.TARGET_METASTORE_URI);
            final ControllerService targetService = replicate.getControllerService(FusionTestServices.TARGET_SERVICE_ID);
            replicate.disableControllerService(targetService);
            replicate.setProperty(targetService, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
            replicate.setProperty(targetService, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
            replicate.enableControllerService(targetService);
            replicate.assertValid();

            // a cluster without Hive: Verify says so, and the processor does not start
            final ConfigVerificationResult withoutHive = targetStep(replicate);
            assertEquals(ConfigVerificationResult.Outcome.FAILED, withoutHive.getOutcome());
            assertTrue(withoutHive.getExplanation().contains("Target Metastore URI is not set") && withoutHive.getExplanation().contains("hive-site"),
                    withoutHive.getExplanation());
            assertThrows(AssertionError.class, () -> replicate.run(1, true, true));

            ambari.hiveMetastoreUris(targetMetastore.getUri());
            final ConfigVerificationResult connected = targetStep(replicate);
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, connected.getOutcome(), connected.getExplanation());
            assertTrue(connected.getExplanation().contains(targetMetastore.getUri() + " (the HDInsight cluster's hive.metastore.uris)"),
                    connected.getExplanation());

            changes.createDatabase("discovered", SOURCE_ROOT + "/managed/discovered.db", "found through Ambari");
            replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "DATABASE", HiveRecordAttributes.DATABASE, "discovered"));
            replicate.run();
            replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, 1);
            assertEquals("found through Ambari", target.getDatabase("discovered").getDescription());
            assertTrue(ambari.getRequests().stream().anyMatch(request -> request.contains("type=hive-site")), ambari.getRequests().toString());
        }
    }

    private static ConfigVerificationResult targetStep(final TestRunner runner) {
        return ((VerifiableProcessor) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of()).stream()
                .filter(result -> result.getVerificationStepName().equals(ReplicateHiveMetadata.STEP_TARGET)).findFirst().orElseThrow();
    }

    private static List<String> sorted(final List<String> names) {
        final List<String> copy = new ArrayList<>(names);
        Collections.sort(copy);
        return copy;
    }

    static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
