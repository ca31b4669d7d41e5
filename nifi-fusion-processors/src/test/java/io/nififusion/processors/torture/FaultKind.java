package io.nififusion.processors.torture;

/** The faults a torture run injects, on the ADLS emulator and on the cluster. */
enum FaultKind {
    /** A burst of 503 ServerBusy with Retry-After on any request of the run's filesystem. */
    THROTTLING_BURST(true),
    /** A burst of 500 InternalError. */
    SERVER_ERRORS(true),
    /** Connections reset while an append's body is uploaded: the append is not performed. */
    RESET_DURING_APPEND(true),
    /** A rename performed, then its connection reset before the answer. */
    LOST_RENAME_ANSWER(true),
    /** A flush performed, then its connection reset before the answer. */
    LOST_FLUSH_ANSWER(true),
    /** A delete performed, then its connection reset before the answer. */
    LOST_DELETE_ANSWER(true),
    /** Any write performed, then its connection reset before the answer, through the emulator's resetAfterApplying (see {@link EmulatorFaults}). */
    RESET_AFTER_APPLYING(true),
    /** Connections reset in the middle of a GET's response body: a ranged read of a restore broken off mid-part. */
    RESET_DURING_READ(true),
    /** Added latency on a share of the run's requests. */
    LATENCY(true),
    /** A replication (or restore) node stopped as NiFi stops a processor (unschedule, wait for its tasks, stop), then a new one in its place. */
    REPLICATION_NODE_RESTART(false),
    /** A replication node stopped mid-copy like a crash: its threads lose their sessions, its records go back to the queue. */
    REPLICATION_NODE_CRASH(false),
    /** ListHDFSChanges stopped and a new instance started from its persisted state, as on a change of primary node. */
    LISTING_RESTART(false),
    /** The NameNode restarted. */
    NAMENODE_RESTART(false),
    /** Edit log transactions purged before the listing read them (inotify only). */
    CHANGE_STREAM_GAP(false),
    /** A space quota on the directory a restore writes to, set so no new block fits, and lifted a few steps later (restore torture). */
    SPACE_QUOTA(false),
    /** A target file overwritten through the forward path while the restore runs (restore torture). */
    TARGET_OVERWRITE(false),
    /** A target file deleted through the forward path while the restore runs (restore torture). */
    TARGET_DELETE(false);

    private final boolean emulatorFault;

    FaultKind(final boolean emulatorFault) {
        this.emulatorFault = emulatorFault;
    }

    boolean isEmulatorFault() {
        return emulatorFault;
    }
}
