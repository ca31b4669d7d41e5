package io.nififusion.core.copy;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.PathProperties;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.path.UnsupportedTargetPathException;
import io.nififusion.core.trash.TrashLayout;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Both ends of a path as the replicator looks at them: the source status, the mapped target path and its state. */
final class ReplicationPaths {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplicationPaths.class);

    /** Beyond this many, an undeleted temp is left to the orphaned-temp cleanup of a reconcile. */
    private static final int MAX_UNDELETED_TEMPS = 10_000;
    private static final String INODE_PATH_PREFIX = "/.reserved/.inodes/";

    private final Queue<String> undeletedTemps = new ConcurrentLinkedQueue<>();
    private final SourceAccess source;
    private final DataLakeFileSystemClient target;
    private final TargetPathProperties targetProperties;
    private final TargetPathMapper pathMapper;
    private final TrashLayout trash;

    ReplicationPaths(final SourceAccess source, final DataLakeFileSystemClient target, final TargetPathMapper pathMapper) {
        this.source = source;
        this.target = target;
        this.targetProperties = TargetPathProperties.of(target);
        this.pathMapper = pathMapper;
        this.trash = new TrashLayout(pathMapper.getTargetRoot());
    }

    SourceAccess source() {
        return source;
    }

    DataLakeFileSystemClient target() {
        return target;
    }

    TargetPathMapper pathMapper() {
        return pathMapper;
    }

    /** Where the target keeps deleted versions, beside the live tree: never replicated to, never reconciled. */
    TrashLayout trash() {
        return trash;
    }

    String toTargetPath(final String sourcePath) throws ReplicationException {
        try {
            final String targetPath = pathMapper.toTargetPath(sourcePath);
            if (trash.isTrash(targetPath)) {
                throw new ReplicationException(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED, "Source path [" + sourcePath + "] maps into "
                        + trash.trashRoot() + ", which the target keeps for deleted versions: rename it at the source or exclude it", null);
            }
            return targetPath;
        } catch (final UnsupportedTargetPathException e) {
            throw new ReplicationException(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED, e.getMessage(), e);
        } catch (final IllegalArgumentException e) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, e.getMessage(), e);
        }
    }

    SourceFile stat(final String sourcePath) throws IOException {
        return stat(source, sourcePath);
    }

    /** The source path's status read now, as the source's user; null when the source does not have it ({@link #isAbsence}). */
    static SourceFile stat(final SourceAccess source, final String sourcePath) throws IOException {
        return source.execute(fileSystem -> statOrNull(fileSystem, sourcePath));
    }

    /**
     * Whether the source still has the inode, under whatever name: HDFS resolves {@code /.reserved/.inodes/<id>} for any
     * user, checking the permissions of the path it stands for. False when it is gone, when the user may not reach it,
     * and on a file system that is not HDFS.
     */
    boolean inodeExists(final long fileId) throws IOException {
        return source.execute(fileSystem -> {
            if (!(fileSystem instanceof DistributedFileSystem)) {
                return false;
            }
            try {
                fileSystem.getFileStatus(new Path(INODE_PATH_PREFIX + fileId));
                return true;
            } catch (final IOException e) {
                final IOException unwrapped = e instanceof RemoteException remote ? remote.unwrapRemoteException() : e;
                if (isAbsence(e) || unwrapped instanceof AccessControlException) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static SourceFile statOrNull(final FileSystem fileSystem, final String sourcePath) throws IOException {
        try {
            return SourceFile.of(sourcePath, fileSystem.getFileStatus(new Path(sourcePath)));
        } catch (final IOException e) {
            if (isAbsence(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Whether a source failure says the path does not exist: not found, or a parent that is a file now (a file ↔ directory
     * change), which HDFS reports as {@code ParentNotDirectoryException} or as an access failure "is not a directory".
     */
    static boolean isAbsence(final IOException failure) {
        final IOException unwrapped = failure instanceof RemoteException remote ? remote.unwrapRemoteException() : failure;
        return unwrapped instanceof FileNotFoundException || unwrapped instanceof ParentNotDirectoryException
                || unwrapped instanceof AccessControlException && String.valueOf(unwrapped.getMessage()).contains("is not a directory");
    }

    /**
     * Whether the source file is closed (DESIGN §2 rule 4): a file still being written is never committed as a complete
     * version. A file system without leases (not HDFS) has only closed files.
     */
    boolean isClosed(final SourceFile sourceFile) throws IOException {
        return source.execute(fileSystem -> {
            if (!(fileSystem instanceof DistributedFileSystem dfs)) {
                return true;
            }
            try {
                return dfs.isFileClosed(new Path(sourceFile.path()));
            } catch (final IOException e) {
                if (!isAbsence(e)) {
                    throw e;
                }
                // gone since it was looked at: the re-read after the bytes says so
                return true;
            }
        });
    }

    /** What the target holds at a path; one HEAD request. */
    TargetState targetState(final String targetPath) {
        if (targetPath.isEmpty()) {
            return TargetState.FILESYSTEM_ROOT;
        }
        final PathProperties properties = targetProperties.readOrNull(targetPath);
        if (properties == null) {
            return TargetState.ABSENT;
        }
        return TargetState.of(Boolean.TRUE.equals(properties.isDirectory()), properties.getFileSize(), properties.getETag(), properties.getMetadata());
    }

    /**
     * Deletes a temp file this replicator is done with. One that cannot be deleted now (the target throttles, the
     * connection broke) is kept for {@link #retryTempDeletes(int)}, so a fault does not leave it behind for good.
     */
    void deleteQuietly(final String targetPath) {
        if (targetPath == null) {
            return;
        }
        try {
            target.getFileClient(targetPath).deleteIfExists();
        } catch (final RuntimeException e) {
            LOGGER.debug("Could not delete temp file {} now; trying again later", targetPath, e);
            if (undeletedTemps.size() < MAX_UNDELETED_TEMPS) {
                undeletedTemps.add(targetPath);
            }
        }
    }

    /**
     * Tries again to delete temps that could not be deleted when their copy ended; what still fails waits for the next call.
     *
     * @param most how many to try, so a target still failing slows the caller by a bounded amount
     */
    void retryTempDeletes(final int most) {
        for (int i = Math.min(most, undeletedTemps.size()); i > 0; i--) {
            final String tempPath = undeletedTemps.poll();
            if (tempPath == null) {
                return;
            }
            deleteQuietly(tempPath);
        }
    }
}
