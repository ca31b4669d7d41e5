package io.nififusion.bench.worker;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The files of a source directory tree, and their bytes, read before a measured window opens. */
final class SourceFiles {

    private SourceFiles() {
    }

    static List<FileStatus> list(final FileSystem fileSystem, final String directory) throws IOException {
        final List<FileStatus> files = new ArrayList<>();
        final RemoteIterator<LocatedFileStatus> iterator = fileSystem.listFiles(new Path(directory), true);
        while (iterator.hasNext()) {
            final LocatedFileStatus status = iterator.next();
            files.add(fileSystem.getFileStatus(status.getPath()));
        }
        files.sort(Comparator.comparing(status -> status.getPath().toUri().getPath()));
        if (files.isEmpty()) {
            throw new IOException("No files under " + directory);
        }
        return files;
    }

    static byte[] read(final FileSystem fileSystem, final FileStatus status) throws IOException {
        final byte[] content = new byte[Math.toIntExact(status.getLen())];
        try (FSDataInputStream in = fileSystem.open(status.getPath())) {
            in.readFully(0, content, 0, content.length);
        }
        return content;
    }

    /** The path below the source root, e.g. {@code /bulk/file-0} for {@code /bench/bulk/file-0}. */
    static String relative(final FileStatus status) {
        final String path = status.getPath().toUri().getPath();
        if (!path.startsWith(WorkerContext.SOURCE_ROOT + "/")) {
            throw new IllegalArgumentException(path + " is not under " + WorkerContext.SOURCE_ROOT);
        }
        return path.substring(WorkerContext.SOURCE_ROOT.length());
    }

    static long totalBytes(final List<FileStatus> files) {
        return files.stream().mapToLong(FileStatus::getLen).sum();
    }
}
