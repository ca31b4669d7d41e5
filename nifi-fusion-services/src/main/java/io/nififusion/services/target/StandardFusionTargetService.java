package io.nififusion.services.target;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import io.nififusion.core.license.License;
import io.nififusion.core.license.LicenseCheck;
import io.nififusion.core.license.LicenseFormatException;
import io.nififusion.core.license.LicenseKeys;
import io.nififusion.core.license.LicenseVerifier;
import io.nififusion.core.path.TargetPathMapper;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.reporting.InitializationException;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The migration target: license, HDInsight cluster (Ambari), ADLS Gen2 account, filesystem, credentials and path mapping.
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
@SeeAlso(classNames = {"io.nififusion.processors.ReplicateToADLS", "io.nififusion.processors.VerifyChecksum"})
public class StandardFusionTargetService extends AbstractControllerService implements FusionTargetService, VerifiableControllerService {

    static final Duration LICENSE_WARNING_PERIOD = Duration.ofDays(30);
    static final Duration AMBARI_TIMEOUT = Duration.ofSeconds(30);
    static final String STEP_LICENSE = "Validate License";
    static final String STEP_CLUSTER = "Read HDInsight Cluster";
    static final String STEP_FILESYSTEM = "Access Filesystem";
    static final String STEP_PROBE = "Write Probe Path";
    static final String STEP_NAMESPACE = "Hierarchical Namespace";
    /** Verify answers within seconds on an unreachable endpoint instead of waiting out the SDK's default backoff. */
    static final RequestRetryOptions VERIFY_RETRY_OPTIONS = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 2,
            Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(2), null);
    /**
     * Processors route a failure that outlives these few quick tries to retry, where NiFi's penalty and the
     * service's Retry-After do the waiting; the SDK's default (4 tries, back-off from 4 s) would hold a task for ~45 s.
     */
    static final RequestRetryOptions PROCESSING_RETRY_OPTIONS = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3,
            Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(4), null);
    /** Probe names start with an underscore, which Hive, Spark and MapReduce ignore. */
    static final String PROBE_PREFIX = "_fusion-probe-";

    public static final PropertyDescriptor LICENSE_KEY = new PropertyDescriptor.Builder()
            .name("License Key")
            .description("The Fusion license key: a signed token naming the licensee, validity period and licensed features. "
                    + "Checked offline against the License Issuer Public Key.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor LICENSE_ISSUER_PUBLIC_KEY = new PropertyDescriptor.Builder()
            .name("License Issuer Public Key")
            .description("Ed25519 public key (Base64 X.509 SubjectPublicKeyInfo, or PEM) of the license issuer. When not set, the "
                    + "public key of the project's issuer shipped with the bundle is used. Set it when running your own issuer "
                    + "(see LicenseTool keygen).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor HDINSIGHT_CLUSTER_URL = new PropertyDescriptor.Builder()
            .name("HDInsight Cluster URL")
            .description("URL of the HDInsight cluster, such as https://mycluster.azurehdinsight.net. When set, the service reads the "
                    + "cluster state and its default storage (fs.defaultFS) through the Ambari REST API, so Storage Account Name, "
                    + "Filesystem Name and Endpoint Suffix may be left empty; properties that are set override what Ambari reports. "
                    + "HTTPS only (plain HTTP is accepted for loopback addresses).")
            .required(false)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .build();

    public static final PropertyDescriptor AMBARI_USER = new PropertyDescriptor.Builder()
            .name("Ambari User")
            .description("Cluster login user of the HDInsight cluster (HTTP basic authentication to Ambari)")
            .required(true)
            .defaultValue("admin")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(HDINSIGHT_CLUSTER_URL)
            .build();

    public static final PropertyDescriptor AMBARI_PASSWORD = new PropertyDescriptor.Builder()
            .name("Ambari Password")
            .description("Cluster login password of the HDInsight cluster")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(HDINSIGHT_CLUSTER_URL)
            .build();

    public static final PropertyDescriptor STORAGE_ACCOUNT_NAME = new PropertyDescriptor.Builder()
            .name("Storage Account Name")
            .description("ADLS Gen2 storage account name. Required unless HDInsight Cluster URL is set, in which case the account of "
                    + "the cluster's default storage is used when this is empty.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor FILESYSTEM_NAME = new PropertyDescriptor.Builder()
            .name("Filesystem Name")
            .description("ADLS Gen2 filesystem (container) name. Required unless HDInsight Cluster URL is set, in which case the "
                    + "filesystem of the cluster's default storage is used when this is empty.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENDPOINT_SUFFIX = new PropertyDescriptor.Builder()
            .name("Endpoint Suffix")
            .description("Azure cloud of the storage account, or Custom Endpoint. When not set: the cloud of the HDInsight cluster's "
                    + "default storage when HDInsight Cluster URL is set, otherwise Azure Public Cloud.")
            .required(false)
            .allowableValues(EndpointSuffix.class)
            .build();

    public static final PropertyDescriptor CUSTOM_ENDPOINT = new PropertyDescriptor.Builder()
            .name("Custom Endpoint")
            .description("DFS endpoint URL of the account, such as https://myaccount.dfs.example.internal or, for an emulator, "
                    + "http://127.0.0.1:10004/myaccount. For an IP address or localhost without a path, /<account> is appended. "
                    + "HTTPS only (plain HTTP is accepted for loopback addresses, with Account Key or SAS Token).")
            .required(true)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .dependsOn(ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM)
            .build();

    public static final PropertyDescriptor AUTHENTICATION_MODE = new PropertyDescriptor.Builder()
            .name("Authentication Mode")
            .description("How the service authenticates to the storage account")
            .required(true)
            .allowableValues(AuthenticationMode.class)
            .defaultValue(AuthenticationMode.ACCOUNT_KEY)
            .build();

    public static final PropertyDescriptor ACCOUNT_KEY = new PropertyDescriptor.Builder()
            .name("Account Key")
            .description("Storage account access key (Base64)")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.ACCOUNT_KEY)
            .build();

    public static final PropertyDescriptor SAS_TOKEN = new PropertyDescriptor.Builder()
            .name("SAS Token")
            .description("Shared Access Signature query string (sv=...&sig=...), with or without a leading '?'. It must grant read, "
                    + "write, delete, list, add and create on the filesystem, and move for renames.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN)
            .build();

    public static final PropertyDescriptor TENANT_ID = new PropertyDescriptor.Builder()
            .name("Tenant ID")
            .description("Microsoft Entra tenant (directory) ID of the service principal")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE)
            .build();

    public static final PropertyDescriptor CLIENT_ID = new PropertyDescriptor.Builder()
            .name("Client ID")
            .description("Application (client) ID of the service principal")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE)
            .build();

    public static final PropertyDescriptor CLIENT_SECRET = new PropertyDescriptor.Builder()
            .name("Client Secret")
            .description("Client secret of the service principal")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET)
            .build();

    public static final PropertyDescriptor CLIENT_CERTIFICATE = new PropertyDescriptor.Builder()
            .name("Client Certificate")
            .description("File holding the service principal's certificate and private key: PEM, or PFX/PKCS#12 (.pfx, .p12)")
            .required(true)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE)
            .build();

    public static final PropertyDescriptor CLIENT_CERTIFICATE_PASSWORD = new PropertyDescriptor.Builder()
            .name("Client Certificate Password")
            .description("Password of a PFX/PKCS#12 Client Certificate; empty for PEM")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE)
            .build();

    public static final PropertyDescriptor MANAGED_IDENTITY_CLIENT_ID = new PropertyDescriptor.Builder()
            .name("Managed Identity Client ID")
            .description("Client ID of a user-assigned managed identity; empty for the host's system-assigned identity")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.MANAGED_IDENTITY)
            .build();

    public static final PropertyDescriptor AUTHORITY_HOST = new PropertyDescriptor.Builder()
            .name("Authority Host")
            .description("Microsoft Entra authority host for sovereign clouds, such as https://login.chinacloudapi.cn/ or "
                    + "https://login.microsoftonline.us/; empty for the public cloud")
            .required(false)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE)
            .build();

    public static final PropertyDescriptor SOURCE_ROOT = new PropertyDescriptor.Builder()
            .name("Source Root")
            .description("Absolute source HDFS directory that maps to Target Root; / maps the whole namespace")
            .required(true)
            .defaultValue("/")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor TARGET_ROOT = new PropertyDescriptor.Builder()
            .name("Target Root")
            .description("Directory inside the filesystem that receives the Source Root, such as migrated/data; empty for the "
                    + "filesystem root. Target paths never escape it.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            LICENSE_KEY,
            LICENSE_ISSUER_PUBLIC_KEY,
            HDINSIGHT_CLUSTER_URL,
            AMBARI_USER,
            AMBARI_PASSWORD,
            STORAGE_ACCOUNT_NAME,
            FILESYSTEM_NAME,
            ENDPOINT_SUFFIX,
            CUSTOM_ENDPOINT,
            AUTHENTICATION_MODE,
            ACCOUNT_KEY,
            SAS_TOKEN,
            TENANT_ID,
            CLIENT_ID,
            CLIENT_SECRET,
            CLIENT_CERTIFICATE,
            CLIENT_CERTIFICATE_PASSWORD,
            MANAGED_IDENTITY_CLIENT_ID,
            AUTHORITY_HOST,
            SOURCE_ROOT,
            TARGET_ROOT);

    private static final List<PropertyDescriptor> SECRET_PROPERTIES = List.of(
            LICENSE_KEY, AMBARI_PASSWORD, ACCOUNT_KEY, SAS_TOKEN, CLIENT_SECRET, CLIENT_CERTIFICATE_PASSWORD);

    private volatile DataLakeFileSystemClient fileSystemClient;
    private volatile StorageEndpoint storageEndpoint;
    private volatile TargetPathMapper pathMapper;
    private volatile AuthenticationMode authenticationMode;
    private volatile License license;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        try {
            final LicenseCheck check = checkLicense(context);
            if (!check.isValid()) {
                results.add(invalid(LICENSE_KEY, check.explanation()));
            }
        } catch (final LicenseFormatException e) {
            results.add(invalid(LICENSE_ISSUER_PUBLIC_KEY, e.getMessage()));
        }

        final boolean clusterSet = context.getProperty(HDINSIGHT_CLUSTER_URL).isSet();
        if (clusterSet) {
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
        if (getEndpointSuffix(context) == EndpointSuffix.CUSTOM && context.getProperty(CUSTOM_ENDPOINT).isSet()) {
            validateCustomEndpoint(context.getProperty(CUSTOM_ENDPOINT).getValue(), mode, results);
        }
        if (mode == AuthenticationMode.ACCOUNT_KEY && context.getProperty(ACCOUNT_KEY).isSet() && !isBase64(context.getProperty(ACCOUNT_KEY).getValue())) {
            results.add(invalid(ACCOUNT_KEY, "Account Key is not Base64: copy key1 or key2 of the storage account's Access keys"));
        }
        if (mode == AuthenticationMode.SAS_TOKEN && context.getProperty(SAS_TOKEN).isSet()
                && !context.getProperty(SAS_TOKEN).getValue().toLowerCase(Locale.ROOT).contains("sig=")) {
            results.add(invalid(SAS_TOKEN, "SAS Token has no signature (sig=...): give the whole query string of the SAS"));
        }
        if (context.getProperty(AUTHORITY_HOST).isSet() && mode.usesBearerToken()
                && !context.getProperty(AUTHORITY_HOST).getValue().toLowerCase(Locale.ROOT).startsWith("https://")) {
            results.add(invalid(AUTHORITY_HOST, "Authority Host must use https:// (Microsoft Entra ID clients refuse plain HTTP authorities)"));
        }

        try {
            createPathMapper(context);
        } catch (final IllegalArgumentException e) {
            results.add(invalid(SOURCE_ROOT, "Source Root and Target Root do not form a path mapping: " + e.getMessage()));
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        final SecretRedactor redactor = createRedactor(context);
        final LicenseCheck check;
        try {
            check = checkLicense(context);
        } catch (final LicenseFormatException e) {
            throw new InitializationException("License Issuer Public Key unreadable: " + e.getMessage());
        }
        if (!check.isValid()) {
            throw new InitializationException(check.explanation());
        }
        warnIfExpiringSoon(check.license());

        AbfsLocation defaultStorage = null;
        if (needsClusterDefaultStorage(context)) {
            try {
                final AmbariCluster cluster = readCluster(context);
                defaultStorage = AbfsLocation.parse(cluster.defaultFileSystem());
                getLogger().info("HDInsight {}: default storage {}", cluster.describe(), defaultStorage);
            } catch (final AmbariException | IllegalArgumentException e) {
                throw new InitializationException(redactor.redact("Cannot read the default storage of the HDInsight cluster: " + e.getMessage()));
            }
        }

        final StorageEndpoint endpoint = resolveEndpoint(context, defaultStorage);
        final StorageCredentials credentials = readCredentials(context);
        final TargetPathMapper mapper = createPathMapper(context);
        try {
            this.fileSystemClient = DataLakeClientFactory.createFileSystemClient(endpoint, credentials, PROCESSING_RETRY_OPTIONS);
        } catch (final RuntimeException e) {
            throw new InitializationException("Cannot create the ADLS client with " + credentials.mode().getDisplayName() + ": " + redactor.describe(e));
        }
        this.storageEndpoint = endpoint;
        this.pathMapper = mapper;
        this.authenticationMode = credentials.mode();
        this.license = check.license();
        getLogger().info("Target filesystem {} in account {} at {} with {}; paths {}; {}",
                endpoint.fileSystemName(), endpoint.accountName(), endpoint.endpointUrl(), credentials.mode().getDisplayName(), mapper, check.explanation());
    }

    @OnDisabled
    public void onDisabled() {
        fileSystemClient = null;
        storageEndpoint = null;
        pathMapper = null;
        authenticationMode = null;
        license = null;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger, final Map<String, String> variables) {
        final SecretRedactor redactor = createRedactor(context);
        final List<ConfigVerificationResult> results = new ArrayList<>();
        results.add(verifyLicense(context));

        AbfsLocation defaultStorage = null;
        boolean clusterUsable = true;
        if (!context.getProperty(HDINSIGHT_CLUSTER_URL).isSet()) {
            results.add(result(STEP_CLUSTER, Outcome.SKIPPED, HDINSIGHT_CLUSTER_URL.getDisplayName() + " not set"));
        } else {
            try {
                final AmbariCluster cluster = readCluster(context);
                defaultStorage = AbfsLocation.parse(cluster.defaultFileSystem());
                results.add(result(STEP_CLUSTER, Outcome.SUCCESSFUL, "HDInsight " + cluster.describe() + "; default storage "
                        + cluster.defaultFileSystem() + " (account " + defaultStorage.accountName() + ", filesystem " + defaultStorage.fileSystem() + ")"));
            } catch (final AmbariException | IllegalArgumentException e) {
                clusterUsable = !needsClusterDefaultStorage(context);
                results.add(result(STEP_CLUSTER, Outcome.FAILED, redactor.redact(e.getMessage())));
            }
        }

        if (!clusterUsable) {
            final String reason = "The storage account and filesystem come from the HDInsight cluster, which could not be read";
            results.add(result(STEP_FILESYSTEM, Outcome.SKIPPED, reason));
            results.add(result(STEP_PROBE, Outcome.SKIPPED, reason));
            results.add(result(STEP_NAMESPACE, Outcome.SKIPPED, reason));
            return results;
        }

        final StorageEndpoint endpoint;
        final StorageCredentials credentials;
        final DataLakeFileSystemClient client;
        final String targetRoot;
        try {
            endpoint = resolveEndpoint(context, defaultStorage);
            credentials = readCredentials(context);
            targetRoot = createPathMapper(context).getTargetRoot();
            client = DataLakeClientFactory.createFileSystemClient(endpoint, credentials, VERIFY_RETRY_OPTIONS);
        } catch (final RuntimeException e) {
            final String reason = "Cannot create the ADLS client: " + redactor.describe(e);
            results.add(result(STEP_FILESYSTEM, Outcome.FAILED, reason));
            results.add(result(STEP_PROBE, Outcome.SKIPPED, reason));
            results.add(result(STEP_NAMESPACE, Outcome.SKIPPED, reason));
            return results;
        }
        final String subject = "filesystem " + endpoint.fileSystemName() + " in account " + endpoint.accountName()
                + " at " + endpoint.endpointUrl() + " with " + credentials.mode().getDisplayName();

        try {
            if (!client.exists()) {
                results.add(result(STEP_FILESYSTEM, Outcome.FAILED, "No " + subject + ": create the filesystem or correct " + FILESYSTEM_NAME.getDisplayName()));
                results.add(result(STEP_PROBE, Outcome.SKIPPED, "Filesystem missing"));
                results.add(result(STEP_NAMESPACE, Outcome.SKIPPED, "Filesystem missing"));
                return results;
            }
            results.add(result(STEP_FILESYSTEM, Outcome.SUCCESSFUL, "Found " + subject));
        } catch (final RuntimeException e) {
            results.add(result(STEP_FILESYSTEM, Outcome.FAILED, "Cannot access " + subject + ": " + describeStorageFailure(e, credentials.mode(), redactor)));
            results.add(result(STEP_PROBE, Outcome.SKIPPED, "Filesystem not accessible"));
            results.add(result(STEP_NAMESPACE, Outcome.SKIPPED, "Filesystem not accessible"));
            return results;
        }

        final String probeBase = (targetRoot.isEmpty() ? "" : targetRoot + "/") + PROBE_PREFIX + UUID.randomUUID();
        results.add(verifyProbeWrite(client, probeBase, credentials.mode(), redactor));
        results.add(verifyHierarchicalNamespace(client, probeBase, credentials.mode(), redactor));
        return results;
    }

    @Override
    public DataLakeFileSystemClient getFileSystemClient() {
        final DataLakeFileSystemClient client = fileSystemClient;
        if (client == null) {
            throw new IllegalStateException("FusionTargetService is not enabled");
        }
        return client;
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

    /** Endpoint the client talks to, with account and filesystem as resolved at enable time. */
    public StorageEndpoint getStorageEndpoint() {
        return requireEnabled(storageEndpoint);
    }

    @Override
    public String getLicenseProblem() {
        final License current = requireEnabled(license);
        if (Instant.now().isBefore(current.expires())) {
            return null;
        }
        return "The Fusion license " + current.licenseId() + " of " + current.licensee() + " expired at " + current.expires()
                + ": set a renewed License Key on the Fusion Target Service";
    }

    /** The claims of the license checked at enable time. */
    public License getLicense() {
        return requireEnabled(license);
    }

    private ConfigVerificationResult verifyLicense(final PropertyContext context) {
        try {
            final LicenseCheck check = checkLicense(context);
            if (!check.isValid()) {
                return result(STEP_LICENSE, Outcome.FAILED, check.explanation());
            }
            final License checked = check.license();
            final long daysLeft = Duration.between(Instant.now(), checked.expires()).toDays();
            return result(STEP_LICENSE, Outcome.SUCCESSFUL, check.explanation() + " (" + daysLeft + " days left"
                    + (checked.features().isEmpty() ? "" : "; features " + String.join(", ", checked.features())) + ")");
        } catch (final LicenseFormatException e) {
            return result(STEP_LICENSE, Outcome.FAILED, "License Issuer Public Key unreadable: " + e.getMessage());
        }
    }

    private ConfigVerificationResult verifyProbeWrite(final DataLakeFileSystemClient client, final String probeBase,
                                                      final AuthenticationMode mode, final SecretRedactor redactor) {
        final String probePath = probeBase + ".file";
        final byte[] content = "nifi-fusion write probe".getBytes(StandardCharsets.UTF_8);
        final DataLakeFileClient probe = client.getFileClient(probePath);
        try {
            probe.create(false);
            probe.append(new ByteArrayInputStream(content), 0, content.length);
            probe.flush(content.length, true);
            final long size = probe.getProperties().getFileSize();
            probe.delete();
            if (size != content.length) {
                return result(STEP_PROBE, Outcome.FAILED, "Probe " + probePath + " holds " + size + " bytes after writing " + content.length);
            }
            return result(STEP_PROBE, Outcome.SUCCESSFUL, "Created, wrote " + content.length + " bytes to and deleted " + probePath);
        } catch (final RuntimeException e) {
            deleteQuietly(client, probePath);
            return result(STEP_PROBE, Outcome.FAILED, "Cannot write probe " + probePath + ": " + describeStorageFailure(e, mode, redactor));
        }
    }

    /**
     * With a hierarchical namespace, directories are real and a directory rename moves its children atomically; on a flat
     * namespace directories are name prefixes. The probe creates a directory with a file inside, renames the directory and
     * checks that the file moved with it.
     */
    private ConfigVerificationResult verifyHierarchicalNamespace(final DataLakeFileSystemClient client, final String probeBase,
                                                                 final AuthenticationMode mode, final SecretRedactor redactor) {
        final String directoryPath = probeBase + ".dir";
        final String renamedPath = probeBase + ".renamed";
        try {
            final DataLakeDirectoryClient directory = client.createDirectory(directoryPath);
            directory.createFile("child");
            directory.rename(null, renamedPath);
            final boolean childMoved = client.getFileClient(renamedPath + "/child").exists();
            final boolean sourceGone = !client.getDirectoryClient(directoryPath).exists();
            final boolean isDirectory = Boolean.TRUE.equals(client.getDirectoryClient(renamedPath).getProperties().isDirectory());
            client.getDirectoryClient(renamedPath).deleteRecursively();
            if (childMoved && sourceGone && isDirectory) {
                return result(STEP_NAMESPACE, Outcome.SUCCESSFUL, "Enabled: directory " + directoryPath + " renamed with its contents and deleted");
            }
            return result(STEP_NAMESPACE, Outcome.FAILED, "Directory rename did not move its contents (directory " + isDirectory
                    + ", child moved " + childMoved + ", source gone " + sourceGone + "): enable the hierarchical namespace on the account");
        } catch (final RuntimeException e) {
            deleteDirectoryQuietly(client, directoryPath);
            deleteDirectoryQuietly(client, renamedPath);
            return result(STEP_NAMESPACE, Outcome.FAILED, "Directory create and rename failed: " + describeStorageFailure(e, mode, redactor)
                    + "; the account needs the hierarchical namespace");
        }
    }

    private static String describeStorageFailure(final RuntimeException e, final AuthenticationMode mode, final SecretRedactor redactor) {
        if (e instanceof DataLakeStorageException storageException) {
            return "HTTP " + storageException.getStatusCode() + " " + storageException.getErrorCode() + " with " + mode.getDisplayName();
        }
        return redactor.describe(e) + " with " + mode.getDisplayName();
    }

    private static void deleteQuietly(final DataLakeFileSystemClient client, final String path) {
        try {
            client.getFileClient(path).deleteIfExists();
        } catch (final RuntimeException ignored) {
            // Best effort: the verification result already reports the failure
        }
    }

    private static void deleteDirectoryQuietly(final DataLakeFileSystemClient client, final String path) {
        try {
            client.getDirectoryClient(path).deleteRecursively();
        } catch (final RuntimeException ignored) {
            // Best effort: the directory may not exist
        }
    }

    private void warnIfExpiringSoon(final License checked) {
        final Instant now = Instant.now();
        if (checked.expiresWithin(now, LICENSE_WARNING_PERIOD)) {
            getLogger().warn("License {} for {} expires at {}, in {} days: renew it before then",
                    checked.licenseId(), checked.licensee(), checked.expires(), Duration.between(now, checked.expires()).toDays());
        }
    }

    private static LicenseCheck checkLicense(final PropertyContext context) throws LicenseFormatException {
        final String issuerKey = context.getProperty(LICENSE_ISSUER_PUBLIC_KEY).getValue();
        final PublicKey publicKey = issuerKey == null || issuerKey.isBlank() ? LicenseKeys.defaultIssuerPublicKey() : LicenseKeys.decodePublicKey(issuerKey);
        return new LicenseVerifier(publicKey).check(context.getProperty(LICENSE_KEY).getValue(), Instant.now());
    }

    private static boolean needsClusterDefaultStorage(final PropertyContext context) {
        return context.getProperty(HDINSIGHT_CLUSTER_URL).isSet()
                && (!context.getProperty(STORAGE_ACCOUNT_NAME).isSet()
                || !context.getProperty(FILESYSTEM_NAME).isSet()
                || getEndpointSuffix(context) == null);
    }

    private static AmbariCluster readCluster(final PropertyContext context) throws AmbariException {
        final URI clusterUrl = URI.create(context.getProperty(HDINSIGHT_CLUSTER_URL).getValue().strip());
        AmbariClient.requireSecureUrl(clusterUrl);
        try (AmbariClient client = new AmbariClient(clusterUrl, context.getProperty(AMBARI_USER).getValue(),
                context.getProperty(AMBARI_PASSWORD).getValue(), AMBARI_TIMEOUT)) {
            return client.readCluster();
        }
    }

    static StorageEndpoint resolveEndpoint(final PropertyContext context, final AbfsLocation defaultStorage) {
        final String accountName = firstSet(context.getProperty(STORAGE_ACCOUNT_NAME).getValue(), defaultStorage == null ? null : defaultStorage.accountName());
        final String fileSystemName = firstSet(context.getProperty(FILESYSTEM_NAME).getValue(), defaultStorage == null ? null : defaultStorage.fileSystem());
        if (accountName == null || fileSystemName == null) {
            throw new IllegalStateException(STORAGE_ACCOUNT_NAME.getDisplayName() + " and " + FILESYSTEM_NAME.getDisplayName()
                    + " are required unless " + HDINSIGHT_CLUSTER_URL.getDisplayName() + " is set");
        }
        final EndpointSuffix suffix = getEndpointSuffix(context);
        if (suffix == EndpointSuffix.CUSTOM) {
            return StorageEndpoint.forCustom(accountName, fileSystemName, context.getProperty(CUSTOM_ENDPOINT).getValue());
        }
        if (suffix != null) {
            return StorageEndpoint.forCloud(accountName, fileSystemName, suffix.getSuffix());
        }
        if (defaultStorage != null) {
            return StorageEndpoint.forCloud(accountName, fileSystemName, defaultStorage.endpointSuffix());
        }
        return StorageEndpoint.forCloud(accountName, fileSystemName, EndpointSuffix.AZURE_PUBLIC.getSuffix());
    }

    private static EndpointSuffix getEndpointSuffix(final PropertyContext context) {
        return context.getProperty(ENDPOINT_SUFFIX).isSet() ? context.getProperty(ENDPOINT_SUFFIX).asAllowableValue(EndpointSuffix.class) : null;
    }

    private static StorageCredentials readCredentials(final PropertyContext context) {
        final AuthenticationMode mode = context.getProperty(AUTHENTICATION_MODE).asAllowableValue(AuthenticationMode.class);
        return new StorageCredentials(
                mode,
                valueIf(context, mode == AuthenticationMode.ACCOUNT_KEY, ACCOUNT_KEY),
                valueIf(context, mode == AuthenticationMode.SAS_TOKEN, SAS_TOKEN),
                valueIf(context, isServicePrincipal(mode), TENANT_ID),
                valueIf(context, isServicePrincipal(mode), CLIENT_ID),
                valueIf(context, mode == AuthenticationMode.SERVICE_PRINCIPAL_SECRET, CLIENT_SECRET),
                valueIf(context, mode == AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE, CLIENT_CERTIFICATE),
                valueIf(context, mode == AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE, CLIENT_CERTIFICATE_PASSWORD),
                valueIf(context, mode == AuthenticationMode.MANAGED_IDENTITY, MANAGED_IDENTITY_CLIENT_ID),
                valueIf(context, isServicePrincipal(mode), AUTHORITY_HOST));
    }

    private static boolean isServicePrincipal(final AuthenticationMode mode) {
        return mode == AuthenticationMode.SERVICE_PRINCIPAL_SECRET || mode == AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE;
    }

    private static String valueIf(final PropertyContext context, final boolean applies, final PropertyDescriptor descriptor) {
        if (!applies) {
            return null;
        }
        final String value = context.getProperty(descriptor).getValue();
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static TargetPathMapper createPathMapper(final PropertyContext context) {
        return new TargetPathMapper(context.getProperty(SOURCE_ROOT).getValue().strip(),
                context.getProperty(TARGET_ROOT).isSet() ? context.getProperty(TARGET_ROOT).getValue().strip() : "");
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

    private static boolean isBase64(final String value) {
        try {
            return Base64.getDecoder().decode(value.strip()).length > 0;
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    private static SecretRedactor createRedactor(final PropertyContext context) {
        final List<String> secrets = new ArrayList<>();
        for (final PropertyDescriptor descriptor : SECRET_PROPERTIES) {
            secrets.add(context.getProperty(descriptor).getValue());
        }
        return new SecretRedactor(secrets);
    }

    private static String firstSet(final String explicit, final String fallback) {
        return explicit == null || explicit.isBlank() ? fallback : explicit.strip();
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

    private static ConfigVerificationResult result(final String step, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(outcome).explanation(explanation).build();
    }
}
