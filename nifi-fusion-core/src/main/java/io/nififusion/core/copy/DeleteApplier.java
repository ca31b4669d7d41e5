package io.nififusion.core.copy;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.options.DataLakePathDeleteOptions;

import io.nififusion.core.trash.TrashMover;

import java.io.IOException;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * DELETE's work at the target (DESIGN §2): the target path goes only if the source does not hold it now; if it does,
 * the path is reconciled. Also removes a target path of the other type before the source's path replaces it.
 */
final class DeleteApplier {
    private static final int MAX_DELETE_ROUNDS = 3;

    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final DeletePlanner planner;
    private final TreeReconciler reconciler;
    /** Moves deleted paths into the trash instead, with Delete Policy Keep in Trash; null otherwise. */
    private final TrashMover trash;

    DeleteApplier(final ReplicationPaths paths, final ReplicatorSettings settings, final ReplicationErrorClassifier classifier,
                  final TreeReconciler reconciler, final Clock clock) {
        this.paths = paths;
        this.settings = settings;
        this.classifier = classifier;
        this.planner = new DeletePlanner(settings.deletePolicy());
        this.reconciler = reconciler;
        this.trash = settings.deletePolicy() == DeletePolicy.KEEP_IN_TRASH ? new TrashMover(paths.target(), paths.trash(), clock) : null;
    }

    /**
     * The target is read before the source and the source again after the delete, so a path re-created and copied by
     * another node meanwhile is put back rather than lost.
     */
    ReplicationOutcome delete(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        if (targetPath.isEmpty() || targetPath.equals(paths.pathMapper().getTargetRoot())) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "Refusing to delete the target root for " + sourcePath, null);
        }
        for (int round = 0; round < MAX_DELETE_ROUNDS; round++) {
            final TargetState state = paths.targetState(targetPath);
            switch (planner.decide(paths.stat(sourcePath), state)) {
                case NOTHING_TO_DELETE -> {
                    return ReplicationOutcome.noop(targetPath, "Target already absent");
                }
                case KEPT_BY_POLICY -> {
                    return ReplicationOutcome.noop(targetPath, "Deletes are ignored by the Delete Policy");
                }
                case RECONCILE -> {
                    return reconciler.reconcile(sourcePath, false, keepRunning);
                }
                case DELETE -> {
                    if (!deleteTarget(targetPath, state)) {
                        continue;
                    }
                    if (paths.stat(sourcePath) != null) {
                        final ReplicationOutcome restored = reconciler.reconcile(sourcePath, false, keepRunning);
                        return restored.reportedAs(ReplicationResult.RECONCILED, targetPath,
                                "Source " + sourcePath + " was re-created during the delete; " + restored.detail());
                    }
                    return ReplicationOutcome.deleted(targetPath, (state.directory() ? "Deleted directory and its children" : "Deleted file")
                            + (trash == null ? "" : ", kept in the trash"));
                }
            }
        }
        throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE,
                "Target " + targetPath + " kept changing while deleting it for " + sourcePath, null);
    }

    /** A target path of the other type goes before the source's path replaces it; with deletes ignored that is a conflict for the operator. */
    void removeForTypeChange(final String sourcePath, final String targetPath, final TargetState state) throws ReplicationException {
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

    /** @return false when the file changed since it was looked at (If-Match), so the caller looks again */
    private boolean deleteTarget(final String targetPath, final TargetState state) throws ReplicationException {
        if (targetPath.isEmpty()) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "The source root " + paths.pathMapper().getSourceRoot()
                    + " is gone; it maps to the filesystem root, which replication never deletes: restore the source root or remove the target's"
                    + " contents yourself", null);
        }
        if (trash != null) {
            try {
                // one atomic rename into a new batch: the version the source deleted stays restorable for the retention
                trash.moveToTrash(targetPath, state.directory() ? null : state.etag());
                return true;
            } catch (final DataLakeStorageException e) {
                if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                    return false;
                }
                if (e.getStatusCode() == 404) {
                    return true;
                }
                throw classifier.classify(e, "Moving " + targetPath + " to the trash");
            }
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
}
