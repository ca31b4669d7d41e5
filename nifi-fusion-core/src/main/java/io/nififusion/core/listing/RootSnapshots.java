package io.nififusion.core.listing;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots a snapshot-diff listing keeps on each root in snapshot-diff mode, named {@code fusion-<number>}: the newest
 * one whose records are committed is the base of the next difference; older ones are deleted.
 */
final class RootSnapshots {
    static final String PREFIX = "fusion-";

    private final FileSystem fileSystem;

    RootSnapshots(final FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    static String name(final long number) {
        return PREFIX + number;
    }

    /** Creates the snapshot, replacing one of the same name left by a run whose records were never committed. */
    void create(final String root, final long number) throws IOException {
        final DistributedFileSystem dfs = distributed();
        requireSnapshottable(root);
        final Path rootPath = new Path(root);
        if (fileSystem.exists(new Path(rootPath, ".snapshot/" + name(number)))) {
            dfs.deleteSnapshot(rootPath, name(number));
        }
        dfs.createSnapshot(rootPath, name(number));
    }

    SnapshotDiffReport diff(final String root, final long from, final long to) throws IOException {
        return distributed().getSnapshotDiffReport(new Path(root), name(from), name(to));
    }

    void delete(final String root, final long number) throws IOException {
        if (fileSystem.exists(new Path(root, ".snapshot/" + name(number)))) {
            distributed().deleteSnapshot(new Path(root), name(number));
        }
    }

    /** Deletes every {@code fusion-*} snapshot of the root except the one numbered {@code keep}; returns their names. */
    List<String> deleteAllExcept(final String root, final long keep) throws IOException {
        final List<String> deleted = new ArrayList<>();
        final FileStatus[] snapshots;
        try {
            snapshots = fileSystem.listStatus(new Path(root, ".snapshot"));
        } catch (final FileNotFoundException e) {
            return deleted;
        }
        for (final FileStatus snapshot : snapshots) {
            final String name = snapshot.getPath().getName();
            if (name.startsWith(PREFIX) && !name.equals(name(keep))) {
                distributed().deleteSnapshot(new Path(root), name);
                deleted.add(name);
            }
        }
        return deleted;
    }

    /** Fails with the command that fixes it when the root does not allow snapshots. */
    void requireSnapshottable(final String root) throws IOException {
        final FileStatus status;
        try {
            status = fileSystem.getFileStatus(new Path(root));
        } catch (final FileNotFoundException e) {
            throw new FileNotFoundException("Source root " + root + " does not exist");
        }
        if (!status.isSnapshotEnabled()) {
            throw new IOException(notSnapshottableMessage(root));
        }
    }

    static String notSnapshottableMessage(final String root) {
        return "Source root " + root + " is not snapshottable: an HDFS administrator must run `hdfs dfsadmin -allowSnapshot " + root
                + "` (or use Change Capture Mode inotify with a superuser)";
    }

    private DistributedFileSystem distributed() throws IOException {
        if (fileSystem instanceof DistributedFileSystem dfs) {
            return dfs;
        }
        throw new IOException("Snapshot-diff mode needs an hdfs:// file system, not " + fileSystem.getUri());
    }
}
