package io.nififusion.bench.section;

import io.nififusion.bench.process.RunRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures most sections derive from a run: rates, CPU per unit of each process, requests, heap. */
final class Figures {
    static final String MIB_PER_SECOND = "MiB/s";
    static final String COPIER_CPU_PER_MIB = "copier CPU ms/MiB";
    static final String SINK_CPU_PER_MIB = "sink CPU ms/MiB";
    static final String SOURCE_CPU_PER_MIB = "source CPU ms/MiB";
    static final String FILES_PER_SECOND = "files/s";
    static final String COPIER_CPU_PER_FILE = "copier CPU ms/file";
    static final String SINK_CPU_PER_FILE = "sink CPU ms/file";
    static final String REQUESTS_PER_FILE = "requests/file";
    static final String PEAK_HEAP = "peak heap MiB";
    /** The copier JVM's JIT compilers' elapsed time in the window (summed over compiler threads; not CPU time). */
    static final String JIT_PER_MIB = "copier JIT elapsed ms/MiB";
    static final String JIT_PER_FILE = "copier JIT elapsed ms/file";
    static final String PEAK_HEAP_AFTER_GC = "peak heap after GC MiB";

    private Figures() {
    }

    static Map<String, Double> bytes(final RunRecord run) {
        final Map<String, Double> figures = new LinkedHashMap<>();
        final double mib = run.mebibytes();
        figures.put(MIB_PER_SECOND, mib / run.wallSeconds());
        figures.put(COPIER_CPU_PER_MIB, run.cpuSeconds() * 1000 / mib);
        figures.put(JIT_PER_MIB, run.jitSeconds() * 1000 / mib);
        figures.put(SINK_CPU_PER_MIB, run.sinkCpuSeconds() * 1000 / mib);
        figures.put(SOURCE_CPU_PER_MIB, run.sourceCpuSeconds() * 1000 / mib);
        figures.put(REQUESTS_PER_FILE, run.requestCount() / (double) run.files());
        figures.put(PEAK_HEAP, run.worker().path("peakHeapMib").asDouble());
        return figures;
    }

    static Map<String, Double> files(final RunRecord run) {
        final Map<String, Double> figures = new LinkedHashMap<>();
        final double files = run.files();
        figures.put(FILES_PER_SECOND, files / run.wallSeconds());
        figures.put(COPIER_CPU_PER_FILE, run.cpuSeconds() * 1000 / files);
        figures.put(JIT_PER_FILE, run.jitSeconds() * 1000 / files);
        figures.put(SINK_CPU_PER_FILE, run.sinkCpuSeconds() * 1000 / files);
        figures.put("source CPU ms/file", run.sourceCpuSeconds() * 1000 / files);
        figures.put(REQUESTS_PER_FILE, run.requestCount() / files);
        figures.put("NameNode RPCs/file", run.nameNodeRpcCount() / files);
        figures.put(PEAK_HEAP, run.worker().path("peakHeapMib").asDouble());
        return figures;
    }

    /** Requests per file of each kind, e.g. {@code PATCH append → 1.0}. */
    static Map<String, Double> requestsPerFile(final RunRecord run) {
        final Map<String, Double> perFile = new LinkedHashMap<>();
        run.requests().forEach((kind, count) -> perFile.put(kind, count.requests() / (double) run.files()));
        return perFile;
    }
}
