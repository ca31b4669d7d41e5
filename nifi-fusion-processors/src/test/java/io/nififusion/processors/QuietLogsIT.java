package io.nififusion.processors;

import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A normal replication logs no WARN and no ERROR: not from our processors and services (what NiFi turns into
 * bulletins), and not from the libraries below them (the Azure SDK and its HTTP client, Hadoop's client), whose lines
 * land in nifi-app.log. The run is an ordinary live migration: a first copy with small and multi-block files, then
 * appends, an overwrite, a rename, a delete and a log rotation while it runs, then a deep audit.
 */
class QuietLogsIT {
    private static final String FILESYSTEM = "quiet";
    private static final String SOURCE_ROOT = "/quiet";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    @Test
    void aNormalReplicationLogsNoWarningAndNoError() throws Exception {
        final String output;
        final MigrationPipeline pipeline;
        final MockFlowFile report;
        try (OutputCapture capture = OutputCapture.start()) {
            for (int i = 0; i < 20; i++) {
                HDFS.writeRandom(SOURCE_ROOT + "/events/part-" + i + ".json", 500 + i * 101, i);
            }
            HDFS.writeRandom(SOURCE_ROOT + "/big/blocks.bin", (int) (2.5 * MiniDfsExtension.SMALL_BLOCK_SIZE), 99);
            HDFS.write(SOURCE_ROOT + "/empty/nothing.txt", new byte[0]);
            HDFS.writeRandom(SOURCE_ROOT + "/logs/app.log", 2000, 7);
            pipeline = new MigrationPipeline(HDFS, TESTBED.emulator(), TESTBED.configurationDirectory(), FILESYSTEM, SOURCE_ROOT, "landing");
            pipeline.runUntilQuiet(50);

            HDFS.append(SOURCE_ROOT + "/events/part-1.json", new byte[300]);
            HDFS.writeRandom(SOURCE_ROOT + "/events/part-2.json", 4000, 42);
            HDFS.rename(SOURCE_ROOT + "/events/part-3.json", SOURCE_ROOT + "/events/renamed.json");
            HDFS.delete(SOURCE_ROOT + "/events/part-4.json");
            HDFS.rename(SOURCE_ROOT + "/logs/app.log", SOURCE_ROOT + "/logs/app.log.1");
            HDFS.writeRandom(SOURCE_ROOT + "/logs/app.log", 100, 8);
            pipeline.runUntilQuiet(50);
            report = pipeline.audit(VerificationDepthOption.DEEP);
            output = capture.text();
        }

        assertEquals("0", report.getAttribute(VerificationAttributes.DIFFERENCES), report.getContent());
        final List<String> noisy = new ArrayList<>();
        for (final String line : output.split("\n")) {
            if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                noisy.add(line);
            }
        }
        for (final TestRunner runner : List.of(pipeline.getListing(), pipeline.getReplicator(), pipeline.getVerifier())) {
            final String component = runner.getProcessor().getClass().getSimpleName();
            for (final LogMessage message : runner.getLogger().getWarnMessages()) {
                noisy.add(component + " WARN " + message.getMsg());
            }
            for (final LogMessage message : runner.getLogger().getErrorMessages()) {
                noisy.add(component + " ERROR " + message.getMsg());
            }
            for (final String service : ((MockProcessContext) runner.getProcessContext()).getControllerServices().keySet()) {
                final MockComponentLog serviceLog = runner.getControllerServiceLogger(service);
                for (final LogMessage message : serviceLog.getWarnMessages()) {
                    noisy.add(component + " " + service + " WARN " + message.getMsg());
                }
                for (final LogMessage message : serviceLog.getErrorMessages()) {
                    noisy.add(component + " " + service + " ERROR " + message.getMsg());
                }
            }
        }
        assertEquals(List.of(), noisy.stream().distinct().limit(20).toList(), noisy.size() + " WARN/ERROR lines, first distinct ones shown");
    }
}
