package io.nififusion.services.target;

import com.azure.core.util.BinaryData;
import com.azure.storage.file.datalake.DataLakeFileClient;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.testkit.net.LoopbackOnlyProxySelector;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * A NiFi "host" with a managed identity, run as a process of its own so that its environment holds what App Service
 * gives its processes ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}): azure-identity finds the endpoint there and
 * nowhere else. It enables a FusionTargetService in Managed Identity mode, writes a file, reads it back and verifies,
 * printing one {@code RESULT} line per outcome for the test that started it.
 * <p>
 * Arguments: storage endpoint (HTTPS), account, filesystem, trust store, trust store password, user-assigned client ID
 * that the host has, one that it has not.
 */
public final class ManagedIdentityHostMain {

    private ManagedIdentityHostMain() {
    }

    public static void main(final String[] arguments) throws Exception {
        try (LoopbackOnlyProxySelector loopbackOnly = LoopbackOnlyProxySelector.install()) {
            run(arguments, null, "system-assigned.txt");
            run(arguments, arguments[5], "user-assigned.txt");
            run(arguments, arguments[6], null);
            System.out.println("RESULT loopback " + loopbackOnly.nonLoopbackAttempts());
        }
        System.exit(0);
    }

    private static void run(final String[] arguments, final String clientId, final String fileName) throws Exception {
        final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
        final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        final TrustStoreSslContextProvider tls = new TrustStoreSslContextProvider();
        runner.addControllerService("tls", tls);
        runner.setProperty(tls, TrustStoreSslContextProvider.TRUST_STORE, arguments[3]);
        runner.setProperty(tls, TrustStoreSslContextProvider.TRUST_STORE_PASSWORD, arguments[4]);
        runner.enableControllerService(tls);
        final StandardFusionTargetService service = new StandardFusionTargetService();
        runner.addControllerService("target", service);
        runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, issuer.issue("Contoso Data Platform", Duration.ofDays(30)));
        runner.setProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
        runner.setProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME, arguments[1]);
        runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, arguments[2]);
        runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
        runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, arguments[0]);
        runner.setProperty(service, FusionTargetProperties.SSL_CONTEXT_SERVICE, "tls");
        runner.setProperty(service, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.MANAGED_IDENTITY);
        if (clientId != null) {
            runner.setProperty(service, FusionTargetProperties.MANAGED_IDENTITY_CLIENT_ID, clientId);
        }
        final String identity = clientId == null ? "system-assigned" : clientId;
        if (fileName != null) {
            runner.enableControllerService(service);
            final byte[] content = ("written with the " + identity + " managed identity").getBytes(StandardCharsets.UTF_8);
            final DataLakeFileClient file = service.getFileSystemClient().getFileClient(fileName);
            file.create(true);
            file.append(BinaryData.fromBytes(content), 0);
            file.flush(content.length, true);
            final ByteArrayOutputStream read = new ByteArrayOutputStream();
            service.getFileSystemClient().getFileClient(fileName).read(read);
            System.out.println("RESULT readBack " + identity + " " + Arrays.equals(content, read.toByteArray()));
            runner.disableControllerService(service);
        }
        for (final ConfigVerificationResult result : runner.verify(service, Map.of())) {
            System.out.println("RESULT verify " + identity + " " + result.getVerificationStepName() + " " + result.getOutcome() + " " + result.getExplanation());
        }
    }
}
