package io.nififusion.services.target;

import io.nififusion.core.path.TargetPathMapper;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import java.util.ArrayList;
import java.util.List;

/** The properties of {@link StandardFusionTargetService}: license, HDInsight cluster, storage account, credentials and path mapping. */
public final class FusionTargetProperties {

    /** The proxies the service can use: HTTP, with or without Basic credentials (the JDK's HTTP client speaks no SOCKS auth). */
    static final ProxySpec[] PROXY_SPECS = {ProxySpec.HTTP, ProxySpec.HTTP_AUTH};

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

    /** Azure's rule for container (filesystem) names. */
    private static final java.util.regex.Pattern FILESYSTEM_NAME_PATTERN = java.util.regex.Pattern.compile("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");

    public static final PropertyDescriptor FILESYSTEM_NAME = new PropertyDescriptor.Builder()
            .name("Filesystem Name")
            .description("ADLS Gen2 filesystem (container) name. Required unless HDInsight Cluster URL is set, in which case the "
                    + "filesystem of the cluster's default storage is used when this is empty.")
            .required(false)
            .addValidator(StandardValidators.createRegexMatchingValidator(FILESYSTEM_NAME_PATTERN, false,
                    "Filesystem Name must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit"))
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
            .description("Microsoft Entra authority host the service principal gets its tokens from. When empty, that of the "
                    + "storage endpoint's cloud: https://login.microsoftonline.com/ (Azure Public Cloud, and any Custom Endpoint), "
                    + "https://login.chinacloudapi.cn/ (Azure China), https://login.microsoftonline.us/ (Azure US Government). "
                    + "Set it for a private or other sovereign cloud (instance discovery is then off, so nothing is asked of the "
                    + "public cloud). HTTPS only.")
            .required(false)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .dependsOn(AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET, AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE)
            .build();

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS trust (and client certificate, if it has one) for every HTTPS connection of the service: the ADLS "
                    + "endpoint, Microsoft Entra ID and the HDInsight cluster's Ambari. Set it when a private CA signs the endpoints "
                    + "(a TLS-inspecting proxy, a private cloud); when not set, the JVM's default trust store is used.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .build();

    /** HTTP proxy, with or without credentials, for the ADLS endpoint, Microsoft Entra ID and Ambari. */
    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = ProxyConfiguration.createProxyConfigPropertyDescriptor(PROXY_SPECS);

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

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
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
            SSL_CONTEXT_SERVICE,
            PROXY_CONFIGURATION_SERVICE,
            SOURCE_ROOT,
            TARGET_ROOT);

    /** Properties whose values never leave the service: scrubbed from every message that does. */
    static final List<PropertyDescriptor> SECRET_PROPERTIES = List.of(
            LICENSE_KEY, AMBARI_PASSWORD, ACCOUNT_KEY, SAS_TOKEN, CLIENT_SECRET, CLIENT_CERTIFICATE_PASSWORD);

    private FusionTargetProperties() {
    }

    /** The mapping of Source Root to Target Root; rejects roots that do not form one. */
    static TargetPathMapper pathMapperOf(final PropertyContext context) {
        return new TargetPathMapper(context.getProperty(SOURCE_ROOT).getValue().strip(),
                context.getProperty(TARGET_ROOT).isSet() ? context.getProperty(TARGET_ROOT).getValue().strip() : "");
    }

    /** A redactor of the secret values the context holds. */
    static SecretRedactor redactorFor(final PropertyContext context) {
        final List<String> secrets = new ArrayList<>();
        for (final PropertyDescriptor descriptor : SECRET_PROPERTIES) {
            secrets.add(context.getProperty(descriptor).getValue());
        }
        return new SecretRedactor(secrets);
    }
}
