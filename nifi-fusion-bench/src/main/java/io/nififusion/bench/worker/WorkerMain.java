package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A contestant's JVM: apart from the source's and the sink's, so its CPU is its own. Arguments: name, source client
 * configuration file, sink endpoint, account, key, work directory, target root. Reads one JSON command per line ({@code task}
 * names a {@link ContestTask}), answers {@code ready}, waits for {@code go}, answers {@code done} when the measured
 * part ends and {@code result <json>} after its checks, or {@code error <message>}; ends when its input ends.
 */
public final class WorkerMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerMain() {
    }

    public static void main(final String[] args) throws Exception {
        final WorkerContext context = new WorkerContext(args[0], Path.of(args[1]), args[2], args[3], args[4], Path.of(args[5]), args[6]);
        final ListingDrainTasks drains = new ListingDrainTasks();
        final MetadataRecordTasks metadataRecords = new MetadataRecordTasks(drains);
        final Map<String, ContestTask> tasks = Map.ofEntries(
                Map.entry("raw-read", new RawReadTask()),
                Map.entry("sdk-upload", new SdkUploadTask()),
                Map.entry("abfs-write", new AbfsWriteTask()),
                Map.entry("distcp", new DistCpTask()),
                Map.entry("replicate", new ReplicateTask()),
                Map.entry("change-pipeline", new ChangePipelineTask()),
                Map.entry("listing-prepare", drains.prepare()),
                Map.entry("listing-drain", drains.drain()),
                Map.entry("metadata-seed", metadataRecords.seed()),
                Map.entry("metadata-apply", metadataRecords.apply()),
                Map.entry("inotify-drain", new InotifyDrainTask()),
                Map.entry("scan", new ScanTask()),
                Map.entry("audit", new AuditTask()),
                Map.entry("target-read", new TargetReadTask()),
                Map.entry("restore", new RestoreTask()),
                Map.entry("hdfs-write", new HdfsWriteTask()));
        final BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        final PrintStream replies = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // what the libraries print goes to the log, not into the protocol
        System.setOut(System.err);
        replies.println("ready-worker " + context.name());
        try (context) {
            String line;
            while ((line = commands.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                final JsonNode command = JSON.readTree(line);
                final ContestTask task = tasks.get(command.path("task").asText());
                try {
                    if (task == null) {
                        throw new IllegalArgumentException("Unknown task " + command.path("task") + " (one of " + tasks.keySet() + ")");
                    }
                    final MeasuredWindow window = new MeasuredWindow(commands, replies);
                    final ObjectNode result = JSON.createObjectNode();
                    task.run(command, context, window, result);
                    if (window.reading() == null) {
                        throw new IllegalStateException("Task " + command.path("task").asText() + " measured nothing");
                    }
                    window.reading().writeTo(result);
                    // what the run held (an in-memory upload's data set) goes back to the machine before the
                    // harness starts another contestant
                    System.gc();
                    replies.println("result " + JSON.writeValueAsString(result));
                } catch (final Exception | AssertionError e) {
                    e.printStackTrace(System.err);
                    replies.println("error " + (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' '));
                }
            }
        }
        System.exit(0);
    }
}
