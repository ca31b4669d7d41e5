package io.nififusion.core.copy;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.options.DataLakePathDeleteOptions;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.target.TargetVersion;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Applies replication operations to the ADLS target (DESIGN §2: the source is the truth, a record is a hint). Every
 * operation reads the current state of its path at the source and at the target and makes the target match the
 * source for that path: COPY, MKDIR and METADATA as states, DELETE only of what the source no longer holds, RENAME as
 * an atomic move only when the target holds the very inode that was renamed, and RECONCILE (or PRUNE) of a subtree for
 * everything ambiguous. Every source call runs through {@link SourceAccess}; every failure leaves as a classified
 * {@link ReplicationException}.
 */
public final class AdlsReplicator {
    private static final int MAX_DELETE_ROUNDS = 3;
    private static final int TEMP_DELETES_PER_OPERATION = 4;

    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final FileCopier fileCopier;
    private final MetadataApplier metadataApplier;
    private final DeletePlanner deletePlanner;
    private final RenamePlanner renamePlanner;
    private final TreeReconciler reconciler;
    private final DirectoryApplier directories;

    /**
     * @param executor runs chunk reads and appends of big files; bounded by the caller
     * @param throttle the node's bandwidth limit, shared by all copies
     * @param authenticationMode the target's credential mode, named in authorization failures
     */
    public AdlsReplicator(final SourceAccess source, final DataLakeFileSystemClient target, final TargetPathMapper pathMapper,
                          final ReplicatorSettings settings, final Executor executor, final BandwidthThrottle throttle,
                          final String authenticationMode) {
        this(source, target, pathMapper, settings, executor, throttle, authenticationMode, Clock.systemUTC());
    }

    /** @param clock judges the age of orphaned temp files */
    public AdlsReplicator(final SourceAccess source, final DataLakeFileSystemClient target, final TargetPathMapper pathMapper,
                          final ReplicatorSettings settings, final Executor executor, final BandwidthThrottle throttle,
                          final String authenticationMode, final Clock clock) {
        this.paths = new ReplicationPaths(source, target, pathMapper);
        this.settings = settings;
        this.classifier = new ReplicationErrorClassifier(authenticationMode);
        this.metadataApplier = new MetadataApplier(source, target, settings.metadataPreservation(), settings.identityMapping());
        final ChunkedCopier copier = new ChunkedCopier(settings.chunkSize(), settings.parallelism(), settings.checkpointInterval(), executor,
                throttle, classifier);
        this.fileCopier = new FileCopier(paths, settings, classifier, copier, metadataApplier, throttle);
        this.deletePlanner = new DeletePlanner(settings.deletePolicy());
        this.renamePlanner = new RenamePlanner(settings.deletePolicy());
        this.directories = new DirectoryApplier(paths, settings, metadataApplier);
        this.reconciler = new TreeReconciler(paths, settings, clock, new ReconcileActions());
    }

