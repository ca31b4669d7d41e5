package io.nififusion.services.target;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.sas.DataLakeServiceSasSignatureValues;
import com.azure.storage.file.datalake.sas.FileSystemSasPermission;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.ambari.FakeAmbariServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.apache.nifi.util.NoOpProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service against the ADLS Gen2 emulator through the real Azure SDK, and against the fake Ambari of an HDInsight cluster. */
class StandardFusionTargetServiceIT {
    private static final String SERVICE_ID = "target";
    private static final String FILESYSTEM = "migration";

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static DataLakeFileSystemClient referenceClient;

    private final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
    private final String licenseKey = issuer.issue("Contoso Data Platform", Duration.ofDays(365));
    private FakeAmbariServer ambari;
    private TestRunner runner;
    private StandardFusionTargetService service;

    @BeforeAll
    static void createFileSystem() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final DataLakeServiceClient serviceClient = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient();
        referenceClient = serviceClient.getFileSystemClient(FILESYSTEM);
        if (!referenceClient.exists()) {
            referenceClient.create();
        }
    }

    @BeforeEach
    void setUp() throws InitializationException, IOException {
        ambari = FakeAmbariServer.start();
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardFusionTargetService();
        runner.addControllerService(SERVICE_ID, service);
        final AdlsEmulator emulator = ADLS.getEmulator();
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, licenseKey);
        runner.setProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
        runner.setProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME, emulator.getAccountName());
        runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, FILESYSTEM);
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, emulator.getEndpoint());
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, emulator.getAccountKey());
        runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, "/data");
        runner.setProperty(service, FusionTargetProperties.TARGET_ROOT, "landing");
    }

    @AfterEach
    void tearDown() {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
        ambari.close();
    }

    @Test
    void accountKeyClientWritesWhatTheSdkReadsBack() {
        runner.enableControllerService(service);
        final String targetPath = service.getPathMapper().toTargetPath("/data/warehouse/orders/part-0000.parquet");
        assertEquals("landing/warehouse/orders/part-0000.parquet", targetPath);

        final byte[] content = "orders written with Account Key".getBytes(StandardCharsets.UTF_8);
        write(service.getFileSystemClient(), targetPath, content);

        assertArrayEquals(content, read(referenceClient, targetPath));
        assertTrue(ADLS.getEmulator().exists(FILESYSTEM, targetPath));
        assertEquals("Account Key", service.getAuthenticationMode());
        assertEquals(ADLS.getEmulator().getAccountName(), service.getAccountName());
        assertEquals(FILESYSTEM, service.getFileSystemName());
        // a custom endpoint is named as reached, not as an Azure host that was never contacted
        assertEquals(ADLS.getEmulator().getEndpoint() + "/" + FILESYSTEM + "/" + targetPath, service.getTransitUri(targetPath));
    }

    @Test
    void sasTokenClientWritesWhatTheSdkReadsBack() {
        final String sas = referenceClient.generateSas(new DataLakeServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new FileSystemSasPermission().setReadPermission(true).setAddPermission(true).setCreatePermission(true)
                        .setWritePermission(true).setDeletePermission(true).setListPermission(true).setMovePermission(true)));
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN);
        runner.setProperty(service, FusionTargetProperties.SAS_TOKEN, "?" + sas);
        runner.enableControllerService(service);

        final String targetPath = service.getPathMapper().toTargetPath("/data/sas/file.csv");
        final byte[] content = "written with a SAS".getBytes(StandardCharsets.UTF_8);
        write(service.getFileSystemClient(), targetPath, content);

        assertArrayEquals(content, read(referenceClient, targetPath));
        assertEquals("SAS Token", service.getAuthenticationMode());

        // Probe write, directory create and rename all pass with a filesystem SAS too
        for (final ConfigVerificationResult result : verify().values()) {
            assertTrue(result.getOutcome() == Outcome.SUCCESSFUL || result.getOutcome() == Outcome.SKIPPED, result.toString());
        }
        assertEquals(Outcome.SUCCESSFUL, verify().get(StorageProbe.STEP_NAMESPACE).getOutcome());
    }

    @Test
    void verifyPassesEveryStepAndLeavesNoProbe() {
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        final Map<String, ConfigVerificationResult> results = verify();

        assertEquals(List.of(LicenseChecker.STEP, HdInsightDiscovery.STEP,
                StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE,
                StorageProbe.STEP_NAMESPACE), new ArrayList<>(results.keySet()));
        for (final ConfigVerificationResult result : results.values()) {
            assertEquals(Outcome.SUCCESSFUL, result.getOutcome(), result.toString());
        }
        assertTrue(results.get(LicenseChecker.STEP).getExplanation().contains("Contoso Data Platform"));
        assertTrue(results.get(HdInsightDiscovery.STEP).getExplanation().contains("cluster fusioncluster INSTALLED, hosts healthy 4"));
        for (final PathItem item : referenceClient.listPaths()) {
            assertFalse(item.getName().contains(StorageProbe.PROBE_PREFIX), item.getName());
        }
        if (ADLS.getEmulator().exists(FILESYSTEM, "landing")) {
            for (final PathItem item : referenceClient.getDirectoryClient("landing").listPaths()) {
                assertFalse(item.getName().contains(StorageProbe.PROBE_PREFIX), item.getName());
            }
        }
    }

    @Test
    void verifyNamesWrongAccountKeyAndMissingFilesystem() {
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=");
        Map<String, ConfigVerificationResult> results = verify();
        assertEquals(Outcome.SKIPPED, results.get(HdInsightDiscovery.STEP).getOutcome());
        final ConfigVerificationResult access = results.get(StorageProbe.STEP_FILESYSTEM);
        assertEquals(Outcome.FAILED, access.getOutcome());
        assertTrue(access.getExplanation().contains("HTTP 403") && access.getExplanation().contains("with Account Key"), access.getExplanation());
        assertEquals(Outcome.SKIPPED, results.get(StorageProbe.STEP_PROBE).getOutcome());
        assertEquals("Not run: Access Filesystem failed", results.get(StorageProbe.STEP_PROBE).getExplanation());
        assertEquals(Outcome.SKIPPED, results.get(StorageProbe.STEP_NAMESPACE).getOutcome());
        assertEquals("Not run: Access Filesystem failed", results.get(StorageProbe.STEP_NAMESPACE).getExplanation());

        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, ADLS.getEmulator().getAccountKey());
        runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, "nosuchfilesystem");
        results = verify();
        assertEquals(Outcome.FAILED, results.get(StorageProbe.STEP_FILESYSTEM).getOutcome());
        assertTrue(results.get(StorageProbe.STEP_FILESYSTEM).getExplanation().startsWith("No filesystem nosuchfilesystem"));
    }

    @Test
    void aRefusedProbeWriteSkipsTheNamespaceProbe() {
        ADLS.getEmulator().faults().onRequests("PUT", StorageProbe.PROBE_PREFIX, "resource=file").failNext(1, 403, "AuthorizationPermissionMismatch");
        try {
            final Map<String, ConfigVerificationResult> results = verify();

            assertEquals(Outcome.SUCCESSFUL, results.get(StorageProbe.STEP_FILESYSTEM).getOutcome());
            final ConfigVerificationResult probe = results.get(StorageProbe.STEP_PROBE);
            assertEquals(Outcome.FAILED, probe.getOutcome());
            assertTrue(probe.getExplanation().contains("HTTP 403 AuthorizationPermissionMismatch with Account Key"), probe.getExplanation());
            final ConfigVerificationResult namespace = results.get(StorageProbe.STEP_NAMESPACE);
            assertEquals(Outcome.SKIPPED, namespace.getOutcome());
            assertEquals("Not run: Write Probe Path failed", namespace.getExplanation());
            assertEquals(0, ADLS.getEmulator().faults().pendingFaults());
        } finally {
            ADLS.getEmulator().faults().clear();
        }
    }

    @Test
    void verifyReportsAnUnreachableEndpoint() {
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "http://127.0.0.1:1/" + ADLS.getEmulator().getAccountName());
        final ConfigVerificationResult access = verify().get(StorageProbe.STEP_FILESYSTEM);

        assertEquals(Outcome.FAILED, access.getOutcome());
        assertTrue(access.getExplanation().startsWith("Cannot access filesystem " + FILESYSTEM), access.getExplanation());
        assertTrue(access.getExplanation().contains("with Account Key"), access.getExplanation());
    }

    /** Verify answers within seconds because it tries twice, not the SDK's default four times with a back-off from 4 s. */
    @Test
    void verifyGivesUpOnAFailingEndpointAfterTwoTries() {
        final String fileSystemPath = "/" + ADLS.getEmulator().getAccountName() + "/" + FILESYSTEM + "$";
        ADLS.getEmulator().faults().onRequests(null, fileSystemPath, "restype=container").failNext(10, 503, "ServerBusy");
        ADLS.getEmulator().clearRequestLog();
        try {
            final ConfigVerificationResult access = verify().get(StorageProbe.STEP_FILESYSTEM);

            assertEquals(Outcome.FAILED, access.getOutcome());
            assertTrue(access.getExplanation().contains("503") && access.getExplanation().contains("with Account Key"), access.getExplanation());
            final long tries = ADLS.getEmulator().requestLog().stream()
                    .filter(request -> request.path().endsWith("/" + FILESYSTEM) && request.query() != null && request.query().contains("restype=container"))
                    .count();
            assertEquals(2, tries);
            assertEquals(TargetVerification.VERIFY_RETRY_OPTIONS.getMaxTries(), (int) tries);
        } finally {
            ADLS.getEmulator().faults().clear();
        }
    }

    @Test
    void accountAndFilesystemComeFromTheClusterDefaultStorage() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        ambari.defaultFileSystem("abfs://" + FILESYSTEM + "@" + emulator.getAccountName() + ".dfs.core.windows.net/");
        runner.removeProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME);
        runner.removeProperty(service, FusionTargetProperties.FILESYSTEM_NAME);
        // Without a path the loopback endpoint gets the account from Ambari appended
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "http://127.0.0.1:" + emulator.getPort());
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        runner.assertValid(service);
        runner.enableControllerService(service);

        assertEquals(emulator.getAccountName(), service.getAccountName());
        assertEquals(FILESYSTEM, service.getFileSystemName());
        assertEquals(emulator.getEndpoint(), service.getStorageEndpoint().endpointUrl());
        final byte[] content = "placed where Ambari said".getBytes(StandardCharsets.UTF_8);
        write(service.getFileSystemClient(), "landing/from-ambari.txt", content);
        assertArrayEquals(content, read(referenceClient, "landing/from-ambari.txt"));
        assertTrue(ambari.getRequests().contains("GET /api/v1/clusters/fusioncluster/configurations?type=core-site&tag=TOPOLOGY_RESOLVED"),
                ambari.getRequests().toString());
    }

    @Test
    void explicitPropertiesOverrideTheCluster() {
        ambari.defaultFileSystem("abfss://clusterdefault@otheraccount.dfs.core.windows.net/");
        runner.removeProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, ADLS.getEmulator().getEndpoint());
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        runner.setProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME, ADLS.getEmulator().getAccountName());
        runner.enableControllerService(service);

        // Account, filesystem and endpoint are all explicit: Ambari is not needed at enable time
        assertEquals(FILESYSTEM, service.getFileSystemName());
        assertTrue(ambari.getRequests().isEmpty(), ambari.getRequests().toString());
        write(service.getFileSystemClient(), "landing/explicit.txt", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, read(referenceClient, "landing/explicit.txt"));
        runner.disableControllerService(service);

        runner.removeProperty(service, FusionTargetProperties.FILESYSTEM_NAME);
        runner.enableControllerService(service);
        assertEquals("clusterdefault", service.getFileSystemName());
        assertEquals(ADLS.getEmulator().getAccountName(), service.getAccountName());
    }

    @Test
    void theHiveMetastoreUrisComeFromTheClusterHiveSite() throws IOException {
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, ADLS.getEmulator().getEndpoint());
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        runner.enableControllerService(service);

        final IOException withoutHive = assertThrows(IOException.class, service::discoverHiveMetastoreUris);
        assertTrue(withoutHive.getMessage().contains("has no desired hive-site configuration"), withoutHive.getMessage());
        assertFalse(withoutHive.getMessage().contains(ambari.getPassword()), withoutHive.getMessage());

        ambari.hiveMetastoreUris("thrift://hn0-fusion.internal.cloudapp.net:9083,thrift://hn1-fusion.internal.cloudapp.net:9083");
        assertEquals("thrift://hn0-fusion.internal.cloudapp.net:9083,thrift://hn1-fusion.internal.cloudapp.net:9083",
                service.discoverHiveMetastoreUris());
        assertTrue(ambari.getRequests().contains("GET /api/v1/clusters/fusioncluster/configurations?type=hive-site&tag="
                + FakeAmbariServer.HIVE_SITE_TAG), ambari.getRequests().toString());

        ambari.credentials(ambari.getUser(), "changed-since-enable");
        final IOException rejected = assertThrows(IOException.class, service::discoverHiveMetastoreUris);
        assertTrue(rejected.getMessage().contains("rejected user admin (HTTP 403)"), rejected.getMessage());
        assertFalse(rejected.getMessage().contains(ambari.getPassword()), rejected.getMessage());
    }

    @Test
    void aTargetWithoutClusterCannotDiscoverTheHiveMetastore() {
        runner.enableControllerService(service);

        final IllegalStateException noCluster = assertThrows(IllegalStateException.class, service::discoverHiveMetastoreUris);
        assertTrue(noCluster.getMessage().contains("HDInsight Cluster URL is not set"), noCluster.getMessage());
    }

    @Test
    void wrongAmbariPasswordFailsVerifyAndEnable() {
        runner.removeProperty(service, FusionTargetProperties.FILESYSTEM_NAME);
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, "not-the-password");
        final Map<String, ConfigVerificationResult> results = verify();

        final ConfigVerificationResult cluster = results.get(HdInsightDiscovery.STEP);
        assertEquals(Outcome.FAILED, cluster.getOutcome());
        assertTrue(cluster.getExplanation().contains("rejected user admin (HTTP 403)"), cluster.getExplanation());
        assertEquals(Outcome.SKIPPED, results.get(StorageProbe.STEP_FILESYSTEM).getOutcome());
        assertThrows(AssertionError.class, () -> runner.enableControllerService(service));
        assertFalse(runner.isControllerServiceEnabled(service));
    }

    @Test
    void unreachableClusterIsReported() {
        final String url = ambari.getUrl();
        ambari.close();
        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, url);
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, "pw");
        final ConfigVerificationResult cluster = verify().get(HdInsightDiscovery.STEP);
        assertEquals(Outcome.FAILED, cluster.getOutcome());
        assertTrue(cluster.getExplanation().startsWith("Cannot reach Ambari at " + url), cluster.getExplanation());
    }

    @Test
    void secretsNeverAppearInLogsOrVerification() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final String sas = referenceClient.generateSas(new DataLakeServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                FileSystemSasPermission.parse("racwdlm")));
        final String clientSecret = "Client-Secret-Value-7Q~never-logged";
        final List<String> secrets = List.of(emulator.getAccountKey(), sas, clientSecret, licenseKey, ambari.getPassword(), "wrong-Ambari-pw-123");
        final StringBuilder captured = new StringBuilder();

        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, issuer.issue("Contoso", Duration.ofDays(5)));
        captureCycle(captured);

        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN);
        runner.setProperty(service, FusionTargetProperties.SAS_TOKEN, sas);
        captureCycle(captured);
        runner.setProperty(service, FusionTargetProperties.SAS_TOKEN, sas.replaceFirst("sig=[^&]+", "sig=AAAAwrongAAAA%3D"));
        captureCycle(captured);

        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, "wrong-Ambari-pw-123");
        runner.removeProperty(service, FusionTargetProperties.FILESYSTEM_NAME);
        captured.append(verify().values());
        captured.append(runner.validate(service));
        runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, FILESYSTEM);

        // Bearer-token modes cannot reach the plain-HTTP emulator; enabling still logs, and validation explains
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET);
        runner.setProperty(service, FusionTargetProperties.TENANT_ID, emulator.getTenantId());
        runner.setProperty(service, FusionTargetProperties.CLIENT_ID, emulator.getClientId());
        runner.setProperty(service, FusionTargetProperties.CLIENT_SECRET, clientSecret);
        captured.append(runner.validate(service));
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "https://127.0.0.1:1/" + emulator.getAccountName());
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
        runner.enableControllerService(service);
        runner.disableControllerService(service);

        captured.append(allLogMessages(runner.getControllerServiceLogger(SERVICE_ID)));
        captured.append(allLogMessages(runner.getLogger()));
        captured.append(service);
        final String text = captured.toString();
        assertTrue(text.contains("Validate License"), "the capture must hold the verification results");
        assertTrue(text.contains("expires at"), "the capture must hold the expiry warning");
        assertTrue(text.contains("rejected user admin"), "the capture must hold the Ambari rejection");
        for (final String secret : secrets) {
            assertFalse(text.contains(secret), "secret found in logs or verification results");
        }
        assertFalse(text.contains(sas.replaceFirst("^.*sig=", "").replaceFirst("&.*$", "")), "SAS signature found");
    }

    private void captureCycle(final StringBuilder captured) {
        runner.assertValid(service);
        runner.enableControllerService(service);
        runner.disableControllerService(service);
        captured.append(verify().values());
    }

    private Map<String, ConfigVerificationResult> verify() {
        final Map<String, ConfigVerificationResult> results = new LinkedHashMap<>();
        for (final ConfigVerificationResult result : runner.verify(service, Map.of())) {
            results.put(result.getVerificationStepName(), result);
        }
        return results;
    }

    private static String allLogMessages(final MockComponentLog log) {
        final StringBuilder text = new StringBuilder();
        final List<LogMessage> messages = new ArrayList<>();
        messages.addAll(log.getTraceMessages());
        messages.addAll(log.getDebugMessages());
        messages.addAll(log.getInfoMessages());
        messages.addAll(log.getWarnMessages());
        messages.addAll(log.getErrorMessages());
        for (final LogMessage message : messages) {
            text.append(message.getMsg()).append(' ').append(Arrays.deepToString(message.getArgs())).append('\n');
            if (message.getThrowable() != null) {
                final StringWriter trace = new StringWriter();
                message.getThrowable().printStackTrace(new PrintWriter(trace));
                text.append(trace);
            }
        }
        return text.toString();
    }

    private static void write(final DataLakeFileSystemClient client, final String path, final byte[] content) {
        final DataLakeFileClient file = client.getFileClient(path);
        file.create(true);
        file.append(new ByteArrayInputStream(content), 0, content.length);
        file.flush(content.length, true);
    }

    private static byte[] read(final DataLakeFileSystemClient client, final String path) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.getFileClient(path).read(out);
        return out.toByteArray();
    }
}
