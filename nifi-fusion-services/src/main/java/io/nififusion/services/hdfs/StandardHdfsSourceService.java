package io.nififusion.services.hdfs;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.hdfs.SourceClusterConfiguration;
import io.nififusion.core.listing.CaptureModeProbe;
import io.nififusion.core.listing.ModeAvailability;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.kerberos.KerberosUserService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.security.krb.KerberosUser;
import org.apache.nifi.context.PropertyContext;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

@Tags({"hadoop", "hdfs", "source", "kerberos", "migration", "fusion"})
@CapabilityDescription("The source Hadoop cluster of a migration: loads its client configuration (core-site.xml, hdfs-site.xml), "
        + "authenticates with Kerberos through a Kerberos User Service (or as a named user on a cluster without Kerberos), and hands "
        + "ListHDFSChanges, ReplicateToADLS and VerifyChecksum one FileSystem that runs as that user. Checksums are always "
        + "requested as COMPOSITE_CRC, the block-size-independent CRC32C of a whole file.")
@SeeAlso(classNames = {
        "io.nififusion.processors.list.ListHDFSChanges",
        "io.nififusion.processors.replicate.ReplicateToADLS",
        "io.nififusion.processors.verify.VerifyChecksum"})
@Restricted(restrictions = @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM,
        explanation = "Reads the Hadoop configuration files named in Hadoop Configuration Resources from the local file system of the NiFi node"))
public class StandardHdfsSourceService extends AbstractControllerService implements HdfsSourceService, VerifiableControllerService {

    public static final PropertyDescriptor HADOOP_CONFIGURATION_RESOURCES = new PropertyDescriptor.Builder()
            .name("Hadoop Configuration Resources")
            .description("Comma-separated paths of the source cluster's client configuration files, typically core-site.xml and "
                    + "hdfs-site.xml. Later files override earlier ones. fs.defaultFS must name the source cluster (hdfs:// or viewfs://).")
            .required(true)
            .identifiesExternalResource(ResourceCardinality.MULTIPLE, ResourceType.FILE)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor KERBEROS_USER_SERVICE = new PropertyDescriptor.Builder()
            .name("Kerberos User Service")
            .description("Kerberos identity (keytab, password or ticket cache) used on a Kerberized cluster. Required when the configuration "
                    + "sets hadoop.security.authentication to kerberos.")
            .identifiesControllerService(KerberosUserService.class)
            .required(false)
            .build();

    public static final PropertyDescriptor REMOTE_USER = new PropertyDescriptor.Builder()
            .name("Remote User")
            .description("On a cluster without Kerberos, the HDFS user to act as (like HADOOP_USER_NAME). Empty means the user running NiFi "
                    + "(HADOOP_USER_NAME of its environment when set), never another service's Kerberos login. "
                    + "A user that is not the HDFS superuser can migrate with ListHDFSChanges in snapshot-diff mode.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    static final String STEP_LOAD_CONFIGURATION = "Load Hadoop Configuration";
    static final String STEP_AUTHENTICATE = "Authenticate";
    static final String STEP_LIST_ROOT = "List Root Directory";
    static final String STEP_CAPTURE_MODES = "Change Capture Modes";
    private static final List<String> VERIFICATION_STEPS = List.of(STEP_LOAD_CONFIGURATION, STEP_AUTHENTICATE, STEP_LIST_ROOT, STEP_CAPTURE_MODES);

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            HADOOP_CONFIGURATION_RESOURCES,
            KERBEROS_USER_SERVICE,
            REMOTE_USER);

