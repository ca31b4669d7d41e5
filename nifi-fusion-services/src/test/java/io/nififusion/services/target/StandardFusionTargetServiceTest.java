package io.nififusion.services.target;

import io.nififusion.core.license.License;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.testkit.time.SettableClock;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.apache.nifi.util.NoOpProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation and license handling, with no remote system. */
class StandardFusionTargetServiceTest {
    private static final String SERVICE_ID = "target";

    private final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
    private TestRunner runner;
    private StandardFusionTargetService service;

    @BeforeEach
    void setUp() throws InitializationException {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardFusionTargetService();
        runner.addControllerService(SERVICE_ID, service);
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, issuer.issue("Contoso", Duration.ofDays(365)));
        runner.setProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
        runner.setProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME, "contosolake");
        runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, "migrated");
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, "a2V5LW5vdC11c2VkLWluLXRoaXMtdGVzdA==");
    }

    @Test
    void validConfigurationEnablesWithoutContactingAzure() {
        runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, "/data");
        runner.setProperty(service, FusionTargetProperties.TARGET_ROOT, "landing/data");
        runner.assertValid(service);
        runner.enableControllerService(service);

        assertEquals("https://contosolake.dfs.core.windows.net", service.getFileSystemClient().getAccountUrl());
        assertEquals("migrated", service.getFileSystemClient().getFileSystemName());
        assertEquals("Account Key", service.getAuthenticationMode());
        assertEquals("landing/data/warehouse/t1/part-0", service.getPathMapper().toTargetPath("/data/warehouse/t1/part-0"));
        assertEquals("abfss://migrated@contosolake.dfs.core.windows.net/landing/data/a%20b", service.getTransitUri("landing/data/a b"));
        assertEquals("Contoso", service.getLicense().licensee());
        runner.disableControllerService(service);
    }

    @Test
    void sovereignCloudSuffixBuildsItsEndpoint() {
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.AZURE_CHINA);
        runner.enableControllerService(service);
        assertEquals("https://contosolake.dfs.core.chinacloudapi.cn", service.getFileSystemClient().getAccountUrl());
        assertEquals("abfss://migrated@contosolake.dfs.core.chinacloudapi.cn/x", service.getTransitUri("x"));
    }

    @Test
    void expiredLicenseIsInvalidWithItsReason() {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY,
                issuer.issue(new License("Contoso", "L-9", now.minus(Duration.ofDays(400)), null, now.minus(Duration.ofDays(1)), List.of(), null)));
        assertLicenseInvalid("License L-9 for Contoso expired at");
    }

    @Test
    void notYetValidLicenseIsInvalidWithItsReason() {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY,
                issuer.issue(new License("Contoso", "L-8", now, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(300)), List.of(), null)));
        assertLicenseInvalid("is not yet valid: valid from");
    }

    @Test
    void tamperedLicenseIsInvalidWithItsReason() {
        final String token = issuer.issue("Contoso", Duration.ofDays(10));
        final String otherSignature = issuer.issue("Contoso", Duration.ofDays(5000));
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY,
                otherSignature.substring(0, otherSignature.indexOf('.')) + token.substring(token.indexOf('.')));
        assertLicenseInvalid("signature invalid");
    }

    @Test
    void licenseFromAnotherIssuerIsInvalid() {
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, LicenseIssuer.withNewKeyPair().issue("Contoso", Duration.ofDays(10)));
        assertLicenseInvalid("not issued by the configured issuer");
    }

    @Test
    void malformedLicenseIsInvalidWithItsReason() {
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, "FUSION-TRIAL-1234");
        assertLicenseInvalid("License key malformed");
    }

    @Test
    void defaultIssuerKeyRejectsLicensesOfOtherIssuers() {
        runner.removeProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY);
        assertLicenseInvalid("not issued by the configured issuer");
    }

    @Test
    void unreadableIssuerKeyIsInvalid() {
        runner.setProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, "bm90LWEta2V5");
        assertTrue(explanations().contains("Not an Ed25519 public key"), explanations());
    }

    @Test
    void licenseExpiringWithinThirtyDaysWarnsOnEnable() {
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, issuer.issue("Contoso", Duration.ofDays(12)));
        runner.assertValid(service);
        runner.enableControllerService(service);

        final List<LogMessage> warnings = runner.getControllerServiceLogger(SERVICE_ID).getWarnMessages();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().getMsg().contains("expires at"), warnings.toString());
        final Object[] args = warnings.getFirst().getArgs();
        assertEquals(11L, args[args.length - 1], "days left");
    }

    @Test
    void licenseValidForLongDoesNotWarn() {
        runner.enableControllerService(service);
        assertTrue(runner.getControllerServiceLogger(SERVICE_ID).getWarnMessages().isEmpty());
    }

    @Test
    void licenseThatExpiresWhileEnabledStopsWritingWithoutARestart() {
        final Instant issued = Instant.parse("2027-03-01T00:00:00Z");
        final Instant expires = issued.plus(Duration.ofDays(100));
        final SettableClock clock = new SettableClock(issued.plus(Duration.ofDays(40)));
        final StandardFusionTargetService clocked = new StandardFusionTargetService(clock);
        final TestRunner clockedRunner = TestRunners.newTestRunner(NoOpProcessor.class);
        try {
            clockedRunner.addControllerService(SERVICE_ID, clocked);
        } catch (final InitializationException e) {
            throw new AssertionError(e);
        }
        clockedRunner.setProperty(clocked, FusionTargetProperties.LICENSE_KEY,
                issuer.issue(new License("Contoso", "L-7", issued, null, expires, List.of(), null)));
        clockedRunner.setProperty(clocked, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
        clockedRunner.setProperty(clocked, FusionTargetProperties.STORAGE_ACCOUNT_NAME, "contosolake");
        clockedRunner.setProperty(clocked, FusionTargetProperties.FILESYSTEM_NAME, "migrated");
        clockedRunner.setProperty(clocked, FusionTargetProperties.ACCOUNT_KEY, "a2V5LW5vdC11c2VkLWluLXRoaXMtdGVzdA==");
        clockedRunner.enableControllerService(clocked);
        assertTrue(clockedRunner.getControllerServiceLogger(SERVICE_ID).getWarnMessages().isEmpty(), "60 days left: no warning");
        assertEquals(null, clocked.getLicenseProblem());

        clock.set(expires);
        assertEquals("The Fusion license L-7 of Contoso expired at " + expires + ": set a renewed License Key on the Fusion Target Service",
                clocked.getLicenseProblem());
        clockedRunner.disableControllerService(clocked);
        assertLicenseInvalid(clockedRunner, clocked, "License L-7 for Contoso expired at " + expires);
    }

    @Test
    void plainHttpOnlyToLoopback() {
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "http://storage.example.com/contosolake");
        assertTrue(explanations().contains("must use https://"), explanations());

        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "http://127.0.0.1:10004/contosolake");
        runner.assertValid(service);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "https://contosolake.dfs.private.example");
        runner.assertValid(service);

        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, "http://mycluster.azurehdinsight.net");
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, "pw-not-used");
        assertTrue(explanations().contains("HDInsight Cluster URL [http://mycluster.azurehdinsight.net] must use https://"), explanations());
    }

    @Test
    void bearerTokenModesNeedHttps() {
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "http://127.0.0.1:10004/contosolake");
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.MANAGED_IDENTITY);
        assertTrue(explanations().contains("Managed Identity needs an https:// endpoint"), explanations());

        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET);
        runner.setProperty(service, FusionTargetProperties.TENANT_ID, "tenant");
        runner.setProperty(service, FusionTargetProperties.CLIENT_ID, "client");
        runner.setProperty(service, FusionTargetProperties.CLIENT_SECRET, "secret-value");
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, "https://127.0.0.1:10004/contosolake");
        runner.setProperty(service, FusionTargetProperties.AUTHORITY_HOST, "http://127.0.0.1:10004");
        assertTrue(explanations().contains("Authority Host must use https://"), explanations());
    }

    @Test
    void accountAndFilesystemRequiredWithoutCluster() {
        runner.removeProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME);
        runner.removeProperty(service, FusionTargetProperties.FILESYSTEM_NAME);
        final String explanations = explanations();
        assertTrue(explanations.contains("Storage Account Name is required unless HDInsight Cluster URL is set"), explanations);
        assertTrue(explanations.contains("Filesystem Name is required unless HDInsight Cluster URL is set"), explanations);

        runner.setProperty(service, FusionTargetProperties.HDINSIGHT_CLUSTER_URL, "https://mycluster.azurehdinsight.net");
        runner.setProperty(service, FusionTargetProperties.AMBARI_PASSWORD, "pw-not-used");
        runner.assertValid(service);
    }

    @Test
    void pathMappingMustBeWellFormed() {
        runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, "data/relative");
        assertTrue(explanations().contains("must be an absolute path"), explanations());
        runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, "/data");
        runner.setProperty(service, FusionTargetProperties.TARGET_ROOT, "landing/../escape");
        assertTrue(explanations().contains("must not contain '.' or '..' segments"), explanations());
    }

    @Test
    void accountKeyMustBeBase64AndIsNotEchoed() {
        runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, "not base64 at all!");
        final String explanations = explanations();
        assertTrue(explanations.contains("Account Key is not Base64"), explanations);
        assertFalse(explanations.contains("not base64 at all!"), explanations);
    }

    @Test
    void sasTokenNeedsItsSignature() {
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN);
        runner.setProperty(service, FusionTargetProperties.SAS_TOKEN, "sv=2025-01-05&se=2030-01-01&sp=rwdl");
        assertTrue(explanations().contains("SAS Token has no signature"), explanations());
    }

    @Test
    void servicePrincipalAndManagedIdentityAreConstructedWithoutNetwork() {
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET);
        runner.setProperty(service, FusionTargetProperties.TENANT_ID, "72f988bf-86f1-41af-91ab-2d7cd011db47");
        runner.setProperty(service, FusionTargetProperties.CLIENT_ID, "00000000-0000-0000-0000-000000000001");
        runner.setProperty(service, FusionTargetProperties.CLIENT_SECRET, "sp-secret-value");
        runner.setProperty(service, FusionTargetProperties.AUTHORITY_HOST, "https://login.microsoftonline.us/");
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.AZURE_US_GOVERNMENT);
        runner.enableControllerService(service);
        assertEquals("Service Principal with Client Secret", service.getAuthenticationMode());
        assertEquals("https://contosolake.dfs.core.usgovcloudapi.net", service.getFileSystemClient().getAccountUrl());
        runner.disableControllerService(service);

        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.MANAGED_IDENTITY);
        runner.setProperty(service, FusionTargetProperties.MANAGED_IDENTITY_CLIENT_ID, "00000000-0000-0000-0000-000000000002");
        runner.enableControllerService(service);
        assertEquals("Managed Identity", service.getAuthenticationMode());
        runner.disableControllerService(service);
    }

    @Test
    void servicePrincipalCertificateIsConstructedWithoutNetwork(@TempDir final Path directory) throws IOException {
        final Path certificate = Files.writeString(directory.resolve("client.pfx"), "not parsed until a token is requested");
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE);
        runner.setProperty(service, FusionTargetProperties.TENANT_ID, "72f988bf-86f1-41af-91ab-2d7cd011db47");
        runner.setProperty(service, FusionTargetProperties.CLIENT_ID, "00000000-0000-0000-0000-000000000003");
        runner.setProperty(service, FusionTargetProperties.CLIENT_CERTIFICATE, certificate.toString());
        runner.setProperty(service, FusionTargetProperties.CLIENT_CERTIFICATE_PASSWORD, "pfx-password");
        runner.assertValid(service);
        runner.enableControllerService(service);
        assertEquals("Service Principal with Certificate", service.getAuthenticationMode());
        runner.disableControllerService(service);

        runner.setProperty(service, FusionTargetProperties.CLIENT_CERTIFICATE, directory.resolve("missing.pem").toString());
        runner.assertNotValid(service);
    }

    private void assertLicenseInvalid(final String expectedReason) {
        assertLicenseInvalid(runner, service, expectedReason);
    }

    private static void assertLicenseInvalid(final TestRunner runner, final StandardFusionTargetService service, final String expectedReason) {
        final Collection<ValidationResult> results = runner.validate(service);
        final List<ValidationResult> licenseResults = results.stream()
                .filter(result -> !result.isValid() && "License Key".equals(result.getSubject()))
                .toList();
        assertEquals(1, licenseResults.size(), results.toString());
        assertTrue(licenseResults.getFirst().getExplanation().contains(expectedReason), licenseResults.getFirst().getExplanation());
        // Claims start with {" which is eyJ in Base64url: the explanation must not repeat the token
        assertFalse(licenseResults.getFirst().getExplanation().contains("eyJ"), licenseResults.getFirst().getExplanation());
    }

    private String explanations() {
        return runner.validate(service).stream().filter(result -> !result.isValid())
                .map(ValidationResult::getExplanation).collect(Collectors.joining(" | "));
    }
}
