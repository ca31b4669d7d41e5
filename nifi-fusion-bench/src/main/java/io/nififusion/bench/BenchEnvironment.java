package io.nififusion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.process.SinkEmulator;
import io.nififusion.bench.process.SourceCluster;
import io.nififusion.bench.process.WorkerHandle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sections share: the preset, the work directory, the standalone source and sink (and the long-link sink
 * when a section asks for it), and the contestants' JVMs, started on first use and kept for the suite.
 */
public final class BenchEnvironment implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Preset preset;
    private final Path workDirectory;
    private final SourceCluster source;
    private final SinkEmulator sink;
    private final Map<String, WorkerHandle> workers = new LinkedHashMap<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    public BenchEnvironment(final Preset preset, final Path workDirectory, final SourceCluster source, final SinkEmulator sink) {
        this.preset = preset;
        this.workDirectory = workDirectory;
        this.source = source;
        this.sink = sink;
    }

    public Preset preset() {
        return preset;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public SourceCluster source() {
        return source;
    }

    public SinkEmulator sink() {
        return sink;
    }

    /** Starts the named contestants' JVMs on the given sink (all at once, then waits for each) unless already running. */
    public void startWorkers(final SinkEmulator on, final String heap, final String targetRoot, final String... names) throws IOException {
        final List<WorkerHandle> started = new ArrayList<>();
        for (final String name : names) {
            if (!workers.containsKey(name)) {
                final WorkerHandle handle = WorkerHandle.start(name, heap, source, on, workDirectory, targetRoot);
                workers.put(name, handle);
                started.add(handle);
            }
        }
        for (final WorkerHandle handle : started) {
            handle.awaitStarted();
        }
    }

    public WorkerHandle worker(final String name) {
        final WorkerHandle handle = workers.get(name);
        if (handle == null) {
            throw new IllegalStateException("Contestant " + name + " was not started");
        }
        return handle;
    }

    /** Stops contestants a later section does not need, so their heaps do not crowd the machine. */
    public void stopWorkers(final String... names) {
        for (final String name : names) {
            final WorkerHandle handle = workers.remove(name);
            if (handle != null) {
                handle.close();
            }
        }
    }

    public <T extends AutoCloseable> T closeLater(final T resource) {
        others.add(resource);
        return resource;
    }

    public static ObjectNode command(final String task) {
        return JSON.createObjectNode().put("task", task);
    }

    /** How long one run may take before the harness gives up on it. */
    public Duration runTimeout() {
        return Duration.ofMinutes(preset == Preset.FULL ? 60 : 15);
    }

    @Override
    public void close() {
        workers.values().forEach(WorkerHandle::close);
        workers.clear();
        for (final AutoCloseable resource : others.reversed()) {
            try {
                resource.close();
            } catch (final Exception e) {
                // closing the rest matters more
            }
        }
    }
}
