package io.nififusion.services.target;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.adls.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Managed Identity for real: a NiFi host process whose environment points azure-identity at the emulator's managed
 * identity endpoint (the App Service form), as App Service and Container Apps do for theirs. azure-identity 1.18 reads
 * that endpoint from the process environment only (MSAL's managed identity sources look at {@code System.getenv}; its
 * {@code Configuration} reaches only the AKS workload identity exchange), so the host is a process of its own; the
 * instance metadata address 169.254.169.254 is never contacted.
 */
class ManagedIdentityIT {
    private static final String FILESYSTEM = "managed";
    private static final String USER_ASSIGNED = "fusion-user-assigned-identity";

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension(AdlsEmulator.builder().userAssignedIdentity(USER_ASSIGNED));

    @TempDir
    Path directory;

    @Test
    void systemAndUserAssignedIdentitiesWriteReadAndVerifyAnUnknownOneIsRefusedNamingTheMode() throws IOException, InterruptedException {
        final AdlsEmulator emulator = ADLS.getEmulator();
        new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient().createFileSystem(FILESYSTEM);
        final Path trustStore = emulator.getCertificateAuthority().writeTrustStore(directory.resolve("ca.p12"), "changeit");
        final Path output = directory.resolve("host.out");
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), ManagedIdentityHostMain.class.getName(),
                emulator.getHttpsEndpoint(), emulator.getAccountName(), FILESYSTEM, trustStore.toString(), "changeit", USER_ASSIGNED, "not-on-this-host"));
        final ProcessBuilder host = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        host.environment().keySet().removeIf(name -> name.startsWith("IDENTITY_") || name.startsWith("MSI_") || name.startsWith("IMDS_")
                || name.startsWith("AZURE_"));
        host.environment().put("IDENTITY_ENDPOINT", emulator.getManagedIdentityEndpoint());
        host.environment().put("IDENTITY_HEADER", emulator.getManagedIdentityHeader());
        final int tokensBefore = emulator.getTokensIssued();
        final Process process = host.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the host process must finish");
        final String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);

        final List<String> results = text.lines().filter(line -> line.startsWith("RESULT ")).toList();
        assertTrue(results.contains("RESULT readBack system-assigned true"), text);
        assertTrue(results.contains("RESULT readBack " + USER_ASSIGNED + " true"), text);
        for (final String identity : List.of("system-assigned", USER_ASSIGNED)) {
            for (final String step : List.of(StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE)) {
                assertTrue(results.stream().anyMatch(line -> line.startsWith("RESULT verify " + identity + " " + step + " SUCCESSFUL")), step + "\n" + text);
            }
        }
        final String refused = results.stream().filter(line -> line.startsWith("RESULT verify not-on-this-host " + StorageProbe.STEP_FILESYSTEM)).findFirst().orElseThrow();
        assertTrue(refused.contains(" FAILED ") && refused.contains("no token for Managed Identity (client not-on-this-host)"), refused);
        assertTrue(results.contains("RESULT loopback []"), text);

        assertTrue(emulator.getTokensIssued() >= tokensBefore + 2);
        boolean identityEndpointAsked = false;
        for (final RecordedRequest request : emulator.requestLog()) {
            identityEndpointAsked |= request.path().startsWith("/msi/token") && request.headers().containsKey("x-identity-header");
        }
        assertTrue(identityEndpointAsked, "tokens come from the host's identity endpoint");
    }
}
