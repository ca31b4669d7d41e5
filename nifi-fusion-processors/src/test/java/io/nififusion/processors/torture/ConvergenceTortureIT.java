package io.nififusion.processors.torture;

import io.nififusion.processors.list.ChangeCaptureMode;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The convergence guarantee (DESIGN.md §2) under torture: a seeded random workload with every hostile pattern changes a
 * real HDFS while ListHDFSChanges feeds three nodes of two ReplicateToADLS tasks each through a scheduler that delays,
 * reorders and duplicates records, with faults on the emulator and the cluster. Once the source is quiet and everything
 * is drained, an independent walker must find the target equal to the source, and VerifyChecksum's deep audit must agree.
 * A failure prints the seed, the command that replays it, every difference, and the operation and record logs.
 */
class ConvergenceTortureIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = TortureEnvironment.hdfsBuilder().build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path workDirectory;

    static List<Arguments> cases() {
        return TortureCases.fromSystemProperties();
    }

    // A backstop only: the run bounds itself well below this and reports what it found
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void targetConvergesToTheSourceWhateverTheOrderOfRecordsAndTheFaults(final long seed, final ChangeCaptureMode mode) throws Exception {
        final TortureEnvironment environment = new TortureEnvironment(HDFS, ADLS.getEmulator(), workDirectory);
        final TortureReport report = new TortureRun(environment, TortureSettings.forCi(seed, mode), RUNS.incrementAndGet()).execute();
        System.out.println(report.summaryLine());
        assertFalse(report.failed(), report::describe);
        if (report.aborted()) {
            // the next seeds get a new cluster; this one could not be checked, and says so
            HDFS.stop();
            HDFS.start();
            Assumptions.abort(report.summaryLine());
        }
    }
}
