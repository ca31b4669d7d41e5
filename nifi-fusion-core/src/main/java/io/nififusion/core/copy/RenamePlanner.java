package io.nififusion.core.copy;

import io.nififusion.core.operation.ReplicationOperation;

/**
 * The decision of a RENAME A→B (DESIGN §2). Moving target A to B is only right when target A holds the inode that
 * source B is now: after {@code mv a b; create a} target A may already hold the new file, after a swap or a log
 * rotation it may hold another link of the chain, after a late retry it may be gone. In every such case both names are
 * reconciled from the source instead, which costs bytes but never leaves a wrong file.
 */
public final class RenamePlanner {
    private final DeletePolicy deletePolicy;

    public RenamePlanner(final DeletePolicy deletePolicy) {
        this.deletePolicy = deletePolicy;
    }

    /**
     * @param destinationSource source B now, null when absent
     * @param originTarget target A now
     * @param destinationTarget target B now
     */
    public RenameDecision decide(final SourceFile destinationSource, final TargetState originTarget, final TargetState destinationTarget) {
        if (deletePolicy == DeletePolicy.IGNORE || destinationSource == null || !originTarget.exists()) {
            // a move removes A from the target: with deletes ignored, A stays and B is copied
            return RenameDecision.RECONCILE_BOTH;
        }
        final long recorded = originTarget.recordedFileId();
        if (recorded == ReplicationOperation.UNKNOWN || recorded != destinationSource.fileId() || originTarget.directory() != destinationSource.directory()) {
            return RenameDecision.RECONCILE_BOTH;
        }
        if (destinationTarget.exists() && (destinationTarget.directory() || originTarget.directory())) {
            // ADLS does not replace a directory by a rename, nor a file by a directory
            return RenameDecision.RECONCILE_BOTH;
        }
        return RenameDecision.MOVE;
    }
}
