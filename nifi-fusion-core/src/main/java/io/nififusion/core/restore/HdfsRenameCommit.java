package io.nififusion.core.restore;

import io.nififusion.core.hdfs.SourceAccess;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;
import org.apache.hadoop.ipc.RemoteException;

import java.io.IOException;

/** The one rename that makes a restored file appear at its final path. */
final class HdfsRenameCommit {
    private final SourceAccess hdfs;

    HdfsRenameCommit(final SourceAccess hdfs) {
        this.hdfs = hdfs;
    }

    /**
     * The rename that makes the file appear. HDFS has no conditional rename: a destination absent when planned is taken
     * only while still absent (a rename without overwrite fails otherwise); one present is replaced only while it is
     * still the same inode.
     *
     * @return false when the destination changed since the plan
     */
    boolean commit(final String destinationPath, final FileStatus existing, final Path temp) throws IOException {
        final Path destination = new Path(destinationPath);
        return hdfs.execute(fileSystem -> {
            if (!(fileSystem instanceof DistributedFileSystem dfs)) {
                return existing == null ? fileSystem.rename(temp, destination) : fileSystem.delete(destination, false) && fileSystem.rename(temp, destination);
            }
            try {
                if (existing == null) {
                    dfs.rename(temp, destination, Options.Rename.NONE);
                    return true;
                }
                final FileStatus now = HdfsRestorer.statOrNull(dfs, destinationPath);
                if (now == null || now.isDirectory() || fileId(now) != fileId(existing)) {
                    return false;
                }
                dfs.rename(temp, destination, Options.Rename.OVERWRITE);
                return true;
            } catch (final FileAlreadyExistsException e) {
                return false;
            } catch (final RemoteException e) {
                if (e.unwrapRemoteException(FileAlreadyExistsException.class) instanceof FileAlreadyExistsException) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static long fileId(final FileStatus status) {
        return status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : status.getModificationTime();
    }
}
