package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * What one measured window of a contestant costs its own JVM: wall time, the process's CPU time (every thread of this
 * JVM and nothing of the source's or the sink's), and its heap: the peak used (garbage included) and the peak left
 * after a collection (what the run keeps alive), both sampled every 20 ms, beside the heap left after a collection
 * before the window opened; and the part of the CPU time its JIT compilers took.
 */
public final class Meter {
    private static final long MIB = 1024 * 1024;
    private static final OperatingSystemMXBean OPERATING_SYSTEM = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final CompilationMXBean COMPILATION = ManagementFactory.getCompilationMXBean();

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private long startNanos;
    private long startCpuNanos;
    private long startCompilationMillis;
    private long baselineAfterGc;
    private volatile boolean sampling;
    private volatile long peakUsed;
    private volatile long peakAfterGc;
    private Thread sampler;
    private Reading reading;

    /** Collects garbage first (outside the window), then starts the clocks and the heap sampler. */
    public void start() {
        System.gc();
        baselineAfterGc = afterGc();
        peakUsed = 0;
        peakAfterGc = baselineAfterGc;
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (final InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        startCpuNanos = OPERATING_SYSTEM.getProcessCpuTime();
        startCompilationMillis = compilationMillis();
        startNanos = System.nanoTime();
        sampler.start();
    }

    public Reading stop() {
        final long wall = System.nanoTime() - startNanos;
        final long cpu = OPERATING_SYSTEM.getProcessCpuTime() - startCpuNanos;
        final long compilation = compilationMillis() - startCompilationMillis;
        sampling = false;
        sampler.interrupt();
        sample();
        reading = new Reading(wall / 1e9, cpu / 1e9, compilation / 1e3, peakUsed / (double) MIB, peakAfterGc / (double) MIB,
                baselineAfterGc / (double) MIB);
        return reading;
    }

    private void sample() {
        long used = 0;
        for (final MemoryPoolMXBean pool : heapPools) {
            used += pool.getUsage().getUsed();
        }
        peakUsed = Math.max(peakUsed, used);
        peakAfterGc = Math.max(peakAfterGc, afterGc());
    }

    private long afterGc() {
        long used = 0;
        for (final MemoryPoolMXBean pool : heapPools) {
            final MemoryUsage collected = pool.getCollectionUsage();
            if (collected != null) {
                used += collected.getUsed();
            }
        }
        return used;
    }

    /** The JIT compilers' accumulated time, 0 where the JVM does not report it. */
    private static long compilationMillis() {
        return COMPILATION != null && COMPILATION.isCompilationTimeMonitoringSupported() ? COMPILATION.getTotalCompilationTime() : 0;
    }

    /**
     * One window's figures.
     *
     * @param jitSeconds time the JVM's JIT compilers spent in the window, part of {@code cpuSeconds}: a contestant whose
     *     code is still being compiled pays for it per file
     */
    public record Reading(double wallSeconds, double cpuSeconds, double jitSeconds, double peakHeapMib, double peakHeapAfterGcMib,
                          double baselineHeapAfterGcMib) {
        public void writeTo(final ObjectNode node) {
            node.put("wallSeconds", wallSeconds);
            node.put("cpuSeconds", cpuSeconds);
            node.put("jitSeconds", jitSeconds);
            node.put("peakHeapMib", peakHeapMib);
            node.put("peakHeapAfterGcMib", peakHeapAfterGcMib);
            node.put("baselineHeapAfterGcMib", baselineHeapAfterGcMib);
        }
    }
}
