package io.nififusion.core.copy;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.PathInfo;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;
import com.azure.storage.file.datalake.options.DataLakePathDeleteOptions;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Applies replication operations to the ADLS target (DESIGN §2): COPY through a hidden temp file committed by a
 * conditional rename, MKDIR, DELETE, RENAME and METADATA, each idempotent and state-based. Every source call runs
 * through {@link SourceAccess}; every failure leaves as a classified {@link ReplicationException}.
 */
public final class AdlsReplicator {
    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final FileCopier fileCopier;
    private final MetadataApplier metadataApplier;
    private final TempPathNames tempNames;

    /**
     * @param executor runs chunk reads and appends of big files; bounded by the caller
     * @param throttle the node's bandwidth limit, shared by all copies
     * @param authenticationMode the target's credential mode, named in authorization failures
     */
    public AdlsReplicator(final SourceAccess source, final DataLakeFileSystemClient target, final TargetPathMapper pathMapper,
                          final ReplicatorSettings settings, final Executor executor, final BandwidthThrottle throttle,
                          final String authenticationMode) {
        this.paths = new ReplicationPaths(source, target, pathMapper);
        this.settings = settings;
        this.classifier = new ReplicationErrorClassifier(authenticationMode);
        this.metadataApplier = new MetadataApplier(source, target, settings.metadataPreservation(), settings.identityMapping());
        final ChunkedCopier copier = new ChunkedCopier(settings.chunkSize(), settings.parallelism(), settings.checkpointInterval(), executor,
                throttle, classifier);
        this.fileCopier = new FileCopier(paths, settings, classifier, copier, metadataApplier, throttle);
        this.tempNames = new TempPathNames(settings.tempPrefix());
    }

    public TempPathNames getTempNames() {
        return tempNames;
    }

    /**
     * Applies one operation.
     *
     * @param keepRunning checked between chunks of long copies; false stops them as a transient failure
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final BooleanSupplier keepRunning) throws ReplicationException {
        final long started = System.nanoTime();
        try {
            final ReplicationOutcome outcome = switch (operation.type()) {
                case COPY -> copy(operation.path(), keepRunning);
                case MKDIR -> mkdir(operation.path());
                case DELETE -> delete(operation.path());
                case RENAME -> rename(operation.sourcePath(), operation.path(), keepRunning);
                case METADATA -> metadata(operation.path());
            };
            return outcome.withDuration(System.nanoTime() - started);
        } catch (final ReplicationException e) {
            throw e;
        } catch (final IOException | RuntimeException e) {
            throw classifier.classify(e, operation.type() + " " + operation.path());
        }
    }

    /** Copies the current source file, or skips or does nothing when the state says so. */
    public ReplicationOutcome copy(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        return fileCopier.copy(sourcePath, keepRunning, this::mkdir);
    }

    // ------------------------------------------------------------------------------------------------------ MKDIR

