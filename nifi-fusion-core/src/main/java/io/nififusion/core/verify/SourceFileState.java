package io.nififusion.core.verify;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

/**
 * What the source said about a path at one moment; two states of the same path that differ mean the file changed.
 *
 * @param path absolute source path
 * @param directory whether the path is a directory
 * @param length file length in bytes (0 for directories)
 * @param modificationTime modification time in epoch milliseconds
 * @param fileId HDFS inode id, -1 when the file system has none
 * @param permission permission bits, null when not known (a state rebuilt from a record)
 * @param encrypted whether the file lies in an HDFS encryption zone, whose checksums are of ciphertext
 */
public record SourceFileState(String path, boolean directory, long length, long modificationTime, long fileId, FsPermission permission,
                              boolean encrypted) {
    public static final long UNKNOWN_FILE_ID = -1L;

    /** A state without permission bits, such as one rebuilt from a replication record. */
    public SourceFileState(final String path, final boolean directory, final long length, final long modificationTime, final long fileId) {
        this(path, directory, length, modificationTime, fileId, null, false);
    }

    public static SourceFileState of(final String path, final FileStatus status) {
        final long fileId = status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : UNKNOWN_FILE_ID;
        return new SourceFileState(path, status.isDirectory(), status.isDirectory() ? 0 : status.getLen(), status.getModificationTime(), fileId,
                status.getPermission(), status.isEncrypted());
    }

    /**
     * Same inode, same length, same modification time: the bytes did not change between the two observations. Permission
     * bits are left out: a chmod does not change the bytes.
     */
    public boolean sameVersionAs(final SourceFileState other) {
        return other != null && directory == other.directory && length == other.length
                && modificationTime == other.modificationTime && fileId == other.fileId;
    }
}
