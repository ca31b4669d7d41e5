package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

/** Builds replication records from what HDFS reports about a path. */
public final class OperationFactory {
    private OperationFactory() {
    }

    /** {@code MKDIR} for a directory, {@code COPY} for a file, carrying the path's current status. */
    public static ReplicationOperation fromStatus(final FileStatus status, final ChangeSource changeSource, final long transactionId) {
        final boolean directory = status.isDirectory();
        return new ReplicationOperation(
                directory ? OperationType.MKDIR : OperationType.COPY,
                pathOf(status),
                null,
                directory,
                directory ? ReplicationOperation.UNKNOWN : status.getLen(),
                status.getModificationTime(),
                fileIdOf(status),
                status.getOwner(),
                status.getGroup(),
                toOctal(status.getPermission()),
                transactionId,
                changeSource,
                null);
    }

    /** A record that names only a path, for changes whose details the source reads again when applying them. */
    public static ReplicationOperation ofPath(final OperationType type, final String path, final boolean directory, final long transactionId,
                                              final ChangeSource changeSource) {
        return new ReplicationOperation(type, path, null, directory, ReplicationOperation.UNKNOWN, ReplicationOperation.UNKNOWN,
                ReplicationOperation.UNKNOWN, null, null, null, transactionId, changeSource, null);
    }

    /** The absolute path of a status, decoded (no scheme or authority). */
    public static String pathOf(final FileStatus status) {
        return status.getPath().toUri().getPath();
    }

    /** Permission bits in octal, sticky bit included, such as {@code 755} or {@code 1777}; null when unknown. */
    public static String toOctal(final FsPermission permission) {
        if (permission == null) {
            return null;
        }
        return String.format("%03o", permission.toShort() & 01777);
    }

    private static long fileIdOf(final FileStatus status) {
        if (status instanceof HdfsFileStatus hdfsStatus) {
            return hdfsStatus.getFileId();
        }
        return ReplicationOperation.UNKNOWN;
    }
}
