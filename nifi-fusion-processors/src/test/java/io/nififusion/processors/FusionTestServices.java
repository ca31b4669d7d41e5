package io.nififusion.processors;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.services.target.AuthenticationMode;
import io.nififusion.services.target.EndpointSuffix;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.services.target.StandardFusionTargetService;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/** Adds real, enabled source and target services to a processor's TestRunner: MiniDFSCluster on one side, the emulator on the other. */
public final class FusionTestServices {
    public static final String SOURCE_SERVICE_ID = "hdfs-source";
    public static final String TARGET_SERVICE_ID = "fusion-target";
    public static final String TRUST_SERVICE_ID = "emulator-trust";
    private static final LicenseIssuer ISSUER = LicenseIssuer.withNewKeyPair();

    private FusionTestServices() {
    }

    /** A client of the filesystem in the emulator, created if absent, for tests to inspect the target directly. */
    public static DataLakeFileSystemClient createFileSystem(final AdlsEmulator emulator, final String filesystem) {
        final DataLakeFileSystemClient client = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .buildClient().getFileSystemClient(filesystem);
        client.createIfNotExists();
        return client;
    }

    /** An account SAS of the emulator's account that may do everything replication does, valid for the given time. */
    public static String accountSas(final AdlsEmulator emulator, final Duration validity) {
        return new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient()
                .generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plus(validity), AccountSasPermission.parse("rwdlacup"),
                        AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
    }

    public static StandardHdfsSourceService addSource(final TestRunner runner, final MiniDfsExtension hdfs, final Path configurationDirectory)
            throws InitializationException, IOException {
        return addSource(runner, hdfs, configurationDirectory, null);
    }

    /** The same, acting as the given HDFS user (simple authentication), or as the process user when null. */
    public static StandardHdfsSourceService addSource(final TestRunner runner, final MiniDfsExtension hdfs, final Path configurationDirectory,
                                                      final String remoteUser) throws InitializationException, IOException {
        final StandardHdfsSourceService source = new StandardHdfsSourceService();
        runner.addControllerService(SOURCE_SERVICE_ID, source);
        runner.setProperty(source, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, hdfs.writeClientConfiguration(configurationDirectory).toString());
        if (remoteUser != null) {
            runner.setProperty(source, StandardHdfsSourceService.REMOTE_USER, remoteUser);
        }
        runner.enableControllerService(source);
        return source;
    }

    public static StandardFusionTargetService addTarget(final TestRunner runner, final AdlsEmulator emulator, final String filesystem,
                                                        final String sourceRoot, final String targetRoot) throws InitializationException {
        return addTarget(runner, emulator, filesystem, sourceRoot, targetRoot, Duration.ofDays(90));
    }

    /**
     * An enabled target service whose endpoint nothing listens on, for what reads only its configuration (validation,
     * the mapping): no request ever goes to the endpoint.
     */
    public static StandardFusionTargetService addOfflineTarget(final TestRunner runner, final String serviceId, final String sourceRoot,
                                                               final String targetRoot) throws InitializationException {
        final StandardFusionTargetService target = new StandardFusionTargetService();
        runner.addControllerService(serviceId, target, Map.of(
                "License Key", ISSUER.issue("nifi-fusion tests", Duration.ofDays(30)),
                "License Issuer Public Key", ISSUER.getPublicKeyText(),
                "Storage Account Name", "fusionaccount",
                "Filesystem Name", "landing",
                "Endpoint Suffix", EndpointSuffix.CUSTOM.getValue(),
                "Custom Endpoint", "http://127.0.0.1:1/fusionaccount",
                "Account Key", "ZnVzaW9uLWFjY291bnQta2V5LWZvci12YWxpZGF0aW9u",
                "Source Root", sourceRoot,
                "Target Root", targetRoot));
        runner.enableControllerService(target);
        return target;
    }

    /**
     * Switches an enabled target service to a service principal with a client secret, over the emulator's HTTPS
     * listener, trusting its certificate authority through an SSL context service.
     */
    public static void useServicePrincipal(final TestRunner runner, final StandardFusionTargetService target, final AdlsEmulator emulator)
            throws InitializationException {
        runner.disableControllerService(target);
        final EmulatorTrustProvider trust = new EmulatorTrustProvider(emulator.getCertificateAuthority());
        runner.addControllerService(TRUST_SERVICE_ID, trust);
        runner.enableControllerService(trust);
        runner.setProperty(target, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET);
        runner.removeProperty(target, FusionTargetProperties.ACCOUNT_KEY);
        runner.setProperty(target, FusionTargetProperties.CUSTOM_ENDPOINT, emulator.getHttpsEndpoint());
        runner.setProperty(target, FusionTargetProperties.SSL_CONTEXT_SERVICE, TRUST_SERVICE_ID);
        runner.setProperty(target, FusionTargetProperties.TENANT_ID, emulator.getTenantId());
        runner.setProperty(target, FusionTargetProperties.CLIENT_ID, emulator.getClientId());
        runner.setProperty(target, FusionTargetProperties.CLIENT_SECRET, emulator.getClientSecret());
        runner.setProperty(target, FusionTargetProperties.AUTHORITY_HOST, emulator.getHttpsAuthorityHost());
        runner.enableControllerService(target);
    }

    /** The same with a license valid for the given time from now. */
    public static StandardFusionTargetService addTarget(final TestRunner runner, final AdlsEmulator emulator, final String filesystem,
                                                        final String sourceRoot, final String targetRoot, final Duration licenseValidity)
            throws InitializationException {
        return addTarget(runner, emulator, filesystem, sourceRoot, targetRoot, licenseValidity, Clock.systemUTC());
    }

    /** The same with a service that reads the time from the given clock (license expiry without waiting for it). */
    public static StandardFusionTargetService addTarget(final TestRunner runner, final AdlsEmulator emulator, final String filesystem,
                                                        final String sourceRoot, final String targetRoot, final Duration licenseValidity,
                                                        final Clock clock) throws InitializationException {
        final StandardFusionTargetService target = new StandardFusionTargetService(clock);
        runner.addControllerService(TARGET_SERVICE_ID, target);
        runner.setProperty(target, FusionTargetProperties.LICENSE_KEY, ISSUER.issue("nifi-fusion tests", licenseValidity));
        runner.setProperty(target, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, ISSUER.getPublicKeyText());
        runner.setProperty(target, FusionTargetProperties.STORAGE_ACCOUNT_NAME, emulator.getAccountName());
        runner.setProperty(target, FusionTargetProperties.FILESYSTEM_NAME, filesystem);
        runner.setProperty(target, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
        runner.setProperty(target, FusionTargetProperties.CUSTOM_ENDPOINT, emulator.getEndpoint());
        runner.setProperty(target, FusionTargetProperties.ACCOUNT_KEY, emulator.getAccountKey());
        runner.setProperty(target, FusionTargetProperties.SOURCE_ROOT, sourceRoot);
        runner.setProperty(target, FusionTargetProperties.TARGET_ROOT, targetRoot);
        runner.enableControllerService(target);
        return target;
    }
}
