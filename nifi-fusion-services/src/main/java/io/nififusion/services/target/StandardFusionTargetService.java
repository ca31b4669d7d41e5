package io.nififusion.services.target;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.license.License;
import io.nififusion.core.license.LicenseCheck;
import io.nififusion.core.license.LicenseFormatException;
import io.nififusion.core.path.TargetPathMapper;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.reporting.InitializationException;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.nififusion.services.target.FusionTargetProperties.AUTHENTICATION_MODE;
import static io.nififusion.services.target.FusionTargetProperties.CUSTOM_ENDPOINT;
import static io.nififusion.services.target.FusionTargetProperties.FILESYSTEM_NAME;
import static io.nififusion.services.target.FusionTargetProperties.HDINSIGHT_CLUSTER_URL;
import static io.nififusion.services.target.FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY;
import static io.nififusion.services.target.FusionTargetProperties.LICENSE_KEY;
import static io.nififusion.services.target.FusionTargetProperties.SOURCE_ROOT;
import static io.nififusion.services.target.FusionTargetProperties.STORAGE_ACCOUNT_NAME;

/**
 * The migration target: license, HDInsight cluster (Ambari), ADLS Gen2 account, filesystem, credentials and path mapping,
 * with the properties of {@link FusionTargetProperties}. The parts live in their own classes: {@link LicenseChecker},
 * {@link HdInsightDiscovery}, one {@link StorageCredentials} type per authentication mode, and {@link TargetVerification}.
 * <p>
 * Tests configure it against the ADLS emulator and a throwaway license issuer like this:
 * <pre>{@code
 * LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
 * StandardFusionTargetService target = new StandardFusionTargetService();
 * runner.addControllerService("target", target);
 * runner.setProperty(target, LICENSE_KEY, issuer.issue("Test", Duration.ofDays(365)));
 * runner.setProperty(target, LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
 * runner.setProperty(target, STORAGE_ACCOUNT_NAME, emulator.getAccountName());
 * runner.setProperty(target, FILESYSTEM_NAME, "target");            // the filesystem must exist
 * runner.setProperty(target, ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
 * runner.setProperty(target, CUSTOM_ENDPOINT, emulator.getEndpoint()); // http://127.0.0.1:PORT/<account>
 * runner.setProperty(target, AUTHENTICATION_MODE, AuthenticationMode.ACCOUNT_KEY); // the default
 * runner.setProperty(target, ACCOUNT_KEY, emulator.getAccountKey());
 * runner.setProperty(target, SOURCE_ROOT, "/data");
 * runner.setProperty(target, TARGET_ROOT, "migrated/data");
 * runner.enableControllerService(target);
 * }</pre>
 */
@Tags({"azure", "adls", "hdinsight", "ambari", "license", "migration", "fusion"})
@CapabilityDescription("The migration target in one place: the Fusion license (signed, checked offline), the HDInsight cluster "
        + "endpoint (Ambari REST: cluster health and default storage), the ADLS Gen2 account, filesystem, endpoint and credentials "
        + "(account key, SAS token, service principal with client secret or certificate, managed identity), and the mapping of "
        + "source paths to target paths. Hands processors a DataLake filesystem client.")
@SeeAlso(classNames = {"io.nififusion.processors.replicate.ReplicateToADLS", "io.nififusion.processors.verify.VerifyChecksum"})
@Restricted(restrictions = @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM,
        explanation = "Reads the service principal's Client Certificate file from the local file system of the NiFi node"))
public class StandardFusionTargetService extends AbstractControllerService implements FusionTargetService, VerifiableControllerService {

