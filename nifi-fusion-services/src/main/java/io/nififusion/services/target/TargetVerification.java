package io.nififusion.services.target;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.context.PropertyContext;

import java.time.Duration;
import java.util.List;

/**
 * The Verify of the target service: license, HDInsight cluster, then the storage steps, each of which needs the one
 * before. The license does not gate the storage steps: an operator fixing both learns about both at once.
 */
final class TargetVerification {
    /** Verify answers within seconds on an unreachable endpoint instead of waiting out the SDK's default backoff. */
    static final RequestRetryOptions VERIFY_RETRY_OPTIONS = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 2,
            Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(2), null);
    private static final String[] STORAGE_STEPS = {StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE};

    private final LicenseChecker licenseChecker;

    TargetVerification(final LicenseChecker licenseChecker) {
        this.licenseChecker = licenseChecker;
    }

    List<ConfigVerificationResult> verify(final PropertyContext context) {
        final SecretRedactor redactor = FusionTargetProperties.redactorFor(context);
        final VerificationReport report = new VerificationReport();
        report.add(licenseChecker.verify(context));
        final HttpConnectionSettings connections;
        try {
            connections = HttpConnectionSettings.read(context);
        } catch (final RuntimeException e) {
            final String explanation = "Cannot set up TLS or the proxy: " + redactor.describe(e);
            report.add(VerificationReport.failed(HdInsightDiscovery.STEP, explanation));
            report.add(VerificationReport.failed(StorageProbe.STEP_FILESYSTEM, explanation));
            report.skipAfterFailure(StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE);
            return report.results();
        }

        AbfsLocation defaultStorage = null;
        if (!HdInsightDiscovery.isClusterSet(context)) {
            report.add(VerificationReport.skipped(HdInsightDiscovery.STEP, FusionTargetProperties.HDINSIGHT_CLUSTER_URL.getDisplayName() + " not set"));
        } else {
            try {
                final HdInsightDiscovery.DiscoveredStorage discovered = HdInsightDiscovery.discover(context, connections);
                defaultStorage = discovered.defaultStorage();
                report.add(VerificationReport.successful(HdInsightDiscovery.STEP, discovered.describe()));
            } catch (final AmbariException e) {
                report.add(VerificationReport.failed(HdInsightDiscovery.STEP, redactor.redact(e.getMessage())));
                if (HdInsightDiscovery.needsClusterDefaultStorage(context)) {
                    report.skip("Not run: the storage account and filesystem come from the HDInsight cluster, which could not be read", STORAGE_STEPS);
                    return report.results();
                }
            }
        }

        final StorageProbe probe;
        try {
            final StorageEndpoint endpoint = HdInsightDiscovery.resolveEndpoint(context, defaultStorage);
            final StorageCredentials credentials = StorageCredentials.read(context);
            final String targetRoot = FusionTargetProperties.pathMapperOf(context).getTargetRoot();
            final DataLakeFileSystemClient client = DataLakeClientFactory.createFileSystemClient(endpoint, credentials, connections, VERIFY_RETRY_OPTIONS);
            probe = new StorageProbe(client, endpoint, credentials, connections, redactor, targetRoot);
        } catch (final RuntimeException e) {
            report.add(VerificationReport.failed(StorageProbe.STEP_FILESYSTEM, "Cannot create the ADLS client: " + redactor.describe(e)));
            report.skipAfterFailure(StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE);
            return report.results();
        }
        if (!report.add(probe.accessFilesystem())) {
            report.skipAfterFailure(StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE);
        } else if (!report.add(probe.writeProbeFile())) {
            report.skipAfterFailure(StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE);
        } else {
            report.add(probe.renameProbeDirectory());
        }
        return report.results();
    }
}
