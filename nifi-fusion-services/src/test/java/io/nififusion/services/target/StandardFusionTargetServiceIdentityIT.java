package io.nififusion.services.target;

import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.adls.RecordedRequest;
import io.nififusion.testkit.ambari.FakeAmbariServer;
import io.nififusion.testkit.net.HttpConnectProxy;
import io.nififusion.testkit.net.LoopbackOnlyProxySelector;
import io.nififusion.testkit.tls.ServicePrincipalCertificate;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/**
 * Every authentication mode against the emulator over HTTPS, with the real Azure SDK and azure-identity (MSAL): tokens
 * from the emulator's tenant, its certificate authority trusted through the SSL Context Service only (never the JVM's
 * default trust store), an HTTP proxy with and without credentials, and not one connection beyond loopback.
 */
class StandardFusionTargetServiceIdentityIT {
    private static final String SERVICE_ID = "target";
    private static final String FILESYSTEM = "identity";
    private static final String CERTIFICATE_APPLICATION = "fusion-certificate-app";
    private static final String PFX_PASSWORD = "Pfx-Passw0rd-never-logged";
    private static final ServicePrincipalCertificate CERTIFICATE = ServicePrincipalCertificate.create("nifi-fusion migration");

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension(AdlsEmulator.builder()
            .clientCertificate(CERTIFICATE_APPLICATION, CERTIFICATE.getCertificate()));

    @TempDir
    static Path directory;

    private static LoopbackOnlyProxySelector loopbackOnly;
    private static Path trustStore;

    private final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
    private TestRunner runner;
    private StandardFusionTargetService service;

    @BeforeAll
    static void createFileSystemAndTrustStore() {
        loopbackOnly = LoopbackOnlyProxySelector.install();
        final AdlsEmulator emulator = ADLS.getEmulator();
        new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient()
                .createFileSystem(FILESYSTEM);
        trustStore = emulator.getCertificateAuthority().writeTrustStore(directory.resolve("emulator-ca.p12"), "changeit");
    }

    @AfterAll
    static void restoreProxySelector() {
        loopbackOnly.close();
    }

