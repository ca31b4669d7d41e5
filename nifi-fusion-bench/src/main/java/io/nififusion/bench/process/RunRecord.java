package io.nififusion.bench.process;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One measured run of one contestant: what its own JVM reported (wall time, its CPU, its heap, what it moved) and what
 * the harness read around the window from the other processes: the sink's and the source's CPU, the requests the
 * sink served and the client RPCs the NameNode served.
 */
public record RunRecord(String contestant, int round, JsonNode worker, double sinkCpuSeconds, double sourceCpuSeconds,
                        Map<String, SinkEmulator.RequestCount> requests, Map<String, Long> nameNodeRpcs) {

    public double wallSeconds() {
        return worker.path("wallSeconds").asDouble();
    }

    public double cpuSeconds() {
        return worker.path("cpuSeconds").asDouble();
    }

    /** Time the copier JVM's JIT compilers took in the window, part of {@link #cpuSeconds()}. */
    public double jitSeconds() {
        return worker.path("jitSeconds").asDouble();
    }

    public long files() {
        return worker.path("files").asLong();
    }

    public double mebibytes() {
        return worker.path("bytes").asLong() / (1024.0 * 1024.0);
    }

    public long requestCount() {
        return requests.values().stream().mapToLong(SinkEmulator.RequestCount::requests).sum();
    }

    /** @return requests whose kind starts with the prefix, e.g. {@code GET read} */
    public long requestCount(final String kindPrefix) {
        return requests.entrySet().stream().filter(entry -> entry.getKey().startsWith(kindPrefix)).mapToLong(entry -> entry.getValue().requests()).sum();
    }

    public long bytesSent(final String kindPrefix) {
        return requests.entrySet().stream().filter(entry -> entry.getKey().startsWith(kindPrefix)).mapToLong(entry -> entry.getValue().bytesSent()).sum();
    }

    public long nameNodeRpcCount() {
        return nameNodeRpcs.values().stream().mapToLong(Long::longValue).sum();
    }
}