    /**
     * Processors route a failure that outlives these few quick tries to retry, where NiFi's penalty and the
     * service's Retry-After do the waiting; the SDK's default (4 tries, back-off from 4 s) would hold a task for ~45 s.
     */
    static final RequestRetryOptions PROCESSING_RETRY_OPTIONS = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3,
            Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(4), null);

    private final LicenseChecker licenseChecker;
    private volatile DataLakeFileSystemClient fileSystemClient;
    private volatile StorageEndpoint storageEndpoint;
    private volatile TargetPathMapper pathMapper;
    private volatile AuthenticationMode authenticationMode;
    private volatile License license;
    private volatile AmbariEndpoint hdInsightAmbari;
    private volatile SecretRedactor enabledRedactor;

    public StandardFusionTargetService() {
        this(Clock.systemUTC());
    }

    /** A service that reads the time from the clock: license validity, expiry warnings, and {@link #getLicenseProblem()}. */
    public StandardFusionTargetService(final Clock clock) {
        this.licenseChecker = new LicenseChecker(clock);
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return FusionTargetProperties.PROPERTY_DESCRIPTORS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        try {
            final LicenseCheck check = licenseChecker.check(context);
            if (!check.isValid()) {
                results.add(invalid(LICENSE_KEY, check.explanation()));
            }
        } catch (final LicenseFormatException e) {
            results.add(invalid(LICENSE_ISSUER_PUBLIC_KEY, e.getMessage()));
        }

        if (HdInsightDiscovery.isClusterSet(context)) {
            try {
                AmbariClient.requireSecureUrl(URI.create(context.getProperty(HDINSIGHT_CLUSTER_URL).getValue().strip()));
            } catch (final IllegalArgumentException e) {
                results.add(invalid(HDINSIGHT_CLUSTER_URL, e.getMessage()));
            }
        } else {
            for (final PropertyDescriptor required : List.of(STORAGE_ACCOUNT_NAME, FILESYSTEM_NAME)) {
                if (!context.getProperty(required).isSet()) {
                    results.add(invalid(required, required.getDisplayName() + " is required unless " + HDINSIGHT_CLUSTER_URL.getDisplayName() + " is set"));
                }
            }
        }

        final AuthenticationMode mode = context.getProperty(AUTHENTICATION_MODE).asAllowableValue(AuthenticationMode.class);
        if (HdInsightDiscovery.endpointSuffix(context) == EndpointSuffix.CUSTOM && context.getProperty(CUSTOM_ENDPOINT).isSet()) {
            validateCustomEndpoint(context.getProperty(CUSTOM_ENDPOINT).getValue(), mode, results);
        }
        try {
            StorageCredentials.read(context);
        } catch (final InvalidCredentialsException e) {
            results.add(new ValidationResult.Builder().subject(e.getProperty()).valid(false).explanation(e.getMessage()).build());
        }

        try {
            FusionTargetProperties.pathMapperOf(context);
        } catch (final IllegalArgumentException e) {
            results.add(invalid(SOURCE_ROOT, "Source Root and Target Root do not form a path mapping: " + e.getMessage()));
        }
        ProxyConfiguration.validateProxySpec(context, results, FusionTargetProperties.PROXY_SPECS);
        if (context.getProperty(FusionTargetProperties.PROXY_CONFIGURATION_SERVICE).isSet()) {
            try {
                final String problem = HttpConnectionSettings.basicTunnelingProblem(ProxyConfiguration.getConfiguration(context),
                        System.getProperty(HttpConnectionSettings.TUNNELING_DISABLED_SCHEMES));
                if (problem != null) {
                    results.add(invalid(FusionTargetProperties.PROXY_CONFIGURATION_SERVICE, problem));
                }
            } catch (final RuntimeException e) {
                // the proxy service is not enabled yet: NiFi reports that itself
            }
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        final SecretRedactor redactor = FusionTargetProperties.redactorFor(context);
        final LicenseCheck check;
        try {
            check = licenseChecker.check(context);
        } catch (final LicenseFormatException e) {
            throw new InitializationException("License Issuer Public Key unreadable: " + e.getMessage());
        }
        if (!check.isValid()) {
            throw new InitializationException(check.explanation());
        }
        final License checked = check.license();
        if (licenseChecker.expiresSoon(checked)) {
            getLogger().warn("License {} for {} expires at {}, in {} days: renew it before then",
                    checked.licenseId(), checked.licensee(), checked.expires(), licenseChecker.daysLeft(checked));
        }

        final HttpConnectionSettings connections;
        try {
            connections = HttpConnectionSettings.read(context);
        } catch (final RuntimeException e) {
            throw new InitializationException("Cannot set up TLS or the proxy: " + redactor.describe(e));
        }
        AmbariEndpoint ambari = null;
        if (HdInsightDiscovery.isClusterSet(context)) {
            try {
                ambari = AmbariEndpoint.of(context, connections);
            } catch (final AmbariException e) {
                throw new InitializationException(e.getMessage());
            }
        }
        AbfsLocation defaultStorage = null;
        if (HdInsightDiscovery.needsClusterDefaultStorage(context)) {
            try {
                final HdInsightDiscovery.DiscoveredStorage discovered = HdInsightDiscovery.discover(context, connections);
                defaultStorage = discovered.defaultStorage();
                getLogger().info("HDInsight {}: default storage {}", discovered.cluster().describe(), defaultStorage);
            } catch (final AmbariException e) {
                throw new InitializationException(redactor.redact("Cannot read the default storage of the HDInsight cluster: " + e.getMessage()));
            }
        }

        final StorageEndpoint endpoint = HdInsightDiscovery.resolveEndpoint(context, defaultStorage);
        final StorageCredentials credentials = StorageCredentials.read(context);
        final TargetPathMapper mapper = FusionTargetProperties.pathMapperOf(context);
        try {
            this.fileSystemClient = DataLakeClientFactory.createFileSystemClient(endpoint, credentials, connections, PROCESSING_RETRY_OPTIONS);
        } catch (final RuntimeException e) {
            throw new InitializationException("Cannot create the ADLS client with " + credentials.mode().getDisplayName() + ": " + redactor.describe(e));
        }
        this.storageEndpoint = endpoint;
        this.pathMapper = mapper;
        this.authenticationMode = credentials.mode();
        this.license = checked;
        this.hdInsightAmbari = ambari;
        this.enabledRedactor = redactor;
        getLogger().info("Target filesystem {} in account {} at {} with {} ({}); {}; paths {}; {}",
                endpoint.fileSystemName(), endpoint.accountName(), endpoint.endpointUrl(), credentials.mode().getDisplayName(), credentials,
                connections.describe(), mapper, check.explanation());
    }

    @OnDisabled
    public void onDisabled() {
        fileSystemClient = null;
        storageEndpoint = null;
        pathMapper = null;
        authenticationMode = null;
        license = null;
        hdInsightAmbari = null;
        enabledRedactor = null;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger, final Map<String, String> variables) {
        return new TargetVerification(licenseChecker).verify(context);
    }

    @Override
    public DataLakeFileSystemClient getFileSystemClient() {
        return requireEnabled(fileSystemClient);
    }

    @Override
    public TargetPathMapper getPathMapper() {
        return requireEnabled(pathMapper);
    }

    @Override
    public String getAccountName() {
        return requireEnabled(storageEndpoint).accountName();
    }

    @Override
    public String getFileSystemName() {
        return requireEnabled(storageEndpoint).fileSystemName();
    }

    @Override
    public String getTransitUri(final String targetPath) {
        return requireEnabled(storageEndpoint).transitUri(targetPath);
    }

    @Override
    public String getAuthenticationMode() {
        return requireEnabled(authenticationMode).getDisplayName();
    }

    @Override
    public String discoverHiveMetastoreUris() throws IOException {
        requireEnabled(authenticationMode);
        final AmbariEndpoint ambari = hdInsightAmbari;
        if (ambari == null) {
            throw new IllegalStateException(HDINSIGHT_CLUSTER_URL.getDisplayName() + " is not set, so the HDInsight cluster's Hive Metastore "
                    + "cannot be read from Ambari: set it, or give the metastore's Thrift URI");
        }
        try {
            return HdInsightDiscovery.hiveMetastoreUris(ambari);
        } catch (final AmbariException e) {
            throw new IOException(enabledRedactor.redact("Cannot read the Hive Metastore URIs of the HDInsight cluster: " + e.getMessage()), e);
        }
    }

    /** Endpoint the client talks to, with account and filesystem as resolved at enable time. */
    public StorageEndpoint getStorageEndpoint() {
        return requireEnabled(storageEndpoint);
    }

    @Override
    public String getLicenseProblem() {
        return licenseChecker.problemNow(requireEnabled(license));
    }

    /** The claims of the license checked at enable time. */
    public License getLicense() {
        return requireEnabled(license);
    }

    private static void validateCustomEndpoint(final String value, final AuthenticationMode mode, final List<ValidationResult> results) {
        final URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (final IllegalArgumentException e) {
            results.add(invalid(CUSTOM_ENDPOINT, "Custom Endpoint is not a URL"));
            return;
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("http".equals(scheme)) {
            if (!LoopbackHosts.isLoopback(uri.getHost())) {
                results.add(invalid(CUSTOM_ENDPOINT, "Custom Endpoint [" + value + "] must use https:// (plain http is allowed for loopback addresses only)"));
            } else if (mode.usesBearerToken()) {
                results.add(invalid(CUSTOM_ENDPOINT, mode.getDisplayName() + " needs an https:// endpoint: the Azure SDK sends bearer tokens over HTTPS only"));
            }
        } else if (!"https".equals(scheme)) {
            results.add(invalid(CUSTOM_ENDPOINT, "Custom Endpoint [" + value + "] must be an https:// URL"));
        }
        if (uri.getRawQuery() != null) {
            results.add(invalid(CUSTOM_ENDPOINT, "Custom Endpoint must not have a query string; put a SAS in SAS Token"));
        }
    }

    private static <T> T requireEnabled(final T value) {
        if (value == null) {
            throw new IllegalStateException("FusionTargetService is not enabled");
        }
        return value;
    }

    private static ValidationResult invalid(final PropertyDescriptor descriptor, final String explanation) {
        return new ValidationResult.Builder().subject(descriptor.getDisplayName()).valid(false).explanation(explanation).build();
    }
}
