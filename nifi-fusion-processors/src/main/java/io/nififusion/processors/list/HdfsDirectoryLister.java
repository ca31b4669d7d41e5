package io.nififusion.processors.list;

import io.nififusion.core.listing.ScanWalker;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;

/** Binds the scan to a file system: lazy listings (one NameNode page at a time) and path look-ups. */
final class HdfsDirectoryLister implements ScanWalker.DirectoryLister {
    private final FileSystem fileSystem;

    HdfsDirectoryLister(final FileSystem fileSystem) {
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
}
