package io.nififusion.processors.torture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one torture run found, and the text that lets someone replay and understand a failure: the seed and the command
 * that replays it, every problem (differences with both sides, records routed to failure, a pipeline that did not
 * quiesce, threads that did not stop), and where the operation and record logs are.
 *
 * @param settings what the run did
 * @param layout where it did it
 * @param workloadSteps workload steps run
 * @param sourceChanges primitive changes made to HDFS
 * @param sourceChangesFailed primitive changes HDFS refused
 * @param faultsInjected faults that happened
 * @param faultsSkipped planned faults this branch cannot inject
 * @param quiesced whether the pipeline drained within the time limit
 * @param backlog what was left when it did not
 * @param differences the independent checker's findings
 * @param audits the deep tree audits
 * @param failedRecords records routed to failure
 * @param problems everything else that makes the run fail (stuck threads, faults that could not happen, harness errors)
 * @param sourceClusterFailure why the source cluster itself broke and the run was aborted unchecked ({@link SourceClusterFailure}),
 *        or null
 * @param pipelineSummary counters of the simulated cluster
 * @param duration how long the run took
 * @param logDirectory where the logs were written
 */
record TortureReport(TortureSettings settings, TortureLayout layout, int workloadSteps, long sourceChanges, long sourceChangesFailed, int faultsInjected,
                     int faultsSkipped, boolean quiesced, String backlog, List<ConvergenceDifference> differences, List<TreeAudit.Result> audits,
                     List<String> failedRecords, List<String> problems, String sourceClusterFailure, String pipelineSummary, Duration duration, Path logDirectory) {

    private static final int DIFFERENCES_SHOWN = 300;

    /** The source cluster broke under a fault: nothing could be checked, so the run neither failed nor converged. */
    boolean aborted() {
        return sourceClusterFailure != null;
    }

    boolean failed() {
        if (aborted()) {
            return !problems.isEmpty() || !failedRecords.isEmpty();
        }
        return !quiesced || !differences.isEmpty() || !failedRecords.isEmpty() || !problems.isEmpty() || !auditsAgree();
    }

    boolean auditsAgree() {
        for (final TreeAudit.Result audit : audits) {
            if (!audit.agrees()) {
                return false;
            }
        }
        return !audits.isEmpty();
    }

    String summaryLine() {
        if (aborted()) {
            return String.format(Locale.ROOT, "torture %s: %s in %.1f s, ABORTED by the source cluster after %d steps (%s), %d records failed",
                    layout.runName(), failed() ? "FAILED" : "unchecked", duration.toMillis() / 1000.0, workloadSteps, sourceClusterFailure,
                    failedRecords.size());
        }
        return String.format(Locale.ROOT, "torture %s: %s in %.1f s, %d steps (%d source changes, %d refused), %d faults (%d skipped), %s, "
                        + "%d differences, audit %s, %d records failed",
                layout.runName(), failed() ? "FAILED" : "converged", duration.toMillis() / 1000.0, workloadSteps, sourceChanges, sourceChangesFailed,
                faultsInjected, faultsSkipped, quiesced ? "quiesced" : "DID NOT QUIESCE", differences.size(), auditsAgree() ? "agrees" : "DISAGREES",
                failedRecords.size());
    }

    String describe() {
        final StringBuilder text = new StringBuilder();
        text.append(summaryLine()).append('\n');
        text.append("Replay: -Dtorture.seeds=").append(settings.seed()).append(" -Dtorture.modes=").append(settings.mode().getValue())
                .append(" (").append(settings.describe()).append(")\n");
        text.append("Logs: ").append(logDirectory.toAbsolutePath()).append(" (operations.log, records.log, findings.txt)\n");
        text.append("Pipeline: ").append(pipelineSummary).append('\n');
        if (aborted()) {
            text.append("ABORTED: the source cluster failed, so the run was not checked: ").append(sourceClusterFailure).append('\n');
        } else if (!quiesced) {
            text.append("The pipeline did not quiesce within ").append(settings.timeLimit().toSeconds()).append(" s:\n").append(backlog);
        }
        for (final String problem : problems) {
            text.append("PROBLEM ").append(problem).append('\n');
        }
        for (final String record : failedRecords) {
            text.append("FAILED RECORD ").append(record).append('\n');
        }
        if (!differences.isEmpty()) {
            text.append(differences.size()).append(" differences between source and target:\n");
            for (int i = 0; i < Math.min(DIFFERENCES_SHOWN, differences.size()); i++) {
                text.append("  ").append(differences.get(i).describe()).append('\n');
            }
            if (differences.size() > DIFFERENCES_SHOWN) {
                text.append("  ... ").append(differences.size() - DIFFERENCES_SHOWN).append(" more in findings.txt\n");
            }
        }
        for (final TreeAudit.Result audit : audits) {
            text.append("VerifyChecksum deep audit of ").append(audit.root()).append(": ")
                    .append(audit.differences() < 0 ? "FAILED" : audit.differences() + " differences").append('\n');
            if (!audit.agrees()) {
                text.append(indent(audit.report()));
            }
        }
        return text.toString();
    }

    private static String indent(final String text) {
        final StringBuilder indented = new StringBuilder();
        for (final String line : text.split("\n")) {
            if (!line.isBlank()) {
                indented.append("    ").append(line).append('\n');
            }
        }
        return indented.toString();
    }
}
