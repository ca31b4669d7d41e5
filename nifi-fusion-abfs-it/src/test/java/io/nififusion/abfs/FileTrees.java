package io.nififusion.abfs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** Walks a tree through any Hadoop FileSystem, so HDFS and ABFS listings of the same tree can be compared. */
final class FileTrees {

    private FileTrees() {
    }

    /** @return every path below {@code root} (files and directories), relative to it with a leading slash */
    static Map<String, FileStatus> walk(final FileSystem fs, final Path root) throws IOException {
        final Map<String, FileStatus> tree = new TreeMap<>();
        final String rootPath = root.toUri().getPath();
        final String prefix = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
        final Deque<Path> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            for (final FileStatus status : fs.listStatus(pending.pop())) {
                tree.put(status.getPath().toUri().getPath().substring(prefix.length()), status);
                if (status.isDirectory()) {
                    pending.push(status.getPath());
                }
            }
        }
        return tree;
    }
}
