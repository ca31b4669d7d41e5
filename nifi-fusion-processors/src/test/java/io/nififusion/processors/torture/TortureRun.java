package io.nififusion.processors.torture;

import io.nififusion.core.copy.ReplicationException;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.OutputCapture;
import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.nifi.reporting.InitializationException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * One torture run, start to verdict: builds the source tree, starts the simulated cluster, runs the seeded workload with
 * the planned faults while the pipeline replicates, closes the writers, waits for quiescence (bounded by the time limit:
 * a run never hangs, it fails), stops everything, then lets the independent checker and the deep tree audit judge.
 */
final class TortureRun {
    private static final long PACING_SALT = 0x9ACE_0001L;
    private static final int HISTORIES_WRITTEN = 40;
    private static final int HISTORY_LINES = 200;

    private final TortureEnvironment environment;
    private final TortureSettings settings;
    private final int runNumber;

    TortureRun(final TortureEnvironment environment, final TortureSettings settings, final int runNumber) {
        this.environment = environment;
        this.settings = settings;
        this.runNumber = runNumber;
    }

    TortureReport execute() throws IOException, InterruptedException {
        TriggerJournal.current().clear();
        try (OutputCapture output = OutputCapture.start()) {
            return execute(output);
        }
    }

    /** The run, with the JVM's output captured for the secrets scan at its end. */
    private TortureReport execute(final OutputCapture output) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final long deadline = started + settings.timeLimit().toNanos();
        final TortureLog operations = new TortureLog("operation log", started);
        final TortureLog records = new TortureLog("record log", started);
        final TortureLayout layout = TortureLayout.forRun(runNumber, settings.seed(), settings.mode().getValue());
        final FaultPlan plan = FaultPlan.plan(settings);
        operations.add("torture run " + layout.runName() + ": " + settings.describe());
        for (final FaultPlan.ScheduledFault fault : plan.all()) {
            operations.add("planned fault before step " + fault.step() + ": " + fault.kind());
        }

        final List<String> problems = new ArrayList<>();
        final TriggerJournal journal = TriggerJournal.current();
        final TortureWorkload workload = new TortureWorkload(environment.fileSystem(), layout, settings.seed(), MiniDfsExtension.SMALL_BLOCK_SIZE, operations);
        SimulatedCluster cluster = null;
        TortureFaults faults = null;
        boolean quiesced = false;
        String backlog = "";
        String sourceClusterFailure = null;
        int step = 0;
        try {
            FusionTestServices.createFileSystem(environment.emulator(), layout.fileSystem());
            workload.createDirectories();
            if (settings.mode() == ChangeCaptureMode.SNAPSHOT_DIFF) {
                for (final String root : layout.listingRoots()) {
                    environment.allowSnapshot(root);
                }
            }
            workload.prepopulate();
            cluster = SimulatedCluster.start(environment, layout, settings, records, deadline);
            faults = new TortureFaults(environment, cluster, layout, operations);
            final Random pacing = new Random(settings.seed() ^ PACING_SALT);
            int nextFault = 0;
            final List<FaultPlan.ScheduledFault> planned = plan.all();
            while (step < settings.workloadSteps()) {
                if (System.nanoTime() > deadline) {
                    problems.add("the workload was cut at step " + step + " of " + settings.workloadSteps() + " by the time limit");
                    break;
                }
                while (nextFault < planned.size() && planned.get(nextFault).step() <= step) {
                    step = faults.inject(planned.get(nextFault), workload, step);
                    nextFault++;
                }
                workload.step(step);
                step++;
                Thread.sleep(pacing.nextInt((int) settings.maxPauseBetweenSteps().toMillis() + 1));
            }
            workload.finish();
            operations.add("waiting for the pipeline to quiesce");
            quiesced = cluster.awaitQuiescence(deadline);
            operations.add(quiesced ? "quiesced" : "did not quiesce within the time limit");
            if (!quiesced) {
                backlog = cluster.describeBacklog();
            }
        } catch (final SourceClusterFailure e) {
            sourceClusterFailure = e.getMessage();
            operations.add("ABORTED: the source cluster failed, nothing more can run or be checked: " + e.getMessage());
        } catch (final IOException | InitializationException | RuntimeException e) {
            problems.add("harness error: " + stackTrace(e));
            operations.add("harness error: " + e);
        } finally {
            if (cluster != null) {
                for (final String thread : cluster.shutDown()) {
                    problems.add("thread " + thread + " did not stop");
                }
                problems.addAll(cluster.statistics().stuckThreads());
            }
            environment.emulator().faults().clear();
        }
        if (faults != null) {
            problems.addAll(faults.errors());
        }

