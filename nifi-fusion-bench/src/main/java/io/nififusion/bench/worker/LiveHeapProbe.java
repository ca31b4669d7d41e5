package io.nififusion.bench.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The live heap at chosen moments: all garbage collected, then the heap in use. Too slow for a timed window (a full
 * collection each time); a window's own heap figures depend on when the collector happened to run, this one does not.
 */
final class LiveHeapProbe {
    private static final double MIB = 1024 * 1024;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private long peak;

    void measure() {
        System.gc();
        peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
    }

    double peakMib() {
        return peak / MIB;
    }
}
