package io.nififusion.processors.torture;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.services.target.AuthenticationMode;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.services.target.StandardFusionTargetService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One NiFi node of the simulated cluster: its own ReplicateToADLS and VerifyChecksum instances, each with its own
 * StandardHdfsSourceService and StandardFusionTargetService against the shared HDFS and emulator. The node's tasks call
 * {@link #replicate} and {@link #verify} from their own threads, concurrently, on the one processor instance, as NiFi's
 * concurrent tasks do.
 */
final class ReplicationNode {
    private final String name;
    private final TestRunner replicator;
    private final TestRunner verifier;
    private final List<Services> services;
    private final AtomicLong flowFileIds = new AtomicLong(1);
    private final AtomicInteger activeCopies = new AtomicInteger();
    private volatile boolean stopRequested;
    private volatile boolean crashed;

    /** The services added to one runner, to disable when the node stops. */
    record Services(TestRunner runner, StandardHdfsSourceService source, StandardFusionTargetService target) {
    }

    private ReplicationNode(final String name, final TestRunner replicator, final TestRunner verifier, final List<Services> services) {
        this.name = name;
        this.replicator = replicator;
        this.verifier = verifier;
        this.services = services;
    }

    /** How a node's target services authenticate: nodes differ, as they may when credentials are rolled out node by node. */
    enum TargetCredential { ACCOUNT_KEY, SAS_TOKEN, SERVICE_PRINCIPAL_SECRET }

    static ReplicationNode start(final String name, final TortureEnvironment environment, final TortureLayout layout, final int tasks,
                                 final TargetCredential credential) throws InitializationException, IOException {
        final Path configuration = environment.workDirectory().resolve(layout.runName()).resolve(name);

        final TestRunner replicator = TestRunners.newTestRunner(ReplicateToADLS.class);
        final Services replicatorServices = addServices(replicator, environment, layout, configuration.resolve("replicate"), credential);
        replicator.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        replicator.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        // Small chunks and frequent checkpoints: multi-block files take several appends, and a retry resumes mid-file
        replicator.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        replicator.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "3");
        replicator.setProperty(ReplicateToADLS.CHECKPOINT_INTERVAL, "2");
        replicator.setThreadCount(tasks);

        final TestRunner verifier = TestRunners.newTestRunner(VerifyChecksum.class);
        final Services verifierServices = addServices(verifier, environment, layout, configuration.resolve("verify"), credential);
        verifier.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        verifier.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        verifier.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.FILE);
        verifier.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.QUICK);
        verifier.setProperty(VerifyChecksum.MAX_FILES_PER_SECOND, "0");
        verifier.setThreadCount(tasks);

        // Zero iterations: @OnScheduled only; the node's tasks trigger the processors themselves
        replicator.run(0, false, true);
        verifier.run(0, false, true);
        return new ReplicationNode(name, replicator, verifier, List.of(replicatorServices, verifierServices));
    }

    /** A source and a target service on the runner, the target authenticating as the credential says; shared with the restore torture's nodes. */
    static Services addServices(final TestRunner runner, final TortureEnvironment environment, final TortureLayout layout,
                                        final Path configuration, final TargetCredential credential) throws InitializationException, IOException {
        final StandardHdfsSourceService source = FusionTestServices.addSource(runner, environment.hdfs(), configuration);
        final StandardFusionTargetService target = FusionTestServices.addTarget(runner, environment.emulator(), layout.fileSystem(),
                layout.mappedSourceRoot(), layout.targetRoot());
        if (credential == TargetCredential.SAS_TOKEN) {
            runner.disableControllerService(target);
            runner.setProperty(target, FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN);
            runner.removeProperty(target, FusionTargetProperties.ACCOUNT_KEY);
            runner.setProperty(target, FusionTargetProperties.SAS_TOKEN, FusionTestServices.accountSas(environment.emulator(), Duration.ofDays(1)));
            runner.enableControllerService(target);
        } else if (credential == TargetCredential.SERVICE_PRINCIPAL_SECRET) {
            // over HTTPS with tokens from the emulator's tenant: the client secret joins the secrets scan
            FusionTestServices.useServicePrincipal(runner, target, environment.emulator());
        }
        return new Services(runner, source, target);
    }

    String name() {
        return name;
    }

    SingleTrigger.Outcome replicate(final List<MockFlowFile> records) {
        activeCopies.incrementAndGet();
        try {
            return SingleTrigger.run(replicator, records, flowFileIds, null);
        } finally {
            activeCopies.decrementAndGet();
        }
    }

    SingleTrigger.Outcome verify(final MockFlowFile record) {
        return SingleTrigger.run(verifier, List.of(record), flowFileIds, null);
    }

    MockFlowFile newRecord(final Map<String, String> attributes) {
        return SingleTrigger.record(flowFileIds, attributes);
    }

    /** ReplicateToADLS triggers running now: a restart fault waits for one, to stop the node mid-copy. */
    int activeCopies() {
        return activeCopies.get();
    }

    /** Tells the node's tasks to take no more work; they finish their current trigger. */
    void requestStop() {
        stopRequested = true;
    }

    boolean isStopRequested() {
        return stopRequested;
    }

    /**
     * Stops the node as a crash would: the processors lose their scheduled state and resources at once, while its tasks
     * may still be inside a trigger; whatever those triggers return is discarded, because a crashed node never commits.
     */
    void crash() {
        crashed = true;
        stopRequested = true;
        replicator.unSchedule();
        verifier.unSchedule();
        replicator.stop();
        verifier.stop();
    }

    boolean isCrashed() {
        return crashed;
    }

    /** As NiFi stops a processor: unschedule (running copies see isScheduled() turn false) before the tasks end. */
    void unschedule() {
        replicator.unSchedule();
        verifier.unSchedule();
    }

    /** After the tasks ended: @OnStopped (unless the crash did it), then the services are disabled. */
    void shutDown() {
        if (!crashed) {
            replicator.stop();
            verifier.stop();
        }
        for (final Services service : services) {
            service.runner().disableControllerService(service.target());
            service.runner().disableControllerService(service.source());
        }
    }
}
