package io.nififusion.processors.torture;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.OutputCapture;
import io.nififusion.processors.restore.ExistingFilePolicyOption;
import io.nififusion.processors.restore.ListADLSForRestore;
import io.nififusion.processors.restore.ListingScopeOption;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One restore torture run, start to verdict: a seeded tree written to HDFS and migrated by the real forward path; the
 * scenario's setup (a tree deleted with Keep in Trash, or files and a tree deleted at HDFS); ListADLSForRestore lists the
 * target copy a few entries per trigger while nodes of RestoreToHDFS tasks restore what it listed, records delivered
 * twice, retries fed back, faults on both sides; once nothing is left, {@link RestoreTortureCheck} judges.
 */
final class RestoreTortureRun {
    private static final long PACING_SALT = 0x2E57_0002L;
    private static final long DUPLICATE_SALT = 0x2E57_0003L;
    private static final int NODES = 2;
    private static final int TASKS_PER_NODE = 2;
    private static final int STEPS = 20;
    private static final int MAX_PAUSE_MILLIS = 120;
    private static final int ENTRIES_PER_TRIGGER = 4;
    private static final int TWICE_PERCENT = 15;
    private static final int FILES_DELETED_AT_HDFS = 3;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(120);
    /** ListADLSForRestore's state key for a listing that is complete. */
    private static final String LISTING_COMPLETE = "complete";
    private static final String TARGET_ROOT = "migrated";

    private final TortureEnvironment environment;
    private final long seed;
    private final RestoreScenario scenario;
    private final TortureLayout layout;
    private final String treeRoot;
    private final String restoreRoot;

    /** What the scenario's setup decided: what to list, and which files the faults may change. */
    private record Setup(String restorePath, Instant asOf, List<String> changeableFiles, String quotaDirectory, String deletedTree) {
    }

    RestoreTortureRun(final TortureEnvironment environment, final long seed, final RestoreScenario scenario, final int runNumber) {
        this.environment = environment;
        this.seed = seed;
        this.scenario = scenario;
        final String runName = String.format(Locale.ROOT, "restore%03d-seed%d-%s", runNumber, seed, scenario.getValue());
        final String base = "/torture/" + runName;
        this.layout = new TortureLayout(runName, base, base + "/data", List.of(base + "/data/tree"), base + "/data/outside", base + "/incoming",
                String.format(Locale.ROOT, "rtorture-%03d-%s", runNumber, Long.toHexString(seed & 0xffffffffL)), TARGET_ROOT);
        this.treeRoot = base + "/data/tree";
        this.restoreRoot = scenario == RestoreScenario.ORIGINAL_PATHS_AFTER_DELETE ? null : base + "/restored";
    }

    RestoreTortureReport execute() throws IOException, InterruptedException {
        TriggerJournal.current().clear();
        try (OutputCapture output = OutputCapture.start()) {
            return execute(output);
        }
    }

