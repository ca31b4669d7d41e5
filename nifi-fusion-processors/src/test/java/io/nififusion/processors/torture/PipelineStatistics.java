package io.nififusion.processors.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what the simulated cluster did, shared by its threads, and the records that ended in failure. */
final class PipelineStatistics {
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> failedRecords = new ArrayList<>();
    private final List<String> stuckThreads = new ArrayList<>();

    synchronized void count(final String name) {
        counts.merge(name, 1L, Long::sum);
    }

    synchronized void failedRecord(final String description) {
        failedRecords.add(description);
    }

    synchronized void stuckThread(final String description) {
        stuckThreads.add(description);
    }

    synchronized long get(final String name) {
        return counts.getOrDefault(name, 0L);
    }

    synchronized List<String> failedRecords() {
        return new ArrayList<>(failedRecords);
    }

    synchronized List<String> stuckThreads() {
        return new ArrayList<>(stuckThreads);
    }

    synchronized String describe() {
        return counts.toString();
    }
}