    @BeforeEach
    void setUp() throws InitializationException {
        final AdlsEmulator emulator = ADLS.getEmulator();
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardFusionTargetService();
        runner.addControllerService(SERVICE_ID, service);
        final TrustStoreSslContextProvider tls = new TrustStoreSslContextProvider();
        runner.addControllerService("tls", tls);
        runner.setProperty(tls, TrustStoreSslContextProvider.TRUST_STORE, trustStore.toString());
        runner.setProperty(tls, TrustStoreSslContextProvider.TRUST_STORE_PASSWORD, "changeit");
        runner.enableControllerService(tls);

        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, issuer.issue("Contoso Data Platform", Duration.ofDays(365)));
        runner.setProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
        runner.setProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME, emulator.getAccountName());
        runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, FILESYSTEM);
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, emulator.getHttpsEndpoint());
        runner.setProperty(service, FusionTargetProperties.SSL_CONTEXT_SERVICE, "tls");
        runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, "/data");
        runner.setProperty(service, FusionTargetProperties.TARGET_ROOT, "landing");
    }

    @AfterEach
    void tearDown() {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
        assertEquals(List.of(), loopbackOnly.nonLoopbackAttempts(), "every connection must stay on loopback");
    }

    @Test
    void servicePrincipalWithClientSecretWritesReadsAndVerifies() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        useClientSecret(emulator.getClientSecret());
        final int tokensBefore = emulator.getTokensIssued();
        runner.enableControllerService(service);
        assertEquals("Service Principal with Client Secret", service.getAuthenticationMode());
        writeAndReadBack("client-secret.txt");
        assertAllVerificationsPass();
        assertTrue(emulator.getTokensIssued() > tokensBefore, "tokens come from the emulator's tenant");
        assertTrue(sawBearerRequest(), "storage requests carry the bearer token");
    }

    @Test
    void servicePrincipalWithPemCertificateWritesReadsAndVerifies() {
        useCertificate(CERTIFICATE.writePem(directory.resolve("client.pem")), null);
        runner.enableControllerService(service);
        assertEquals("Service Principal with Certificate", service.getAuthenticationMode());
        writeAndReadBack("certificate-pem.txt");
        assertAllVerificationsPass();
    }

    @Test
    void servicePrincipalWithPfxCertificateWritesReadsAndVerifies() {
        useCertificate(CERTIFICATE.writePkcs12(directory.resolve("client.pfx"), PFX_PASSWORD), PFX_PASSWORD);
        runner.enableControllerService(service);
        writeAndReadBack("certificate-pfx.txt");
        assertAllVerificationsPass();
        assertSecretsNowhere(List.of(PFX_PASSWORD));
    }

    @Test
    void certificateNotRegisteredWithTheApplicationIsRefusedNamingTheMode() {
        final ServicePrincipalCertificate stranger = ServicePrincipalCertificate.create("not registered");
        useCertificate(stranger.writePem(directory.resolve("stranger.pem")), null);
        final ConfigVerificationResult access = verify().get(StorageProbe.STEP_FILESYSTEM);
        assertEquals(Outcome.FAILED, access.getOutcome());
        assertTrue(access.getExplanation().contains("Service Principal with Certificate"), access.getExplanation());
        assertTrue(access.getExplanation().contains("AADSTS700027"), access.getExplanation());
    }

    @Test
    void accountKeyAndSasWriteReadAndVerifyOverHttps() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.ACCOUNT_KEY);
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, emulator.getAccountKey());
        runner.enableControllerService(service);
        writeAndReadBack("account-key.txt");
        assertAllVerificationsPass();
        runner.disableControllerService(service);

        final String sas = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient()
                .generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1), AccountSasPermission.parse("rwdlacup"),
                        AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN);
        runner.setProperty(service, FusionTargetProperties.SAS_TOKEN, sas);
        runner.enableControllerService(service);
        writeAndReadBack("sas.txt");
        assertAllVerificationsPass();
    }

    @Test
    void withoutTheSslContextServiceTheEmulatorIsNotTrusted() {
        runner.removeProperty(service, FusionTargetProperties.SSL_CONTEXT_SERVICE);
        useClientSecret(ADLS.getEmulator().getClientSecret());
        final ConfigVerificationResult access = verify().get(StorageProbe.STEP_FILESYSTEM);
        assertEquals(Outcome.FAILED, access.getOutcome());
        assertTrue(access.getExplanation().contains("Service Principal with Client Secret"), access.getExplanation());
        assertTrue(access.getExplanation().contains("PKIX") || access.getExplanation().contains("certification path"), access.getExplanation());
    }

    @Test
    void wrongOrWithdrawnSecretIsRefusedNamingTheModeWithoutTheSecret() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final String wrongSecret = "Wrong-Secret-Value~never-logged";
        useClientSecret(wrongSecret);
        final ConfigVerificationResult refused = verify().get(StorageProbe.STEP_FILESYSTEM);
        assertEquals(Outcome.FAILED, refused.getOutcome());
        assertTrue(refused.getExplanation().contains("Service Principal with Client Secret"), refused.getExplanation());
        assertTrue(refused.getExplanation().contains("AADSTS7000215"), refused.getExplanation());
        assertFalse(refused.getExplanation().contains(wrongSecret), refused.getExplanation());

        final String rotated = "Rotated-Secret-Value~withdrawn-later";
        emulator.addClientSecret(emulator.getClientId(), rotated);
        useClientSecret(rotated);
        assertEquals(Outcome.SUCCESSFUL, verify().get(StorageProbe.STEP_FILESYSTEM).getOutcome());
        emulator.removeClientSecret(emulator.getClientId(), rotated);
        assertEquals(Outcome.FAILED, verify().get(StorageProbe.STEP_FILESYSTEM).getOutcome());
        assertSecretsNowhere(List.of(wrongSecret, rotated));
    }

    @Test
    void revokedTokenIsReplacedWhileTheSecretHoldsAndRefusedOnceItIsWithdrawn() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final String secret = "Secret-Value~withdrawn-during-the-test";
        emulator.addClientSecret(emulator.getClientId(), secret);
        useClientSecret(secret);
        runner.enableControllerService(service);
        writeAndReadBack("before-revocation.txt");

        // The storage endpoint answers 401 with a challenge; the SDK buys a new token with the secret and goes on
        emulator.revokeTokens();
        final int tokensBefore = emulator.getTokensIssued();
        writeAndReadBack("after-revocation.txt");
        assertTrue(emulator.getTokensIssued() > tokensBefore);
        assertTrue(emulator.requestLog().stream().anyMatch(request -> request.status() == 401), "the revoked token was refused first");

        emulator.removeClientSecret(emulator.getClientId(), secret);
        emulator.revokeTokens();
        final DataLakeStorageException refused = assertThrows(DataLakeStorageException.class,
                () -> service.getFileSystemClient().getFileClient("landing/after-withdrawal.txt").create());
        assertEquals(401, refused.getStatusCode());
        assertFalse(String.valueOf(refused.getMessage()).contains(secret));
        final ConfigVerificationResult access = verify().get(StorageProbe.STEP_FILESYSTEM);
        assertEquals(Outcome.FAILED, access.getOutcome());
        assertTrue(access.getExplanation().contains("no token for Service Principal with Client Secret"), access.getExplanation());
        assertTrue(access.getExplanation().contains("AADSTS7000215"), access.getExplanation());
    }

    @Test
    void tokenThatExpiresDuringALongUploadIsRenewedWithoutFailingIt() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        emulator.setTokenLifetime(Duration.ofSeconds(2));
        try {
            useClientSecret(emulator.getClientSecret());
            runner.enableControllerService(service);
            final int tokensBefore = emulator.getTokensIssued();
            // Each append answers no sooner than 300 ms later, so eight of them outlast any two-second token
            emulator.faults().onRequests("PATCH", ".*/landing/long-upload\\.bin", ".*action=append.*").addLatency(Duration.ofMillis(300), -1);
            final DataLakeFileClient file = service.getFileSystemClient().getFileClient("landing/long-upload.bin");
            file.create(true);
            final byte[] chunk = new byte[64 * 1024];
            final ByteArrayOutputStream written = new ByteArrayOutputStream();
            for (int index = 0; index < 8; index++) {
                Arrays.fill(chunk, (byte) index);
                file.append(BinaryData.fromBytes(chunk), (long) index * chunk.length);
                written.writeBytes(chunk);
            }
            file.flush(written.size(), true);
            assertArrayEquals(written.toByteArray(), readAll(file));
            assertTrue(emulator.getTokensIssued() - tokensBefore >= 2, "a second token must have been bought during the upload");
        } finally {
            emulator.setTokenLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void tokensAndStorageGoThroughTheProxyThatCountsThem() throws IOException, InitializationException {
        try (HttpConnectProxy proxy = HttpConnectProxy.start()) {
            useProxy(proxy, null, null);
            useClientSecret(ADLS.getEmulator().getClientSecret());
            final int tokenRequestsBefore = ADLS.getEmulator().getTokenRequests();
            runner.enableControllerService(service);
            writeAndReadBack("through-proxy.txt");
            assertTrue(ADLS.getEmulator().getTokenRequests() > tokenRequestsBefore);
            assertTrue(proxy.getTunnelCount() >= 1, "HTTPS goes through CONNECT tunnels");
            assertTrue(proxy.getTargets().contains("127.0.0.1:" + ADLS.getEmulator().getHttpsPort()), proxy.getTargets().toString());
        }
    }

    @Test
    void authenticatingProxyGetsItsCredentialsAndTheTargetNeverSeesThem() throws IOException, InitializationException {
        final String proxyPassword = "Proxy-Passw0rd-never-logged";
        try (HttpConnectProxy proxy = HttpConnectProxy.startWithBasicAuthentication("migration", proxyPassword);
             FakeAmbariServer ambari = FakeAmbariServer.startHttps(ADLS.getEmulator().getCertificateAuthority().createLoopbackServerContext("ambari"))) {
            ambari.defaultFileSystem("abfss://" + FILESYSTEM + "@" + ADLS.getEmulator().getAccountName() + ".dfs.core.windows.net/");
            runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, ambari.getUrl());
            runner.setProperty(service, FusionTargetProperties.AMBARI_USER, ambari.getUser());
            runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, ambari.getPassword());
            useClientSecret(ADLS.getEmulator().getClientSecret());

            useProxy(proxy, "migration", "wrong-password");
            final Map<String, ConfigVerificationResult> refused = verify();
            assertEquals(Outcome.FAILED, refused.get(HdInsightDiscovery.STEP).getOutcome(), refused.toString());
            assertEquals(Outcome.FAILED, refused.get(StorageProbe.STEP_FILESYSTEM).getOutcome(), refused.toString());
            assertTrue(proxy.getAuthenticationChallengeCount() > 0);
            assertEquals(0, proxy.getTunnelCount());

            useProxy(proxy, "migration", proxyPassword);
            final int ambariBefore = proxy.getTargets().size();
            runner.enableControllerService(service);
            writeAndReadBack("through-authenticating-proxy.txt");
            assertAllVerificationsPass();
            assertTrue(proxy.getTargets().subList(ambariBefore, proxy.getTargets().size()).contains("127.0.0.1:" + ambari.getUrl().replaceFirst(".*:", "")),
                    "Ambari is reached through the proxy too: " + proxy.getTargets());
            for (final RecordedRequest request : ADLS.getEmulator().requestLog()) {
                assertFalse(request.headers().containsKey("proxy-authorization"), "the proxy's credentials must stay with the proxy");
            }
            assertSecretsNowhere(List.of(proxyPassword, "wrong-password"));
        }
    }

    private void useProxy(final HttpConnectProxy proxy, final String user, final String password) throws InitializationException {
        if (runner.getControllerService("proxy") != null) {
            final ProxyConfigurationService previous = (ProxyConfigurationService) runner.getControllerService("proxy");
            runner.disableControllerService(previous);
            runner.removeControllerService(previous);
        }
        final HttpProxyConfigurationService proxyService = new HttpProxyConfigurationService();
        runner.addControllerService("proxy", proxyService);
        runner.setProperty(proxyService, HttpProxyConfigurationService.HOST, proxy.getHost());
        runner.setProperty(proxyService, HttpProxyConfigurationService.PORT, Integer.toString(proxy.getPort()));
        if (user != null) {
            runner.setProperty(proxyService, HttpProxyConfigurationService.USER, user);
            runner.setProperty(proxyService, HttpProxyConfigurationService.PASSWORD, password);
        }
        runner.enableControllerService(proxyService);
        runner.setProperty(service, FusionTargetProperties.PROXY_CONFIGURATION_SERVICE, "proxy");
    }

    private void useClientSecret(final String secret) {
        final AdlsEmulator emulator = ADLS.getEmulator();
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET);
        runner.setProperty(service, FusionTargetProperties.TENANT_ID, emulator.getTenantId());
        runner.setProperty(service, FusionTargetProperties.CLIENT_ID, emulator.getClientId());
        runner.setProperty(service, FusionTargetProperties.CLIENT_SECRET, secret);
        runner.setProperty(service, FusionTargetProperties.AUTHORITY_HOST, emulator.getHttpsAuthorityHost());
    }

    private void useCertificate(final Path file, final String password) {
        final AdlsEmulator emulator = ADLS.getEmulator();
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE);
        runner.setProperty(service, FusionTargetProperties.TENANT_ID, emulator.getTenantId());
        runner.setProperty(service, FusionTargetProperties.CLIENT_ID, CERTIFICATE_APPLICATION);
        runner.setProperty(service, FusionTargetProperties.CLIENT_CERTIFICATE, file.toString());
        if (password != null) {
            runner.setProperty(service, FusionTargetProperties.CLIENT_CERTIFICATE_PASSWORD, password);
        }
        runner.setProperty(service, FusionTargetProperties.AUTHORITY_HOST, emulator.getHttpsAuthorityHost());
    }

    private void writeAndReadBack(final String name) {
        final byte[] content = ("written with " + service.getAuthenticationMode()).getBytes(StandardCharsets.UTF_8);
        final DataLakeFileSystemClient client = service.getFileSystemClient();
        final DataLakeFileClient file = client.getFileClient("landing/" + name);
        file.create(true);
        file.append(BinaryData.fromBytes(content), 0);
        file.flush(content.length, true);
        assertArrayEquals(content, readAll(client.getFileClient("landing/" + name)));
        final DataLakeServiceClient reference = new DataLakeServiceClientBuilder().endpoint(ADLS.getEmulator().getEndpoint())
                .credential(new StorageSharedKeyCredential(ADLS.getEmulator().getAccountName(), ADLS.getEmulator().getAccountKey())).buildClient();
        assertArrayEquals(content, readAll(reference.getFileSystemClient(FILESYSTEM).getFileClient("landing/" + name)));
    }

    private static byte[] readAll(final DataLakeFileClient file) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.read(out);
        return out.toByteArray();
    }

    private boolean sawBearerRequest() {
        for (final RecordedRequest request : ADLS.getEmulator().requestLog()) {
            final List<String> authorization = request.headers().get("authorization");
            if (authorization != null && authorization.getFirst().startsWith("Bearer ")) {
                return true;
            }
        }
        return false;
    }

    private void assertAllVerificationsPass() {
        for (final ConfigVerificationResult result : verify().values()) {
            if (!"Read HDInsight Cluster".equals(result.getVerificationStepName()) || result.getOutcome() != Outcome.SKIPPED) {
                assertEquals(Outcome.SUCCESSFUL, result.getOutcome(), result.getVerificationStepName() + ": " + result.getExplanation());
            }
        }
    }

    private Map<String, ConfigVerificationResult> verify() {
        final Map<String, ConfigVerificationResult> results = new LinkedHashMap<>();
        final List<ConfigVerificationResult> list = runner.verify(service, Map.of());
        for (final ConfigVerificationResult result : list) {
            results.put(result.getVerificationStepName(), result);
        }
        return results;
    }

    /** The values appear in no log message and no verification result of the service. */
    private void assertSecretsNowhere(final List<String> secrets) {
        final StringBuilder captured = new StringBuilder();
        final MockComponentLog log = runner.getControllerServiceLogger(SERVICE_ID);
        final List<LogMessage> messages = new ArrayList<>();
        messages.addAll(log.getDebugMessages());
        messages.addAll(log.getInfoMessages());
        messages.addAll(log.getWarnMessages());
        messages.addAll(log.getErrorMessages());
        for (final LogMessage message : messages) {
            captured.append(message.getMsg()).append(' ').append(Arrays.deepToString(message.getArgs())).append('\n');
        }
        captured.append(verify().values());
        for (final String secret : secrets) {
            assertFalse(captured.toString().contains(secret), "secret found in logs or verification results");
        }
    }
}