        final List<ConvergenceDifference> differences = new ArrayList<>();
        final List<TreeAudit.Result> audits = new ArrayList<>();
        if (sourceClusterFailure == null) {
            operations.add("checking source against target");
            check(layout, operations, differences, audits, problems);
        }
        output.close();
        final SecretScan secrets = SecretScan.forSecretsOf(journal);
        if (secrets.secretCount() == 0) {
            problems.add("secrets scan: the run's services were given no secrets to look for");
        }
        final List<String> exposures = secrets.scan(journal, output.text());
        problems.addAll(exposures);
        operations.add("secrets scan: " + secrets.secretCount() + " secret forms looked for in " + journal.runners().size() + " components' logs, "
                + journal.attributes().size() + " FlowFiles, " + journal.provenanceEvents().size() + " provenance events and the JVM output: "
                + exposures.size() + " found");
        final TortureReport report = new TortureReport(settings, layout, step, workload.primitivesPerformed(), workload.primitivesFailed(),
                faults == null ? 0 : faults.injected(), faults == null ? 0 : faults.skipped(), quiesced, backlog, differences, audits,
                cluster == null ? List.of() : cluster.statistics().failedRecords(), problems, sourceClusterFailure,
                cluster == null ? "not started" : cluster.scheduler().describe() + "; " + cluster.statistics().describe() + "; workload " + workload.counts(),
                Duration.ofNanos(System.nanoTime() - started), Path.of("target", "torture", layout.runName()));
        operations.add(report.summaryLine());
        final String findings = writeLogs(report, operations, records, workload);
        if (report.failed()) {
            // The replay material goes to the test output too, where CI keeps it
            System.out.println(findings);
            System.out.println(operations.text());
            System.out.println(records.text());
        }
        return report;
    }

    /** Writes the logs and the findings (report, every difference, the history of each differing path); returns the findings. */
    private static String writeLogs(final TortureReport report, final TortureLog operations, final TortureLog records, final TortureWorkload workload)
            throws IOException {
        operations.writeTo(report.logDirectory().resolve("operations.log"));
        records.writeTo(report.logDirectory().resolve("records.log"));
        final StringBuilder findings = new StringBuilder(report.describe());
        findings.append("\nAll differences:\n");
        for (final ConvergenceDifference difference : report.differences()) {
            findings.append(difference.describe()).append('\n');
        }
        // What happened to each differing path, from both logs: usually enough to see which record went wrong
        for (int i = 0; i < Math.min(HISTORIES_WRITTEN, report.differences().size()); i++) {
            final ConvergenceDifference difference = report.differences().get(i);
            final String key = workload.historyKey(difference.historyPath());
            findings.append("\nHistory of ").append(difference.historyPath()).append(" (").append(difference.kind()).append("), lines naming ")
                    .append(key).append(":\n");
            final List<String> history = mergedByTime(operations.linesContaining(key), records.linesContaining(key));
            for (final String line : history.subList(0, Math.min(HISTORY_LINES, history.size()))) {
                findings.append("  ").append(line).append('\n');
            }
            if (history.size() > HISTORY_LINES) {
                findings.append("  ... ").append(history.size() - HISTORY_LINES).append(" more lines in the logs\n");
            }
        }
        Files.writeString(report.logDirectory().resolve("findings.txt"), findings.toString(), StandardCharsets.UTF_8);
        return findings.toString();
    }

    /** Both logs' lines in one timeline (each line starts with its seconds since the run started), marked op or rec. */
    private static List<String> mergedByTime(final List<String> operationLines, final List<String> recordLines) {
        final List<String> merged = new ArrayList<>();
        for (final String line : operationLines) {
            merged.add(line.strip().replaceFirst(" ", " op  "));
        }
        for (final String line : recordLines) {
            merged.add(line.strip().replaceFirst(" ", " rec "));
        }
        merged.sort(Comparator.comparingDouble(line -> Double.parseDouble(line.substring(0, line.indexOf(' ')))));
        return merged;
    }

    /** The independent checker, then VerifyChecksum's deep audit. */
    private void check(final TortureLayout layout, final TortureLog operations, final List<ConvergenceDifference> differences,
                       final List<TreeAudit.Result> audits, final List<String> problems) {
        try {
            final ConvergenceChecker checker = new ConvergenceChecker(environment.fileSystem(),
                    FusionTestServices.createFileSystem(environment.emulator(), layout.fileSystem()), layout);
            differences.addAll(checker.check());
            if (!differences.isEmpty() && differences.stream().allMatch(difference -> difference.kind() == ConvergenceDifference.Kind.TEMP_FILE_LEFT)) {
                // every run crashes a node mid-copy: its temps are orphans by design, removed by the documented prune; the
                // first check found nothing else, so the prune can hide nothing
                operations.add(differences.size() + " temps left, nothing else: the documented orphaned-temp cleanup runs");
                for (final String line : OrphanedTempSweep.sweep(environment, layout)) {
                    operations.add(line);
                }
                differences.clear();
                differences.addAll(checker.check());
            }
            audits.addAll(TreeAudit.audit(environment, layout));
        } catch (final IOException | RuntimeException | InitializationException | ReplicationException e) {
            problems.add("checker error: " + stackTrace(e));
        }
    }

    private static String stackTrace(final Throwable failure) {
        final StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
