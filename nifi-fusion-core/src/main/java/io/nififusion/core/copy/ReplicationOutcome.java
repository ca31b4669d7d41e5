package io.nififusion.core.copy;

import java.util.ArrayList;
import java.util.List;

/**
 * What one applied operation did. Built by the factory of its kind ({@link #copied}, {@link #skipped}, {@link #noop},
 * {@link #deleted}, ...), then adjusted by the copy attempts that led to it ({@link #afterAttempts}).
 *
 * @param result value of {@code fusion.result}
 * @param targetPath target path the operation ended on, relative to the filesystem
 * @param bytesTransferred bytes sent to the target
 * @param durationNanos time the operation took
 * @param resumedFrom offset an interrupted copy resumed from, 0 for a fresh copy
 * @param attempts copy attempts made (source changes during a copy cause more than one)
 * @param dataSent whether bytes went to the target (a provenance SEND) rather than only a remote call
 * @param filesCopied files committed at the target: 1 for a copy, the files a reconcile or a rename's settling copied
 * @param detail one sentence on why, for logs and an attribute
 * @param openFiles source files found still open for writing and so not committed: to be looked at again later, since
 *     in snapshot-diff and scan modes no CLOSE event will ask for them
 * @param sourceSeenAfter the source path was read after the operation's last write that could create a target path (a
 *     copy's commit) and was there: none of its parents had vanished by then, so there is nothing to prune above it
 *     (see {@link VanishedParentPruner})
 * @param targetWritten the operation created something at the target (a temp, a committed file, a directory, a move's
 *     destination), and with it whatever missing parents ADLS creates implicitly: it prunes the parents the source no
 *     longer has, where an operation that created nothing leaves a migrated directory to the record of its own move;
 *     for a rename, at its destination
 * @param originWritten a rename created something at its origin (the settling of the origin's name copied there)
 */
