package io.nififusion.core.copy;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.models.PathInfo;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** MKDIR's work at the target: a directory that stands for its source inode, with the source's metadata. */
final class DirectoryApplier {
    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final MetadataApplier metadataApplier;

    DirectoryApplier(final ReplicationPaths paths, final ReplicatorSettings settings, final MetadataApplier metadataApplier) {
        this.paths = paths;
        this.settings = settings;
        this.metadataApplier = metadataApplier;
    }

    /** The source root maps to the filesystem root, which has no path of its own: its properties stay the filesystem's. */
    static ReplicationOutcome filesystemRootKept() {
        return ReplicationOutcome.noop("",
                "The source root maps to the filesystem root, which always exists and keeps its own properties");
    }

    /**
     * The target directory exists with the source directory's metadata and records its inode. The caller saw the target
     * absent or a directory; a file found there now was copied by a rival since the source directory was read, so the
     * source changed meanwhile: nothing of the directory is applied to that file, and the operation is tried again
     * from a new read of the source.
     */
    ReplicationOutcome ensure(final SourceFile sourceDirectory) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourceDirectory.path());
        if (targetPath.isEmpty()) {
            return filesystemRootKept();
        }
        final TargetState state = requireNotAFile(paths.targetState(targetPath), targetPath);
        final DataLakeDirectoryClient directory = paths.target().getDirectoryClient(targetPath);
        final Map<String, String> version = sourceDirectory.toTargetVersion(null).toMetadata();
        if (!state.exists()) {
            // the inode id recorded on a directory lets a later RENAME move it, and only it
            final DataLakePathCreateOptions options = new DataLakePathCreateOptions().setMetadata(version);
            if (settings.metadataPreservation().permissions()) {
                options.setPermissions(AccessControlTranslator.toPathPermissions(sourceDirectory.status().getPermission()).toString())
                        .setUmask("0000");
            }
            final Response<PathInfo> response = directory.createIfNotExistsWithResponse(options, null, Context.NONE);
            if (response.getStatusCode() != 409) {
                metadataApplier.applyOwnershipAndAcl(paths.target().getFileClient(targetPath), sourceDirectory);
                return ReplicationOutcome.created(targetPath, "Created directory");
            }
        }
        // read again only when a rival created it between the first look and the create
        TargetState existing = state.exists() ? state : requireNotAFile(paths.targetState(targetPath), targetPath);
        if (existing.recordedFileId() != sourceDirectory.fileId()) {
            // a directory re-created under the same name: the target directory now stands for the new inode
            final Map<String, String> metadata = new LinkedHashMap<>(existing.metadata());
            metadata.keySet().removeIf(key -> version.keySet().stream().anyMatch(key::equalsIgnoreCase));
            metadata.putAll(version);
            paths.target().getFileClient(targetPath).setMetadata(metadata);
            existing = paths.targetState(targetPath);
        }
        if (settings.metadataPreservation() == MetadataPreservation.NONE) {
            return ReplicationOutcome.noop(targetPath, "Directory exists");
        }
        metadataApplier.applyMetadata(sourceDirectory, targetPath, existing);
        return ReplicationOutcome.updated(targetPath, "Directory exists; metadata applied");
    }

    private static TargetState requireNotAFile(final TargetState state, final String targetPath) throws ReplicationException {
        if (state.exists() && !state.directory()) {
            throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE,
                    "Target " + targetPath + " became a file while the source directory was applied to it; the source is read again", null);
        }
        return state;
    }
}
