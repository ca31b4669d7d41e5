package io.nififusion.processors.torture;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one restore torture run found, as one summary line and, when it failed, every problem with the replay argument.
 *
 * @param check the checker's result, or null when the run could not be checked
 * @param sourceClusterFailure the NameNode's error when the source cluster itself broke (the run is aborted unchecked), else null
 */
record RestoreTortureReport(String runName, long seed, RestoreScenario scenario, Duration duration, long records, long deliveredTwice, long dispatches,
                            int failures, int faultsInjected, RestoreTortureCheck.Result check, int secretsFound, List<String> problems,
                            String sourceClusterFailure) {

    boolean failed() {
        return !problems.isEmpty();
    }

    boolean aborted() {
        return sourceClusterFailure != null;
    }

    String summaryLine() {
        if (aborted()) {
            return String.format(Locale.ROOT, "restore torture %s: ABORTED by the source cluster in %.1f s (%s)", runName, duration.toMillis() / 1000.0,
                    sourceClusterFailure);
        }
        return String.format(Locale.ROOT, "restore torture %s: %s in %.1f s, %d records (%d delivered twice), %d dispatches, %d faults, "
                        + "%s differences (%s accounted for), %s temps left, %d failures (%s accounted for), %d secrets found",
                runName, failed() ? "FAILED" : "converged", duration.toMillis() / 1000.0, records, deliveredTwice, dispatches, faultsInjected,
                check == null ? "?" : Integer.toString(check.differences()), check == null ? "?" : Integer.toString(check.accountedDifferences()),
                check == null ? "?" : Integer.toString(check.tempsLeft()), failures, check == null ? "?" : Integer.toString(check.accountedFailures()),
                secretsFound);
    }

    String describe() {
        final StringBuilder text = new StringBuilder(summaryLine()).append('\n');
        text.append("Replay: -Dtorture.restore.seeds=").append(seed).append(" -Dtorture.restore.scenarios=").append(scenario.getValue()).append('\n');
        text.append("Logs: target/torture/").append(runName).append("/\n");
        for (final String problem : problems) {
            text.append("  ").append(problem).append('\n');
        }
        return text.toString();
    }
}
