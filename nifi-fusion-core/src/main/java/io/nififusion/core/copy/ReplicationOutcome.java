package io.nififusion.core.copy;

import java.util.List;

/**
 * What one applied operation did.
 *
 * @param result value of {@code fusion.result}
 * @param targetPath target path the operation ended on, relative to the filesystem
 * @param bytesTransferred bytes sent to the target
 * @param durationNanos time the operation took
 * @param resumedFrom offset an interrupted copy resumed from, 0 for a fresh copy
 * @param attempts copy attempts made (source changes during a copy cause more than one)
 * @param dataSent whether bytes went to the target (a provenance SEND) rather than only a remote call
 * @param detail one sentence on why, for logs and an attribute
 * @param openFiles source files found still open for writing and so not committed: to be looked at again later, since
 *     in snapshot-diff and scan modes no CLOSE event will ask for them
 */
public record ReplicationOutcome(ReplicationResult result, String targetPath, long bytesTransferred, long durationNanos, long resumedFrom,
                                 int attempts, boolean dataSent, String detail, List<String> openFiles) {

    public ReplicationOutcome {
        openFiles = List.copyOf(openFiles);
    }

    /** An outcome that left no open file behind. */
    public ReplicationOutcome(final ReplicationResult result, final String targetPath, final long bytesTransferred, final long durationNanos,
                              final long resumedFrom, final int attempts, final boolean dataSent, final String detail) {
        this(result, targetPath, bytesTransferred, durationNanos, resumedFrom, attempts, dataSent, detail, List.of());
    }

    /** Bytes per second over the duration, 0 when nothing was sent. */
    public long throughputBytesPerSecond() {
        if (bytesTransferred == 0 || durationNanos <= 0) {
            return 0;
        }
        return (long) (bytesTransferred * 1_000_000_000.0 / durationNanos);
    }

    ReplicationOutcome withDuration(final long nanos) {
        return new ReplicationOutcome(result, targetPath, bytesTransferred, nanos, resumedFrom, attempts, dataSent, detail, openFiles);
    }
}