    private volatile SourceClusterConnection connection;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final SourceClusterConfiguration configuration;
        try {
            configuration = loadConfiguration(context);
        } catch (final RuntimeException e) {
            // A missing file is already reported by the resource validator; anything else is a malformed file
            if (!(e instanceof IllegalArgumentException)) {
                results.add(invalid(HADOOP_CONFIGURATION_RESOURCES, "cannot be parsed: " + e.getMessage()));
            }
            return results;
        }
        for (final String problem : configuration.findProblems()) {
            results.add(invalid(HADOOP_CONFIGURATION_RESOURCES, problem));
        }
        final boolean kerberosServiceSet = context.getProperty(KERBEROS_USER_SERVICE).isSet();
        if (configuration.isKerberosRequired() && !kerberosServiceSet) {
            results.add(invalid(KERBEROS_USER_SERVICE, "is required: the configuration sets " + SourceClusterConfiguration.SECURITY_AUTHENTICATION
                    + "=kerberos, so set a Kerberos User Service with the principal NiFi authenticates as"));
        }
        if (!configuration.isKerberosRequired() && kerberosServiceSet) {
            results.add(invalid(KERBEROS_USER_SERVICE, "is set but the configuration sets " + SourceClusterConfiguration.SECURITY_AUTHENTICATION
                    + "=simple: add the cluster's core-site.xml to Hadoop Configuration Resources, or remove the Kerberos User Service"));
        }
        if (kerberosServiceSet && context.getProperty(REMOTE_USER).isSet()) {
            results.add(invalid(REMOTE_USER, "cannot be combined with a Kerberos User Service: the Kerberos principal decides the user"));
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws IOException {
        connection = connect(context, getLogger()::warn);
        getLogger().info("Connected to {} as {}", connection.getClusterConfiguration().getFileSystemUri(), connection.describeUser());
    }

    @OnDisabled
    public void onDisabled() throws IOException {
        final SourceClusterConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final SourceClusterConfiguration configuration;
        try {
            configuration = loadConfiguration(context);
        } catch (final RuntimeException e) {
            return failedThenSkipped(results, STEP_LOAD_CONFIGURATION,
                    "Could not load " + context.getProperty(HADOOP_CONFIGURATION_RESOURCES).getValue() + ": " + e.getMessage());
        }
        final List<String> problems = configuration.findProblems();
        if (!problems.isEmpty()) {
            return failedThenSkipped(results, STEP_LOAD_CONFIGURATION, String.join("; ", problems));
        }
        results.add(successful(STEP_LOAD_CONFIGURATION, "Loaded " + configuration.getResources() + "; "
                + SourceClusterConfiguration.DEFAULT_FS + " is " + configuration.getFileSystemUri()));

        try (SourceClusterConnection verification = connect(context, verificationLogger::warn)) {
            results.add(successful(STEP_AUTHENTICATE, "Authenticated as " + verification.describeUser()));
            try {
                final FileStatus[] children = verification.execute(fileSystem -> fileSystem.listStatus(new Path("/")));
                results.add(successful(STEP_LIST_ROOT, "Listed / of " + configuration.getFileSystemUri() + ": " + children.length + " entries"));
            } catch (final IOException e) {
                return failedThenSkipped(results, STEP_LIST_ROOT, "Could not list / of " + configuration.getFileSystemUri() + " as "
                        + verification.describeUser() + ": " + ErrorMessages.firstLine(e.getMessage()));
            }
            results.add(verifyCaptureModes(verification));
        } catch (final IOException | RuntimeException e) {
            verificationLogger.warn("Authentication to {} failed", configuration.getFileSystemUri(), e);
            return failedThenSkipped(results, STEP_AUTHENTICATE, "Could not authenticate to " + configuration.getFileSystemUri() + ": " + ErrorMessages.describe(e));
        }
        return results;
    }

    @Override
    public <T> T execute(final SourceCall<T> call) throws IOException {
        return requireConnection().execute(call);
    }

    @Override
    public FileSystem getFileSystem() {
        return requireConnection().getFileSystem();
    }

    @Override
    public Configuration getConfiguration() {
        return new Configuration(requireConnection().getConfiguration());
    }

    @Override
    public URI getFileSystemUri() {
        return requireConnection().getClusterConfiguration().getFileSystemUri();
    }

    @Override
    public UserGroupInformation getUserGroupInformation() throws IOException {
        return requireConnection().getUserGroupInformation();
    }

    /** Which Change Capture Modes of ListHDFSChanges the user can run: a valid setup for a user that is not a superuser is no failure. */
    private ConfigVerificationResult verifyCaptureModes(final SourceClusterConnection verification) {
        try {
            return verification.execute(fileSystem -> {
                final String user = verification.getUserGroupInformation().getShortUserName();
                final CaptureModeProbe probe = new CaptureModeProbe(fileSystem, user);
                final ModeAvailability inotify = probe.inotify();
                final List<String> snapshottable = probe.snapshottableDirectories();
                final String snapshots = snapshottable.isEmpty()
                        ? "none yet: an HDFS administrator runs 'hdfs dfsadmin -allowSnapshot <root>' for each source root" + (inotify.available() ? "" : " owned by " + user)
                        : String.join(", ", snapshottable);
                if (inotify.available()) {
                    return successful(STEP_CAPTURE_MODES, "User " + user + " can run every Change Capture Mode of ListHDFSChanges: inotify ("
                            + inotify.explanation() + "), snapshot-diff on snapshottable directories (" + snapshots + ") and scan-only");
                }
                return successful(STEP_CAPTURE_MODES, "User " + user + " can run ListHDFSChanges in Change Capture Mode scan-only on directories it "
                        + "can read, and snapshot-diff on the snapshottable directories it owns (" + snapshots + "); not inotify: " + inotify.explanation());
            });
        } catch (final IOException e) {
            return failed(STEP_CAPTURE_MODES, "Could not find the capture modes of " + verification.describeUser() + ": " + ErrorMessages.firstLine(e.getMessage()));
        }
    }

    private SourceClusterConnection connect(final PropertyContext context, final Consumer<String> warnings) throws IOException {
        final SourceClusterConfiguration configuration = loadConfiguration(context);
        final KerberosUserService kerberosUserService = context.getProperty(KERBEROS_USER_SERVICE).asControllerService(KerberosUserService.class);
        final KerberosUser kerberosUser = kerberosUserService == null ? null : kerberosUserService.createKerberosUser();
        final String remoteUser = context.getProperty(REMOTE_USER).evaluateAttributeExpressions().getValue();
        return SourceClusterConnection.open(configuration, kerberosUser, remoteUser, warnings);
    }

    private static SourceClusterConfiguration loadConfiguration(final PropertyContext context) {
        final String resources = context.getProperty(HADOOP_CONFIGURATION_RESOURCES).evaluateAttributeExpressions().getValue();
        return SourceClusterConfiguration.load(resources == null ? List.of() : Arrays.asList(resources.split(",")));
    }

    private SourceClusterConnection requireConnection() {
        final SourceClusterConnection current = connection;
        if (current == null) {
            throw new IllegalStateException("HDFS Source Service " + getIdentifier() + " is not enabled");
        }
        return current;
    }

    private static ValidationResult invalid(final PropertyDescriptor property, final String explanation) {
        return new ValidationResult.Builder().subject(property.getDisplayName()).valid(false).explanation(explanation).build();
    }

    private static ConfigVerificationResult successful(final String step, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(ConfigVerificationResult.Outcome.SUCCESSFUL).explanation(explanation).build();
    }

    /** Adds the failed step, then every later step as skipped because of it. */
    private static List<ConfigVerificationResult> failedThenSkipped(final List<ConfigVerificationResult> results, final String failedStep,
                                                                    final String explanation) {
        results.add(failed(failedStep, explanation));
        for (final String step : VERIFICATION_STEPS.subList(VERIFICATION_STEPS.indexOf(failedStep) + 1, VERIFICATION_STEPS.size())) {
            results.add(new ConfigVerificationResult.Builder().verificationStepName(step).outcome(ConfigVerificationResult.Outcome.SKIPPED)
                    .explanation("Skipped: " + failedStep + " failed").build());
        }
        return results;
    }

    private static ConfigVerificationResult failed(final String step, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(ConfigVerificationResult.Outcome.FAILED).explanation(explanation).build();
    }
}
