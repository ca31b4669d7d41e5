package io.nififusion.testkit.adls.traffic;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the emulator served and the body bytes they carried, per {@link RequestKind}, counted without limit (the
 * request log keeps only the latest requests). Reset between measurements.
 */
public final class RequestTally {
    private final Map<String, Counts> byKind = new ConcurrentHashMap<>();

    public void count(final String kind, final long bytesReceived, final long bytesSent) {
        final Counts counts = byKind.computeIfAbsent(kind, key -> new Counts());
        counts.requests.increment();
        counts.bytesReceived.add(bytesReceived);
        counts.bytesSent.add(bytesSent);
    }

    public void reset() {
        byKind.clear();
    }

    /** @return kind → {requests, bytesReceived, bytesSent}, sorted by kind */
    public Map<String, Snapshot> snapshot() {
        final Map<String, Snapshot> snapshot = new TreeMap<>();
        for (final Map.Entry<String, Counts> entry : byKind.entrySet()) {
            final Counts counts = entry.getValue();
            snapshot.put(entry.getKey(), new Snapshot(counts.requests.sum(), counts.bytesReceived.sum(), counts.bytesSent.sum()));
        }
        return snapshot;
    }

    /** Counts of one kind at one moment. */
    public record Snapshot(long requests, long bytesReceived, long bytesSent) {
    }

    private static final class Counts {
        private final LongAdder requests = new LongAdder();
        private final LongAdder bytesReceived = new LongAdder();
        private final LongAdder bytesSent = new LongAdder();
    }
}
