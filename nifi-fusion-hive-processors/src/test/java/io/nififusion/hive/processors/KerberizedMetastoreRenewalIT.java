package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.HiveListingState;
import io.nififusion.hive.testing.EmbeddedMetastore;
import io.nififusion.hive.testing.LocalFolderFileSystem;
import io.nififusion.hive.testing.MetastoreProcess;
import io.nififusion.hive.testing.MiniKdcExtension;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.testkit.kerberos.KeytabUserService;
import org.apache.hadoop.conf.Configuration;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.processor.VerifiableProcessor;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A metastore with SASL followed across several Kerberos tickets: the KDC issues tickets of {@link #TICKET_LIFETIME},
 * the HDFS Source Service logs in again on the way, and both kinds of connection keep working: the listing's pooled
 * client, opened with the first ticket, and the fresh clients each Verify opens with the ticket of the moment.
 */
class KerberizedMetastoreRenewalIT {
    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(3);
    private static final String METASTORE_SERVICE = "hive/localhost";
    private static final String SOURCE_USER = "alice";

    @RegisterExtension
    static final MiniKdcExtension KDC = MiniKdcExtension.withTicketLifetime(TICKET_LIFETIME);

    @TempDir
    static Path directory;

    private static File sourceUserKeytab;
    private static String clientConfiguration;
    private static MetastoreProcess metastore;

    @BeforeAll
    static void startMetastore() throws Exception {
        final File metastoreKeytab = KDC.createPrincipal(METASTORE_SERVICE);
        sourceUserKeytab = KDC.createPrincipal(SOURCE_USER);
        final String fileSystem = "hdfs://localhost:" + unusedPort();

        final Configuration client = new Configuration(false);
        client.set("fs.defaultFS", fileSystem);
        client.set("hadoop.security.authentication", "kerberos");
        client.set("dfs.namenode.kerberos.principal", KDC.qualify("hdfs/localhost"));
        Files.createDirectories(directory.resolve("client"));
        final Path file = directory.resolve("client").resolve("core-site.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.writeXml(out);
        }
        clientConfiguration = file.toString();

        final Path metastoreDirectory = directory.resolve("metastore");
        final Configuration settings = EmbeddedMetastore.settings(metastoreDirectory, fileSystem + "/warehouse", false);
        settings.set("hadoop.security.authentication", "kerberos");
        settings.set("metastore.sasl.enabled", "true");
        settings.set("metastore.kerberos.principal", KDC.qualify(METASTORE_SERVICE));
        settings.set("metastore.kerberos.keytab.file", metastoreKeytab.getAbsolutePath());
        settings.set("fs.hdfs.impl", LocalFolderFileSystem.class.getName());
        settings.set("fs.hdfs.impl.disable.cache", "true");
        settings.set(LocalFolderFileSystem.ROOT_KEY, metastoreDirectory.resolve("hdfs").toString());
        metastore = MetastoreProcess.start(metastoreDirectory, settings,
                Map.of("java.security.krb5.conf", KDC.getKrb5Configuration().getAbsolutePath(), "sun.security.krb5.rcache", "none"));
    }

    @AfterAll
    static void stopMetastore() throws IOException {
        if (metastore != null) {
            metastore.close();
        }
    }

    @Test
    void aListingAndFreshConnectionsOutliveSeveralTickets() throws Exception {
        final TestRunner list = TestRunners.newTestRunner(ListHiveChanges.class);
        final KeytabUserService kerberos = new KeytabUserService();
        list.addControllerService("source-kerberos", kerberos);
        list.setProperty(kerberos, KeytabUserService.PRINCIPAL, KDC.qualify(SOURCE_USER));
        list.setProperty(kerberos, KeytabUserService.KEYTAB, sourceUserKeytab.getAbsolutePath());
        list.enableControllerService(kerberos);
        final StandardHdfsSourceService source = new StandardHdfsSourceService();
        list.addControllerService(FusionTestServices.SOURCE_SERVICE_ID, source);
        list.setProperty(source, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, clientConfiguration);
        list.setProperty(source, StandardHdfsSourceService.KERBEROS_USER_SERVICE, "source-kerberos");
        list.enableControllerService(source);
        list.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, metastore.getUri());
        list.setProperty(ListHiveChanges.SOURCE_METASTORE_PRINCIPAL, KDC.qualify(METASTORE_SERVICE));
        list.setProperty(ListHiveChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        list.setProperty(ListHiveChanges.DATABASE_PATTERNS, "default");

        final int loginsBefore = kerberos.getLogins();
        final Instant started = Instant.now();
        list.run(1, false, true);
        int runs = 1;
        int verifications = 0;
        // the listing follows the log on its pooled client while the ticket it was opened with expires and is replaced
        while (kerberos.getLogins() - loginsBefore < 3 || Duration.between(started, Instant.now()).compareTo(TICKET_LIFETIME.multipliedBy(3)) < 0) {
            list.run(1, false, false);
            runs++;
            final List<ConfigVerificationResult> results = ((VerifiableProcessor) list.getProcessor()).verify(list.getProcessContext(), list.getLogger(), Map.of());
            for (final ConfigVerificationResult result : results) {
                assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), "after " + runs + " runs: " + result.getVerificationStepName()
                        + ": " + result.getExplanation());
            }
            verifications++;
            assertTrue(runs < 10_000, "the source service did not log in again: " + (kerberos.getLogins() - loginsBefore) + " logins");
        }
        list.run(1, true, false);

        assertEquals("TAIL", list.getStateManager().getState(Scope.CLUSTER).get(HiveListingState.PHASE_KEY), "the listing ran without failing");
        assertTrue(kerberos.getLogins() - loginsBefore >= 3, "logins: " + (kerberos.getLogins() - loginsBefore));
        assertTrue(verifications > 0);
        assertEquals(KDC.qualify(SOURCE_USER), source.getUserGroupInformation().getUserName());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