    public ReplicationOutcome mkdir(final String sourcePath) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        final SourceFile sourceDirectory = paths.stat(sourcePath);
        if (sourceDirectory == null) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false,
                    "Source " + sourcePath + " no longer exists; a later operation says what happened to it");
        }
        if (!sourceDirectory.directory()) {
            return copy(sourcePath, () -> true);
        }
        if (targetPath.isEmpty()) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "The target root always exists");
        }
        final TargetState state = paths.targetState(targetPath);
        if (state.exists() && !state.directory()) {
            throw new ReplicationException(ReplicationErrorCode.TARGET_TYPE_CONFLICT,
                    "Target " + targetPath + " is a file but source " + sourcePath + " is a directory", null);
        }
        final DataLakeDirectoryClient directory = paths.target().getDirectoryClient(targetPath);
        if (!state.exists()) {
            // the inode id recorded on a directory lets a late DELETE of an older directory of the same name leave it alone
            final DataLakePathCreateOptions options = new DataLakePathCreateOptions().setMetadata(sourceDirectory.toTargetVersion(null).toMetadata());
            if (settings.metadataPreservation().permissions()) {
                options.setPermissions(AccessControlTranslator.toPathPermissions(sourceDirectory.status().getPermission()).toString()).setUmask("0000");
            }
            final Response<PathInfo> response = directory.createIfNotExistsWithResponse(options, null, Context.NONE);
            if (response.getStatusCode() != 409) {
                metadataApplier.applyOwnershipAndAcl(paths.target().getFileClient(targetPath), sourceDirectory);
                return new ReplicationOutcome(ReplicationResult.CREATED, targetPath, 0, 0, 0, 1, false, "Created directory");
            }
        }
        if (settings.metadataPreservation() == MetadataPreservation.NONE) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Directory exists");
        }
        metadataApplier.applyMetadata(sourceDirectory, targetPath, paths.targetState(targetPath));
        return new ReplicationOutcome(ReplicationResult.UPDATED, targetPath, 0, 0, 0, 1, false, "Directory exists; metadata applied");
    }

    // ------------------------------------------------------------------------------------------------------ DELETE

    public ReplicationOutcome delete(final String sourcePath) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        if (settings.deletePolicy() == DeletePolicy.IGNORE) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Deletes are ignored by the Delete Policy");
        }
        if (targetPath.isEmpty()) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "Refusing to delete the target root for " + sourcePath, null);
        }
        final TargetState state = paths.targetState(targetPath);
        if (!state.exists()) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Target already absent");
        }
        final SourceFile current = paths.stat(sourcePath);
        if (current != null && recordedFileId(state) == current.fileId() && current.fileId() != ReplicationOperation.UNKNOWN) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false,
                    "Source " + sourcePath + " exists again as the inode the target holds; kept");
        }
        final DataLakePathDeleteOptions options = new DataLakePathDeleteOptions().setIsRecursive(state.directory());
        if (!state.directory()) {
            options.setRequestConditions(new DataLakeRequestConditions().setIfMatch(state.etag()));
        }
        // a recursive delete of a big directory is paged by the service; the client follows its continuation tokens
        final Response<Boolean> response = paths.target().getDirectoryClient(targetPath).deleteIfExistsWithResponse(options, null, Context.NONE);
        final boolean deleted = response.getValue() == null || response.getValue();
        return new ReplicationOutcome(deleted ? ReplicationResult.DELETED : ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false,
                state.directory() ? "Deleted directory and its children" : "Deleted file");
    }

    private static long recordedFileId(final TargetState state) {
        for (final Map.Entry<String, String> entry : state.metadata().entrySet()) {
            if (TargetVersion.FILE_ID_KEY.equalsIgnoreCase(entry.getKey())) {
                try {
                    return Long.parseLong(entry.getValue());
                } catch (final NumberFormatException e) {
                    return ReplicationOperation.UNKNOWN;
                }
            }
        }
        return ReplicationOperation.UNKNOWN;
    }

    // ------------------------------------------------------------------------------------------------------ RENAME

    public ReplicationOutcome rename(final String fromSourcePath, final String toSourcePath, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final boolean fromCovered = paths.pathMapper().covers(fromSourcePath);
        final boolean toCovered = paths.pathMapper().covers(toSourcePath);
        if (!toCovered) {
            return fromCovered ? delete(fromSourcePath) : new ReplicationOutcome(ReplicationResult.NOOP, "", 0, 0, 0, 1, false,
                    "Neither end of the rename is under the source root");
        }
        final String toTarget = paths.toTargetPath(toSourcePath);
        if (!fromCovered || settings.deletePolicy() == DeletePolicy.IGNORE) {
            return copyTree(toSourcePath, keepRunning);
        }
        final String fromTarget = paths.toTargetPath(fromSourcePath);
        final TargetState fromState = paths.targetState(fromTarget);
        final SourceFile toSource = paths.stat(toSourcePath);
        if (!fromState.exists()) {
            if (toSource == null) {
                return new ReplicationOutcome(ReplicationResult.NOOP, toTarget, 0, 0, 0, 1, false, "Neither the target of the old name nor the source of the new name exists");
            }
            final ReplicationOutcome copied = copyTree(toSourcePath, keepRunning);
            return new ReplicationOutcome(ReplicationResult.RENAMED, toTarget, copied.bytesTransferred(), 0, 0, copied.attempts(), copied.dataSent(),
                    "Old name absent at the target; copied the new name: " + copied.detail());
        }
        final TargetState toState = paths.targetState(toTarget);
        final boolean atomic = !toState.exists() || !toState.directory() && !fromState.directory();
        if (atomic && renameOnTarget(fromTarget, toTarget, toState)) {
            long bytes = 0;
            boolean sent = false;
            String detail = "Renamed " + fromTarget + " atomically";
            if (toSource != null && !toSource.directory() && !fromState.directory()) {
                recordSourcePath(toTarget, toSource);
                final ReplicationOutcome checked = copy(toSourcePath, keepRunning);
                bytes = checked.bytesTransferred();
                sent = checked.dataSent();
                detail += "; content " + checked.result().getAttributeValue();
            }
            return new ReplicationOutcome(ReplicationResult.RENAMED, toTarget, bytes, 0, 0, 1, sent, detail);
        }
        final ReplicationOutcome copied = copyTree(toSourcePath, keepRunning);
        paths.target().getDirectoryClient(fromTarget).deleteIfExistsWithResponse(new DataLakePathDeleteOptions().setIsRecursive(true), null, Context.NONE);
        return new ReplicationOutcome(ReplicationResult.RENAMED, toTarget, copied.bytesTransferred(), 0, 0, copied.attempts(), copied.dataSent(),
                "Atomic rename not safe (the new name exists as a " + (toState.directory() ? "directory" : "file") + "); copied and deleted the old name");
    }

    /** @return false when the destination changed under the rename's condition, so the caller degrades to copy + delete */
    private boolean renameOnTarget(final String fromTarget, final String toTarget, final TargetState toState) throws ReplicationException {
        final DataLakeRequestConditions conditions = toState.exists()
                ? new DataLakeRequestConditions().setIfMatch(toState.etag())
                : new DataLakeRequestConditions().setIfNoneMatch("*");
        final DataLakeFileClient from = paths.target().getFileClient(fromTarget);
        for (int round = 0; round < 2; round++) {
            try {
                from.renameWithResponse(null, toTarget, null, conditions, null, Context.NONE);
                return true;
            } catch (final DataLakeStorageException e) {
                if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                    return false;
                }
                if (e.getStatusCode() == 404 && "RenameDestinationParentPathNotFound".equals(e.getErrorCode()) && toTarget.contains("/")) {
                    paths.target().getDirectoryClient(toTarget.substring(0, toTarget.lastIndexOf('/'))).createIfNotExists();
                    continue;
                }
                throw classifier.classify(e, "Renaming " + fromTarget + " to " + toTarget);
            }
        }
        return false;
    }

    /** After a rename the recorded source path still names the old path: record the new one, keeping the rest. */
    private void recordSourcePath(final String targetPath, final SourceFile sourceFile) {
        final TargetState state = paths.targetState(targetPath);
        if (!state.exists() || state.version() == null) {
            return;
        }
        final Map<String, String> metadata = new LinkedHashMap<>(state.metadata());
        metadata.keySet().removeIf(TargetVersion.SOURCE_PATH_KEY::equalsIgnoreCase);
        metadata.put(TargetVersion.SOURCE_PATH_KEY, sourceFile.toTargetVersion(null).toMetadata().get(TargetVersion.SOURCE_PATH_KEY));
        // fresh client: the one a rename returns double-encodes its URL
        paths.target().getFileClient(targetPath).setMetadataWithResponse(metadata, new DataLakeRequestConditions().setIfMatch(state.etag()), null, Context.NONE);
    }

    /** Copies a source file, or a directory with everything below it (walked with an explicit stack, lazily listed). */
    private ReplicationOutcome copyTree(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final SourceFile root = paths.stat(sourcePath);
        if (root == null) {
            return new ReplicationOutcome(ReplicationResult.NOOP, paths.toTargetPath(sourcePath), 0, 0, 0, 1, false, "Source " + sourcePath + " no longer exists");
        }
        if (!root.directory()) {
            return copy(sourcePath, keepRunning);
        }
        mkdir(sourcePath);
        long bytes = 0;
        int files = 0;
        final Deque<String> directories = new ArrayDeque<>();
        directories.push(sourcePath);
        while (!directories.isEmpty()) {
            final String directory = directories.pop();
            final RemoteIterator<FileStatus> children = paths.source().execute(fileSystem -> fileSystem.listStatusIterator(new Path(directory)));
            while (paths.source().execute(fileSystem -> children.hasNext())) {
                final FileStatus child = paths.source().execute(fileSystem -> children.next());
                final String childPath = child.getPath().toUri().getPath();
                if (child.isDirectory()) {
                    mkdir(childPath);
                    directories.push(childPath);
                } else {
                    final ReplicationOutcome copied = copy(childPath, keepRunning);
                    bytes += copied.bytesTransferred();
                    files++;
                }
            }
        }
        return new ReplicationOutcome(ReplicationResult.COPIED, paths.toTargetPath(sourcePath), bytes, 0, 0, 1, bytes > 0,
                "Copied directory tree (" + files + " files)");
    }


    public ReplicationOutcome metadata(final String sourcePath) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        final SourceFile current = paths.stat(sourcePath);
        if (current == null) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Source " + sourcePath + " no longer exists");
        }
        final TargetState state = paths.targetState(targetPath);
        if (!state.exists()) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Target absent; its copy brings the metadata");
        }
        final boolean versionUpdated = metadataApplier.refreshVersionAfterTimesChange(current, targetPath, state);
        if (settings.metadataPreservation() == MetadataPreservation.NONE) {
            return new ReplicationOutcome(versionUpdated ? ReplicationResult.UPDATED : ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false,
                    versionUpdated ? "Recorded the new modification time of unchanged bytes" : "Metadata is not preserved by policy");
        }
        final String detail = metadataApplier.applyMetadata(current, targetPath, paths.targetState(targetPath));
        return new ReplicationOutcome(ReplicationResult.UPDATED, targetPath, 0, 0, 0, 1, false, detail);
    }

}
