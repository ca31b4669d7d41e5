package io.nififusion.processors.torture;

import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak: torture runs one after another, new seeds, inotify and snapshot-diff in turn, for a given number of minutes,
 * then one summary line: runs, operations, faults injected, failures (with the seeds that replay them). Not part of the
 * build (the class name matches no surefire include, and it needs the property):
 * <pre>
 * bin/with-jdk mvn -B -o -q -pl nifi-fusion-processors test -Dtest=TortureSoak -Dsurefire.failIfNoSpecifiedTests=false -Dtorture.soak.minutes=60
 * cat nifi-fusion-processors/target/torture/soak-summary.txt
 * </pre>
 * {@code -Dtorture.soak.seed=N} sets the first seed (default: the clock). {@link #main} does the same outside surefire.
 */
class TortureSoak {
    static final String MINUTES_PROPERTY = "torture.soak.minutes";
    static final String FIRST_SEED_PROPERTY = "torture.soak.seed";
    static final Path SUMMARY_FILE = Path.of("target", "torture", "soak-summary.txt");

    @TempDir
    Path workDirectory;

    /** What a soak did. */
    record Summary(int runs, long operations, long sourceChanges, long faultsInjected, List<String> failures, List<String> aborted, Duration duration) {
        String line() {
            return String.format(Locale.ROOT, "torture soak: %d runs in %.1f min, %d operations (%d source changes), %d faults injected, %d failures%s%s",
                    runs, duration.toMillis() / 60_000.0, operations, sourceChanges, faultsInjected, failures.size(),
                    failures.isEmpty() ? "" : " (replay: " + String.join("; ", failures) + ")",
                    aborted.isEmpty() ? "" : ", " + aborted.size() + " runs aborted unchecked by the source cluster (" + String.join("; ", aborted) + ")");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = MINUTES_PROPERTY, matches = "\\d+(\\.\\d+)?")
    void soak() throws Exception {
        final Duration duration = minutes(System.getProperty(MINUTES_PROPERTY));
        final Summary summary = soak(duration, firstSeed(System.getProperty(FIRST_SEED_PROPERTY)), workDirectory);
        Files.createDirectories(SUMMARY_FILE.getParent());
        Files.writeString(SUMMARY_FILE, summary.line() + "\n", StandardCharsets.UTF_8);
        System.out.println(summary.line());
        assertTrue(summary.failures().isEmpty(), summary::line);
    }

    /** Arguments: minutes [first seed]. Exit code 1 when a run failed. */
    public static void main(final String[] arguments) throws Exception {
        final Duration duration = minutes(arguments.length > 0 ? arguments[0] : "10");
        final long firstSeed = firstSeed(arguments.length > 1 ? arguments[1] : null);
        final Summary summary = soak(duration, firstSeed, Files.createTempDirectory("torture-soak"));
        System.out.println(summary.line());
        System.exit(summary.failures().isEmpty() ? 0 : 1);
    }

    static Summary soak(final Duration duration, final long firstSeed, final Path workDirectory) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        MiniDfsExtension hdfs = TortureEnvironment.hdfsBuilder().build();
        hdfs.start();
        int runs = 0;
        long operations = 0;
        long sourceChanges = 0;
        long faults = 0;
        final List<String> failures = new ArrayList<>();
        final List<String> aborted = new ArrayList<>();
        try (AdlsEmulator emulator = AdlsEmulator.builder().build().start()) {
            TortureEnvironment environment = new TortureEnvironment(hdfs, emulator, workDirectory);
            while (System.nanoTime() - started < duration.toNanos()) {
                final long seed = firstSeed + runs;
                final ChangeCaptureMode mode = runs % 2 == 0 ? ChangeCaptureMode.INOTIFY : ChangeCaptureMode.SNAPSHOT_DIFF;
                runs++;
                final TortureReport report = new TortureRun(environment, TortureSettings.forCi(seed, mode), runs).execute();
                System.out.println(report.summaryLine());
                operations += report.workloadSteps();
                sourceChanges += report.sourceChanges();
                faults += report.faultsInjected();
                final String replay = "-Dtorture.seeds=" + seed + " -Dtorture.modes=" + mode.getValue();
                if (report.failed()) {
                    failures.add(replay);
                }
                if (report.aborted()) {
                    // the broken cluster cannot even delete the run: the next runs get a new one
                    aborted.add(replay + ": " + report.sourceClusterFailure());
                    hdfs.stop();
                    hdfs = TortureEnvironment.hdfsBuilder().build();
                    hdfs.start();
                    environment = new TortureEnvironment(hdfs, emulator, workDirectory);
                } else {
                    environment.removeRun(report.layout());
                }
            }
        } finally {
            hdfs.stop();
        }
        return new Summary(runs, operations, sourceChanges, faults, failures, aborted, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Duration minutes(final String value) {
        return Duration.ofMillis((long) (Double.parseDouble(value) * 60_000));
    }

    private static long firstSeed(final String value) {
        return value == null || value.isBlank() ? System.currentTimeMillis() : Long.parseLong(value.trim());
    }
}
