package io.nififusion.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.worker.WorkerMain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The harness's side of a contestant's JVM ({@link WorkerMain}): sends a command, and around the measured window reads
 * the sink's and the source's CPU, resets and reads the sink's request tally and reads the NameNode's RPC counters.
 */
public final class WorkerHandle implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ChildProcess process;
    private final SourceCluster source;
    private final SinkEmulator sink;

    private WorkerHandle(final String name, final ChildProcess process, final SourceCluster source, final SinkEmulator sink) {
        this.name = name;
        this.process = process;
        this.source = source;
        this.sink = sink;
    }

    /**
     * @param targetRoot the target directory the source root maps to for its NiFi services ({@code t-<name>} if null)
     */
    public static WorkerHandle start(final String name, final String heap, final SourceCluster source, final SinkEmulator sink, final Path workDirectory,
                                     final String targetRoot) throws IOException {
        final ChildProcess process = ChildProcess.start(name, heap, WorkerMain.class, List.of(name, source.configurationFile().toString(),
                sink.endpoint(), sink.accountName(), sink.accountKey(), workDirectory.toString(), targetRoot == null ? "t-" + name : targetRoot), workDirectory);
        return new WorkerHandle(name, process, source, sink);
    }

    /** Waits until the JVM has started (the handles are started together, then awaited, so the JVMs start in parallel). */
    public WorkerHandle awaitStarted() throws IOException {
        process.awaitLine(Duration.ofMinutes(3), "ready-worker");
        return this;
    }

    public String name() {
        return name;
    }

    public RunRecord run(final int round, final ObjectNode command, final Duration timeout) throws IOException {
        return run(round, command, timeout, () -> {
        });
    }

    /** @param duringWindow what the harness does while the window is open (e.g. the writer of a live workload) */
    public RunRecord run(final int round, final ObjectNode command, final Duration timeout, final WindowAction duringWindow) throws IOException {
        process.send(JSON.writeValueAsString(command));
        process.awaitLine(timeout, "ready");
        sink.resetRequests();
        final double sinkBefore = sink.cpuSeconds();
        final double sourceBefore = source.cpuSeconds();
        final Map<String, Long> rpcsBefore = source.rpcCounter().snapshot();
        process.send("go");
        try {
            duringWindow.run();
        } catch (final IOException e) {
            throw e;
        } catch (final Exception e) {
            throw new IOException("The harness's part of " + name + "'s run failed: " + e.getMessage(), e);
        }
        process.awaitLine(timeout, "done");
        final double sinkCpu = sink.cpuSeconds() - sinkBefore;
        final double sourceCpu = source.cpuSeconds() - sourceBefore;
        final Map<String, SinkEmulator.RequestCount> requests = sink.requests();
        final Map<String, Long> rpcs = NameNodeRpcCounter.difference(rpcsBefore, source.rpcCounter().snapshot());
        final String result = process.awaitLine(timeout, "result ");
        final JsonNode worker = JSON.readTree(result.substring("result ".length()));
        return new RunRecord(name, round, worker, sinkCpu, sourceCpu, requests, rpcs);
    }

    @Override
    public void close() {
        process.close();
    }

    /** Work of the harness during a window. */
    @FunctionalInterface
    public interface WindowAction {
        void run() throws Exception;
    }
}
