package io.nififusion.core.copy;

import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

/**
 * What the source says about a path right now: the version a copy starts from and re-checks after.
 *
 * @param path absolute source path
 * @param directory whether it is a directory
 * @param length bytes
 * @param modificationTime epoch milliseconds
 * @param fileId HDFS inode id, or -1 on a file system without one
 * @param status the status it came from, for permission, owner, group and times
 */
public record SourceFile(String path, boolean directory, long length, long modificationTime, long fileId, FileStatus status) {

    public static SourceFile of(final String path, final FileStatus status) {
        final long fileId = status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : ReplicationOperation.UNKNOWN;
        return new SourceFile(path, status.isDirectory(), status.getLen(), status.getModificationTime(), fileId, status);
    }

    /** Same length, modification time and inode: nothing changed in between. */
    public boolean sameVersion(final SourceFile other) {
        return other != null && length == other.length && modificationTime == other.modificationTime && fileId == other.fileId;
    }

    /** The version to record on the target, with the CRC32C of the bytes copied or null when not known yet. */
    public TargetVersion toTargetVersion(final Long crc32c) {
        return new TargetVersion(path, length, modificationTime, fileId, crc32c);
    }

    /** A short description for messages and attributes. */
    public String describeVersion() {
        return "length " + length + ", mtime " + modificationTime + ", fileid " + fileId;
    }
}
