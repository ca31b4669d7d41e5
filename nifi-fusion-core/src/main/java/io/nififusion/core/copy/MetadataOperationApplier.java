package io.nififusion.core.copy;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * METADATA's work at the target (DESIGN §2): the source's current permission, owner, group, ACL and times applied as
 * a state, read from the source now. One source read and one target read serve the whole operation: the children
 * prune that a snapshot difference asks for decides on the states already read (its walk lists both sides itself and
 * stops where the source directory is gone).
 */
final class MetadataOperationApplier {
    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final MetadataApplier metadataApplier;
    private final TreeReconciler reconciler;

    MetadataOperationApplier(final ReplicationPaths paths, final ReplicatorSettings settings, final MetadataApplier metadataApplier,
                             final TreeReconciler reconciler) {
        this.paths = paths;
        this.settings = settings;
        this.metadataApplier = metadataApplier;
        this.reconciler = reconciler;
    }

    /** @param pruneChildren a snapshot difference reported the directory modified: its children the source lacks go too */
    ReplicationOutcome apply(final String sourcePath, final boolean pruneChildren, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        final SourceFile current = paths.stat(sourcePath);
        if (current == null) {
            return ReplicationOutcome.noop(targetPath, "Source " + sourcePath + " no longer exists");
        }
        final ReplicationOutcome applied;
        if (targetPath.isEmpty()) {
            applied = DirectoryApplier.filesystemRootKept();
        } else {
            final TargetState state = paths.targetState(targetPath);
            if (!state.exists()) {
                return ReplicationOutcome.noop(targetPath, "Target absent; its copy brings the metadata");
            }
            if (state.directory() != current.directory()) {
                // the reconcile of a type change deletes whatever the source lacks below the path already
                return reconciler.reconcile(sourcePath, false, keepRunning);
            }
            applied = applyTo(current, targetPath, state);
        }
        if (!pruneChildren || !current.directory()) {
            return applied;
        }
        final String pruned = reconciler.pruneChildren(sourcePath, keepRunning);
        return pruned == null ? applied : ReplicationOutcome.updated(applied.targetPath(), applied.detail() + "; children " + pruned);
    }

    private ReplicationOutcome applyTo(final SourceFile current, final String targetPath, final TargetState state) throws IOException {
        final TargetState recorded = metadataApplier.refreshVersionAfterTimesChange(current, targetPath, state);
        if (settings.metadataPreservation() == MetadataPreservation.NONE) {
            return recorded != state ? ReplicationOutcome.updated(targetPath, "Recorded the new modification time of unchanged bytes")
                    : ReplicationOutcome.noop(targetPath, "Metadata is not preserved by policy");
        }
        return ReplicationOutcome.updated(targetPath, metadataApplier.applyMetadata(current, targetPath, recorded));
    }
}
