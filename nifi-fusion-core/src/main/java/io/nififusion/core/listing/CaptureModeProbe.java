package io.nififusion.core.listing;

import io.nififusion.core.ErrorMessages;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.apache.hadoop.hdfs.protocol.SnapshottableDirectoryStatus;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out, by asking the NameNode, which change capture modes a user can run: scan-only wherever it can read,
 * snapshot-diff on snapshottable roots it owns (HDFS lets only a directory's owner or a superuser take its
 * snapshots), inotify only as an HDFS superuser (only a superuser may read the edit log). A refusal is an answer;
 * any other failure is thrown.
 */
public final class CaptureModeProbe {
    private final FileSystem fileSystem;
    private final String user;
    private ModeAvailability inotify;

    /**
     * @param fileSystem the source file system, called as {@code user}
     * @param user the short name of the user the calls run as, for explanations and ownership
     */
    public CaptureModeProbe(final FileSystem fileSystem, final String user) {
        this.fileSystem = fileSystem;
        this.user = user;
    }

    /** Reads the change stream once from the current transaction (asked once, then remembered). */
    public ModeAvailability inotify() throws IOException {
        if (inotify == null) {
            inotify = probeChangeStream();
        }
        return inotify;
    }

    /** snapshot-diff on these roots: each a snapshottable directory that the user owns, unless the user is a superuser. */
    public ModeAvailability snapshotDiff(final List<String> roots) throws IOException {
        final List<String> problems = new ArrayList<>();
        for (final String root : roots) {
            final FileStatus status;
            try {
                status = fileSystem.getFileStatus(new Path(root));
            } catch (final FileNotFoundException e) {
                problems.add("Source root " + root + " does not exist");
                continue;
            }
            if (!status.isSnapshotEnabled()) {
                problems.add(RootSnapshots.notSnapshottableMessage(root));
            } else if (!user.equals(status.getOwner()) && !inotify().available()) {
                problems.add("Source root " + root + " is owned by " + status.getOwner() + ": HDFS lets only its owner or a superuser take its "
                        + "snapshots, not " + user);
            }
        }
        if (!problems.isEmpty()) {
            return ModeAvailability.unavailable(String.join("; ", problems));
        }
        return ModeAvailability.available("Snapshots allowed on " + String.join(", ", roots));
    }

    /** The snapshottable directories whose snapshots the user can take: the ones it owns, all of them for a superuser. */
    public List<String> snapshottableDirectories() throws IOException {
        final List<String> directories = new ArrayList<>();
        final SnapshottableDirectoryStatus[] listing = fileSystem instanceof DistributedFileSystem dfs ? dfs.getSnapshottableDirListing() : null;
        if (listing != null) {
            for (final SnapshottableDirectoryStatus directory : listing) {
                directories.add(directory.getFullPath().toUri().getPath());
            }
        }
        return directories;
    }

    private ModeAvailability probeChangeStream() throws IOException {
        if (!(fileSystem instanceof DistributedFileSystem)) {
            return ModeAvailability.unavailable("inotify needs an hdfs:// file system, not " + fileSystem.getUri());
        }
        final long transactionId;
        try {
            transactionId = InotifyCapture.currentTransactionId(fileSystem);
            InotifyCapture.distributed(fileSystem).getInotifyEventStream(transactionId).poll();
        } catch (final MissingEventsException e) {
            // a gap right now still proves the stream can be read
            return ModeAvailability.available("inotify is permitted for user " + user + " (the edit log just lost transactions "
                    + e.getExpectedTxid() + " to " + (e.getActualTxid() - 1) + ")");
        } catch (final IOException e) {
            if (isAccessDenied(e)) {
                return ModeAvailability.unavailable("inotify is not permitted for user " + user + ": only HDFS superusers may read the edit log "
                        + "(NameNode said: " + ErrorMessages.firstLine(e.getMessage()) + ")");
            }
            throw e;
        }
        return ModeAvailability.available("inotify is permitted for user " + user + "; the edit log is at transaction " + transactionId);
    }

    private static boolean isAccessDenied(final IOException e) {
        if (e instanceof AccessControlException) {
            return true;
        }
        return e instanceof RemoteException remote && remote.unwrapRemoteException(AccessControlException.class) instanceof AccessControlException;
    }
}
