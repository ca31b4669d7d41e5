package io.nififusion.hive.processors;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.hive.metastore.HiveListingState;
import io.nififusion.hive.metastore.MetastoreErrorCode;
import io.nififusion.hive.testing.EmbeddedMetastore;
import io.nififusion.hive.testing.LocalFolderFileSystem;
import io.nififusion.hive.testing.MetastoreProcess;
import io.nififusion.hive.testing.MiniKdcExtension;
import io.nififusion.hive.testing.Resources;
import io.nififusion.hive.testing.SourceMetastoreChanges;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.kerberos.KeytabUserService;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.nififusion.hive.testing.SourceMetastoreChanges.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two metastores that require SASL (Kerberos), each in its own JVM with its keytab, and a real KDC: the source one with
 * {@code hadoop.rpc.protection=privacy} (encrypted), the target one with authentication only. ListHiveChanges lists the
 * source as the HDFS Source Service's Kerberos user, ReplicateHiveMetadata applies the records to the target as the
 * Target Kerberos User Service's principal, and the error paths (a principal the KDC does not know, a metastore with SASL
 * reached without it) send the records to retry with the reason.
 * <p>
 * No NameNode runs: a database and a table need none, and without a NameNode's keytab login the JVM's own Hadoop login
 * user holds no Kerberos credentials, so a metastore call made outside the configured user's doAs fails instead of
 * passing as a service principal. The metastores serve {@code hdfs://} and {@code abfs://} locations from local folders.
 */
class KerberizedMetastoresIT {
    private static final String FILESYSTEM = "hdinsight";
    private static final String SOURCE_ROOT = "/warehouse";
    private static final String TARGET_ROOT = "hive/warehouse";
    private static final String METASTORE_SERVICE = "hive/localhost";
    private static final String SOURCE_USER = "alice";
    private static final String TARGET_USER = "etl";
    private static final String SOURCE_KERBEROS_ID = "source-kerberos";
    private static final String TARGET_KERBEROS_ID = "target-kerberos";

    @RegisterExtension
    static final MiniKdcExtension KDC = new MiniKdcExtension();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    @TempDir
    static Path directory;

    private static File metastoreKeytab;
    private static File sourceUserKeytab;
    private static File targetUserKeytab;
    private static String sourceFileSystem;
    private static String targetStorageUri;
    private static String clientConfiguration;
    private static MetastoreProcess sourceMetastore;
    private static MetastoreProcess targetMetastore;
    private static IMetaStoreClient source;
    private static IMetaStoreClient target;
    private static SourceMetastoreChanges changes;

    @BeforeAll
    static void startMetastores() throws Exception {
        metastoreKeytab = KDC.createPrincipal(METASTORE_SERVICE);
        sourceUserKeytab = KDC.createPrincipal(SOURCE_USER);
        targetUserKeytab = KDC.createPrincipal(TARGET_USER);
        FusionTestServices.createFileSystem(ADLS.getEmulator(), FILESYSTEM);
        targetStorageUri = "abfs://" + FILESYSTEM + "@" + ADLS.getEmulator().getAccountName() + ".dfs.core.windows.net";
        // a loopback address nothing listens on: the source service is configured for it, and no test reads HDFS
        sourceFileSystem = "hdfs://localhost:" + unusedPort();
        clientConfiguration = writeClientConfiguration(directory.resolve("client")).toString();

        final Path sourceDirectory = directory.resolve("source-metastore");
        final Configuration sourceSettings = withSasl(EmbeddedMetastore.settings(sourceDirectory, sourceFileSystem + SOURCE_ROOT, false));
        sourceSettings.set("hadoop.rpc.protection", "privacy");
        sourceSettings.set("fs.hdfs.impl", LocalFolderFileSystem.class.getName());
        sourceSettings.set("fs.hdfs.impl.disable.cache", "true");
        sourceSettings.set(LocalFolderFileSystem.ROOT_KEY, sourceDirectory.resolve("hdfs").toString());
        sourceMetastore = MetastoreProcess.start(sourceDirectory, sourceSettings, kerberosSystemProperties());

        final Path targetDirectory = directory.resolve("target-metastore");
        final Configuration targetSettings = withSasl(EmbeddedMetastore.settings(targetDirectory, targetStorageUri + "/" + TARGET_ROOT, false));
        targetSettings.set("fs.abfs.impl", LocalFolderFileSystem.class.getName());
        targetSettings.set("fs.abfs.impl.disable.cache", "true");
        targetSettings.set(LocalFolderFileSystem.ROOT_KEY, targetDirectory.resolve("abfs").toString());
        targetMetastore = MetastoreProcess.start(targetDirectory, targetSettings, kerberosSystemProperties());

        final Configuration security = new Configuration(false);
        security.set("hadoop.security.authentication", "kerberos");
        UserGroupInformation.setConfiguration(security);
        assertFalse(UserGroupInformation.getLoginUser().hasKerberosCredentials(), "the JVM's own login user holds no Kerberos credentials");
        // the test changes and reads both metastores as their own service principal
        final UserGroupInformation administrator = UserGroupInformation.loginUserFromKeytabAndReturnUGI(KDC.qualify(METASTORE_SERVICE),
                metastoreKeytab.getAbsolutePath());
        source = administrator.doAs((PrivilegedExceptionAction<IMetaStoreClient>) () -> EmbeddedMetastore.newClient(sourceMetastore.getUri(), saslClient()));
        target = administrator.doAs((PrivilegedExceptionAction<IMetaStoreClient>) () -> EmbeddedMetastore.newClient(targetMetastore.getUri(), saslClient()));
        changes = new SourceMetastoreChanges(source, sourceFileSystem);
    }

    @AfterAll
    static void stopMetastores() throws Exception {
        Resources.closeAll(source, target, targetMetastore, sourceMetastore);
    }

    @Test
    void aDatabaseAndATableReplicateFromAKerberizedSourceToAKerberizedTarget() throws Exception {
        changes.createDatabase("sales", SOURCE_ROOT + "/managed/sales.db", "orders and returns");
        changes.createTable("sales", "orders", SOURCE_ROOT + "/managed/sales.db/orders", false,
                List.of(column("id", "bigint"), column("amount", "decimal(10,2)")), List.of());

        final TestRunner list = lister(KDC.qualify(METASTORE_SERVICE), "sales");
        final KeytabUserService listingUser = (KeytabUserService) list.getControllerService(SOURCE_KERBEROS_ID);
        final List<Map<String, String>> records = new ArrayList<>();
        boolean first = true;
        do {
            list.run(1, false, first);
            first = false;
            for (final MockFlowFile record : list.getFlowFilesForRelationship(ListHiveChanges.REL_SUCCESS)) {
                records.add(record.getAttributes());
            }
            list.clearTransferState();
        } while ("SCAN".equals(list.getStateManager().getState(Scope.CLUSTER).get(HiveListingState.PHASE_KEY)));
        list.run(1, true, false);
        assertEquals(List.of("DATABASE sales", "TABLE sales.orders"), describe(records));
        assertTrue(listingUser.getLogins() > 0, "the listing logged in as " + KDC.qualify(SOURCE_USER));

        final TestRunner replicate = replicator(KDC.qualify(METASTORE_SERVICE));
        final KeytabUserService targetUser = (KeytabUserService) replicate.getControllerService(TARGET_KERBEROS_ID);
        for (final Map<String, String> record : records) {
            replicate.enqueue(new byte[0], record);
        }
        replicate.run(records.size());
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, records.size());
        assertTrue(targetUser.getLogins() > 0, "the replication logged in as " + KDC.qualify(TARGET_USER) + " for the target");

        assertEquals(targetStorageUri + "/" + TARGET_ROOT + "/managed/sales.db", target.getDatabase("sales").getLocationUri());
        final Table orders = target.getTable("sales", "orders");
        assertEquals(targetStorageUri + "/" + TARGET_ROOT + "/managed/sales.db/orders", orders.getSd().getLocation());
        assertEquals(List.of("id", "amount"), orders.getSd().getCols().stream().map(column -> column.getName()).toList());

        // the same records again change nothing
        for (final Map<String, String> record : records) {
            replicate.enqueue(new byte[0], record);
        }
        replicate.clearTransferState();
        replicate.run(records.size());
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, records.size());

        // and the audit, reading both metastores with SASL, finds them agreeing
        final TestRunner audit = TestRunners.newTestRunner(VerifyHiveMetadata.class);
        addKerberosUser(audit, SOURCE_KERBEROS_ID, KDC.qualify(SOURCE_USER), sourceUserKeytab);
        addSource(audit);
        FusionTestServices.addTarget(audit, ADLS.getEmulator(), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
        addKerberosUser(audit, TARGET_KERBEROS_ID, KDC.qualify(TARGET_USER), targetUserKeytab);
        audit.setProperty(VerifyHiveMetadata.SOURCE_METASTORE_URI, sourceMetastore.getUri());
        audit.setProperty(VerifyHiveMetadata.SOURCE_METASTORE_PRINCIPAL, KDC.qualify(METASTORE_SERVICE));
        audit.setProperty(VerifyHiveMetadata.TARGET_METASTORE_URI, targetMetastore.getUri());
        audit.setProperty(VerifyHiveMetadata.TARGET_METASTORE_PRINCIPAL, KDC.qualify(METASTORE_SERVICE));
        audit.setProperty(VerifyHiveMetadata.TARGET_KERBEROS_USER_SERVICE, TARGET_KERBEROS_ID);
        audit.setProperty(VerifyHiveMetadata.DATABASE_PATTERNS, "sales");
        audit.setProperty(VerifyHiveMetadata.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        audit.setProperty(VerifyHiveMetadata.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        audit.enqueue(new byte[0]);
        audit.run();
        audit.assertTransferCount(VerifyHiveMetadata.REL_ORIGINAL, 1);
        audit.assertTransferCount(VerifyHiveMetadata.REL_VERIFIED, 1);
        final MockFlowFile report = audit.getFlowFilesForRelationship(VerifyHiveMetadata.REL_VERIFIED).get(0);
        report.assertAttributeEquals(HiveAuditAttributes.TABLES_CHECKED, "1");
        report.assertAttributeEquals(HiveAuditAttributes.DIFFERENCES, "0");
    }

    @Test
    void verifyAuthenticatesToBothMetastoresAndNamesThePrincipals() throws Exception {
        final TestRunner replicate = replicator(KDC.qualify(METASTORE_SERVICE));
        final Map<String, ConfigVerificationResult> steps = verify(replicate);
        for (final ConfigVerificationResult step : steps.values()) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, step.getOutcome(), step.getVerificationStepName() + ": " + step.getExplanation());
        }
        final String sourceKerberos = steps.get(ReplicateHiveMetadata.STEP_SOURCE_KERBEROS).getExplanation();
        assertTrue(sourceKerberos.contains(KDC.qualify(SOURCE_USER)) && sourceKerberos.contains(KDC.qualify(METASTORE_SERVICE)), sourceKerberos);
        final String targetKerberos = steps.get(ReplicateHiveMetadata.STEP_TARGET_KERBEROS).getExplanation();
        assertTrue(targetKerberos.contains(KDC.qualify(TARGET_USER)) && targetKerberos.contains(KDC.qualify(METASTORE_SERVICE)), targetKerberos);
        assertTrue(steps.get(ReplicateHiveMetadata.STEP_SOURCE).getExplanation().contains("SASL (Kerberos)"), steps.get(ReplicateHiveMetadata.STEP_SOURCE).getExplanation());

        final TestRunner list = lister(KDC.qualify(METASTORE_SERVICE), "*");
        final List<ConfigVerificationResult> listing = ((VerifiableProcessor) list.getProcessor()).verify(list.getProcessContext(), list.getLogger(), Map.of());
        assertEquals(List.of(ListHiveChanges.STEP_KERBEROS, ListHiveChanges.STEP_CONNECT, ListHiveChanges.STEP_NOTIFICATIONS),
                listing.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        for (final ConfigVerificationResult step : listing) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, step.getOutcome(), step.getVerificationStepName() + ": " + step.getExplanation());
        }
    }

    @Test
    void aPrincipalTheKdcDoesNotKnowSendsTheRecordToRetryWithTheKdcsAnswer() throws Exception {
        changes.createDatabase("inventory", SOURCE_ROOT + "/managed/inventory.db", "stock");
        final String wrongPrincipal = KDC.qualify("metastore/localhost");
        final TestRunner replicate = replicator(wrongPrincipal);

        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "DATABASE", HiveRecordAttributes.DATABASE, "inventory"));
        replicate.run();

        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_RETRY, 1);
        final MockFlowFile retried = replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_RETRY).get(0);
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, MetastoreErrorCode.METASTORE_UNAVAILABLE.name());
        final String message = retried.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains(wrongPrincipal) && message.contains("Server not found in Kerberos database"), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(target.getAllDatabases().contains("inventory"), "nothing reached the target");

        final Map<String, ConfigVerificationResult> steps = verify(replicate);
        assertEquals(ConfigVerificationResult.Outcome.FAILED, steps.get(ReplicateHiveMetadata.STEP_SOURCE_KERBEROS).getOutcome());
        assertTrue(steps.get(ReplicateHiveMetadata.STEP_SOURCE_KERBEROS).getExplanation().contains("Server not found in Kerberos database"),
                steps.get(ReplicateHiveMetadata.STEP_SOURCE_KERBEROS).getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, steps.get(ReplicateHiveMetadata.STEP_SOURCE).getOutcome());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, steps.get(ReplicateHiveMetadata.STEP_TARGET).getOutcome(),
                steps.get(ReplicateHiveMetadata.STEP_TARGET).getExplanation());
    }

    @Test
    void aMetastoreWithSaslReachedWithoutItSendsTheRecordToRetryAndSaysSo() throws Exception {
        changes.createDatabase("returns", SOURCE_ROOT + "/managed/returns.db", "returned orders");
        final TestRunner replicate = replicator(null);
        replicate.setProperty(ReplicateHiveMetadata.METASTORE_TIMEOUT, "5 sec");

        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "DATABASE", HiveRecordAttributes.DATABASE, "returns"));
        replicate.run();

        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_RETRY, 1);
        final MockFlowFile retried = replicate.getFlowFilesForRelationship(ReplicateHiveMetadata.REL_RETRY).get(0);
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, MetastoreErrorCode.METASTORE_UNAVAILABLE.name());
        final String message = retried.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains(sourceMetastore.getUri()) && message.contains("SASL"), message);
        assertFalse(target.getAllDatabases().contains("returns"), "nothing reached the target");

        // the same record, once the principal is given
        replicate.setProperty(ReplicateHiveMetadata.SOURCE_METASTORE_PRINCIPAL, KDC.qualify(METASTORE_SERVICE));
        replicate.clearTransferState();
        replicate.enqueue(new byte[0], retried.getAttributes());
        replicate.run();
        replicate.assertAllFlowFilesTransferred(ReplicateHiveMetadata.REL_SUCCESS, 1);
        assertTrue(target.getAllDatabases().contains("returns"));
    }

    @Test
    void aTargetPrincipalThatCannotLogInFailsTheTargetsKerberosStepAndKeepsTheProcessorFromStarting() throws Exception {
        final TestRunner replicate = replicator(KDC.qualify(METASTORE_SERVICE));
        // a keytab of another principal
        replicate.disableControllerService(replicate.getControllerService(TARGET_KERBEROS_ID));
        replicate.setProperty(replicate.getControllerService(TARGET_KERBEROS_ID), KeytabUserService.KEYTAB, sourceUserKeytab.getAbsolutePath());
        replicate.enableControllerService(replicate.getControllerService(TARGET_KERBEROS_ID));

        final Map<String, ConfigVerificationResult> steps = verify(replicate);
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, steps.get(ReplicateHiveMetadata.STEP_SOURCE).getOutcome(),
                steps.get(ReplicateHiveMetadata.STEP_SOURCE).getExplanation());
        final ConfigVerificationResult targetKerberos = steps.get(ReplicateHiveMetadata.STEP_TARGET_KERBEROS);
        assertEquals(ConfigVerificationResult.Outcome.FAILED, targetKerberos.getOutcome());
        assertTrue(targetKerberos.getExplanation().contains("Kerberos login of " + KDC.qualify(TARGET_USER)), targetKerberos.getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, steps.get(ReplicateHiveMetadata.STEP_TARGET).getOutcome());

        replicate.enqueue(new byte[0], Map.of(HiveRecordAttributes.KIND, "DATABASE", HiveRecordAttributes.DATABASE, "default"));
        assertThrows(AssertionError.class, () -> replicate.run());
        assertEquals(1, replicate.getQueueSize().getObjectCount(), "the record waits in its queue");
    }

    private static TestRunner lister(final String sourcePrincipal, final String patterns) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ListHiveChanges.class);
        addKerberosUser(runner, SOURCE_KERBEROS_ID, KDC.qualify(SOURCE_USER), sourceUserKeytab);
        addSource(runner);
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, sourceMetastore.getUri());
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_PRINCIPAL, sourcePrincipal);
        runner.setProperty(ListHiveChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ListHiveChanges.DATABASE_PATTERNS, patterns);
        runner.assertValid();
        return runner;
    }

    /** @param sourcePrincipal the Source Metastore Principal, or null for none */
    private static TestRunner replicator(final String sourcePrincipal) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ReplicateHiveMetadata.class);
        addKerberosUser(runner, SOURCE_KERBEROS_ID, KDC.qualify(SOURCE_USER), sourceUserKeytab);
        addSource(runner);
        FusionTestServices.addTarget(runner, ADLS.getEmulator(), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
        addKerberosUser(runner, TARGET_KERBEROS_ID, KDC.qualify(TARGET_USER), targetUserKeytab);
        runner.setProperty(ReplicateHiveMetadata.SOURCE_METASTORE_URI, sourceMetastore.getUri());
        if (sourcePrincipal != null) {
            runner.setProperty(ReplicateHiveMetadata.SOURCE_METASTORE_PRINCIPAL, sourcePrincipal);
        }
        runner.setProperty(ReplicateHiveMetadata.TARGET_METASTORE_URI, targetMetastore.getUri());
        runner.setProperty(ReplicateHiveMetadata.TARGET_METASTORE_PRINCIPAL, KDC.qualify(METASTORE_SERVICE));
        runner.setProperty(ReplicateHiveMetadata.TARGET_KERBEROS_USER_SERVICE, TARGET_KERBEROS_ID);
        runner.setProperty(ReplicateHiveMetadata.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateHiveMetadata.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        runner.assertValid();
        return runner;
    }

    private static void addKerberosUser(final TestRunner runner, final String id, final String principal, final File keytab) throws InitializationException {
        final KeytabUserService service = new KeytabUserService();
        runner.addControllerService(id, service);
        runner.setProperty(service, KeytabUserService.PRINCIPAL, principal);
        runner.setProperty(service, KeytabUserService.KEYTAB, keytab.getAbsolutePath());
        runner.enableControllerService(service);
    }

    private static void addSource(final TestRunner runner) throws InitializationException {
        final StandardHdfsSourceService service = new StandardHdfsSourceService();
        runner.addControllerService(FusionTestServices.SOURCE_SERVICE_ID, service);
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, clientConfiguration);
        runner.setProperty(service, StandardHdfsSourceService.KERBEROS_USER_SERVICE, SOURCE_KERBEROS_ID);
        runner.enableControllerService(service);
    }

    private static Map<String, ConfigVerificationResult> verify(final TestRunner runner) {
        final Map<String, ConfigVerificationResult> steps = new LinkedHashMap<>();
        for (final ConfigVerificationResult result : ((VerifiableProcessor) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of())) {
            steps.put(result.getVerificationStepName(), result);
        }
        return steps;
    }

    /** What an operator hands NiFi for a Kerberized source cluster. */
    private static Path writeClientConfiguration(final Path folder) throws IOException {
        Files.createDirectories(folder);
        final Configuration client = new Configuration(false);
        client.set("fs.defaultFS", sourceFileSystem);
        client.set("hadoop.security.authentication", "kerberos");
        client.set("dfs.namenode.kerberos.principal", KDC.qualify("hdfs/localhost"));
        final Path file = folder.resolve("core-site.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.writeXml(out);
        }
        return file;
    }

    private static Configuration withSasl(final Configuration settings) {
        settings.set("hadoop.security.authentication", "kerberos");
        settings.set("metastore.sasl.enabled", "true");
        settings.set("metastore.kerberos.principal", KDC.qualify(METASTORE_SERVICE));
        settings.set("metastore.kerberos.keytab.file", metastoreKeytab.getAbsolutePath());
        return settings;
    }

    private static Configuration saslClient() {
        final Configuration client = new Configuration(false);
        client.set("metastore.sasl.enabled", "true");
        client.set("metastore.kerberos.principal", KDC.qualify(METASTORE_SERVICE));
        client.set("hadoop.rpc.protection", "privacy,integrity,authentication");
        return client;
    }

    private static Map<String, String> kerberosSystemProperties() {
        return Map.of("java.security.krb5.conf", KDC.getKrb5Configuration().getAbsolutePath(), "sun.security.krb5.rcache", "none");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> describe(final List<Map<String, String>> records) {
        final List<String> described = new ArrayList<>();
        for (final Map<String, String> record : records) {
            final String table = record.get(HiveRecordAttributes.TABLE);
            described.add(record.get(HiveRecordAttributes.KIND) + " " + record.get(HiveRecordAttributes.DATABASE) + (table == null ? "" : "." + table));
        }
        return described;
    }
}