    private RestoreTortureReport execute(final OutputCapture output) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final long deadline = started + TIME_LIMIT.toNanos();
        final TortureLog operations = new TortureLog("operation log", started);
        final TortureLog records = new TortureLog("record log", started);
        final List<String> problems = new ArrayList<>();
        final RecordScheduler scheduler = new RecordScheduler(seed, records);
        final RestoreLedger ledger = new RestoreLedger();
        final PipelineStatistics statistics = new PipelineStatistics();
        final Map<String, Map<String, String>> listed = new TreeMap<>();
        final List<FaultPlan.ScheduledFault> plan = RestoreFaults.plan(seed, scenario, STEPS);
        operations.add("restore torture " + layout.runName() + ": seed " + seed + ", " + scenario.getValue() + ", " + NODES + " nodes x " + TASKS_PER_NODE
                + " tasks");
        for (final FaultPlan.ScheduledFault fault : plan) {
            operations.add("planned fault at step " + fault.step() + ": " + fault.kind());
        }
        final RestoreTortureTree tree = new RestoreTortureTree(environment.fileSystem(), seed);
        RestoreCluster cluster = null;
        ForwardReplication forward = null;
        RestoreFaults faults = null;
        Setup setup = null;
        boolean drained = false;
        String sourceClusterFailure = null;
        try {
            FusionTestServices.createFileSystem(environment.emulator(), layout.fileSystem());
            operations.add(tree.write(treeRoot));
            forward = ForwardReplication.start(environment, layout, scenario == RestoreScenario.AS_OF_AFTER_DELETE, operations);
            forward.apply(OperationType.RECONCILE, treeRoot, true);
            setup = setUp(tree, forward, operations);
            final TestRunner lister = lister(setup);
            cluster = new RestoreCluster(environment, layout, restoreRoot, scenario == RestoreScenario.LIVE_UNDER_ROOT
                    ? ExistingFilePolicyOption.REPLACE : ExistingFilePolicyOption.FAIL, TASKS_PER_NODE, scheduler, ledger, records, statistics, deadline);
            cluster.start(NODES);
            faults = new RestoreFaults(environment, cluster, forward, tree, setup.changeableFiles(), setup.quotaDirectory(), listed::get, scheduler,
                    layout.fileSystem(), operations);
            final Random pacing = new Random(seed ^ PACING_SALT);
            final Random twice = new Random(seed ^ DUPLICATE_SALT);
            boolean complete = false;
            int nextFault = 0;
            for (int step = 0; step < STEPS || !complete; step++) {
                if (System.nanoTime() > deadline) {
                    problems.add("the listing was not complete at the time limit");
                    break;
                }
                while (nextFault < plan.size() && plan.get(nextFault).step() <= step) {
                    faults.inject(plan.get(nextFault++), step);
                }
                faults.liftQuotaIfDue(step, false);
                if (!complete) {
                    complete = listOnce(lister, step == 0, listed, scheduler, twice, records);
                }
                Thread.sleep(pacing.nextInt(MAX_PAUSE_MILLIS + 1));
            }
            faults.liftQuotaIfDue(STEPS, true);
            operations.add("listing complete with " + listed.size() + " paths; waiting until every record has ended");
            drained = cluster.awaitIdle(deadline);
            operations.add(drained ? "drained" : "records were left at the time limit: " + scheduler.describe() + "\n" + scheduler.describeQueue(40));
        } catch (final SourceClusterFailure e) {
            sourceClusterFailure = e.getMessage();
            operations.add("ABORTED: the source cluster failed: " + e.getMessage());
        } catch (final IOException | InitializationException | RuntimeException e) {
            problems.add("harness error: " + stackTrace(e));
            operations.add("harness error: " + e);
        } finally {
            if (cluster != null) {
                for (final String thread : cluster.shutDown()) {
                    problems.add("thread " + thread + " did not stop");
                }
                problems.addAll(statistics.stuckThreads());
            }
            if (forward != null) {
                forward.stop();
            }
            environment.emulator().faults().clear();
            if (faults != null) {
                faults.liftQuotaIfDue(STEPS, true);
                problems.addAll(faults.errors());
            }
        }
        if (!drained && sourceClusterFailure == null) {
            problems.add("did not drain within " + TIME_LIMIT.toSeconds() + " s: " + scheduler.describe());
        }
        RestoreTortureCheck.Result check = null;
        if (sourceClusterFailure == null && setup != null && faults != null) {
            operations.add("checking the restored tree against the target");
            try {
                check = new RestoreTortureCheck(environment, layout, scenario, restoreRoot, setup.deletedTree(), faults.deleted(), faults.overwritten(), ledger)
                        .check();
                problems.addAll(check.problems());
                if (ledger.recordsEnded() != scheduler.recordsCreated()) {
                    problems.add(scheduler.recordsCreated() + " records were given out but " + ledger.recordsEnded() + " ended on success or failure");
                }
            } catch (final IOException | RuntimeException e) {
                problems.add("checker error: " + stackTrace(e));
            }
        }
        output.close();
        final SecretScan secrets = SecretScan.forSecretsOf(TriggerJournal.current());
        if (secrets.secretCount() == 0) {
            problems.add("secrets scan: the run's services were given no secrets to look for");
        }
        final List<String> exposures = secrets.scan(TriggerJournal.current(), output.text());
        problems.addAll(exposures);
        final RestoreTortureReport report = new RestoreTortureReport(layout.runName(), seed, scenario, Duration.ofNanos(System.nanoTime() - started),
                scheduler.recordsCreated(), scheduler.duplicatedCount() + twiceCount(records), scheduler.dispatchedCount(), ledger.failures(),
                faults == null ? 0 : faults.injected(), check, exposures.size(), problems, sourceClusterFailure);
        operations.add(report.summaryLine());
        final java.nio.file.Path logs = java.nio.file.Path.of("target", "torture", layout.runName());
        operations.writeTo(logs.resolve("operations.log"));
        records.writeTo(logs.resolve("records.log"));
        if (report.failed()) {
            System.out.println(report.describe());
            System.out.println(operations.text());
            System.out.println(records.text());
        }
        return report;
    }

    /** The scenario's state of the source and the target before the restore starts. */
    private Setup setUp(final RestoreTortureTree tree, final ForwardReplication forward, final TortureLog operations) throws IOException, InterruptedException {
        final String fullest = tree.fullestDirectory();
        switch (scenario) {
            case AS_OF_AFTER_DELETE -> {
                // after every version of the tree was written and copied, before the delete
                final Instant asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                environment.fileSystem().delete(new Path(fullest), true);
                operations.add("deleted the tree " + fullest + " at the source after " + asOf + "; forward DELETE (Keep in Trash) "
                        + forward.apply(OperationType.DELETE, fullest, true));
                return new Setup(fullest, asOf, List.of(), restoreRoot, fullest);
            }
            case ORIGINAL_PATHS_AFTER_DELETE -> {
                environment.fileSystem().delete(new Path(fullest), true);
                final List<String> kept = new ArrayList<>();
                for (final String file : tree.files()) {
                    if (!file.startsWith(fullest + "/")) {
                        kept.add(file);
                    }
                }
                final List<String> deletedFiles = new ArrayList<>();
                for (int i = 0; i < FILES_DELETED_AT_HDFS && kept.size() > 2; i++) {
                    final String file = kept.remove(tree.random().nextInt(kept.size()));
                    environment.fileSystem().delete(new Path(file), false);
                    deletedFiles.add(file);
                }
                operations.add("deleted at HDFS only (the target keeps them): the tree " + fullest + " and " + deletedFiles);
                return new Setup(treeRoot, null, kept, treeRoot, null);
            }
            default -> {
                return new Setup(treeRoot, null, tree.files(), restoreRoot, null);
            }
        }
    }

    private TestRunner lister(final Setup setup) throws InitializationException {
        final TestRunner lister = TestRunners.newTestRunner(ListADLSForRestore.class);
        FusionTestServices.addTarget(lister, environment.emulator(), layout.fileSystem(), layout.mappedSourceRoot(), layout.targetRoot());
        lister.setProperty(ListADLSForRestore.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        lister.setProperty(ListADLSForRestore.RESTORE_PATH, setup.restorePath());
        lister.setProperty(ListADLSForRestore.ENTRIES_PER_TRIGGER, Integer.toString(ENTRIES_PER_TRIGGER));
        if (setup.asOf() != null) {
            lister.setProperty(ListADLSForRestore.LISTING_SCOPE, ListingScopeOption.AS_OF);
            lister.setProperty(ListADLSForRestore.AS_OF, setup.asOf().toString());
        }
        TriggerJournal.current().watch(lister);
        return lister;
    }

    /** One trigger of the listing; its records go to the scheduler, some of them twice at once (the at-least-once case). */
    private static boolean listOnce(final TestRunner lister, final boolean first, final Map<String, Map<String, String>> listed,
                                    final RecordScheduler scheduler, final Random twice, final TortureLog records) throws IOException {
        lister.clearTransferState();
        lister.run(1, false, first);
        for (final MockFlowFile record : lister.getFlowFilesForRelationship(ListADLSForRestore.REL_SUCCESS)) {
            final Map<String, String> attributes = new HashMap<>(record.getAttributes());
            attributes.remove(CoreAttributes.UUID.key());
            listed.put(attributes.get(OperationAttributes.PATH), attributes);
            scheduler.offerListed(attributes);
            if (twice.nextInt(100) < TWICE_PERCENT) {
                records.add("delivered twice at once: " + attributes.get(OperationAttributes.PATH));
                scheduler.offerListed(attributes);
            }
        }
        return "true".equals(lister.getStateManager().getState(Scope.CLUSTER).get(LISTING_COMPLETE));
    }

    private static int twiceCount(final TortureLog records) {
        return records.linesContaining("delivered twice at once: ").size();
    }

    private static String stackTrace(final Throwable failure) {
        final StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
