package io.nififusion.core.copy;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import io.nififusion.core.target.TargetVersion;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * RENAME A→B at the target (DESIGN §2): one atomic move of target A when it holds the inode that source B is now, then
 * B is reconciled (a copy of an old name may have landed meanwhile) and A is decided by its own current source state;
 * otherwise both names are reconciled.
 */
final class RenameApplier {
    private final ReplicationPaths paths;
    private final ReplicationErrorClassifier classifier;
    private final RenamePlanner planner;
    private final TreeReconciler reconciler;
    private final DeleteApplier deletes;
    private final ReplacedVersions replacedVersions;

    RenameApplier(final ReplicationPaths paths, final ReplicatorSettings settings, final ReplicationErrorClassifier classifier,
                  final TreeReconciler reconciler, final DeleteApplier deletes, final ReplacedVersions replacedVersions) {
        this.paths = paths;
        this.classifier = classifier;
        this.planner = new RenamePlanner(settings.deletePolicy());
        this.reconciler = reconciler;
        this.deletes = deletes;
        this.replacedVersions = replacedVersions;
    }

    ReplicationOutcome rename(final String fromSourcePath, final String toSourcePath, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final boolean fromCovered = paths.pathMapper().covers(fromSourcePath);
        final boolean toCovered = paths.pathMapper().covers(toSourcePath);
        if (!toCovered) {
            return fromCovered ? deletes.delete(fromSourcePath, keepRunning) : ReplicationOutcome.noop("", "Neither end of the rename is under the source root");
        }
        if (!fromCovered) {
            return reconciler.reconcile(toSourcePath, false, keepRunning);
        }
        final String fromTarget = paths.toTargetPath(fromSourcePath);
        final String toTarget = paths.toTargetPath(toSourcePath);
        final TargetState fromState = paths.targetState(fromTarget);
        final TargetState toState = paths.targetState(toTarget);
        final SourceFile toSource = paths.stat(toSourcePath);
        final boolean moveTried = planner.decide(toSource, fromState, toState) == RenameDecision.MOVE;
        final boolean moved = moveTried && keepReplaced(toTarget, toState, toSource, keepRunning) && moveOnTarget(fromTarget, toTarget, fromState, toState);
        if (moved && !toSource.directory()) {
            recordSourcePath(toTarget, toSource);
        }
        // the temps a moved directory carried belong to copies whose temp path is gone: they can never commit
        final ReplicationOutcome destination = moved && toSource.directory()
                ? reconciler.reconcile(toSourcePath, false, Duration.ZERO, keepRunning) : reconciler.reconcile(toSourcePath, false, keepRunning);
        final ReplicationOutcome origin = reconciler.reconcile(fromSourcePath, false, keepRunning);
        return ReplicationOutcome.renamed(toTarget, (moved ? "Moved " + fromTarget + " atomically. "
                : "Target " + fromTarget + " does not hold the renamed inode; both names reconciled. ")
                + toTarget + ": " + destination.detail() + " " + fromTarget + ": " + origin.detail(), moveTried, destination, origin);
    }

    /**
     * A move over a file of another source file (a rename over it at the source) replaces that version: with Keep
     * Replaced Versions it is saved first, and the move stays conditional on the entity tag the save read.
     *
     * @return false when the destination changed while it was being saved; the caller then reconciles both names
     */
    private boolean keepReplaced(final String toTarget, final TargetState toState, final SourceFile toSource, final BooleanSupplier keepRunning)
            throws ReplicationException {
        if (!replacedVersions.keeps() || !ReplacedVersions.isReplacement(toState, toSource)) {
            return true;
        }
        return replacedVersions.keepBefore(toTarget, toState, toSource, null, keepRunning) != null;
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
}
