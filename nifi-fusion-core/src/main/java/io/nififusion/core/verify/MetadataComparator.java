package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathAccessControl;
import com.azure.storage.file.datalake.models.PathPermissions;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.permission.FsPermission;

import java.util.ArrayList;
import java.util.List;

/**
 * The metadata part of a verification: the permission bits ReplicateToADLS applies, read from the target's access
 * control, and the source version recorded at the target, each described as a difference or null.
 */
final class MetadataComparator {
    /** What the target said about a path's permission bits: whether the path exists, and its bits when reported. */
    record TargetPermission(boolean exists, PathPermissions permissions) {
    }

    private final DataLakeFileSystemClient targetFileSystem;

    MetadataComparator(final DataLakeFileSystemClient targetFileSystem) {
        this.targetFileSystem = targetFileSystem;
    }

    /** The target's access control (one HEAD request with action=getAccessControl); absent when nothing is at the path. */
    TargetPermission fetchPermission(final String targetPath, final boolean directory) {
        try {
            final PathAccessControl accessControl = directory
                    ? targetFileSystem.getDirectoryClient(targetPath).getAccessControl()
                    : targetFileSystem.getFileClient(targetPath).getAccessControl();
            return new TargetPermission(true, accessControl.getPermissions());
        } catch (final RuntimeException e) {
            if (TargetErrors.statusOf(e) == TargetErrors.NOT_FOUND) {
                return new TargetPermission(false, null);
            }
            throw e;
        }
    }

    /**
     * Compares exactly the bits ReplicateToADLS applies (rwx for owner, group and other, and the sticky bit); owner and
     * group are not compared because they reach the target only through an identity mapping the verifier does not have.
     */
    static String describePermissionDifference(final FsPermission source, final TargetPermission target) {
        if (source == null) {
            return null;
        }
        final int sourceBits = PermissionBits.of(source);
        if (target.permissions() == null) {
            return "permission " + PermissionBits.symbolic(sourceBits) + " vs none reported by the target";
        }
        final int targetBits = PermissionBits.of(target.permissions());
        return sourceBits == targetBits ? null
                : "permission " + PermissionBits.symbolic(sourceBits) + " vs target " + PermissionBits.symbolic(targetBits);
    }

    static String describeVersionDifference(final SourceFileState source, final TargetVersion recorded) {
        if (recorded == null) {
            return "no source version (" + TargetVersion.SOURCE_PATH_KEY + ", " + TargetVersion.LENGTH_KEY + ") recorded at the target";
        }
        final List<String> differences = new ArrayList<>();
        // the recorded source path is provenance: a file moved with its directory keeps the name it was copied under
        if (source.length() != recorded.length()) {
            differences.add("length " + source.length() + " vs recorded " + recorded.length());
        }
        if (source.modificationTime() != recorded.modificationTime()) {
            differences.add("modification time " + source.modificationTime() + " vs recorded " + recorded.modificationTime());
        }
        if (source.fileId() != SourceFileState.UNKNOWN_FILE_ID && source.fileId() != recorded.fileId()) {
            differences.add("inode id " + source.fileId() + " vs recorded " + recorded.fileId());
        }
        return differences.isEmpty() ? null : "recorded source version differs: " + String.join(", ", differences);
    }
}
