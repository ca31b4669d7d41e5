package io.nififusion.core.listing;

import java.util.HashMap;
import java.util.Map;

/**
 * What a source listing keeps in state between runs, written only together with the records it covers (the processor
 * saves it as cluster state).
 *
 * @param configuration roots and mode the state belongs to; a different configuration starts over
 * @param sequence sequence number of the last record emitted
 * @param scanCursor position of the scan in progress, done when none
 * @param transactionId last edit log transaction read from the change stream, -1 when not tailing
 * @param snapshotNumber number of the snapshot the next difference starts from, 0 when none
 * @param gap description of a gap that stopped the listing, null when running
 * @param prunePending whether the scan in progress is to be followed by a PRUNE of every root (it started over on a
 *     target that may hold what the source no longer has: a new listing, a gap, a snapshot difference too big to emit)
 */
public record ListingState(String configuration, long sequence, ScanCursor scanCursor, long transactionId, long snapshotNumber, String gap,
                           boolean prunePending) {
    public static final String CONFIGURATION = "configuration";
    public static final String SEQUENCE = "sequence";
    public static final String SCAN_CURSOR = "scan.cursor";
    public static final String TRANSACTION_ID = "inotify.txid";
    public static final String SNAPSHOT_NUMBER = "snapshot.number";
    public static final String GAP = "gap";
    public static final String PRUNE_PENDING = "prune.pending";

    /**
     * A listing that starts now: no change stream position or snapshot yet (the change capture fixes them before the
     * scan begins).
     *
     * @param sequence the last sequence number handed out before, so numbers keep increasing when a listing starts over
     * @param scanCursor the initial scan, or a finished cursor when there is none
     */
    public static ListingState starting(final String configuration, final long sequence, final ScanCursor scanCursor) {
        return new ListingState(configuration, sequence, scanCursor, -1, 0, null, !scanCursor.isDone());
    }

    public static ListingState fromMap(final Map<String, String> values) {
        return new ListingState(
                values.get(CONFIGURATION),
                parseLong(values.get(SEQUENCE), 0),
                ScanCursor.fromJson(values.get(SCAN_CURSOR)),
                parseLong(values.get(TRANSACTION_ID), -1),
                parseLong(values.get(SNAPSHOT_NUMBER), 0),
                emptyToNull(values.get(GAP)),
                Boolean.parseBoolean(values.get(PRUNE_PENDING)));
    }

    public Map<String, String> toMap() {
        final Map<String, String> values = new HashMap<>();
        values.put(CONFIGURATION, configuration);
        values.put(SEQUENCE, Long.toString(sequence));
        values.put(SCAN_CURSOR, scanCursor.toJson());
        values.put(TRANSACTION_ID, Long.toString(transactionId));
        values.put(SNAPSHOT_NUMBER, Long.toString(snapshotNumber));
        if (gap != null) {
            values.put(GAP, gap);
        }
        if (prunePending) {
            values.put(PRUNE_PENDING, "true");
        }
        return values;
    }

    private static long parseLong(final String value, final long fallback) {
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    private static String emptyToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public ListingState withTransactionId(final long newTransactionId) {
        return new ListingState(configuration, sequence, scanCursor, newTransactionId, snapshotNumber, gap, prunePending);
    }

    public ListingState withSnapshotNumber(final long newSnapshotNumber) {
        return new ListingState(configuration, sequence, scanCursor, transactionId, newSnapshotNumber, gap, prunePending);
    }

    public ListingState withGap(final String newGap) {
        return new ListingState(configuration, sequence, scanCursor, transactionId, snapshotNumber, newGap, prunePending);
    }

    public ListingState withProgress(final long newSequence, final ScanCursor newScanCursor) {
        return new ListingState(configuration, newSequence, newScanCursor, transactionId, snapshotNumber, gap, prunePending);
    }

    public ListingState withPrunePending(final boolean pending) {
        return new ListingState(configuration, sequence, scanCursor, transactionId, snapshotNumber, gap, pending);
    }
}