public record ReplicationOutcome(ReplicationResult result, String targetPath, long bytesTransferred, long durationNanos, long resumedFrom,
                                 int attempts, boolean dataSent, int filesCopied, String detail, List<String> openFiles,
                                 boolean sourceSeenAfter, boolean targetWritten, boolean originWritten) {

    public ReplicationOutcome {
        openFiles = List.copyOf(openFiles);
    }

    /** The file's bytes were committed at the target path. */
    public static ReplicationOutcome copied(final String targetPath, final long bytesSent, final long resumedFrom, final String detail) {
        return new ReplicationOutcome(ReplicationResult.COPIED, targetPath, bytesSent, 0, resumedFrom, 1, true, 1, detail, List.of(), false, true, false);
    }

    /** The target already holds the source's current version. */
    public static ReplicationOutcome skipped(final String targetPath, final String detail) {
        return of(ReplicationResult.SKIPPED, targetPath, detail);
    }

    /** Nothing to do: the source or target state already says what the record asked for, or a later record will. */
    public static ReplicationOutcome noop(final String targetPath, final String detail) {
        return of(ReplicationResult.NOOP, targetPath, detail);
    }

    /** The source file is still open for writing: nothing committed, the file to be looked at again. */
    public static ReplicationOutcome openFile(final String targetPath, final String sourcePath, final String detail) {
        return new ReplicationOutcome(ReplicationResult.OPEN_FILE, targetPath, 0, 0, 0, 1, false, 0, detail, List.of(sourcePath), false, false, false);
    }

    public static ReplicationOutcome created(final String targetPath, final String detail) {
        return new ReplicationOutcome(ReplicationResult.CREATED, targetPath, 0, 0, 0, 1, false, 0, detail, List.of(), false, true, false);
    }

    /** Metadata or the recorded version changed; no bytes sent. */
    public static ReplicationOutcome updated(final String targetPath, final String detail) {
        return of(ReplicationResult.UPDATED, targetPath, detail);
    }

    public static ReplicationOutcome deleted(final String targetPath, final String detail) {
        return of(ReplicationResult.DELETED, targetPath, detail);
    }

    /** A subtree made to match the source: what its walk sent and which open files it left. */
    public static ReplicationOutcome reconciled(final String targetPath, final long bytesSent, final boolean dataSent, final int filesCopied,
                                                final String detail, final List<String> openFiles, final boolean targetWritten) {
        return new ReplicationOutcome(ReplicationResult.RECONCILED, targetPath, bytesSent, 0, 0, 1, dataSent, filesCopied, detail, openFiles, false,
                targetWritten, false);
    }

    /**
     * A rename, with what settling its two names sent and left open.
     *
     * @param moveTried a move at the target was tried (it may have created the destination's parent even if it failed)
     */
    public static ReplicationOutcome renamed(final String targetPath, final String detail, final boolean moveTried, final ReplicationOutcome destination,
                                             final ReplicationOutcome origin) {
        final List<String> openFiles = new ArrayList<>(destination.openFiles());
        openFiles.addAll(origin.openFiles());
        return new ReplicationOutcome(ReplicationResult.RENAMED, targetPath, destination.bytesTransferred() + origin.bytesTransferred(), 0, 0, 1,
                destination.dataSent() || origin.dataSent(), destination.filesCopied() + origin.filesCopied(), detail, openFiles, false,
                moveTried || destination.targetWritten(), origin.targetWritten());
    }

    private static ReplicationOutcome of(final ReplicationResult result, final String targetPath, final String detail) {
        return new ReplicationOutcome(result, targetPath, 0, 0, 0, 1, false, 0, detail, List.of(), false, false, false);
    }

    /**
     * This outcome reached after {@code attempts} copy attempts, the earlier of which sent {@code earlierBytesSent}
     * (bytes of versions the source replaced meanwhile: sent, though not committed).
     */
    public ReplicationOutcome afterAttempts(final int attempts, final long earlierBytesSent) {
        return new ReplicationOutcome(result, targetPath, bytesTransferred + earlierBytesSent, durationNanos, resumedFrom, attempts,
                dataSent || earlierBytesSent > 0, filesCopied, detail, openFiles, sourceSeenAfter, targetWritten, originWritten);
    }

    /** The same outcome, its source path seen at the source after the operation's last write that could create a target path. */
    ReplicationOutcome withSourceSeenAfter() {
        return new ReplicationOutcome(result, targetPath, bytesTransferred, durationNanos, resumedFrom, attempts, dataSent, filesCopied, detail, openFiles, true,
                targetWritten, originWritten);
    }

    /** The same outcome, reached by an operation that created something at the target on the way (a temp it then removed). */
    ReplicationOutcome withTargetWritten() {
        return new ReplicationOutcome(result, targetPath, bytesTransferred, durationNanos, resumedFrom, attempts, dataSent, filesCopied, detail, openFiles,
                sourceSeenAfter, true, originWritten);
    }

    /** The same work reported under another result and path, as when a delete turned into a reconcile. */
    public ReplicationOutcome reportedAs(final ReplicationResult newResult, final String newTargetPath, final String newDetail) {
        return new ReplicationOutcome(newResult, newTargetPath, bytesTransferred, durationNanos, resumedFrom, attempts, dataSent, filesCopied, newDetail, openFiles,
                sourceSeenAfter, targetWritten, originWritten);
    }

    /** The same outcome with more said about it. */
    public ReplicationOutcome withDetailAppended(final String more) {
        return reportedAs(result, targetPath, detail + more);
    }

    /** Bytes per second over the duration, 0 when nothing was sent. */
    public long throughputBytesPerSecond() {
        if (bytesTransferred == 0 || durationNanos <= 0) {
            return 0;
        }
        return (long) (bytesTransferred * 1_000_000_000.0 / durationNanos);
    }

    ReplicationOutcome withDuration(final long nanos) {
        return new ReplicationOutcome(result, targetPath, bytesTransferred, nanos, resumedFrom, attempts, dataSent, filesCopied, detail, openFiles, sourceSeenAfter,
                targetWritten, originWritten);
    }
}
