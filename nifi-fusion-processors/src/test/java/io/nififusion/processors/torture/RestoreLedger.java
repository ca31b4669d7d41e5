package io.nififusion.processors.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How every record of a restore torture run ended, by the source path it names: on success with its result, or on
 * failure with its error code. A record on retry has not ended; it comes back.
 */
final class RestoreLedger {

    /** The end of one record. */
    record Ending(long recordId, boolean success, String result, String errorCode, String message, String worker) {

        String describe() {
            return "R" + recordId + (success ? " success (" + result + ")" : " failure " + errorCode + ": " + message) + " on " + worker;
        }
    }

    private final Map<String, List<Ending>> byPath = new TreeMap<>();
    private final Map<Long, Ending> byRecord = new TreeMap<>();

    synchronized void ended(final String hdfsPath, final Ending ending) {
        byPath.computeIfAbsent(hdfsPath, path -> new ArrayList<>()).add(ending);
        byRecord.put(ending.recordId(), ending);
    }

    synchronized List<Ending> endings(final String hdfsPath) {
        return List.copyOf(byPath.getOrDefault(hdfsPath, List.of()));
    }

    synchronized Map<String, List<Ending>> all() {
        final Map<String, List<Ending>> copy = new TreeMap<>();
        byPath.forEach((path, endings) -> copy.put(path, List.copyOf(endings)));
        return copy;
    }

    synchronized int recordsEnded() {
        return byRecord.size();
    }

    synchronized int failures() {
        int count = 0;
        for (final Ending ending : byRecord.values()) {
            count += ending.success() ? 0 : 1;
        }
        return count;
    }
}