    /**
     * Applies one operation.
     *
     * @param keepRunning checked between chunks of long copies and directories of reconciles; false stops them as a transient failure
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final BooleanSupplier keepRunning) throws ReplicationException {
        return apply(operation, null, keepRunning);
    }

    /**
     * Applies one operation, resuming the checkpointed temp a failed attempt of the same record reported
     * ({@link ReplicationException#getResumableTempPath()}).
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final String resumeTempPath, final BooleanSupplier keepRunning)
            throws ReplicationException {
        return apply(operation, resumeTempPath, false, keepRunning);
    }

    /**
     * The same for a record a verification sent back because the target's bytes differ from the source version the
     * target records ({@code targetDisproved}): a COPY then writes the file again instead of skipping it as current.
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final String resumeTempPath, final boolean targetDisproved,
                                    final BooleanSupplier keepRunning) throws ReplicationException {
        final long started = System.nanoTime();
        paths.retryTempDeletes(TEMP_DELETES_PER_OPERATION);
        try {
            final ReplicationOutcome outcome = switch (operation.type()) {
                case COPY -> fileCopier.copy(operation.path(), resumeTempPath, targetDisproved, keepRunning, path -> reconcile(path, keepRunning));
                case MKDIR -> mkdir(operation.path(), keepRunning);
                case DELETE -> delete(operation.path(), keepRunning);
                case RENAME -> rename(operation.sourcePath(), operation.path(), keepRunning);
                case METADATA -> metadata(operation.path(), operation.changeSource() == ChangeSource.SNAPSHOT_DIFF, keepRunning);
                case RECONCILE -> reconcile(operation.path(), keepRunning);
                case PRUNE -> reconciler.reconcile(operation.path(), true, keepRunning);
            };
            final String pruned = pruneVanishedParents(operation.type() == OperationType.RENAME ? operation.sourcePath() : null, operation.path(),
                    keepRunning);
            final ReplicationOutcome withParents = pruned == null ? outcome : new ReplicationOutcome(outcome.result(), outcome.targetPath(),
                    outcome.bytesTransferred(), outcome.durationNanos(), outcome.resumedFrom(), outcome.attempts(), outcome.dataSent(),
                    outcome.detail() + "; " + pruned, outcome.openFiles());
            return withParents.withDuration(System.nanoTime() - started);
        } catch (final ReplicationException e) {
            throw e;
        } catch (final IOException | RuntimeException e) {
            throw classifier.classify(e, operation.type() + " " + operation.path());
        }
    }

    /**
     * ADLS creates the missing parents of any path it creates, so an operation that was still running when its source
     * directory was deleted or moved away (a reconcile walking it, a copy into it) can bring that directory back at the
     * target after the directory's DELETE was applied, and no later record names it. After each operation its paths and
     * their parents are looked at: the highest one the source no longer has is deleted as its DELETE deletes it (read
     * first, the source checked again after).
     *
     * @return what was done, or null when every parent is still at the source (one NameNode call in the usual case)
     */
    private String pruneVanishedParents(final String otherPath, final String path, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        if (settings.deletePolicy() == DeletePolicy.IGNORE) {
            return null;
        }
        final StringBuilder done = new StringBuilder();
        for (final String sourcePath : new String[] {otherPath, path}) {
            final String vanished = highestVanished(sourcePath);
            if (vanished != null) {
                final ReplicationOutcome deleted = delete(vanished, keepRunning);
                if (deleted.result() != ReplicationResult.NOOP) {
                    done.append(done.isEmpty() ? "" : "; ").append("parent ").append(vanished).append(" is gone at the source: ").append(deleted.detail());
                }
            }
        }
        return done.isEmpty() ? null : done.toString();
    }

    /** The path itself or its highest parent below the source root that the source no longer has, or null. */
    private String highestVanished(final String sourcePath) throws IOException {
        if (sourcePath == null) {
            return null;
        }
        final TargetPathMapper mapper = paths.pathMapper();
        String vanished = null;
        for (String path = sourcePath; path != null && mapper.covers(path) && !path.equals(mapper.getSourceRoot()) && !settings.exclusions().isExcluded(path);
                path = parentOf(path)) {
            if (paths.stat(path) != null) {
                break;
            }
            vanished = path;
        }
        return vanished;
    }

    private static String parentOf(final String path) {
        final int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }

    /** Deletes the temps that could not be deleted when their copies ended; the processor calls it when it stops. */
    public void retryTempDeletes() {
        paths.retryTempDeletes(Integer.MAX_VALUE);
    }

    /** RECONCILE: the subtree at the path made to match the source, copies and deletes included. */
    public ReplicationOutcome reconcile(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        return reconciler.reconcile(sourcePath, false, keepRunning);
    }

    // ------------------------------------------------------------------------------------------------------ MKDIR

    private ReplicationOutcome mkdir(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final SourceFile sourceDirectory = paths.stat(sourcePath);
        if (sourceDirectory == null) {
            return new ReplicationOutcome(ReplicationResult.NOOP, paths.toTargetPath(sourcePath), 0, 0, 0, 1, false,
                    "Source " + sourcePath + " no longer exists; a later operation says what happened to it");
        }
        final TargetState state = paths.targetState(paths.toTargetPath(sourcePath));
        if (!sourceDirectory.directory() || state.exists() && !state.directory()) {
            return reconcile(sourcePath, keepRunning);
        }
        return directories.ensure(sourceDirectory);
    }

