package io.nififusion.processors.replicate;

/** Attributes ReplicateToADLS writes besides the result and error attributes of {@code OperationAttributes}. */
public final class ReplicationAttributes {
    /** Bytes sent to the target for this record. */
    public static final String BYTES_COPIED = "fusion.bytes.copied";
    /** Milliseconds the operation took. */
    public static final String DURATION_MILLIS = "fusion.duration.millis";
    /** Bytes per second of the copy. */
    public static final String THROUGHPUT = "fusion.throughput.bytes.per.second";
    /** Offset an interrupted copy resumed from. */
    public static final String RESUMED_FROM = "fusion.resumed.from";
    /** Copy attempts made; more than one when the source changed during a copy. */
    public static final String ATTEMPTS = "fusion.copy.attempts";
    /** One sentence on what was done and why. */
    public static final String DETAIL = "fusion.detail";
    /** How long the target asked to wait before the next attempt. */
    public static final String RETRY_AFTER_MILLIS = "fusion.retry.after.millis";
    /** The temp file a failed attempt left checkpointed bytes in, for the retry of the same record to resume. */
    public static final String RESUME_TEMP_PATH = "fusion.resume.temp";
    /** On a COPY record of a file still open for writing, sent back to retry: when it was first found open. */
    public static final String OPEN_SINCE = "fusion.open.since";

    private ReplicationAttributes() {
    }
}
