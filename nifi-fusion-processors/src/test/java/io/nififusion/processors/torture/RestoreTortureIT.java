package io.nififusion.processors.torture;

import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The restore (ADLS back to HDFS) under torture: a seeded tree migrated by the real forward path is listed by
 * ListADLSForRestore and restored by two nodes of two RestoreToHDFS tasks each, records delivered twice and retried,
 * with faults on both sides (emulator throttling, 500s, reads reset mid-body, latency; a NameNode restart, a space quota,
 * a node stopped mid-restore) and the target copy changed under the restore. An independent check then requires the
 * restored tree to equal the target tree, no temp or part left, every record ended on success or on a failure the run's
 * changes account for, and no secret in any log. The default cases run each scenario once; {@code
 * -Dtorture.restore.seeds=5,6,7} and {@code -Dtorture.restore.scenarios=live-under-root,original-paths} widen or replay.
 */
class RestoreTortureIT {
    static final String SEEDS_PROPERTY = "torture.restore.seeds";
    static final String SCENARIOS_PROPERTY = "torture.restore.scenarios";

    @RegisterExtension
    // DataNodes that report every second: the restarted NameNode leaves safe mode sooner, and the build time stays small
    static final MiniDfsExtension HDFS = TortureEnvironment.hdfsBuilder().set("dfs.heartbeat.interval", "1").build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path workDirectory;

    static List<Arguments> cases() {
        final String seeds = System.getProperty(SEEDS_PROPERTY, "").trim();
        final String scenarios = System.getProperty(SCENARIOS_PROPERTY, "").trim();
        if (seeds.isEmpty() && scenarios.isEmpty()) {
            return List.of(Arguments.of(1L, RestoreScenario.LIVE_UNDER_ROOT), Arguments.of(2L, RestoreScenario.AS_OF_AFTER_DELETE),
                    Arguments.of(3L, RestoreScenario.ORIGINAL_PATHS_AFTER_DELETE));
        }
        final List<Arguments> cases = new ArrayList<>();
        for (final String scenario : (scenarios.isEmpty() ? "live-under-root,as-of-after-delete,original-paths" : scenarios).split(",")) {
            for (final String seed : (seeds.isEmpty() ? "1,2,3" : seeds).split(",")) {
                cases.add(Arguments.of(Long.parseLong(seed.trim()), RestoreScenario.of(scenario.trim())));
            }
        }
        return cases;
    }

    // A backstop only: the run bounds itself well below this and reports what it found
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void restoredTreeEqualsTheTargetWhateverTheOrderOfRecordsAndTheFaults(final long seed, final RestoreScenario scenario) throws Exception {
        final TortureEnvironment environment = new TortureEnvironment(HDFS, ADLS.getEmulator(), workDirectory);
        final RestoreTortureReport report = new RestoreTortureRun(environment, seed, scenario, RUNS.incrementAndGet()).execute();
        System.out.println(report.summaryLine());
        assertFalse(report.failed(), report::describe);
        if (report.aborted()) {
            HDFS.stop();
            HDFS.start();
            Assumptions.abort(report.summaryLine());
        }
    }
}
