package io.nififusion.core.listing;

import io.nififusion.core.operation.ReplicationOperation;

/**
 * One record a listing run emits.
 *
 * @param sequence number of the record, increasing across runs and restarts
 * @param operation the replication operation
 * @param transactionsBehind for change stream records, the stream's estimate of transactions not read yet; -1 otherwise
 * @param openFile whether this is a {@code COPY} of a file still open for writing, emitted because it stayed open too long
 */
public record ListedRecord(long sequence, ReplicationOperation operation, long transactionsBehind, boolean openFile) {
}
