package io.nififusion.core.listing;

import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;

/** Binds a listing to a file system: lazy listings (one NameNode page at a time) and path look-ups. */
public final class HdfsDirectoryLister implements ScanWalker.DirectoryLister {
    private final FileSystem fileSystem;

    public HdfsDirectoryLister(final FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public RemoteIterator<FileStatus> list(final String directory) throws IOException {
        return fileSystem.listStatusIterator(new Path(directory));
    }

    @Override
    public FileStatus status(final String path) throws IOException {
        try {
            return fileSystem.getFileStatus(new Path(path));
        } catch (final FileNotFoundException e) {
            return null;
        }
    }

    /** A rename does not say whether it moved a directory; the replicator plans differently for one, so the new name is looked up. */
    public ReplicationOperation withDirectoryFlag(final ReplicationOperation operation) throws IOException {
        if (operation.type() != OperationType.RENAME) {
            return operation;
        }
        final FileStatus status = status(operation.path());
        return status != null && status.isDirectory() ? operation.asDirectory() : operation;
    }
}
