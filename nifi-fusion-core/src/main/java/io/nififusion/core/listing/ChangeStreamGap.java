package io.nififusion.core.listing;

import org.apache.hadoop.hdfs.inotify.MissingEventsException;

/**
 * Transactions of the edit log that the change stream can no longer deliver, because the NameNode purged them
 * (checkpoints, retained-edits limits) before they were read. The stream skips past them, so the only way to heal
 * is a new scan of the roots.
 *
 * @param firstMissingTransactionId the transaction the reader expected next
 * @param nextAvailableTransactionId the first transaction the NameNode could still deliver
 */
public record ChangeStreamGap(long firstMissingTransactionId, long nextAvailableTransactionId) {

    public static ChangeStreamGap of(final MissingEventsException exception) {
        return new ChangeStreamGap(exception.getExpectedTxid(), exception.getActualTxid());
    }

    /** How many transactions were lost, at most. */
    public long missingTransactions() {
        return Math.max(0, nextAvailableTransactionId - firstMissingTransactionId);
    }

    public String describe() {
        return "Edit log transactions " + firstMissingTransactionId + " to " + (nextAvailableTransactionId - 1)
                + " are no longer available from the NameNode (purged before they were read); changes made in them are unknown";
    }
}