    // ------------------------------------------------------------------------------------------------------ DELETE

    /**
     * DELETE: the target path goes only if the source does not hold it now; if it does, the path is reconciled. The
     * target is read before the source and the source again after the delete, so a path re-created and copied by
     * another node meanwhile is put back rather than lost.
     */
    private ReplicationOutcome delete(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        if (targetPath.isEmpty() || targetPath.equals(paths.pathMapper().getTargetRoot())) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "Refusing to delete the target root for " + sourcePath, null);
        }
        for (int round = 0; round < MAX_DELETE_ROUNDS; round++) {
            final TargetState state = paths.targetState(targetPath);
            final DeleteDecision decision = deletePlanner.decide(paths.stat(sourcePath), state);
            switch (decision) {
                case NOTHING_TO_DELETE -> {
                    return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Target already absent");
                }
                case KEPT_BY_POLICY -> {
                    return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Deletes are ignored by the Delete Policy");
                }
                case RECONCILE -> {
                    return reconcile(sourcePath, keepRunning);
                }
                case DELETE -> {
                    if (!deleteTarget(targetPath, state)) {
                        continue;
                    }
                    if (paths.stat(sourcePath) != null) {
                        final ReplicationOutcome restored = reconcile(sourcePath, keepRunning);
                        return new ReplicationOutcome(ReplicationResult.RECONCILED, targetPath, restored.bytesTransferred(), 0, 0, 1, restored.dataSent(),
                                "Source " + sourcePath + " was re-created during the delete; " + restored.detail(), restored.openFiles());
                    }
                    return new ReplicationOutcome(ReplicationResult.DELETED, targetPath, 0, 0, 0, 1, false,
                            state.directory() ? "Deleted directory and its children" : "Deleted file");
                }
            }
        }
        throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE,
                "Target " + targetPath + " kept changing while deleting it for " + sourcePath, null);
    }

    /** @return false when the file changed since it was looked at (If-Match), so the caller looks again */
    private boolean deleteTarget(final String targetPath, final TargetState state) throws ReplicationException {
        if (targetPath.isEmpty()) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "The source root " + paths.pathMapper().getSourceRoot()
                    + " is gone; it maps to the filesystem root, which replication never deletes: restore the source root or remove the target's"
                    + " contents yourself", null);
        }
        final DataLakePathDeleteOptions options = new DataLakePathDeleteOptions().setIsRecursive(state.directory());
        if (!state.directory()) {
            options.setRequestConditions(new DataLakeRequestConditions().setIfMatch(state.etag()));
        }
        try {
            // a recursive delete of a big directory is paged by the service; the client follows its continuation tokens
            paths.target().getDirectoryClient(targetPath).deleteIfExistsWithResponse(options, null, Context.NONE);
            return true;
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                return false;
            }
            throw classifier.classify(e, "Deleting " + targetPath);
        }
    }

    /** A target path of the other type goes before the source's path replaces it; with deletes ignored that is a conflict for the operator. */
    private void removeForTypeChange(final String sourcePath, final String targetPath, final TargetState state) throws ReplicationException {
        final String targetRoot = paths.pathMapper().getTargetRoot();
        if (targetRoot.equals(targetPath) || targetRoot.startsWith(targetPath + "/")) {
            // not replication's to replace: whatever holds the mapped root's name was there before replication
            throw new ReplicationException(ReplicationErrorCode.TARGET_TYPE_CONFLICT, "Target " + targetPath + " is a "
                    + (state.directory() ? "directory" : "file") + " where the mapped target root " + targetRoot + " should be a directory for source "
                    + paths.pathMapper().getSourceRoot() + "; replication never replaces the target root: move that path away or choose another Target Root",
                    null);
        }
        if (settings.deletePolicy() == DeletePolicy.IGNORE) {
            throw new ReplicationException(ReplicationErrorCode.TARGET_TYPE_CONFLICT, "Target " + targetPath + " is a "
                    + (state.directory() ? "directory" : "file") + " where source " + sourcePath + " is not, and the Delete Policy keeps it", null);
        }
        if (!deleteTarget(targetPath, state)) {
            throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE, "Target " + targetPath + " changed while replacing it", null);
        }
    }

    // ------------------------------------------------------------------------------------------------------ RENAME

    /**
     * RENAME A→B: one atomic move of target A when it holds the inode that source B is now, then B is reconciled (a
     * copy of an old name may have landed meanwhile) and A is decided by its own current source state; otherwise
     * both names are reconciled.
     */
    private ReplicationOutcome rename(final String fromSourcePath, final String toSourcePath, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final boolean fromCovered = paths.pathMapper().covers(fromSourcePath);
        final boolean toCovered = paths.pathMapper().covers(toSourcePath);
        if (!toCovered) {
            return fromCovered ? delete(fromSourcePath, keepRunning) : new ReplicationOutcome(ReplicationResult.NOOP, "", 0, 0, 0, 1, false,
                    "Neither end of the rename is under the source root");
        }
        if (!fromCovered) {
            return reconcile(toSourcePath, keepRunning);
        }
        final String fromTarget = paths.toTargetPath(fromSourcePath);
        final String toTarget = paths.toTargetPath(toSourcePath);
        final TargetState fromState = paths.targetState(fromTarget);
        final TargetState toState = paths.targetState(toTarget);
        final SourceFile toSource = paths.stat(toSourcePath);
        final boolean moved = renamePlanner.decide(toSource, fromState, toState) == RenameDecision.MOVE && moveOnTarget(fromTarget, toTarget, fromState, toState);
        if (moved && !toSource.directory()) {
            recordSourcePath(toTarget, toSource);
        }
        // the temps a moved directory carried belong to copies whose temp path is gone: they can never commit
        final ReplicationOutcome destination = moved && toSource.directory()
                ? reconciler.reconcile(toSourcePath, false, Duration.ZERO, keepRunning) : reconcile(toSourcePath, keepRunning);
        final ReplicationOutcome origin = reconcile(fromSourcePath, keepRunning);
        final List<String> openFiles = new ArrayList<>(destination.openFiles());
        openFiles.addAll(origin.openFiles());
        return new ReplicationOutcome(ReplicationResult.RENAMED, toTarget, destination.bytesTransferred() + origin.bytesTransferred(), 0, 0, 1,
                destination.dataSent() || origin.dataSent(), (moved ? "Moved " + fromTarget + " atomically. " : "Target " + fromTarget
                        + " does not hold the renamed inode; both names reconciled. ") + toTarget + ": " + destination.detail() + " " + fromTarget + ": "
                        + origin.detail(), openFiles);
    }

    /** @return false when either end changed under the move's conditions; the caller then reconciles both names */
    private boolean moveOnTarget(final String fromTarget, final String toTarget, final TargetState fromState, final TargetState toState)
            throws ReplicationException {
        final DataLakeRequestConditions origin = new DataLakeRequestConditions().setIfMatch(fromState.etag());
        final DataLakeRequestConditions destination = toState.exists()
                ? new DataLakeRequestConditions().setIfMatch(toState.etag())
                : new DataLakeRequestConditions().setIfNoneMatch("*");
        for (int round = 0; round < 2; round++) {
            try {
                paths.target().getFileClient(fromTarget).renameWithResponse(null, toTarget, origin, destination, null, Context.NONE);
                return true;
            } catch (final DataLakeStorageException e) {
                if (e.getStatusCode() == 404 && "RenameDestinationParentPathNotFound".equals(e.getErrorCode()) && toTarget.contains("/")) {
                    paths.target().getDirectoryClient(toTarget.substring(0, toTarget.lastIndexOf('/'))).createIfNotExists();
                    continue;
                }
                if (e.getStatusCode() == 412 || e.getStatusCode() == 409 || e.getStatusCode() == 404) {
                    return false;
                }
                throw classifier.classify(e, "Renaming " + fromTarget + " to " + toTarget);
            }
        }
        return false;
    }

    /** After a move the recorded source path still names the old path: record the new one, keeping the rest. */
    private void recordSourcePath(final String targetPath, final SourceFile sourceFile) {
        final TargetState state = paths.targetState(targetPath);
        if (!state.exists() || state.version() == null) {
            return;
        }
        final Map<String, String> metadata = new LinkedHashMap<>(state.metadata());
        metadata.keySet().removeIf(TargetVersion.SOURCE_PATH_KEY::equalsIgnoreCase);
        metadata.put(TargetVersion.SOURCE_PATH_KEY, sourceFile.toTargetVersion(null).toMetadata().get(TargetVersion.SOURCE_PATH_KEY));
        try {
            // fresh client: the one a rename returns double-encodes its URL
            paths.target().getFileClient(targetPath).setMetadataWithResponse(metadata, new DataLakeRequestConditions().setIfMatch(state.etag()), null, Context.NONE);
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() != 412 && e.getStatusCode() != 404) {
                throw e;
            }
            // replaced since: the reconcile that follows decides about the path
        }
    }

    // ------------------------------------------------------------------------------------------------------ METADATA

    /** @param pruneChildren a snapshot difference reported the directory modified: its children the source lacks go too */
    private ReplicationOutcome metadata(final String sourcePath, final boolean pruneChildren, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final ReplicationOutcome applied = applyMetadata(sourcePath, keepRunning);
        if (!pruneChildren) {
            return applied;
        }
        final SourceFile current = paths.stat(sourcePath);
        if (current == null || !current.directory() || !paths.targetState(applied.targetPath()).directory()) {
            return applied;
        }
        final String pruned = reconciler.pruneChildren(sourcePath, keepRunning);
        return pruned == null ? applied
                : new ReplicationOutcome(ReplicationResult.UPDATED, applied.targetPath(), 0, 0, 0, 1, false, applied.detail() + "; children " + pruned);
    }

    private ReplicationOutcome applyMetadata(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        final SourceFile current = paths.stat(sourcePath);
        if (current == null) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Source " + sourcePath + " no longer exists");
        }
        if (targetPath.isEmpty()) {
            return DirectoryApplier.filesystemRootKept();
        }
        final TargetState state = paths.targetState(targetPath);
        if (!state.exists()) {
            return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false, "Target absent; its copy brings the metadata");
        }
        if (state.directory() != current.directory()) {
            return reconcile(sourcePath, keepRunning);
        }
        final boolean versionUpdated = metadataApplier.refreshVersionAfterTimesChange(current, targetPath, state);
        if (settings.metadataPreservation() == MetadataPreservation.NONE) {
            return new ReplicationOutcome(versionUpdated ? ReplicationResult.UPDATED : ReplicationResult.NOOP, targetPath, 0, 0, 0, 1, false,
                    versionUpdated ? "Recorded the new modification time of unchanged bytes" : "Metadata is not preserved by policy");
        }
        final String detail = metadataApplier.applyMetadata(current, targetPath, paths.targetState(targetPath));
        return new ReplicationOutcome(ReplicationResult.UPDATED, targetPath, 0, 0, 0, 1, false, detail);
    }

    /** The replicator's own operations, as the reconcile walk asks for them. */
    private final class ReconcileActions implements TreeReconciler.PathActions {
        @Override
        public ReplicationOutcome copyFile(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
            try {
                // a type change found inside a reconcile was just resolved by it: one that reappears is a rival writer, try later
                return fileCopier.copy(sourcePath, null, keepRunning, path -> {
                    throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE, "Target of " + path + " changed type while reconciling it", null);
                });
            } catch (final ReplicationException e) {
                if (e.getResumableTempPath() == null) {
                    throw e;
                }
                // only a COPY record resumes its temp; the retry of a reconcile walks again and starts a new one
                paths.deleteQuietly(e.getResumableTempPath());
                throw e.withResumableTempPath(null);
            }
        }

        @Override
        public ReplicationOutcome ensureDirectory(final SourceFile sourceDirectory) throws ReplicationException, IOException {
            return AdlsReplicator.this.directories.ensure(sourceDirectory);
        }

        @Override
        public ReplicationOutcome deleteExtra(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
            return delete(sourcePath, keepRunning);
        }

        @Override
        public void removeForTypeChange(final String sourcePath, final String targetPath, final TargetState state) throws ReplicationException {
            AdlsReplicator.this.removeForTypeChange(sourcePath, targetPath, state);
        }
    }
}
