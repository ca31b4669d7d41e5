package io.nififusion.core.listing;

import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ReplicationOperation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One run of a source listing: the records in the order they are to be emitted, numbered on from the state it started
 * with, the state to save together with them, what the change stream reported, and the work that waits until the
 * records are committed.
 */
public final class ListingRun {

    /** Work against the source once the records of the run are committed, and what to report if it fails. */
    record CommitTask(SourceAccess.SourceCall<?> call, String failureMessage) {
    }

    private final ListingState before;
    private final int capacity;
    private final List<ListedRecord> records = new ArrayList<>();
    private final List<CommitTask> commitTasks = new ArrayList<>();
    private ListingState state;
    private long sequence;
    private boolean rescanRequested;
    private int gaps;
    private int overdueOpenFiles;
    private long transactionsBehind = -1;

    ListingRun(final ListingState before, final int capacity) {
        this.before = before;
        this.state = before;
        this.capacity = capacity;
        this.sequence = before.sequence();
    }

    /** The state the run started from, as committed (or as left by the previous run of this schedule). */
    public ListingState before() {
        return before;
    }

    /** The state to save in the same commit as the records. */
    public ListingState state() {
        return state;
    }

    public List<ListedRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** Gaps found in the change stream during the run. */
    public int gaps() {
        return gaps;
    }

    /** Files reported in this run as open for writing longer than allowed. */
    public int overdueOpenFiles() {
        return overdueOpenFiles;
    }

    /** The change stream's estimate of transactions not read yet, -1 when the run did not read the stream. */
    public long transactionsBehind() {
        return transactionsBehind;
    }

    int size() {
        return records.size();
    }

    int capacity() {
        return capacity;
    }

    boolean isFull() {
        return records.size() >= capacity;
    }

    void add(final ReplicationOperation operation) {
        records.add(new ListedRecord(++sequence, operation, -1, false));
    }

    void addChange(final ReplicationOperation operation, final long behind) {
        records.add(new ListedRecord(++sequence, operation, behind, false));
    }

    void addOpenFile(final ReplicationOperation operation) {
        records.add(new ListedRecord(++sequence, operation, -1, true));
    }

    void advance(final ListingState newState) {
        state = newState;
    }

    /** Asks for a scan of every root followed by a PRUNE: how a gap or an oversized difference is healed. */
    void requestRescan() {
        rescanRequested = true;
    }

    boolean isRescanRequested() {
        return rescanRequested;
    }

    void countGap() {
        gaps++;
    }

    void countOverdueOpenFile() {
        overdueOpenFiles++;
    }

    void reportTransactionsBehind(final long behind) {
        transactionsBehind = behind;
    }

    void afterCommit(final SourceAccess.SourceCall<?> call, final String failureMessage) {
        commitTasks.add(new CommitTask(call, failureMessage));
    }

    List<CommitTask> commitTasks() {
        return commitTasks;
    }

    long lastSequence() {
        return sequence;
    }
}
