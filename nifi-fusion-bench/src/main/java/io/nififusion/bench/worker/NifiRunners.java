package io.nififusion.bench.worker;

import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.restore.ListADLSForRestore;
import io.nififusion.processors.restore.RestoreToHDFS;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.services.target.EndpointSuffix;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.services.target.StandardFusionTargetService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockSessionFactory;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Set;

/**
 * The product's processors in nifi-mock runners with the real, enabled services: the HDFS Source Service on the
 * source's configuration file, the Fusion Target Service on the sink with a license from a throwaway issuer, mapping
 * the source root to this contestant's target root.
 */
final class NifiRunners {
    static final String SOURCE_SERVICE_ID = "hdfs-source";
    static final String TARGET_SERVICE_ID = "fusion-target";
    private static final LicenseIssuer ISSUER = LicenseIssuer.withNewKeyPair();

    private NifiRunners() {
    }

    /**
     * Drops what the runner's finished triggers transferred, and the sessions nifi-mock keeps of them: its session
     * factory holds every session it ever created, each with the maps its run filled (emptied, never shrunk), and walks
     * all of them on every read of a relationship. NiFi's own sessions are gone once committed, so a long measured run
     * (a drain of a million records) must not count nifi-mock's memory of its triggers as the processor's heap. Only
     * between triggers: no session may be running.
     */
    static void dropTransferred(final TestRunner runner) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        try {
            final Field sessions = MockSessionFactory.class.getDeclaredField("createdSessions");
            sessions.setAccessible(true);
            ((Set<?>) sessions.get(runner.getProcessSessionFactory())).clear();
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("This nifi-mock keeps its sessions elsewhere: " + e, e);
        }
    }

    static TestRunner replicate(final WorkerContext context) {
        final TestRunner runner = withServices(new ReplicateToADLS(), context, true);
        runner.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, TARGET_SERVICE_ID);
        return runner;
    }

    static TestRunner listing(final WorkerContext context, final String roots) {
        final TestRunner runner = withServices(new ListHDFSChanges(), context, false);
        runner.setProperty(ListHDFSChanges.HDFS_SOURCE_SERVICE, SOURCE_SERVICE_ID);
        runner.setProperty(ListHDFSChanges.SOURCE_ROOTS, roots);
        return runner;
    }

    static TestRunner verify(final WorkerContext context) {
        final TestRunner runner = withServices(new VerifyChecksum(), context, true);
        runner.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, SOURCE_SERVICE_ID);
        runner.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, TARGET_SERVICE_ID);
        return runner;
    }

    /** ListADLSForRestore of the live tree, as many entries per trigger as it allows (the listing is not what is measured). */
    static TestRunner restoreListing(final WorkerContext context) {
        final TestRunner runner = withServices(new ListADLSForRestore(), context, true);
        runner.setProperty(ListADLSForRestore.FUSION_TARGET_SERVICE, TARGET_SERVICE_ID);
        runner.setProperty(ListADLSForRestore.ENTRIES_PER_TRIGGER, "100000");
        return runner;
    }

    /** RestoreToHDFS below a restore root (set per run), its other properties at their defaults. */
    static TestRunner restore(final WorkerContext context) {
        final TestRunner runner = withServices(new RestoreToHDFS(), context, true);
        runner.setProperty(RestoreToHDFS.HDFS_SOURCE_SERVICE, SOURCE_SERVICE_ID);
        runner.setProperty(RestoreToHDFS.FUSION_TARGET_SERVICE, TARGET_SERVICE_ID);
        return runner;
    }

    private static TestRunner withServices(final Processor processor, final WorkerContext context, final boolean target) {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        try {
            final StandardHdfsSourceService source = new StandardHdfsSourceService();
            runner.addControllerService(SOURCE_SERVICE_ID, source);
            runner.setProperty(source, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, context.sourceConfiguration().toString());
            runner.enableControllerService(source);
            if (target) {
                final StandardFusionTargetService service = new StandardFusionTargetService();
                runner.addControllerService(TARGET_SERVICE_ID, service);
                runner.setProperty(service, FusionTargetProperties.LICENSE_KEY, ISSUER.issue("nifi-fusion benchmarks", Duration.ofDays(30)));
                runner.setProperty(service, FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, ISSUER.getPublicKeyText());
                runner.setProperty(service, FusionTargetProperties.STORAGE_ACCOUNT_NAME, context.accountName());
                runner.setProperty(service, FusionTargetProperties.FILESYSTEM_NAME, WorkerContext.FILESYSTEM);
                runner.setProperty(service, FusionTargetProperties.ENDPOINT_SUFFIX, EndpointSuffix.CUSTOM);
                runner.setProperty(service, FusionTargetProperties.CUSTOM_ENDPOINT, context.endpoint());
                runner.setProperty(service, FusionTargetProperties.ACCOUNT_KEY, context.accountKey());
                runner.setProperty(service, FusionTargetProperties.SOURCE_ROOT, WorkerContext.SOURCE_ROOT);
                runner.setProperty(service, FusionTargetProperties.TARGET_ROOT, context.targetRoot());
                runner.enableControllerService(service);
            }
        } catch (final InitializationException e) {
            throw new IllegalStateException("Cannot set up the services: " + e.getMessage(), e);
        }
        return runner;
    }
}
